"""The delivery-attempt cap: a referral whose mail keeps being deferred ends failed, with the reason.

A real SMTP server (aiosmtpd) answers every message with a temporary 451.
"""

from __future__ import annotations

import pytest
from django.core import mail

from tests.factories import ReferralFactory
from tests.integration.referral_support import signed_referral
from workup import demo_cases
from workup.models import Referral
from workup.referrals import pipeline

pytestmark = pytest.mark.django_db
Status = Referral.Status
DEFERRAL = "451 4.3.0 Mail server temporarily unavailable"


@pytest.fixture
def deferring_mail_server(smtp_sink, settings):
    smtp_sink.refuse(DEFERRAL, times=1000)
    smtp_sink.send_mail_here(settings)
    return smtp_sink


@pytest.fixture
def cap(settings) -> int:
    settings.REFERRAL_MAX_DELIVERY_ATTEMPTS = 3
    return 3


def test_each_deferred_attempt_is_counted_and_the_referral_stays_ready(deferring_mail_server, cap):
    referral = ReferralFactory(ready=True)

    for attempt in range(1, cap):
        with pytest.raises(pipeline.TransientDeliveryError):
            pipeline.deliver(referral_id=referral.pk)
        after = Referral.objects.get(pk=referral.pk)
        assert (after.status, after.delivery_attempts) == (Status.READY, attempt)
        assert after.error == f"Delivery deferred, will retry: {DEFERRAL}"


def test_the_last_allowed_attempt_fails_the_referral_with_the_reason(deferring_mail_server, cap):
    referral = ReferralFactory(ready=True, delivery_attempts=cap - 1)

    assert pipeline.deliver(referral_id=referral.pk) is False

    after = Referral.objects.get(pk=referral.pk)
    assert after.status == Status.FAILED
    assert after.delivery_attempts == cap
    assert after.error == f"Delivery still deferred after {cap} attempts, so given up: {DEFERRAL}"
    assert after.failed_at is not None
    assert deferring_mail_server.refused == [DEFERRAL]


def test_a_failed_referral_is_not_sent_again(deferring_mail_server, cap):
    referral = ReferralFactory(ready=True, delivery_attempts=cap - 1)
    pipeline.deliver(referral_id=referral.pk)

    assert pipeline.deliver(referral_id=referral.pk) is False

    assert len(deferring_mail_server.refused) == 1


def test_the_cap_defaults_to_ten_attempts():
    from django.conf import settings

    assert settings.REFERRAL_MAX_DELIVERY_ATTEMPTS == 10


def test_a_successful_send_counts_its_attempt(settings):
    referral = ReferralFactory(ready=True, delivery_attempts=2)

    assert pipeline.deliver(referral_id=referral.pk) is True

    after = Referral.objects.get(pk=referral.pk)
    assert (after.status, after.delivery_attempts) == (Status.SENT, 3)
    assert len(mail.outbox) == 1


@pytest.fixture
def eager_celery_with_retries():
    """Eager tasks that retry in place (Celery re-runs a retried eager task only if errors stay inside)."""
    from config.celery import app

    app.conf.task_always_eager, app.conf.task_eager_propagates = True, False
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = False, True


def test_with_eager_tasks_a_mail_server_that_always_defers_ends_in_failed_after_the_cap(
    eager_celery_with_retries,
    deferring_mail_server,
    cap,
    gp_a,
    patient_a,
    services,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = signed_referral(clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers)

    referral.refresh_from_db()
    assert referral.status == Status.FAILED
    assert referral.error == f"Delivery still deferred after {cap} attempts, so given up: {DEFERRAL}"
    assert deferring_mail_server.refused == [DEFERRAL] * cap
    assert deferring_mail_server.accepted == []
