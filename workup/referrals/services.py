"""Referral writes: request one (rendering starts after commit), retry a failed one."""

from __future__ import annotations

from django.db import transaction

from clinic.models import Clinician, SpecialistService
from core import audit
from core.errors import InvalidInput, NotPermitted
from workup.pathways.vocabulary import REFERRAL_NOTE_MAX_LENGTH
from workup.referrals import broker
from workup.referrals.models import Referral
from workup.referrals.selectors import default_service_for

Status = Referral.Status


@transaction.atomic
def referral_request(
    *,
    clinician: Clinician,
    encounter,
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
    if len(note) > REFERRAL_NOTE_MAX_LENGTH:
        errors["note"] = [f"At most {REFERRAL_NOTE_MAX_LENGTH} characters."]
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
    transaction.on_commit(lambda: broker.enqueue_render(referral_id))
    return referral


@transaction.atomic
def referral_retry(*, user, referral: Referral) -> Referral:
    """Back office: send a failed referral round again (re-deliver its PDF, or re-render)."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status != Status.FAILED:
        raise InvalidInput(
            {"status": [f"Only failed referrals can be retried (this one is {locked.status})."]}
        )
    has_pdf = bool(locked.pdf_file)
    update_fields = locked.move_to(
        Status.READY if has_pdf else Status.QUEUED,
        attempts=locked.attempts if has_pdf else 0,
        delivery_attempts=0,
        error="",
        failed_at=None,
    )
    locked.save(update_fields=update_fields)
    audit.record(actor=user, action="retry", target=locked, practice=locked.encounter.patient.practice)
    referral_id = locked.pk
    enqueue = broker.enqueue_delivery if has_pdf else broker.enqueue_render
    transaction.on_commit(lambda: enqueue(referral_id))
    return locked
