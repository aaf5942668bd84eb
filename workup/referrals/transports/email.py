"""Email delivery: the referral PDF attached to a message that names no patient."""

from __future__ import annotations

import smtplib
import socket

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends import smtp

from workup.referrals.models import Referral
from workup.referrals.transports import (
    PermanentDeliveryError,
    TransientDeliveryError,
    Transport,
    UncertainDeliveryError,
)


class HandoverTrackingSMTP(smtplib.SMTP):
    """Notes when the whole message has gone to the server (DATA's content and its final dot).

    From then on the server may have accepted it, so a lost reply does not mean "not delivered".
    """

    message_handed_over = False

    def send(self, s) -> None:
        super().send(s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):  # only DATA's content is sent as bytes
            self.message_handed_over = True


class HandoverTrackingSMTPSSL(HandoverTrackingSMTP, smtplib.SMTP_SSL):
    pass


class HandoverTrackingBackend(smtp.EmailBackend):
    """Django's SMTP backend that remembers whether its last message reached the server whole."""

    message_handed_over = False

    @property
    def connection_class(self):
        return HandoverTrackingSMTPSSL if self.use_ssl else HandoverTrackingSMTP

    def _send(self, email_message) -> bool:
        try:
            return super()._send(email_message)
        finally:
            self.message_handed_over = getattr(self.connection, "message_handed_over", False)


class EmailTransport(Transport):
    """SMTP through Django's mail backend; 4xx replies and lost connections are transient.

    A timeout or lost connection after the message was handed over is UncertainDeliveryError.
    """

    name = "email"

    def send(self, referral: Referral, pdf: bytes) -> None:
        message = referral_email(referral, pdf)
        connection = get_connection(fail_silently=False)
        if type(connection) is smtp.EmailBackend:
            connection = HandoverTrackingBackend(fail_silently=False)
        message.connection = connection
        try:
            message.send(fail_silently=False)
        except Exception as error:  # classified, not retried here: the pipeline decides what follows
            handed_over = getattr(connection, "message_handed_over", False)
            if handed_over and not isinstance(error, smtplib.SMTPResponseException):
                raise UncertainDeliveryError(
                    f"The server had the message, then: {describe(error)}"
                ) from error
            if is_transient(error):
                raise TransientDeliveryError(describe(error)) from error
            raise PermanentDeliveryError(describe(error)) from error


def referral_email(referral: Referral, pdf: bytes) -> EmailMessage:
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
    message.attach(f"referral-{reference}.pdf", pdf, "application/pdf")
    return message


def is_transient(error: Exception) -> bool:
    if isinstance(error, SoftTimeLimitExceeded):  # a mail server too slow to answer, this time
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    return isinstance(
        error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | OSError | socket.timeout
    )


def describe(error: Exception) -> str:
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
