"""Referral writes: request one, and (in the worker) render and deliver it exactly once."""

from __future__ import annotations

import logging

from django.db import transaction

from clinic.models import Clinician, SpecialistService
from workup import audit
from workup.errors import InvalidInput, NotPermitted
from workup.models import Encounter, Referral

logger = logging.getLogger(__name__)


def enqueue_render(referral_id: int) -> None:
    """Send the render task; if the broker is down the sweeper re-sends it later."""
    from workup.tasks import render_referral

    try:
        render_referral.apply_async(args=[referral_id], retry=False)
    except Exception:  # any broker failure: the row stays queued and the sweeper picks it up
        logger.warning("could not enqueue referral %s; the sweeper will retry", referral_id, exc_info=True)


def default_service_for(encounter: Encounter) -> SpecialistService | None:
    specialty = (encounter.assessment or {}).get("specialty")
    if not specialty or specialty == "none":
        return None
    return (
        SpecialistService.objects.filter(practices=encounter.patient.practice_id, specialty=specialty)
        .order_by("name")
        .first()
    )


@transaction.atomic
def referral_request(
    *,
    clinician: Clinician,
    encounter: Encounter,
    service: SpecialistService | None = None,
    note: str = "",
) -> Referral:
    """Queue a referral of a signed encounter; rendering starts after commit."""
    if not clinician.is_gp:
        raise NotPermitted("Only a GP can refer.")
    if encounter.patient.practice_id != clinician.practice_id:
        raise NotPermitted("This encounter belongs to another practice.")
    errors: dict[str, list[str]] = {}
    if not encounter.is_signed:
        errors["encounter"] = ["Sign the encounter before referring."]
    if service is None:
        service = default_service_for(encounter)
        if service is None and "encounter" not in errors:
            errors["service"] = ["No specialist service for the assessed specialty: choose one."]
    elif not service.practices.filter(pk=clinician.practice_id).exists():
        errors["service"] = ["This service is not in your practice's directory."]
    note = (note or "").strip()
    if len(note) > 2000:
        errors["note"] = ["At most 2000 characters."]
    if errors:
        raise InvalidInput(errors)
    referral = Referral.objects.create(
        encounter=encounter,
        service=service,
        requested_by=clinician,
        note=note,
        urgency=encounter.effective_urgency,
    )
    audit.record(actor=clinician.user, action="refer", target=referral, practice=clinician.practice)
    referral_id = referral.pk
    transaction.on_commit(lambda: enqueue_render(referral_id))
    return referral
