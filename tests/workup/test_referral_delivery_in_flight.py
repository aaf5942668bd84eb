"""A send is recorded in flight before SMTP; a send whose answer is lost counts as maybe delivered.

Against a real SMTP server (aiosmtpd) in this process; the fault tests with a worker process are in
tests/integration/test_referral_exactly_once.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ReferralFactory
from workup.models import Referral
from workup.referrals import pipeline
from workup.referrals.transports.email import EmailTransport

pytestmark = pytest.mark.django_db
Status = Referral.Status


@pytest.fixture
def mail_server(smtp_sink, settings):
    smtp_sink.send_mail_here(settings)
    settings.EMAIL_TIMEOUT = 1
    return smtp_sink


def test_the_send_is_recorded_in_flight_before_the_transport_talks_to_smtp(mail_server, monkeypatch):
    referral = ReferralFactory(ready=True)
    seen = {}
    send = EmailTransport.send

    def looking_first(self, referral, pdf):
        seen["started_at"] = Referral.objects.get(pk=referral.pk).delivery_started_at
        send(self, referral, pdf)

    monkeypatch.setattr(EmailTransport, "send", looking_first)

    assert pipeline.deliver(referral_id=referral.pk) is True

    after = Referral.objects.get(pk=referral.pk)
    assert seen["started_at"] is not None
    assert (after.status, after.delivery_started_at, after.uncertain_deliveries) == (Status.SENT, None, 0)


def test_a_send_in_flight_elsewhere_is_left_alone(mail_server):
    referral = ReferralFactory(ready=True, delivery_started_at=timezone.now())

    assert pipeline.deliver(referral_id=referral.pk) is False

    assert mail_server.accepted == []


def test_a_send_cut_off_by_a_dead_worker_counts_as_maybe_delivered_and_goes_once_more(mail_server, settings):
    cut_off = timezone.now() - timedelta(seconds=settings.REFERRAL_SEND_STALE_SECONDS + 1)
    referral = ReferralFactory(ready=True, delivery_attempts=1, delivery_started_at=cut_off)

    assert pipeline.deliver(referral_id=referral.pk) is True

    after = Referral.objects.get(pk=referral.pk)
    assert (after.status, after.uncertain_deliveries) == (Status.SENT, 1)
    assert "1 earlier send(s) may also have reached the service" in after.error
    assert [message["Message-ID"] for message in mail_server.messages()] == [
        f"<referral-{referral.public_id}@workup>"
    ]


def test_a_second_send_cut_off_fails_the_referral_for_a_person_to_check(mail_server, settings):
    cut_off = timezone.now() - timedelta(seconds=settings.REFERRAL_SEND_STALE_SECONDS + 1)
    referral = ReferralFactory(
        ready=True, delivery_attempts=2, uncertain_deliveries=1, delivery_started_at=cut_off
    )

    assert pipeline.deliver(referral_id=referral.pk) is False

    after = Referral.objects.get(pk=referral.pk)
    assert (after.status, after.uncertain_deliveries) == (Status.FAILED, 2)
    assert after.error.startswith("Maybe delivered: 2 sends")
    assert "Check with the service" in after.error
    assert mail_server.accepted == []


def test_an_answer_lost_after_the_hand_over_is_retried_once_with_the_same_message_id(mail_server):
    mail_server.stall(seconds=3, times=2)
    referral = ReferralFactory(ready=True)

    with pytest.raises(pipeline.UncertainDeliveryError):
        pipeline.deliver(referral_id=referral.pk)
    deferred = Referral.objects.get(pk=referral.pk)
    assert (deferred.status, deferred.uncertain_deliveries, deferred.delivery_started_at) == (
        Status.READY,
        1,
        None,
    )
    assert "may have reached the service; the next carries the same Message-ID" in deferred.error

    assert pipeline.deliver(referral_id=referral.pk) is False

    failed = Referral.objects.get(pk=referral.pk)
    assert (failed.status, failed.uncertain_deliveries) == (Status.FAILED, 2)
    assert list(mail_server.copies_by_message_id().values()) == [2]


def test_a_refused_connection_before_the_hand_over_is_an_ordinary_deferral(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused at connect
    referral = ReferralFactory(ready=True)

    with pytest.raises(pipeline.TransientDeliveryError) as deferred:
        pipeline.deliver(referral_id=referral.pk)

    assert not isinstance(deferred.value, pipeline.UncertainDeliveryError)
    assert Referral.objects.get(pk=referral.pk).uncertain_deliveries == 0
