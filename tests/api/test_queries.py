"""List endpoints run a fixed number of queries however long the page, and every list is paginated."""

from __future__ import annotations

import pytest
from rest_framework.pagination import PageNumberPagination

from tests.factories import PatientFactory, SpecialistServiceFactory
from workup import services as encounter_services
from workup.demo_cases import L5_FOOT_DROP
from workup.models import Referral

# Token lookup, clinician lookup, page count, page rows (+ one prefetch of encounters' addenda),
# and one insert of the audit events for the patient-data rows shown.
QUERIES = {"patients": 5, "encounters": 6, "referrals": 5, "services": 4}


def make_patients(gp, count: int) -> None:
    PatientFactory.create_batch(count, practice=gp.practice)


def make_encounters(gp, count: int) -> None:
    patient = PatientFactory(practice=gp.practice)
    for number in range(count):
        encounter = encounter_services.encounter_create(
            clinician=gp, patient=patient, answers=L5_FOOT_DROP.answers
        )
        if number % 2:
            encounter = encounter_services.encounter_sign(clinician=gp, encounter=encounter)
            encounter_services.addendum_create(clinician=gp, encounter=encounter, text="Seen again.")


def make_referrals(gp, count: int) -> None:
    patient = PatientFactory(practice=gp.practice)
    # One service each: an encounter has at most one active referral per service (a constraint).
    services = SpecialistServiceFactory.create_batch(count, practices=[gp.practice])
    encounter = encounter_services.encounter_sign(
        clinician=gp,
        encounter=encounter_services.encounter_create(
            clinician=gp, patient=patient, answers=L5_FOOT_DROP.answers
        ),
    )
    Referral.objects.bulk_create(
        Referral(encounter=encounter, service=service, requested_by=gp, urgency="urgent")
        for service in services
    )


def make_services(gp, count: int) -> None:
    SpecialistServiceFactory.create_batch(count, practices=[gp.practice])


MAKERS = {
    "patients": make_patients,
    "encounters": make_encounters,
    "referrals": make_referrals,
    "services": make_services,
}


@pytest.mark.parametrize("rows", [2, 12])
@pytest.mark.parametrize("endpoint", MAKERS)
def test_a_list_runs_a_fixed_number_of_queries(client_a, gp_a, django_assert_num_queries, endpoint, rows):
    MAKERS[endpoint](gp_a, rows)

    with django_assert_num_queries(QUERIES[endpoint]):
        response = client_a.get(f"/api/v1/{endpoint}/")

    assert response.status_code == 200
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("endpoint", MAKERS)
def test_a_list_is_paginated(client_a, gp_a, monkeypatch, endpoint):
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)  # read from settings at import
    MAKERS[endpoint](gp_a, 3)

    first = client_a.get(f"/api/v1/{endpoint}/").json()
    second = client_a.get(first["next"]).json()

    assert first["count"] == 3
    assert (len(first["results"]), first["previous"]) == (2, None)
    assert (len(second["results"]), second["next"]) == (1, None)
    assert second["previous"] is not None
    assert not {item["id"] for item in first["results"]} & {item["id"] for item in second["results"]}


@pytest.mark.parametrize("endpoint", MAKERS)
def test_a_page_past_the_end_is_a_404(client_a, gp_a, endpoint):
    assert client_a.get(f"/api/v1/{endpoint}/", {"page": 99}).status_code == 404
