"""factory_boy factories for the shared cast and their records."""

from __future__ import annotations

from datetime import date

import factory
from django.contrib.auth import get_user_model

from clinic.models import Clinician, Patient, Practice, SpecialistService, Specialty

DEMO_PASSWORD = "a-long-test-password-41"


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice

    name = factory.Sequence(lambda n: f"Practice {n}")
    phone = "01632 960000"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Doctor{n}")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ClinicianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinician

    user = factory.SubFactory(UserFactory)
    practice = factory.SubFactory(PracticeFactory)
    role = Clinician.Role.GP
    registration_number = factory.Sequence(lambda n: f"{7000000 + n}")


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    practice = factory.SubFactory(PracticeFactory)
    given_name = "Jane"
    family_name = factory.Sequence(lambda n: f"Patient{n}")
    date_of_birth = date(1970, 5, 17)
    sex = Patient.Sex.FEMALE


class SpecialistServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecialistService
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Service {n}")
    specialty = Specialty.SPINAL_SURGERY
    email = factory.Sequence(lambda n: f"service{n}@example.org")
    phone = "01632 960999"

    @factory.post_generation
    def practices(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.practices.add(*extracted)
