"""Referral reads, always starting from the clinician's practice."""

from __future__ import annotations

from django.db.models import QuerySet

from clinic.models import Clinician, SpecialistService
from workup.referrals.models import Referral


def referrals_for(clinician: Clinician) -> QuerySet[Referral]:
    """The referrals of the practice's encounters."""
    return Referral.objects.filter(encounter__patient__practice=clinician.practice_id).select_related(
        "encounter__patient", "service", "requested_by__user"
    )


def default_service_for(encounter) -> SpecialistService | None:
    """The practice's service for the encounter's assessed specialty (first by name), if any."""
    specialty = (encounter.assessment or {}).get("specialty")
    if not specialty or specialty == "none":
        return None
    return (
        SpecialistService.objects.filter(practices=encounter.patient.practice_id, specialty=specialty)
        .order_by("name")
        .first()
    )
