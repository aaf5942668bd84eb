"""Referral writes: request one (rendering starts after commit), retry a failed one."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from clinic.models import Clinician, SpecialistService
from core import audit
from core.errors import ConflictError, InvalidInput, NotPermitted
from workup.pathways.vocabulary import REFERRAL_NOTE_MAX_LENGTH
from workup.referrals import broker
from workup.referrals.models import ACTIVE_STATUSES, Referral
from workup.referrals.selectors import default_service_for

Status = Referral.Status


class ReferralAlreadyActive(ConflictError):
    """The encounter already has a referral on its way to (or at) this service (a 409)."""

    def __init__(self, referral: Referral) -> None:
        self.referral = referral
        super().__init__(
            {
                "encounter": [
                    f"This encounter already has a referral to {referral.service.name} "
                    f"({referral.status}); it is not sent twice."
                ],
                "referral": [str(referral.public_id)],
            }
        )


def active_referral(*, encounter, service: SpecialistService) -> Referral | None:
    """The encounter's referral that stands at service, if any (at most one: a constraint)."""
    return (
        Referral.objects.select_related("service")
        .filter(encounter=encounter, service=service, status__in=ACTIVE_STATUSES)
        .first()
    )


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
    existing = active_referral(encounter=encounter, service=service)
    if existing is not None:
        raise ReferralAlreadyActive(existing)
    try:
        # A concurrent request for the same pair waits here on the unique index until the first
        # commits, then fails the constraint: it answers with the first one's referral.
        with transaction.atomic():
            referral = Referral.objects.create(
                encounter=encounter,
                service=service,
                requested_by=clinician,
                note=note,
                urgency=encounter.effective_urgency,
            )
    except IntegrityError:
        existing = active_referral(encounter=encounter, service=service)
        if existing is None:
            raise
        raise ReferralAlreadyActive(existing) from None
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
    standing = active_referral(encounter=locked.encounter, service=locked.service)
    if standing is not None:
        raise ReferralAlreadyActive(standing)
    has_pdf = bool(locked.pdf_file)
    update_fields = locked.move_to(
        Status.READY if has_pdf else Status.QUEUED,
        attempts=locked.attempts if has_pdf else 0,
        delivery_attempts=0,
        delivery_started_at=None,
        uncertain_deliveries=0,
        error="",
        failed_at=None,
    )
    try:
        with transaction.atomic():
            locked.save(update_fields=update_fields)
    except IntegrityError:  # a new request for the same pair came in meanwhile
        raise ReferralAlreadyActive(
            active_referral(encounter=locked.encounter, service=locked.service)
        ) from None
    audit.record(actor=user, action="retry", target=locked, practice=locked.encounter.patient.practice)
    referral_id = locked.pk
    enqueue = broker.enqueue_delivery if has_pdf else broker.enqueue_render
    transaction.on_commit(lambda: enqueue(referral_id))
    return locked
