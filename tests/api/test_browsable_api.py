"""The session door in a browser: DRF's browsable API pages render (no 500), scoped like the JSON."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import DEMO_PASSWORD

PAGES = {
    "checklist": lambda records: "/api/v1/checklist/",
    "patients": lambda records: "/api/v1/patients/",
    "patient": lambda records: f"/api/v1/patients/{records['patient'].public_id}/",
    "encounters": lambda records: "/api/v1/encounters/",
    "encounter": lambda records: f"/api/v1/encounters/{records['encounter'].public_id}/",
    "referrals": lambda records: "/api/v1/referrals/",
    "referral": lambda records: f"/api/v1/referrals/{records['referral'].public_id}/",
    "services": lambda records: "/api/v1/services/",
}


@pytest.fixture
def browser(gp_a) -> APIClient:
    client = APIClient()
    client.login(username="gp.a", password=DEMO_PASSWORD)
    return client


@pytest.fixture
def records(patient_a, signed_encounter, queued_referral) -> dict:
    return {"patient": patient_a, "encounter": signed_encounter, "referral": queued_referral}


@pytest.mark.parametrize("page", PAGES)
def test_the_browsable_api_page_renders_for_a_signed_in_clinician(browser, records, page):
    response = browser.get(PAGES[page](records), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_the_browsable_encounter_list_offers_the_create_fields(browser, records):
    page = browser.get("/api/v1/encounters/", HTTP_ACCEPT="text/html").content.decode()

    assert 'name="patient"' in page


def test_the_browsable_patient_list_shows_only_the_practice_patients(records, gp_b, practice_b):
    client = APIClient()
    client.login(username="gp.b", password=DEMO_PASSWORD)

    page = client.get("/api/v1/patients/", HTTP_ACCEPT="text/html").content.decode()

    assert "Lovelace" not in page
