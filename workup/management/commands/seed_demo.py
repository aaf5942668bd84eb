"""Demonstration data: two practices, their staff, a specialist directory, sample patients.

Safe to run again: everything is looked up by its natural key before it is created.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.mfa import totp_enrol
from clinic.models import Clinician, Patient, Practice, SpecialistService, Specialty
from clinic.services import clinician_create, patient_create
from workup.demo_cases import DEMO_CASES
from workup.models import Encounter
from workup.services import encounter_create, encounter_sign

DEFAULT_PASSWORD = "workup-demo"
# Demo data only: every demo login's authenticator-app secret (base32), printed beside the password so a
# newcomer and any script can compute the codes (`python scripts/totp_code.py`).
# Real accounts enrol at their first login with a secret of their own.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

PRACTICES = {
    "Riverside Surgery": {
        "address": "1 River Walk\nExampletown EX1 1AA",
        "phone": "01632 960001",
        "email": "riverside.surgery@example.org",
    },
    "Hilltop Medical Centre": {
        "address": "22 Hill Road\nExampletown EX2 2BB",
        "phone": "01632 960002",
        "email": "hilltop.medical@example.org",
    },
}

PEOPLE = [
    # username, practice, role, first, last, registration number
    ("gp.riverside", "Riverside Surgery", "gp", "Asha", "Patel", "7012345"),
    ("gp2.riverside", "Riverside Surgery", "gp", "Tom", "Okafor", "7023456"),
    ("staff.riverside", "Riverside Surgery", "admin_staff", "Jo", "Evans", ""),
    ("gp.hilltop", "Hilltop Medical Centre", "gp", "Maria", "Lopez", "7034567"),
    ("staff.hilltop", "Hilltop Medical Centre", "admin_staff", "Sam", "Reid", ""),
]

SERVICES = [
    ("Exampletown General Emergency Department", Specialty.EMERGENCY_DEPARTMENT, "ed.oncall@example.org"),
    ("Regional Spinal Surgery Service", Specialty.SPINAL_SURGERY, "spinal.referrals@example.org"),
    ("Acute Oncology Service (MSCC coordinator)", Specialty.ACUTE_ONCOLOGY, "mscc.coordinator@example.org"),
    ("Neurology and Neurophysiology", Specialty.NEUROLOGY, "neurology.referrals@example.org"),
    ("Hand Surgery Unit", Specialty.HAND_SURGERY, "hand.surgery@example.org"),
    ("Orthopaedic Spinal Triage", Specialty.ORTHOPAEDICS, "ortho.triage@example.org"),
    ("Rheumatology Early Inflammatory Clinic", Specialty.RHEUMATOLOGY, "rheumatology@example.org"),
    ("MSK Physiotherapy Service", Specialty.PHYSIOTHERAPY, "msk.physio@example.org"),
    # v2 specialties (issue 10): the receiving services for AAA-1, PANC-1 and SCOPE-1/2.
    ("Vascular Surgery On-call", Specialty.VASCULAR_SURGERY, "vascular.oncall@example.org"),
    ("Suspected Lung Cancer Pathway", Specialty.RESPIRATORY, "lung.cancer.pathway@example.org"),
    ("Paediatric Assessment Unit", Specialty.PAEDIATRICS, "paediatrics@example.org"),
]

# Sample patients of Riverside (NHS numbers with valid check digits from the test range).
PATIENT_FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "nhs_number")
PATIENTS = [
    ("Eleanor", "Whitfield", date(1968, 3, 14), "female", "9990000018"),
    ("David", "Brennan", date(1955, 11, 2), "male", "9990000026"),
    ("Priya", "Sharma", date(1979, 6, 23), "female", "9990000034"),
    ("George", "Hughes", date(1986, 1, 30), "male", "9990000042"),
    ("Fatima", "Begum", date(1972, 9, 8), "female", "9990000050"),
]


DEMO_USERNAMES = [username for username, *_ in PEOPLE]


class Command(BaseCommand):
    help = "Load demonstration practices, logins, specialist services and sample encounters (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password for every demo login")

    @transaction.atomic
    def handle(self, *args, password: str, **options):
        practices = {name: self._practice(name, details) for name, details in PRACTICES.items()}
        for username, practice_name, role, first, last, registration in PEOPLE:
            self._clinician(practices[practice_name], username, password, role, first, last, registration)
        self._superuser(password)
        for name, specialty, email in SERVICES:
            service, _ = SpecialistService.objects.get_or_create(
                name=name,
                specialty=specialty,
                defaults={"email": email, "phone": "01632 960100", "address": "Exampletown Hospital"},
            )
            service.practices.add(*practices.values())
        for user in get_user_model().objects.filter(username__in=[*DEMO_USERNAMES, "admin"]):
            totp_enrol(user=user, secret=DEMO_TOTP_SECRET)
        self._sample_encounters(Clinician.objects.get(user__username="gp.riverside"))
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(
            f"Logins (demonstration only), password {password!r}, "
            f"authenticator-app (TOTP) secret {DEMO_TOTP_SECRET}:\n"
            + "\n".join(f"  {username:16} {role:12} {practice}" for username, practice, role, *_ in PEOPLE)
            + "\n  admin            superuser"
        )

    def _practice(self, name: str, details: dict) -> Practice:
        practice, _ = Practice.objects.get_or_create(name=name, defaults=details)
        return practice

    def _clinician(self, practice, username, password, role, first, last, registration) -> None:
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            clinician_create(
                practice=practice,
                username=username,
                password=password,
                role=role,
                first_name=first,
                last_name=last,
                registration_number=registration,
                email=f"{username}@example.org",
            )
        else:
            user.set_password(password)
            user.save(update_fields=["password"])

    def _superuser(self, password: str) -> None:
        user_model = get_user_model()
        user = user_model.objects.filter(username="admin").first()
        if user is None:
            user_model.objects.create_superuser("admin", "admin@example.org", password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])

    def _sample_encounters(self, gp: Clinician) -> None:
        for row, case in zip(PATIENTS, DEMO_CASES, strict=True):
            fields = dict(zip(PATIENT_FIELDS, row, strict=True))
            patient = Patient.objects.filter(practice=gp.practice, nhs_number=fields["nhs_number"]).first()
            if patient is None:
                patient = patient_create(clinician=gp, **fields)
            if Encounter.objects.filter(patient=patient).exists():
                continue
            encounter = encounter_create(clinician=gp, patient=patient, answers=case.answers)
            if case.sign:
                encounter_sign(clinician=gp, encounter=encounter)
