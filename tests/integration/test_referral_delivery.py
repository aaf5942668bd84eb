"""Referral pipeline end to end: request → Redis → real worker → WeasyPrint → SMTP (spec §6–7).

The worker is a separate process, so mail goes to a real SMTP sink on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import io

import pytest
from pypdf import PdfReader

from tests.conftest import WorkerProcess
from tests.integration.referral_support import (
    pdf_attachment,
    referral_status,
    signed_referral,
    stored_pdf,
    stored_pdf_names,
    wait_for,
)
from workup import demo_cases
from workup.models import Referral
from workup.referrals.pdf import pdf_text

pytestmark = pytest.mark.integration
Status = Referral.Status


@pytest.fixture
def mail_worker(worker_environment, smtp_sink, tmp_path):
    worker = WorkerProcess(
        {**worker_environment, **smtp_sink.worker_environment()},
        tmp_path / "worker.log",
        name=f"referral-mail-{id(smtp_sink)}",
    )
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def patient(patient_a):
    patient_a.nhs_number = "9434765919"
    patient_a.save()
    return patient_a


def finished(referral) -> Referral:
    wait_for(
        lambda: referral_status(referral) in (Status.SENT, Status.FAILED),
        seconds=60,
        what="the referral to be sent or fail",
    )
    referral.refresh_from_db()
    return referral


def test_a_requested_referral_is_rendered_and_emailed_once(mail_worker, smtp_sink, gp_a, patient, services):
    referral = signed_referral(clinician=gp_a, patient=patient, answers=demo_cases.L5_FOOT_DROP.answers)

    referral = finished(referral)

    (message,) = smtp_sink.messages()
    attached = pdf_attachment(message)
    assert referral.status == Status.SENT
    assert referral.sent_at is not None
    assert referral.attempts == 1
    assert message["To"] == services["spinal_surgery"].email
    assert hashlib.sha256(attached).hexdigest() == referral.pdf_sha256
    assert hashlib.sha256(stored_pdf(referral)).hexdigest() == referral.pdf_sha256


def test_the_delivered_pdf_carries_banner_patient_findings_reasons_and_page_furniture(
    mail_worker, smtp_sink, gp_a, patient, services
):
    referral = signed_referral(clinician=gp_a, patient=patient, answers=demo_cases.L5_FOOT_DROP.answers)
    referral = finished(referral)

    content = pdf_attachment(smtp_sink.messages()[0])

    text = pdf_text(content)
    pages = len(PdfReader(io.BytesIO(content)).pages)
    assert "URGENT — to be seen within 2 weeks" in text
    assert "Ada Lovelace, born 17 May 1970" in text
    assert "NHS number 9434765919" in text
    assert "Power (MRC 0–5)" in text
    assert "L5 great toe extension 3 5" in text
    assert "Sensation" in text
    for reason in referral.encounter.assessment["reasons"]:
        assert reason["rule"] in text
    assert "Source: BJGP-NECK" in text
    assert "Source: NICE-NG59" in text
    assert "page 1 of" in text
    assert "Confidential — patient identifiable" in text
    assert referral.source_sha256 in text
    assert referral.pages == pages <= 3


def test_an_emergency_referral_tells_the_recipient_to_telephone(
    mail_worker, smtp_sink, gp_a, patient, services
):
    referral = signed_referral(clinician=gp_a, patient=patient, answers=demo_cases.CAUDA_EQUINA.answers)

    referral = finished(referral)

    (message,) = smtp_sink.messages()
    assert referral.status == Status.SENT
    assert referral.urgency == "emergency"
    assert "EMERGENCY" in message["Subject"]
    assert "telephone" in message["Subject"]
    assert "EMERGENCY — same day: telephone the on-call team" in pdf_text(pdf_attachment(message))


def test_a_temporary_mail_refusal_is_retried_and_delivered_once_without_rerendering(
    mail_worker, smtp_sink, gp_a, patient, services
):
    smtp_sink.refuse("451 4.3.0 Mail server temporarily unavailable")
    pdfs_before = stored_pdf_names()
    referral = signed_referral(clinician=gp_a, patient=patient, answers=demo_cases.L5_FOOT_DROP.answers)

    referral = finished(referral)

    (message,) = smtp_sink.messages()
    new_pdfs = stored_pdf_names() - pdfs_before
    assert smtp_sink.refused == ["451 4.3.0 Mail server temporarily unavailable"]
    assert referral.status == Status.SENT
    assert referral.error == ""
    assert referral.attempts == 1
    assert new_pdfs == {referral.pdf_file.removeprefix("referrals/")}
    assert hashlib.sha256(pdf_attachment(message)).hexdigest() == referral.pdf_sha256


def test_a_permanent_mail_refusal_fails_the_referral_with_a_readable_error(
    mail_worker, smtp_sink, gp_a, patient, services
):
    smtp_sink.refuse("550 5.7.1 Delivery not authorised")
    referral = signed_referral(clinician=gp_a, patient=patient, answers=demo_cases.L5_FOOT_DROP.answers)

    referral = finished(referral)

    assert smtp_sink.accepted == []
    assert referral.status == Status.FAILED
    assert referral.error == "Delivery refused: 550 5.7.1 Delivery not authorised"
    assert referral.failed_at is not None
