"""Render and deliver referrals exactly once, whatever fails (spec §7).

The database row is the source of truth. Each step claims the row with a conditional
update, so a repeated, duplicated or redelivered task message does nothing; the
periodic sweeper re-sends work that a lost message, a dead worker or a Redis outage
left behind.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import smtplib
import socket
from collections.abc import Callable
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core import audit
from workup.models import Referral
from workup.pdf import render_pdf
from workup.referral_document import REFERRAL_STYLESHEETS, referral_html, source_digest
from workup.referrals import enqueue_render, publish

logger = logging.getLogger(__name__)
Status = Referral.Status
# A referral whose render failed (or whose worker died) this many times is marked
# failed for a person to look at, instead of being retried every sweep for ever.
MAX_RENDER_ATTEMPTS = 5


class TransientDeliveryError(Exception):
    """The mail server could not take the message now; try again later."""


def _stale_before(seconds: int):
    return timezone.now() - timedelta(seconds=seconds)


def claim_for_rendering(referral_id: int) -> Referral | None:
    """Move queued (or abandoned rendering) → rendering; None if another task owns it."""
    now = timezone.now()
    claimable = Q(status=Status.QUEUED) | Q(
        status=Status.RENDERING,
        rendering_started_at__lt=_stale_before(settings.REFERRAL_RENDER_STALE_SECONDS),
    )
    claimed = Referral.objects.filter(claimable, pk=referral_id, attempts__lt=MAX_RENDER_ATTEMPTS).update(
        status=Status.RENDERING, rendering_started_at=now, attempts=F("attempts") + 1, updated_at=now
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
        finished = Referral.objects.filter(
            pk=referral_id, status=Status.RENDERING, rendering_started_at=started_at
        ).update(
            status=Status.READY,
            pdf_file=name,
            pdf_sha256=hashlib.sha256(rendered.content).hexdigest(),
            pages=rendered.pages,
            source_sha256=source_digest(referral.encounter),
            ready_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if finished != 1:
            # A sweeper took over after we were presumed dead; theirs is the one that counts.
            transaction.on_commit(lambda: storage.delete(name))
            return False
        transaction.on_commit(lambda: enqueue_delivery(referral_id))
    return True


def _record_render_failure(referral: Referral, started_at, error: Exception) -> None:
    """Give the row back to the sweeper (or fail it for good after MAX_RENDER_ATTEMPTS)."""
    exhausted = referral.attempts >= MAX_RENDER_ATTEMPTS
    # The exception's type only: its message may quote patient data from the template.
    described = f"Rendering failed (attempt {referral.attempts}): {type(error).__name__}"
    now = timezone.now()
    Referral.objects.filter(pk=referral.pk, status=Status.RENDERING, rendering_started_at=started_at).update(
        status=Status.FAILED if exhausted else Status.QUEUED,
        error=described,
        failed_at=now if exhausted else None,
        updated_at=now,
    )
    logger.warning("referral %s: %s", referral.pk, described)


def enqueue_delivery(referral_id: int) -> bool:
    """Send the delivery task; if the broker is down the sweeper re-sends it later."""
    from workup.tasks import deliver_referral

    return publish(deliver_referral, referral_id)


def _is_transient(error: Exception) -> bool:
    if isinstance(error, SoftTimeLimitExceeded):  # a mail server too slow to answer, this time
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    return isinstance(
        error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | OSError | socket.timeout
    )


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for address, (code, message) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        message = (
            error.smtp_error.decode(errors="replace")
            if isinstance(error.smtp_error, bytes)
            else error.smtp_error
        )
        return f"{error.smtp_code} {message}"
    return f"{type(error).__name__}: {error}"


def referral_email(referral: Referral) -> EmailMessage:
    emergency = referral.urgency == "emergency"
    reference = str(referral.public_id)
    subject = (
        f"EMERGENCY referral — telephone the receiving team as well — ref {reference}"
        if emergency
        else f"{referral.get_urgency_display()} referral — ref {reference}"
    )
    practice = referral.encounter.patient.practice
    body = (
        f"A referral from {practice.name} to {referral.service.name} is attached as a PDF.\n"
        + (
            "This is an EMERGENCY: the referring clinician must also telephone the on-call team; "
            "do not rely on this email alone.\n"
            if emergency
            else ""
        )
        + f"\nReference: {reference}\nPractice telephone: {practice.phone or 'see letterhead'}\n"
        "The attachment contains patient-identifiable information: handle it as confidential.\n"
    )
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[referral.service.email],
        # The same Message-ID on every attempt lets the receiving side discard a duplicate.
        headers={"Message-ID": f"<referral-{reference}@workup>"},
    )
    with storages["private"].open(referral.pdf_file, "rb") as handle:
        message.attach(f"referral-{reference}.pdf", handle.read(), "application/pdf")
    return message


def deliver(*, referral_id: int) -> bool:
    """Email a ready referral's stored PDF; True if this call sent it.

    Raises TransientDeliveryError for the task to retry with backoff.
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
        # Built before sending, so that a storage error is not mistaken for a mail one.
        try:
            message = referral_email(referral)
        except FileNotFoundError:
            _render_again(referral, "The stored PDF was missing; rendering it again.")
            return False
        try:
            message.send(fail_silently=False)
        except Exception as error:
            if not _is_transient(error):
                referral.status = Status.FAILED
                referral.error = f"Delivery refused: {_describe(error)}"
                referral.failed_at = timezone.now()
                referral.save(update_fields=["status", "error", "failed_at", "updated_at"])
                logger.warning("referral %s delivery failed permanently", referral_id)
                return False
            # Recorded inside this transaction, raised after it commits: raising here
            # would roll the record back.
            transient = error
            referral.error = f"Delivery deferred, will retry: {_describe(error)}"
            referral.save(update_fields=["error", "updated_at"])
        else:
            referral.status = Status.SENT
            referral.sent_at = timezone.now()
            referral.error = ""
            referral.save(update_fields=["status", "sent_at", "error", "updated_at"])
            audit.record(
                actor=None,
                action="send",
                target=referral,
                practice=referral.encounter.patient.practice,
                channel="worker",
            )
            return True
    raise TransientDeliveryError(_describe(transient)) from transient


def _render_again(referral: Referral, reason: str) -> None:
    referral.status = Status.QUEUED
    referral.pdf_file = referral.pdf_sha256 = ""
    referral.pages = None
    referral.error = reason
    referral.save(update_fields=["status", "pdf_file", "pdf_sha256", "pages", "error", "updated_at"])
    logger.warning("referral %s: %s", referral.pk, reason)
    referral_id = referral.pk
    transaction.on_commit(lambda: enqueue_render(referral_id))


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
    given_up = Referral.objects.filter(stalled_render, attempts__gte=MAX_RENDER_ATTEMPTS).update(
        status=Status.FAILED,
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
    sent_render = _resend(queued, enqueue_render)
    sent_deliver = _resend(ready, enqueue_delivery)
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
