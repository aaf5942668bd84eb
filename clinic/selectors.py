"""Reads of practices' people, always starting from the reader's practice.

One place decides access: every door (API, pages, admin) reaches patients through patients_for,
so a patient of another practice is simply not found.
"""

from __future__ import annotations

import contextlib
import uuid

from django.db.models import Q, QuerySet

from clinic.models import Clinician, Patient


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
