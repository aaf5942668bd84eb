"""Delivery transports: the email transport against a real SMTP server, transient and permanent failures."""

from __future__ import annotations

import pytest

from tests.factories import STAND_IN_PDF, ReferralFactory
from tests.integration.referral_support import SmtpSink, pdf_attachment
from workup.referrals.transports import (
    PermanentDeliveryError,
    TransientDeliveryError,
    Transport,
    transport_for,
)
from workup.referrals.transports.email import EmailTransport

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral():
    return ReferralFactory(ready=True)


def test_a_referral_goes_by_email(referral):
    transport = transport_for(referral)

    assert isinstance(transport, EmailTransport)
    assert isinstance(transport, Transport)


def test_an_accepted_message_carries_the_pdf_to_the_service(referral, smtp_sink, settings):
    smtp_sink.send_mail_here(settings)

    EmailTransport().send(referral, STAND_IN_PDF)

    (message,) = smtp_sink.messages()
    assert message["To"] == referral.service.email
    assert pdf_attachment(message) == STAND_IN_PDF


def test_a_4xx_reply_is_a_transient_error_with_the_server_reply(referral, smtp_sink, settings):
    smtp_sink.send_mail_here(settings)
    smtp_sink.refuse("451 4.3.0 Mail server temporarily unavailable")

    with pytest.raises(TransientDeliveryError, match=r"^451 4\.3\.0 Mail server temporarily unavailable$"):
        EmailTransport().send(referral, STAND_IN_PDF)

    assert smtp_sink.accepted == []


def test_a_5xx_reply_is_a_permanent_error_with_the_server_reply(referral, smtp_sink, settings):
    smtp_sink.send_mail_here(settings)
    smtp_sink.refuse("550 5.7.1 Delivery not authorised")

    with pytest.raises(PermanentDeliveryError, match=r"^550 5\.7\.1 Delivery not authorised$"):
        EmailTransport().send(referral, STAND_IN_PDF)


def test_a_mail_server_that_is_not_listening_is_a_transient_error(referral, settings):
    SmtpSink().send_mail_here(settings)  # a free port, never started

    with pytest.raises(TransientDeliveryError, match="ConnectionRefusedError"):
        EmailTransport().send(referral, STAND_IN_PDF)


def test_transient_and_permanent_errors_are_told_apart_by_type():
    assert not issubclass(TransientDeliveryError, PermanentDeliveryError)
    assert not issubclass(PermanentDeliveryError, TransientDeliveryError)
