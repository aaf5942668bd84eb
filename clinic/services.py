"""Writes for practices and their people: practices, patients and clinicians."""

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
from core.audit import Action
from core.errors import InvalidInput, NotPermitted

PATIENT_FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "nhs_number")
PRACTICE_CONTACT_FIELDS = ("name", "address", "phone", "email")
# The local thresholds of the pathway (spec §4): changing one changes urgency tiers.
PRACTICE_POLICY_FIELDS = (
    "lumbar_conservative_weeks",
    "cervical_conservative_weeks",
    "cts_conservative_weeks",
    "cubital_conservative_weeks",
    "radial_review_weeks",
    "cts6_threshold",
    "ncs_before_cts_referral",
)


def _model_errors(instance, *, exclude: list[str] | None = None) -> dict[str, list[str]]:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        return error.message_dict
    return {}


def validate_patient(patient: Patient) -> None:
    """Normalise a patient's details and check them; InvalidInput names each field that is wrong."""
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
    for field, messages in _model_errors(patient, exclude=["practice", "nhs_number"]).items():
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
    validate_patient(patient)
    _save_patient(patient)
    audit.record(actor=clinician.user, action=Action.CREATE, target=patient, practice=clinician.practice)
    return patient


@transaction.atomic
def patient_update(*, clinician: Clinician, patient: Patient, **changes) -> Patient:
    """Correct a patient's details."""
    if patient.practice_id != clinician.practice_id:
        raise NotPermitted("This patient belongs to another practice.")
    for key, value in changes.items():
        if key in PATIENT_FIELDS:
            setattr(patient, key, value if value is not None else "")
    validate_patient(patient)
    _save_patient(patient)
    audit.record(actor=clinician.user, action=Action.UPDATE, target=patient, practice=clinician.practice)
    return patient


def _save_practice(practice: Practice, values: dict) -> None:
    for key, value in values.items():
        if key in PRACTICE_CONTACT_FIELDS + PRACTICE_POLICY_FIELDS:
            setattr(practice, key, value)
    errors = _model_errors(practice)
    if Practice.objects.filter(name=practice.name).exclude(pk=practice.pk).exists():
        errors.setdefault("name", []).append("A practice with this name exists.")
    if errors:
        raise InvalidInput(errors)
    practice.save()


@transaction.atomic
def practice_create(*, user, **fields) -> Practice:
    """Open a practice with its contact details and pathway policy (superusers only)."""
    if not user.is_superuser:
        raise NotPermitted("Only a superuser can open a practice.")
    practice = Practice()
    _save_practice(practice, fields)
    audit.record(actor=user, action=Action.CREATE, target=practice, practice=practice)
    return practice


@transaction.atomic
def practice_update(*, user, practice: Practice, **changes) -> Practice:
    """Change a practice's contact details (its own members or a superuser) or its pathway policy.

    Only a superuser may change the policy: its thresholds decide urgency tiers for every patient.
    """
    member = Clinician.objects.filter(user=user).first() if user.is_authenticated else None
    if not user.is_superuser and (member is None or member.practice_id != practice.pk):
        raise NotPermitted("This practice is not yours.")
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    policy_changes = [
        key for key in PRACTICE_POLICY_FIELDS if key in changes and changes[key] != getattr(locked, key)
    ]
    if policy_changes and not user.is_superuser:
        raise NotPermitted("Only a superuser can change the practice's pathway policy.")
    _save_practice(locked, changes)
    audit.record(actor=user, action=Action.UPDATE, target=locked, practice=locked)
    return locked


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
    "clinic.add_patient",
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
