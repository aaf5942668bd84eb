"""The permission ladder inside practice A: admin staff read, only GPs write clinical records."""

from __future__ import annotations

from datetime import date

import pytest

from clinic.models import Patient
from workup import services as encounter_services
from workup.demo_cases import L5_FOOT_DROP
from workup.models import Addendum, Encounter, Referral

READS = {
    "patients": lambda records: "/api/v1/patients/",
    "patient": lambda records: f"/api/v1/patients/{records['patient'].public_id}/",
    "encounters": lambda records: "/api/v1/encounters/",
    "encounter": lambda records: f"/api/v1/encounters/{records['draft'].public_id}/",
    "referrals": lambda records: "/api/v1/referrals/",
    "checklist": lambda records: "/api/v1/checklist/",
    "services": lambda records: "/api/v1/services/",
}
CLINICAL_WRITES = {
    "patch encounter": (
        "patch",
        lambda records: f"/api/v1/encounters/{records['draft'].public_id}/",
        {"version": 1, "answers": {"history.pain_score": 2}},
    ),
    "sign": (
        "post",
        lambda records: f"/api/v1/encounters/{records['signable'].public_id}/sign/",
        {"version": 1},
    ),
    "addendum": (
        "post",
        lambda records: f"/api/v1/encounters/{records['signed'].public_id}/addenda/",
        {"text": "Staff note."},
    ),
    "refer": (
        "post",
        lambda records: "/api/v1/referrals/",
        lambda records: {"encounter": str(records["signed"].public_id)},
    ),
}


@pytest.fixture
def records(gp_a, patient_a, draft_encounter, signed_encounter, services) -> dict:
    signable = encounter_services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers
    )
    return {"patient": patient_a, "draft": draft_encounter, "signable": signable, "signed": signed_encounter}


@pytest.mark.parametrize("read", READS)
def test_admin_staff_can_read_their_practice_records(client_staff_a, records, read):
    assert client_staff_a.get(READS[read](records)).status_code == 200


@pytest.mark.parametrize("write", CLINICAL_WRITES)
def test_admin_staff_cannot_write_clinical_records(client_staff_a, records, write):
    method, path, body = CLINICAL_WRITES[write]
    body = body(records) if callable(body) else body

    response = getattr(client_staff_a, method)(path(records), body, format="json")

    assert response.status_code == 403
    assert Encounter.objects.get(pk=records["draft"].pk).version == 1
    assert Encounter.objects.get(pk=records["signable"].pk).status == "draft"
    assert not Addendum.objects.exists()
    assert not Referral.objects.exists()


def test_admin_staff_can_register_a_patient(client_staff_a, staff_a):
    response = client_staff_a.post(
        "/api/v1/patients/",
        {"given_name": "Mary", "family_name": "Seacole", "date_of_birth": "1960-11-23", "sex": "female"},
        format="json",
    )

    assert response.status_code == 201
    patient = Patient.objects.get(public_id=response.json()["id"])
    assert (patient.practice, patient.full_name, patient.date_of_birth) == (
        staff_a.practice,
        "Mary Seacole",
        date(1960, 11, 23),
    )


def patched(records, colleague) -> bool:
    draft = Encounter.objects.get(pk=records["draft"].pk)
    return draft.version == 2 and draft.answers["history.pain_score"] == 2


def signed(records, colleague) -> bool:
    signable = Encounter.objects.get(pk=records["signable"].pk)
    return (signable.status, signable.signed_by) == ("signed", colleague)


def added(records, colleague) -> bool:
    return list(Addendum.objects.values_list("encounter", "author", "text")) == [
        (records["signed"].pk, colleague.pk, "Staff note.")
    ]


def referred(records, colleague) -> bool:
    return list(Referral.objects.values_list("encounter", "requested_by")) == [
        (records["signed"].pk, colleague.pk)
    ]


# What each write answers, and how to see that it happened.
COLLEAGUE_WRITES = {
    "patch encounter": (200, patched),
    "sign": (200, signed),
    "addendum": (201, added),
    "refer": (202, referred),
}


@pytest.mark.parametrize("write", CLINICAL_WRITES)
def test_a_colleague_gp_can_write_the_practice_records(client_colleague_a, colleague_a, records, write):
    method, path, body = CLINICAL_WRITES[write]
    body = body(records) if callable(body) else body
    expected_status, happened = COLLEAGUE_WRITES[write]

    response = getattr(client_colleague_a, method)(path(records), body, format="json")

    assert response.status_code == expected_status
    assert happened(records, colleague_a)


@pytest.mark.parametrize("read", READS)
def test_api_responses_are_not_cached(client_a, records, read):
    assert client_a.get(READS[read](records))["Cache-Control"] == "no-store"
