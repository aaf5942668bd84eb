"""The reads of patient data, always starting from the clinician's practice.

One place decides access: every door looks objects up through these functions, so an
object of another practice is simply not found (a 404, never a 403 that confirms it exists).
"""

from __future__ import annotations

import contextlib
import uuid

from django.db.models import Q, QuerySet

from clinic.models import Clinician, Patient, SpecialistService
from workup.models import Encounter
from workup.referrals.selectors import referrals_for  # noqa: F401 (re-exported for the doors)


def clinician_for(user) -> Clinician | None:
    """The user's practice membership, or None (superusers without one see nothing)."""
    if not user.is_authenticated:
        return None
    return Clinician.objects.select_related("practice", "user").filter(user=user).first()


def patients_for(clinician: Clinician, *, search: str = "") -> QuerySet[Patient]:
    """The practice's patients; search matches every word against a name, an NHS number prefix or an id."""
    patients = Patient.objects.filter(practice=clinician.practice_id)
    # PostgreSQL refuses NUL in a query string; no name or number contains one.
    search = search.replace("\x00", "").strip()
    if search:
        digits = search.replace(" ", "")
        condition = Q()
        for word in search.split():
            condition &= Q(given_name__icontains=word) | Q(family_name__icontains=word)
        if digits.isdigit():
            condition |= Q(nhs_number__startswith=digits)
        with contextlib.suppress(ValueError):
            condition |= Q(public_id=uuid.UUID(search))
        patients = patients.filter(condition)
    return patients


def encounters_for(clinician: Clinician) -> QuerySet[Encounter]:
    """The practice's encounters, with what their serialisation needs joined in."""
    return Encounter.objects.filter(patient__practice=clinician.practice_id).select_related(
        "patient__practice", "clinician__user", "signed_by__user"
    )


def filter_encounters(
    encounters: QuerySet[Encounter], *, patient: str | None, urgency: str | None, status: str | None
) -> QuerySet[Encounter]:
    """Apply the list filters; an unparseable patient id matches nothing."""
    if patient:
        try:
            encounters = encounters.filter(patient__public_id=uuid.UUID(patient))
        except ValueError:
            return encounters.none()
    if urgency:
        encounters = encounters.filter(
            Q(urgency_override=urgency) | Q(urgency_override="", computed_urgency=urgency)
        )
    if status:
        encounters = encounters.filter(status=status)
    return encounters


def services_for(clinician: Clinician) -> QuerySet[SpecialistService]:
    """The specialist services in the practice's directory."""
    return SpecialistService.objects.filter(practices=clinician.practice_id)


def get_or_none(queryset: QuerySet, public_id) -> object | None:
    try:
        return queryset.get(public_id=uuid.UUID(str(public_id)))
    except (ValueError, queryset.model.DoesNotExist):
        return None
