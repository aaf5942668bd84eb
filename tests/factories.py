"""factory_boy factories for the shared cast and their records (ReferralFactory: a referral in any state)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from clinic.models import Clinician, Patient, Practice, SpecialistService, Specialty

DEMO_PASSWORD = "a-long-test-password-41"
# Every factory user is enrolled with this authenticator-app secret (accounts.mfa.totp_enrol), as every
# real account must be; current_totp() gives the code an app would show now.
TEST_TOTP_SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF"


def current_totp() -> str:
    """The cast's current TOTP code; allauth refuses a code used before, so the caller clears the cache
    (where used codes are remembered) if it logs in twice within one 30-second step."""
    import pyotp

    return pyotp.TOTP(TEST_TOTP_SECRET).now()


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

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        """UserFactory(second_factor=False): a user who has not enrolled yet."""
        from accounts.mfa import totp_enrol

        if create and extracted is not False:
            totp_enrol(user=obj, secret=TEST_TOTP_SECRET)


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


def signed_encounter_for(clinician, answers: dict | None = None):
    """A signed encounter of a new patient of the clinician's practice, made through the real services."""
    from workup import services
    from workup.demo_cases import L5_FOOT_DROP

    patient = PatientFactory(practice=clinician.practice)
    encounter = services.encounter_create(
        clinician=clinician, patient=patient, answers=L5_FOOT_DROP.answers if answers is None else answers
    )
    return services.encounter_sign(clinician=clinician, encounter=encounter)


STAND_IN_PDF = b"%PDF-1.4\n% a stand-in for a rendered referral\n%%EOF\n"


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral row in a chosen state: ReferralFactory(ready=True), (sent=True), (failed=True) …

    The default is a freshly requested (queued) referral of a signed urgent encounter. States with a
    PDF have STAND_IN_PDF stored in the private storage under `pdf_file`.
    """

    class Meta:
        model = "workup.Referral"
        skip_postgeneration_save = True

    class Params:
        rendered = factory.Trait(
            attempts=1,
            rendering_started_at=factory.LazyFunction(timezone.now),
            pdf_file=factory.LazyFunction(lambda: f"referrals/{uuid.uuid4().hex}.pdf"),
            pdf_sha256=hashlib.sha256(STAND_IN_PDF).hexdigest(),
            pages=1,
            ready_at=factory.LazyFunction(timezone.now),
        )
        rendering = factory.Trait(
            status="rendering", attempts=1, rendering_started_at=factory.LazyFunction(timezone.now)
        )
        ready = factory.Trait(status="ready", rendered=True)
        sent = factory.Trait(
            status="sent", rendered=True, delivery_attempts=1, sent_at=factory.LazyFunction(timezone.now)
        )
        failed = factory.Trait(
            status="failed",
            rendered=True,
            delivery_attempts=1,
            error="Delivery refused: 550 5.1.1 No such mailbox",
            failed_at=factory.LazyFunction(timezone.now),
        )
        failed_to_render = factory.Trait(
            status="failed",
            attempts=5,
            error="Rendering did not complete after 5 attempts.",
            failed_at=factory.LazyFunction(timezone.now),
        )

    requested_by = factory.SubFactory(ClinicianFactory)
    encounter = factory.LazyAttribute(lambda referral: signed_encounter_for(referral.requested_by))
    service = factory.LazyAttribute(
        lambda referral: SpecialistServiceFactory(practices=[referral.requested_by.practice_id])
    )
    urgency = factory.LazyAttribute(lambda referral: referral.encounter.effective_urgency)
    status = "queued"

    @factory.post_generation
    def _store_pdf(obj, create, extracted, **kwargs):
        if create and obj.pdf_file:
            storages["private"].save(obj.pdf_file, ContentFile(STAND_IN_PDF))
