"""GET, POST /api/v1/patients/ and GET, PATCH /api/v1/patients/{id}/ (spec §5)."""

from __future__ import annotations

import pytest

from clinic.models import Patient
from core.models import AuditEvent
from tests.factories import PatientFactory

PATIENTS_URL = "/api/v1/patients/"
VALID_NHS_NUMBER = "9434765919"  # the NHS Digital worked example: check digit 9
NEW_PATIENT = {
    "given_name": "Mary",
    "family_name": "Seacole",
    "date_of_birth": "1960-11-23",
    "sex": "female",
    "nhs_number": VALID_NHS_NUMBER,
}


def patient_url(patient) -> str:
    return f"/api/v1/patients/{patient.public_id}/"


def test_creating_a_patient_answers_201_with_its_fields(client_a, gp_a):
    response = client_a.post(PATIENTS_URL, NEW_PATIENT, format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {
        "id",
        "given_name",
        "family_name",
        "date_of_birth",
        "sex",
        "nhs_number",
        "created_at",
    }
    assert {key: body[key] for key in NEW_PATIENT} == NEW_PATIENT
    assert Patient.objects.get(public_id=body["id"]).practice == gp_a.practice


def test_a_patient_may_be_created_without_an_nhs_number(client_a):
    data = {key: value for key, value in NEW_PATIENT.items() if key != "nhs_number"}

    response = client_a.post(PATIENTS_URL, data, format="json")

    assert response.status_code == 201
    assert response.json()["nhs_number"] == ""


def test_an_nhs_number_with_spaces_is_stored_as_ten_digits(client_a):
    response = client_a.post(PATIENTS_URL, {**NEW_PATIENT, "nhs_number": "943 476 5919"}, format="json")

    assert response.status_code == 201
    assert response.json()["nhs_number"] == VALID_NHS_NUMBER


def test_listing_patients_is_paginated(client_a, patient_a):
    response = client_a.get(PATIENTS_URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    assert body["results"][0]["id"] == str(patient_a.public_id)


def test_patient_search_matches_a_name(client_a, gp_a, patient_a):
    PatientFactory(practice=gp_a.practice, given_name="Florence", family_name="Nightingale")

    response = client_a.get(PATIENTS_URL, {"q": "lovel"})

    assert [patient["id"] for patient in response.json()["results"]] == [str(patient_a.public_id)]


def test_patient_search_matches_given_and_family_name_together(client_a, gp_a, patient_a):
    PatientFactory(practice=gp_a.practice, given_name="Ada", family_name="Yonath")

    response = client_a.get(PATIENTS_URL, {"q": "ada lovelace"})

    assert [patient["id"] for patient in response.json()["results"]] == [str(patient_a.public_id)]


def test_patient_search_matches_an_nhs_number_typed_with_spaces(client_a, gp_a, patient_a):
    numbered = PatientFactory(practice=gp_a.practice, nhs_number=VALID_NHS_NUMBER)

    response = client_a.get(PATIENTS_URL, {"q": "943 476 5919"})

    assert [patient["id"] for patient in response.json()["results"]] == [str(numbered.public_id)]


def test_patient_search_with_no_match_returns_an_empty_page(client_a, patient_a):
    response = client_a.get(PATIENTS_URL, {"q": "nobody-by-this-name"})

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_getting_a_patient_returns_its_fields(client_a, patient_a):
    response = client_a.get(patient_url(patient_a))

    assert response.status_code == 200
    assert response.json()["family_name"] == "Lovelace"


def test_viewing_a_patient_is_audited(client_a, gp_a, patient_a):
    client_a.get(patient_url(patient_a))

    event = AuditEvent.objects.get(action="view", object_id=str(patient_a.public_id))
    assert event.actor == gp_a.user
    assert event.channel == "api"


def test_patching_a_patient_changes_only_the_given_fields(client_a, patient_a):
    response = client_a.patch(patient_url(patient_a), {"given_name": "Augusta"}, format="json")

    assert response.status_code == 200
    patient_a.refresh_from_db()
    assert (patient_a.given_name, patient_a.family_name) == ("Augusta", "Lovelace")


@pytest.mark.parametrize("nhs_number", ["9434765918", "943476591", "94347659190", "94347659AB"])
def test_a_bad_nhs_number_is_a_400_naming_the_field(client_a, nhs_number):
    response = client_a.post(PATIENTS_URL, {**NEW_PATIENT, "nhs_number": nhs_number}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["nhs_number"]


def test_a_wrong_check_digit_is_explained(client_a):
    response = client_a.post(PATIENTS_URL, {**NEW_PATIENT, "nhs_number": "9434765918"}, format="json")

    assert "check digit" in response.json()["nhs_number"][0]


def test_nine_digits_are_explained(client_a):
    response = client_a.post(PATIENTS_URL, {**NEW_PATIENT, "nhs_number": "943476591"}, format="json")

    assert response.json()["nhs_number"] == ["An NHS number has exactly 10 digits."]


def test_a_bad_nhs_number_in_a_patch_is_a_400_and_changes_nothing(client_a, patient_a):
    response = client_a.patch(patient_url(patient_a), {"nhs_number": "9434765918"}, format="json")

    assert response.status_code == 400
    patient_a.refresh_from_db()
    assert patient_a.nhs_number == ""


def test_an_unknown_sex_value_is_a_400(client_a):
    response = client_a.post(PATIENTS_URL, {**NEW_PATIENT, "sex": "yes"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["sex"]


def test_a_date_of_birth_in_the_future_is_a_400(client_a):
    response = client_a.post(PATIENTS_URL, {**NEW_PATIENT, "date_of_birth": "2999-01-01"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["date_of_birth"]


def test_missing_required_patient_fields_are_named(client_a):
    response = client_a.post(PATIENTS_URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"given_name", "family_name", "date_of_birth", "sex"}


def test_a_duplicate_nhs_number_in_the_practice_is_a_400(client_a, gp_a):
    PatientFactory(practice=gp_a.practice, nhs_number=VALID_NHS_NUMBER)

    response = client_a.post(PATIENTS_URL, NEW_PATIENT, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["nhs_number"]


def test_listing_patients_records_a_view_of_each_patient_shown(db, gp_a, patient_a):
    from rest_framework.test import APIClient

    from core.models import AuditEvent

    client = APIClient()
    client.force_authenticate(gp_a.user)

    client.get("/api/v1/patients/")

    event = AuditEvent.objects.get(action="list")
    assert (event.actor, event.object_type, event.object_id) == (
        gp_a.user,
        "patient",
        str(patient_a.public_id),
    )
