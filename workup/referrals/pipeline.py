"""Render and deliver referrals exactly once, whatever fails (spec §7).

The database row is the source of truth. Each step claims the row with a conditional
update, so a repeated, duplicated or redelivered task message does nothing; the
periodic sweeper re-sends work that a lost message, a dead worker or a Redis outage
left behind. Every status change goes through the transition table in models.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core import audit
from workup.referrals import broker
from workup.referrals.document import REFERRAL_STYLESHEETS, referral_html, source_digest
from workup.referrals.models import Referral
from workup.referrals.pdf import render_pdf
from workup.referrals.transports import PermanentDeliveryError, TransientDeliveryError, transport_for

__all__ = ["PermanentDeliveryError", "TransientDeliveryError", "deliver", "render", "sweep"]

logger = logging.getLogger(__name__)
Status = Referral.Status
# A referral whose render failed (or whose worker died) this many times is marked
# failed for a person to look at, instead of being retried every sweep for ever.
MAX_RENDER_ATTEMPTS = 5


def _stale_before(seconds: int):
    return timezone.now() - timedelta(seconds=seconds)


def claim_for_rendering(referral_id: int) -> Referral | None:
    """Move queued (or abandoned rendering) → rendering; None if another task owns it."""
    now = timezone.now()
    claimable = Q(status=Status.QUEUED) | Q(
        status=Status.RENDERING,
        rendering_started_at__lt=_stale_before(settings.REFERRAL_RENDER_STALE_SECONDS),
    )
    claimed = Referral.objects.filter(claimable, pk=referral_id, attempts__lt=MAX_RENDER_ATTEMPTS).move(
        source=(Status.QUEUED, Status.RENDERING),
        target=Status.RENDERING,
        rendering_started_at=now,
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if claimed != 1:
        return None
    return Referral.objects.select_related(
        "encounter__patient__practice",
        "encounter__clinician__user",
        "encounter__signed_by__user",
        "service",
        "requested_by__user",
    ).get(pk=referral_id)


def render(*, referral_id: int) -> bool:
    """Render the PDF of a claimed referral and store it; True if this call did the work."""
    referral = claim_for_rendering(referral_id)
    if referral is None:
        logger.info("referral %s not claimable for rendering; nothing to do", referral_id)
        return False
    started_at = referral.rendering_started_at
    try:
        rendered = render_pdf(referral_html(referral), stylesheets=REFERRAL_STYLESHEETS)
    except Exception as error:
        _record_render_failure(referral, started_at, error)
        raise
    name = f"referrals/{secrets.token_hex(20)}.pdf"  # unguessable, and never in a public URL
    storage = storages["private"]
    storage.save(name, ContentFile(rendered.content))
    with transaction.atomic():
        finished = Referral.objects.filter(pk=referral_id, rendering_started_at=started_at).move(
            source=Status.RENDERING,
            target=Status.READY,
            pdf_file=name,
            pdf_sha256=hashlib.sha256(rendered.content).hexdigest(),
            pages=rendered.pages,
            source_sha256=source_digest(referral.encounter),
            ready_at=timezone.now(),
        )
        if finished != 1:
            # A sweeper took over after we were presumed dead; theirs is the one that counts.
            transaction.on_commit(lambda: storage.delete(name))
            return False
        transaction.on_commit(lambda: broker.enqueue_delivery(referral_id))
    return True


def _record_render_failure(referral: Referral, started_at, error: Exception) -> None:
    """Give the row back to the sweeper (or fail it for good after MAX_RENDER_ATTEMPTS)."""
    exhausted = referral.attempts >= MAX_RENDER_ATTEMPTS
    # The exception's type only: its message may quote patient data from the template.
    described = f"Rendering failed (attempt {referral.attempts}): {type(error).__name__}"
    now = timezone.now()
    Referral.objects.filter(pk=referral.pk, rendering_started_at=started_at).move(
        source=Status.RENDERING,
        target=Status.FAILED if exhausted else Status.QUEUED,
        error=described,
        failed_at=now if exhausted else None,
        updated_at=now,
    )
    logger.warning("referral %s: %s", referral.pk, described)


def deliver(*, referral_id: int) -> bool:
    """Send a ready referral's stored PDF by its transport; True if this call sent it.

    Raises TransientDeliveryError for the task to retry with backoff, until the referral has
    had REFERRAL_MAX_DELIVERY_ATTEMPTS tries; then it is failed for the back office to see.
    """
    with transaction.atomic():
        # The row lock serialises concurrent deliveries: the second finds it sent.
        referral = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("service", "encounter__patient__practice")
            .filter(pk=referral_id, status=Status.READY)
            .first()
        )
        if referral is None:
            return False
        # Read before sending, so that a storage error is not mistaken for a delivery one.
        try:
            with storages["private"].open(referral.pdf_file, "rb") as handle:
                pdf = handle.read()
        except FileNotFoundError:
            _render_again(referral, "The stored PDF was missing; rendering it again.")
            return False
        referral.delivery_attempts += 1
        try:
            transport_for(referral).send(referral, pdf)
        except PermanentDeliveryError as error:
            _fail_delivery(referral, f"Delivery refused: {error}")
            return False
        except TransientDeliveryError as error:
            cap = settings.REFERRAL_MAX_DELIVERY_ATTEMPTS
            if referral.delivery_attempts >= cap:
                _fail_delivery(
                    referral, f"Delivery still deferred after {cap} attempts, so given up: {error}"
                )
                return False
            # Recorded inside this transaction, raised after it commits: raising here
            # would roll the record back.
            transient = error
            referral.error = f"Delivery deferred, will retry: {error}"
            referral.save(update_fields=["error", "delivery_attempts", "updated_at"])
        else:
            referral.save(
                update_fields=[
                    *referral.move_to(Status.SENT, sent_at=timezone.now(), error=""),
                    "delivery_attempts",
                ]
            )
            audit.record(
                actor=None,
                action="send",
                target=referral,
                practice=referral.encounter.patient.practice,
                channel="worker",
            )
            return True
    raise transient


def _fail_delivery(referral: Referral, reason: str) -> None:
    update_fields = referral.move_to(Status.FAILED, error=reason, failed_at=timezone.now())
    referral.save(update_fields=[*update_fields, "delivery_attempts"])
    logger.warning("referral %s delivery failed after %s attempt(s)", referral.pk, referral.delivery_attempts)


def _render_again(referral: Referral, reason: str) -> None:
    update_fields = referral.move_to(Status.QUEUED, pdf_file="", pdf_sha256="", pages=None, error=reason)
    referral.save(update_fields=update_fields)
    logger.warning("referral %s: %s", referral.pk, reason)
    referral_id = referral.pk
    transaction.on_commit(lambda: broker.enqueue_render(referral_id))


def _resend(referral_ids: list[int], enqueue: Callable[[int], bool]) -> list[int]:
    sent = []
    for referral_id in referral_ids:
        if not enqueue(referral_id):
            break  # the broker is down: stop here rather than wait on it once per row
        sent.append(referral_id)
    return sent


def sweep() -> dict[str, int]:
    """Re-send the work that stalled: queued or abandoned renders, undelivered PDFs."""
    now = timezone.now()
    stalled_render = Q(
        status=Status.QUEUED, updated_at__lt=_stale_before(settings.REFERRAL_QUEUED_STALE_SECONDS)
    ) | Q(
        status=Status.RENDERING,
        rendering_started_at__lt=_stale_before(settings.REFERRAL_RENDER_STALE_SECONDS),
    )
    given_up = Referral.objects.filter(stalled_render, attempts__gte=MAX_RENDER_ATTEMPTS).move(
        source=(Status.QUEUED, Status.RENDERING),
        target=Status.FAILED,
        error=f"Rendering did not complete after {MAX_RENDER_ATTEMPTS} attempts.",
        failed_at=now,
        updated_at=now,
    )
    # Oldest first, so that a backlog cannot starve the longest-waiting referral.
    queued = list(
        Referral.objects.filter(stalled_render).order_by("updated_at").values_list("pk", flat=True)[:500]
    )
    ready = list(
        Referral.objects.filter(
            status=Status.READY, updated_at__lt=_stale_before(settings.REFERRAL_READY_STALE_SECONDS)
        )
        .order_by("updated_at")
        .values_list("pk", flat=True)[:500]
    )
    sent_render = _resend(queued, broker.enqueue_render)
    sent_deliver = _resend(ready, broker.enqueue_delivery)
    # Restart their clocks so the next sweep does not pile a second message on the first.
    Referral.objects.filter(pk__in=sent_render, status=Status.QUEUED).update(updated_at=now)
    Referral.objects.filter(pk__in=sent_deliver, status=Status.READY).update(updated_at=now)
    if queued or ready or given_up:
        logger.info(
            "sweeper re-sent %d render(s) and %d deliver(ies); gave up on %d",
            len(sent_render),
            len(sent_deliver),
            given_up,
        )
    return {"render": len(sent_render), "deliver": len(sent_deliver), "failed": given_up}
