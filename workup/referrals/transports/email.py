"""Email delivery: the referral PDF attached to a message that names no patient."""

from __future__ import annotations

import smtplib
import socket

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage

from workup.referrals.models import Referral
from workup.referrals.transports import PermanentDeliveryError, TransientDeliveryError, Transport


class EmailTransport(Transport):
    """SMTP through Django's mail backend; 4xx replies and lost connections are transient."""

    name = "email"

    def send(self, referral: Referral, pdf: bytes) -> None:
        message = referral_email(referral, pdf)
        try:
            message.send(fail_silently=False)
        except Exception as error:  # classified, not retried here: the pipeline decides what follows
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
