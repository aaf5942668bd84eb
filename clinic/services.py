"""Writes for practices' people: patients and clinicians."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clinic.models import Clinician, Patient, Practice
from clinic.validators import nhs_number_problem, normalise_nhs_number
from core import audit
from core.errors import InvalidInput, NotPermitted

PATIENT_FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "nhs_number")


def _clean_patient(patient: Patient) -> None:
    errors: dict[str, list[str]] = {}
    patient.given_name = (patient.given_name or "").strip()
    patient.family_name = (patient.family_name or "").strip()
    if patient.nhs_number:
        patient.nhs_number = normalise_nhs_number(patient.nhs_number)
        problem = nhs_number_problem(patient.nhs_number)
        if problem:
            errors["nhs_number"] = [problem]
    if isinstance(patient.date_of_birth, date) and patient.date_of_birth > timezone.localdate():
        errors["date_of_birth"] = ["The date of birth cannot be in the future."]
    try:
        patient.full_clean(exclude=["practice", "nhs_number"], validate_unique=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if (
        patient.nhs_number
        and Patient.objects.filter(practice=patient.practice_id, nhs_number=patient.nhs_number)
        .exclude(pk=patient.pk)
        .exists()
    ):
        errors.setdefault("nhs_number", []).append(
            "A patient with this NHS number is already registered here."
        )
    if errors:
        raise InvalidInput(errors)


def _save_patient(patient: Patient) -> None:
    try:
        with transaction.atomic():
            patient.save()
    except IntegrityError as error:  # a concurrent registration of the same NHS number
        raise InvalidInput(
            {"nhs_number": ["A patient with this NHS number is already registered here."]}
        ) from error


@transaction.atomic
def patient_create(*, clinician: Clinician, **fields) -> Patient:
    """Register a patient in the clinician's practice."""
    patient = Patient(practice=clinician.practice, **{key: fields.get(key) or "" for key in PATIENT_FIELDS})
    if not fields.get("date_of_birth"):
        patient.date_of_birth = None
    _clean_patient(patient)
    _save_patient(patient)
    audit.record(actor=clinician.user, action="create", target=patient, practice=clinician.practice)
    return patient


@transaction.atomic
def patient_update(*, clinician: Clinician, patient: Patient, **changes) -> Patient:
    """Correct a patient's details."""
    if patient.practice_id != clinician.practice_id:
        raise NotPermitted("This patient belongs to another practice.")
    for key, value in changes.items():
        if key in PATIENT_FIELDS:
            setattr(patient, key, value if value is not None else "")
    _clean_patient(patient)
    _save_patient(patient)
    audit.record(actor=clinician.user, action="update", target=patient, practice=clinician.practice)
    return patient


@transaction.atomic
def clinician_create(
    *,
    practice: Practice,
    username: str,
    password: str,
    role: str = Clinician.Role.GP,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    registration_number: str = "",
    staff: bool = False,
) -> Clinician:
    """Onboard a user into a practice; admin staff also get the back office."""
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise InvalidInput({"username": [f"The username {username!r} is taken."]})
    if role == Clinician.Role.GP and not registration_number:
        raise InvalidInput({"registration_number": ["A GP needs a professional registration number."]})
    user = user_model(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=staff or role == Clinician.Role.ADMIN_STAFF,
    )
    try:
        from django.contrib.auth.password_validation import validate_password

        validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput({"password": list(error.messages)}) from error
    user.set_password(password)
    user.save()
    if role == Clinician.Role.ADMIN_STAFF:
        user.groups.add(practice_staff_group())
    return Clinician.objects.create(
        user=user, practice=practice, role=role, registration_number=registration_number
    )


STAFF_PERMISSIONS = (
    "clinic.view_practice",
    "clinic.change_practice",
    "clinic.view_clinician",
    "clinic.view_patient",
    "clinic.change_patient",
    "clinic.view_specialistservice",
    "workup.view_encounter",
    "workup.view_addendum",
    "workup.view_referral",
    "core.view_auditevent",
)


def practice_staff_group() -> Group:
    """The back-office permissions of practice admin staff (rows are scoped to their practice)."""
    group, _ = Group.objects.get_or_create(name="Practice admin staff")
    wanted = []
    for name in STAFF_PERMISSIONS:
        app_label, codename = name.split(".")
        wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    group.permissions.set(wanted)
    return group
