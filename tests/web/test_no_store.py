"""Pages with patient data, API answers and PDF downloads tell browsers and proxies to keep no copy."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "url",
    [
        lambda records: reverse("dashboard"),
        lambda records: reverse("patients"),
        lambda records: reverse("patient", args=[records["patient"].public_id]),
        lambda records: reverse("encounter", args=[records["signed"].public_id]),
        lambda records: reverse("referral", args=[records["referral"].public_id]),
    ],
    ids=["dashboard", "patients", "patient", "encounter", "referral"],
)
def test_pages_with_patient_data_are_not_stored(client_a, patient_a, signed, referral, url):
    records = {"patient": patient_a, "signed": signed, "referral": referral}

    response = client_a.get(url(records))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_pdf_download_page_is_not_stored(client_a, referral):
    response = client_a.get(reverse("referral-pdf", args=[referral.public_id]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"


def test_the_api_pdf_download_is_not_stored(gp_a, referral):
    from tests.api.conftest import client_for

    response = client_for(gp_a).get(f"/api/v1/referrals/{referral.public_id}/pdf/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
