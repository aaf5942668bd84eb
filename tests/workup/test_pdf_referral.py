"""The referral PDF (spec §6): what it says, and that free text cannot make it fetch anything."""

from __future__ import annotations

import hashlib
import io
import socket

import pytest
from django.core.files.storage import storages
from pypdf import PdfReader

from tests.integration.referral_support import signed_referral
from workup import demo_cases
from workup.models import Referral
from workup.referrals import pipeline
from workup.referrals.pdf import pdf_text, render_pdf

pytestmark = pytest.mark.django_db

HOSTILE_NOTE = (
    'See <img src="file:///etc/passwd"> and '
    '<link rel=stylesheet href="http://127.0.0.1:{port}/x.css"> '
    '<base href="file:///">'
)


@pytest.fixture
def patient(patient_a):
    patient_a.nhs_number = "9434765919"
    patient_a.save()
    return patient_a


def rendered(referral: Referral) -> tuple[Referral, bytes]:
    assert pipeline.render(referral_id=referral.pk)
    referral.refresh_from_db()
    with storages["private"].open(referral.pdf_file, "rb") as stored:
        return referral, stored.read()


@pytest.fixture
def listening_socket():
    """A socket that would see any connection the renderer tried to make."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        server.setblocking(False)
        yield server


def nothing_connected(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


def test_the_standard_referral_is_at_most_three_pages(gp_a, patient, services):
    referral = signed_referral(clinician=gp_a, patient=patient, answers=demo_cases.L5_FOOT_DROP.answers)

    referral, content = rendered(referral)

    assert referral.pages == len(PdfReader(io.BytesIO(content)).pages) <= 3


def test_every_page_says_confidential_the_patient_and_page_x_of_y(gp_a, patient, services):
    referral = signed_referral(clinician=gp_a, patient=patient, answers=demo_cases.L5_FOOT_DROP.answers)

    referral, content = rendered(referral)

    reader = PdfReader(io.BytesIO(content))
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Confidential — patient identifiable" in text
        assert "Ada Lovelace" in text
        assert "17 May 1970" in text
        assert f"page {number} of {len(reader.pages)}" in text


def test_markup_in_the_note_is_printed_as_text_and_fetches_nothing(gp_a, patient, services, listening_socket):
    note = HOSTILE_NOTE.format(port=listening_socket.getsockname()[1])
    referral = signed_referral(
        clinician=gp_a, patient=patient, answers=demo_cases.L5_FOOT_DROP.answers, note=note
    )

    referral, content = rendered(referral)

    text = " ".join(pdf_text(content).split())
    assert '<img src="file:///etc/passwd">' in text
    assert "<link rel=stylesheet href=" in text
    assert '<base href="file:///">' in text
    assert "root:" not in text
    assert nothing_connected(listening_socket)


def test_the_renderer_itself_fetches_nothing_outside_the_pdf_assets(listening_socket):
    port = listening_socket.getsockname()[1]
    html = (
        '<base href="file:///">'
        f'<link rel=stylesheet href="http://127.0.0.1:{port}/x.css">'
        '<link rel=stylesheet href="etc/passwd">'
        '<img src="file:///etc/passwd"><img src="etc/hostname">'
        f'<img src="https://127.0.0.1:{port}/pixel.png">'
        "<p>Body text</p>"
    )

    content = render_pdf(html).content

    text = pdf_text(content)
    assert "Body text" in text
    assert "root:" not in text
    assert nothing_connected(listening_socket)


def test_the_last_page_names_the_document_versions_and_source_digest(gp_a, patient, services):
    referral = signed_referral(clinician=gp_a, patient=patient, answers=demo_cases.L5_FOOT_DROP.answers)

    referral, content = rendered(referral)

    last_page = PdfReader(io.BytesIO(content)).pages[-1].extract_text()
    assert str(referral.public_id) in last_page
    assert referral.encounter.ruleset_version in last_page
    assert referral.encounter.checklist_version in last_page
    assert referral.source_sha256 in last_page


def test_an_urgency_override_is_shown_with_the_computed_tier_and_reason(gp_a, patient, services):
    referral = signed_referral(
        clinician=gp_a,
        patient=patient,
        answers=demo_cases.L5_FOOT_DROP.answers,
        urgency_override="emergency",
        override_reason="Rapidly worsening weakness since this morning.",
    )

    referral, content = rendered(referral)

    text = " ".join(pdf_text(content).split())
    assert "EMERGENCY — same day: telephone the on-call team" in text
    assert "Computed by the rules: URGENT — to be seen within 2 weeks" in text
    assert "Rapidly worsening weakness since this morning." in text


def test_the_stored_pdf_matches_its_recorded_digest(gp_a, patient, services):
    referral = signed_referral(clinician=gp_a, patient=patient, answers=demo_cases.L5_FOOT_DROP.answers)

    referral, content = rendered(referral)

    assert hashlib.sha256(content).hexdigest() == referral.pdf_sha256
