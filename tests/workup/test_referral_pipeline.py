"""The referral pipeline's steps called directly: each is safe to run twice (spec §7).

Unit tests: no worker, the locmem mail backend, Celery messages intercepted.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import time
from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.files.storage import storages
from django.utils import timezone

from tests.factories import ReferralFactory
from tests.integration.referral_support import celery_broker, free_port, signed_referral
from workup import demo_cases
from workup.models import Referral
from workup.referrals import broker, pipeline

pytestmark = pytest.mark.django_db
Status = Referral.Status


@pytest.fixture
def referral(gp_a, patient_a, services) -> Referral:
    return signed_referral(clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers)


@pytest.fixture
def ready_referral(referral) -> Referral:
    assert pipeline.render(referral_id=referral.pk)
    referral.refresh_from_db()
    return referral


@pytest.fixture
def enqueued(monkeypatch) -> dict[str, list[int]]:
    """The ids the sweeper would send to the broker, by step."""
    sent: dict[str, list[int]] = {"render": [], "deliver": []}

    def recorder(step: str):
        def enqueue(referral_id: int) -> bool:
            sent[step].append(referral_id)
            return True

        return enqueue

    monkeypatch.setattr(broker, "enqueue_render", recorder("render"))
    monkeypatch.setattr(broker, "enqueue_delivery", recorder("deliver"))
    return sent


def age(referral: Referral, *, seconds: int, **fields) -> None:
    past = timezone.now() - timedelta(seconds=seconds)
    Referral.objects.filter(pk=referral.pk).update(updated_at=past, **fields)


def test_a_requested_referral_is_saved_as_queued(referral):
    referral.refresh_from_db()

    assert referral.status == Status.QUEUED
    assert referral.attempts == 0


def test_rendering_twice_renders_once(referral):
    first = pipeline.render(referral_id=referral.pk)
    stored = Referral.objects.get(pk=referral.pk)

    second = pipeline.render(referral_id=referral.pk)

    referral.refresh_from_db()
    assert (first, second) == (True, False)
    assert referral.status == Status.READY
    assert referral.attempts == 1
    assert (referral.pdf_file, referral.pdf_sha256) == (stored.pdf_file, stored.pdf_sha256)


def test_delivering_twice_sends_once(ready_referral):
    first = pipeline.deliver(referral_id=ready_referral.pk)
    second = pipeline.deliver(referral_id=ready_referral.pk)

    ready_referral.refresh_from_db()
    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1
    assert ready_referral.status == Status.SENT
    assert ready_referral.sent_at is not None


def test_the_email_carries_the_stored_pdf_to_the_service(ready_referral, services):
    pipeline.deliver(referral_id=ready_referral.pk)

    (message,) = mail.outbox
    ((filename, content, media_type),) = message.attachments
    assert message.to == [services["spinal_surgery"].email]
    assert media_type == "application/pdf"
    assert filename == f"referral-{ready_referral.public_id}.pdf"
    assert hashlib.sha256(content).hexdigest() == ready_referral.pdf_sha256


def test_the_email_names_no_patient(ready_referral, patient_a):
    pipeline.deliver(referral_id=ready_referral.pk)

    (message,) = mail.outbox
    for text in (message.subject, message.body):
        assert patient_a.family_name not in text
        assert patient_a.given_name not in text


def test_delivery_before_the_pdf_is_ready_sends_nothing(referral):
    assert pipeline.deliver(referral_id=referral.pk) is False

    assert mail.outbox == []


@pytest.mark.parametrize("state", ["ready", "sent", "failed", "failed_to_render"])
def test_claim_refuses_a_referral_past_rendering(state):
    referral = ReferralFactory(**{state: True})

    assert pipeline.claim_for_rendering(referral.pk) is None

    after = Referral.objects.get(pk=referral.pk)
    assert (after.status, after.attempts) == (referral.status, referral.attempts)


def test_claim_refuses_a_referral_another_worker_is_rendering(referral):
    assert pipeline.claim_for_rendering(referral.pk) is not None

    assert pipeline.claim_for_rendering(referral.pk) is None

    assert Referral.objects.get(pk=referral.pk).attempts == 1


def test_claim_takes_over_a_render_abandoned_past_its_deadline(referral, settings):
    settings.REFERRAL_RENDER_STALE_SECONDS = 60
    pipeline.claim_for_rendering(referral.pk)
    age(referral, seconds=61, rendering_started_at=timezone.now() - timedelta(seconds=61))

    assert pipeline.claim_for_rendering(referral.pk) is not None

    assert Referral.objects.get(pk=referral.pk).attempts == 2


def test_a_render_that_finishes_after_a_takeover_keeps_the_new_one(referral, settings, monkeypatch):
    settings.REFERRAL_RENDER_STALE_SECONDS = 60
    real_render_pdf = pipeline.render_pdf

    def render_then_lose_the_row(html, **options):
        # While this render ran, it was presumed dead and another worker took over.
        Referral.objects.filter(pk=referral.pk).update(rendering_started_at=timezone.now())
        return real_render_pdf(html, **options)

    monkeypatch.setattr(pipeline, "render_pdf", render_then_lose_the_row)

    assert pipeline.render(referral_id=referral.pk) is False

    assert Referral.objects.get(pk=referral.pk).status == Status.RENDERING


def test_a_failed_render_goes_back_to_the_queue_without_patient_data(referral, monkeypatch, patient_a):
    def broken(html, **options):
        raise ValueError(f"could not lay out {patient_a.family_name}")

    monkeypatch.setattr(pipeline, "render_pdf", broken)

    with pytest.raises(ValueError):
        pipeline.render(referral_id=referral.pk)

    referral.refresh_from_db()
    assert referral.status == Status.QUEUED
    assert referral.error == "Rendering failed (attempt 1): ValueError"


def test_a_render_that_keeps_failing_is_marked_failed(referral, monkeypatch):
    Referral.objects.filter(pk=referral.pk).update(attempts=pipeline.MAX_RENDER_ATTEMPTS - 1)
    monkeypatch.setattr(pipeline, "render_pdf", lambda html, **options: 1 / 0)

    with pytest.raises(ZeroDivisionError):
        pipeline.render(referral_id=referral.pk)

    referral.refresh_from_db()
    assert referral.status == Status.FAILED
    assert referral.failed_at is not None


def test_a_temporary_mail_refusal_keeps_the_pdf_and_asks_for_a_retry(ready_referral, monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPDataError(451, b"4.3.0 Mail server temporarily unavailable")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)

    with pytest.raises(pipeline.TransientDeliveryError):
        pipeline.deliver(referral_id=ready_referral.pk)

    after = Referral.objects.get(pk=ready_referral.pk)
    assert after.status == Status.READY
    assert (after.pdf_file, after.pdf_sha256) == (ready_referral.pdf_file, ready_referral.pdf_sha256)
    assert "451 4.3.0 Mail server temporarily unavailable" in after.error


def test_a_permanent_mail_refusal_fails_the_referral_with_a_readable_error(ready_referral, monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({"spine@example.org": (550, b"5.1.1 No such mailbox")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)

    assert pipeline.deliver(referral_id=ready_referral.pk) is False

    after = Referral.objects.get(pk=ready_referral.pk)
    assert after.status == Status.FAILED
    assert after.error == "Delivery refused: spine@example.org: 550 5.1.1 No such mailbox"


def test_sweeper_resends_queued_referrals_past_their_deadline(referral, enqueued, settings):
    settings.REFERRAL_QUEUED_STALE_SECONDS = 120
    age(referral, seconds=121)

    pipeline.sweep()

    assert enqueued == {"render": [referral.pk], "deliver": []}


def test_sweeper_resends_renders_abandoned_past_their_deadline(referral, enqueued, settings):
    settings.REFERRAL_RENDER_STALE_SECONDS = 120
    pipeline.claim_for_rendering(referral.pk)
    age(referral, seconds=121, rendering_started_at=timezone.now() - timedelta(seconds=121))

    pipeline.sweep()

    assert enqueued == {"render": [referral.pk], "deliver": []}


def test_sweeper_resends_ready_referrals_past_their_deadline(ready_referral, enqueued, settings):
    settings.REFERRAL_READY_STALE_SECONDS = 300
    age(ready_referral, seconds=301)

    pipeline.sweep()

    assert enqueued == {"render": [], "deliver": [ready_referral.pk]}


def test_sweeper_ignores_fresh_referrals_in_every_state(enqueued):
    fresh = [ReferralFactory(), ReferralFactory(rendering=True), ReferralFactory(ready=True)]
    assert sorted(referral.status for referral in fresh) == ["queued", "ready", "rendering"]

    pipeline.sweep()

    assert enqueued == {"render": [], "deliver": []}
    assert [Referral.objects.get(pk=referral.pk).status for referral in fresh] == [
        referral.status for referral in fresh
    ]


@pytest.mark.parametrize("state", ["sent", "failed", "failed_to_render"])
def test_sweeper_ignores_sent_and_failed_referrals(state, enqueued):
    finished = ReferralFactory(**{state: True})
    age(finished, seconds=100_000, rendering_started_at=timezone.now() - timedelta(seconds=100_000))

    pipeline.sweep()

    assert enqueued == {"render": [], "deliver": []}
    assert Referral.objects.get(pk=finished.pk).status == finished.status


def test_sweeper_restarts_the_clock_of_what_it_resent(referral, enqueued, settings):
    settings.REFERRAL_QUEUED_STALE_SECONDS = 120
    age(referral, seconds=121)

    pipeline.sweep()
    pipeline.sweep()

    assert enqueued["render"] == [referral.pk]


def test_sweeper_gives_up_on_a_referral_whose_renders_keep_dying(referral, enqueued, settings):
    settings.REFERRAL_RENDER_STALE_SECONDS = 120
    long_ago = timezone.now() - timedelta(seconds=121)
    age(
        referral,
        seconds=121,
        status=Status.RENDERING,
        rendering_started_at=long_ago,
        attempts=pipeline.MAX_RENDER_ATTEMPTS,
    )

    pipeline.sweep()

    referral.refresh_from_db()
    assert enqueued["render"] == []
    assert referral.status == Status.FAILED
    assert "did not complete" in referral.error


def test_referral_request_with_the_broker_unreachable_still_saves_the_row_quickly(
    gp_a, patient_a, services, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.WARNING, logger="workup.referrals")
    with celery_broker(f"redis://127.0.0.1:{free_port()}/0"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            referral = signed_referral(
                clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers
            )
        elapsed = time.monotonic() - started

    assert len(callbacks) == 1
    assert elapsed < 3
    assert Referral.objects.get(pk=referral.pk).status == Status.QUEUED
    assert "could not enqueue workup.render_referral" in caplog.text


def test_a_ready_referral_whose_stored_pdf_is_lost_is_rendered_again(
    ready_referral, enqueued, django_capture_on_commit_callbacks
):
    storages["private"].delete(ready_referral.pdf_file)

    with django_capture_on_commit_callbacks(execute=True):
        assert pipeline.deliver(referral_id=ready_referral.pk) is False
    assert pipeline.render(referral_id=ready_referral.pk)

    after = Referral.objects.get(pk=ready_referral.pk)
    assert mail.outbox == []
    assert enqueued["render"] == [ready_referral.pk]
    assert after.status == Status.READY
    assert after.pdf_file != ready_referral.pdf_file


def test_a_mail_server_too_slow_for_the_time_limit_is_retried_not_failed(ready_referral, monkeypatch):
    def hang(self, fail_silently=False):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("django.core.mail.EmailMessage.send", hang)

    with pytest.raises(pipeline.TransientDeliveryError):
        pipeline.deliver(referral_id=ready_referral.pk)

    assert Referral.objects.get(pk=ready_referral.pk).status == Status.READY


def test_sweeper_stops_at_the_first_broker_failure_and_keeps_the_rows_due(
    gp_a, patient_a, services, settings, monkeypatch
):
    settings.REFERRAL_QUEUED_STALE_SECONDS = 120
    referrals = [
        signed_referral(clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers)
        for _ in range(3)
    ]
    for referral in referrals:
        age(referral, seconds=121)
    attempts: list[int] = []

    def broker_down(referral_id: int) -> bool:
        attempts.append(referral_id)
        return False

    monkeypatch.setattr(broker, "enqueue_render", broker_down)

    assert pipeline.sweep()["render"] == 0

    assert len(attempts) == 1
    stale_before = timezone.now() - timedelta(seconds=120)
    assert Referral.objects.filter(status=Status.QUEUED, updated_at__lt=stale_before).count() == 3


@pytest.fixture
def eager_celery():
    from config.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_with_eager_tasks_a_request_is_rendered_and_delivered_through_the_tasks(
    eager_celery, gp_a, patient_a, services, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = signed_referral(clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers)

    referral.refresh_from_db()
    assert referral.status == Status.SENT
    assert len(mail.outbox) == 1
