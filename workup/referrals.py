"""Referral writes: request one, and (in the worker) render and deliver it exactly once."""

from __future__ import annotations

import logging

from celery import Task
from django.db import transaction

from clinic.models import Clinician, SpecialistService
from core import audit
from core.errors import InvalidInput, NotPermitted
from workup.models import Encounter, Referral

logger = logging.getLogger(__name__)


# A request must not wait on a dead broker: one connection attempt, bounded in time.
# kombu's default is to retry for broker_connection_timeout and more (about 6 s
# against a refused port, minutes against an unreachable host).
ENQUEUE_CONNECT_TIMEOUT_SECONDS = 2


def publish(task: Task, referral_id: int) -> bool:
    """Send task(referral_id) to the broker, trying once; False if the broker is unreachable.

    Losing the message is safe: the row is the source of truth and the sweeper re-sends.
    """
    if task.app.conf.task_always_eager:
        task.apply_async(args=[referral_id])
        return True
    try:
        with task.app.connection_for_write(
            connect_timeout=ENQUEUE_CONNECT_TIMEOUT_SECONDS,
            transport_options={"socket_connect_timeout": ENQUEUE_CONNECT_TIMEOUT_SECONDS},
        ) as connection:
            connection.ensure_connection(max_retries=0, timeout=ENQUEUE_CONNECT_TIMEOUT_SECONDS)
            task.apply_async(args=[referral_id], connection=connection, retry=False)
    except Exception:  # any broker failure: the row stays put and the sweeper re-sends it
        logger.warning("could not enqueue %s for referral %s", task.name, referral_id, exc_info=True)
        return False
    return True


def enqueue_render(referral_id: int) -> bool:
    """Send the render task; if the broker is down the sweeper re-sends it later."""
    from workup.tasks import render_referral

    return publish(render_referral, referral_id)


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


@transaction.atomic
def referral_retry(*, user, referral: Referral) -> Referral:
    """Back office: send a failed referral round again (re-deliver its PDF, or re-render)."""
    from workup.referral_pipeline import enqueue_delivery

    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status != Referral.Status.FAILED:
        raise InvalidInput(
            {"status": [f"Only failed referrals can be retried (this one is {locked.status})."]}
        )
    has_pdf = bool(locked.pdf_file)
    locked.status = Referral.Status.READY if has_pdf else Referral.Status.QUEUED
    locked.attempts = locked.attempts if has_pdf else 0
    locked.error = ""
    locked.failed_at = None
    locked.save(update_fields=["status", "attempts", "error", "failed_at", "updated_at"])
    audit.record(actor=user, action="retry", target=locked, practice=locked.encounter.patient.practice)
    referral_id = locked.pk
    transaction.on_commit(lambda: (enqueue_delivery if has_pdf else enqueue_render)(referral_id))
    return locked
