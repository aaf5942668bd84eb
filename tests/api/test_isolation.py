"""Tenancy through every API door (spec §5, §7): another practice gets 404s, anonymous callers nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from core.models import AuditEvent
from tests.api.conftest import client_for_user
from tests.factories import PatientFactory, SpecialistServiceFactory
from workup import services as encounter_services
from workup.demo_cases import L5_FOOT_DROP, NECK_DRAFT
from workup.models import Addendum, Encounter


@dataclass
class PracticeARecords:
    patient: object
    draft: object
    signable: object
    signed: object
    referral: object
    service: object


@pytest.fixture
def records_a(gp_a, patient_a, signed_encounter, ready_referral, practice_a) -> PracticeARecords:
    return PracticeARecords(
        patient=patient_a,
        draft=encounter_services.encounter_create(
            clinician=gp_a, patient=patient_a, answers=NECK_DRAFT.answers
        ),
        signable=encounter_services.encounter_create(
            clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers
        ),
        signed=signed_encounter,
        referral=ready_referral,
        service=SpecialistServiceFactory(name="Only in A's directory", practices=[practice_a]),
    )


# (method, path built from A's records, JSON body)
DETAIL_DOORS = {
    "get patient": ("get", lambda r: f"/api/v1/patients/{r.patient.public_id}/", None),
    "patch patient": ("patch", lambda r: f"/api/v1/patients/{r.patient.public_id}/", {"given_name": "Eve"}),
    "get encounter": ("get", lambda r: f"/api/v1/encounters/{r.draft.public_id}/", None),
    "patch encounter": (
        "patch",
        lambda r: f"/api/v1/encounters/{r.draft.public_id}/",
        {"version": 1, "answers": {"history.pain_score": 1}},
    ),
    "assess encounter": (
        "post",
        lambda r: f"/api/v1/encounters/{r.draft.public_id}/assess/",
        {"answers": {}},
    ),
    "sign encounter": ("post", lambda r: f"/api/v1/encounters/{r.signable.public_id}/sign/", {"version": 1}),
    "add addendum": (
        "post",
        lambda r: f"/api/v1/encounters/{r.signed.public_id}/addenda/",
        {"text": "Mine now."},
    ),
    "get referral": ("get", lambda r: f"/api/v1/referrals/{r.referral.public_id}/", None),
    "download referral pdf": ("get", lambda r: f"/api/v1/referrals/{r.referral.public_id}/pdf/", None),
}
LIST_DOORS = {
    "list patients": ("/api/v1/patients/", lambda r: r.patient),
    "search patients": ("/api/v1/patients/?q=Lovelace", lambda r: r.patient),
    "list encounters": ("/api/v1/encounters/", lambda r: r.draft),
    "list encounters of A's patient": (
        lambda r: f"/api/v1/encounters/?patient={r.patient.public_id}",
        lambda r: r.draft,
    ),
    "list referrals": ("/api/v1/referrals/", lambda r: r.referral),
    "list services": ("/api/v1/services/", lambda r: r.service),
}
ALL_DOORS = {
    **{name: (method, path, body) for name, (method, path, body) in DETAIL_DOORS.items()},
    **{name: ("get", path, None) for name, (path, _) in LIST_DOORS.items()},
    "checklist": ("get", "/api/v1/checklist/", None),
    "create patient": (
        "post",
        "/api/v1/patients/",
        {"given_name": "Eve", "family_name": "Intruder", "date_of_birth": "1990-01-01", "sex": "female"},
    ),
    "create encounter": ("post", "/api/v1/encounters/", {"patient": str(uuid.uuid4())}),
    "create referral": ("post", "/api/v1/referrals/", {"encounter": str(uuid.uuid4())}),
}


def call(client, method: str, path, body, records):
    url = path(records) if callable(path) else path
    return (
        getattr(client, method)(url, body, format="json")
        if body is not None
        else getattr(client, method)(url)
    )


@pytest.mark.parametrize("door", DETAIL_DOORS)
def test_another_practice_gets_a_404_for_a_practice_a_object(client_b, records_a, door):
    method, path, body = DETAIL_DOORS[door]

    response = call(client_b, method, path, body, records_a)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("door", DETAIL_DOORS)
def test_another_practice_changes_nothing_through_a_detail_door(client_b, records_a, door):
    method, path, body = DETAIL_DOORS[door]

    call(client_b, method, path, body, records_a)

    records_a.patient.refresh_from_db()
    assert records_a.patient.given_name == "Ada"
    assert Encounter.objects.get(pk=records_a.draft.pk).version == 1
    assert Encounter.objects.get(pk=records_a.signable.pk).status == "draft"
    assert not Addendum.objects.exists()


@pytest.mark.parametrize("door", DETAIL_DOORS)
def test_another_practice_leaves_no_view_or_download_audit_of_a_practice_a_object(
    client_b, gp_b, records_a, door
):
    method, path, body = DETAIL_DOORS[door]

    call(client_b, method, path, body, records_a)

    assert not AuditEvent.objects.filter(actor=gp_b.user).exists()


@pytest.mark.parametrize("door", LIST_DOORS)
def test_another_practice_does_not_see_practice_a_objects_in_lists(client_b, records_a, door):
    path, expected_absent = LIST_DOORS[door]
    url = path(records_a) if callable(path) else path

    response = client_b.get(url)

    assert response.status_code == 200
    listed = {item["id"] for item in response.json()["results"]}
    assert str(expected_absent(records_a).public_id) not in listed


@pytest.mark.parametrize("door", LIST_DOORS)
def test_practice_a_sees_its_own_objects_in_lists(client_a, records_a, door):
    path, expected_present = LIST_DOORS[door]
    url = path(records_a) if callable(path) else path

    listed = {item["id"] for item in client_a.get(url).json()["results"]}

    assert str(expected_present(records_a).public_id) in listed


@pytest.mark.parametrize("door", ALL_DOORS)
def test_anonymous_callers_are_refused_at_every_door(anonymous, records_a, door):
    method, path, body = ALL_DOORS[door]

    response = call(anonymous, method, path, body, records_a)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("door", ALL_DOORS)
def test_a_user_outside_every_practice_is_refused_at_every_door(superuser, records_a, door):
    method, path, body = ALL_DOORS[door]

    response = call(client_for_user(superuser), method, path, body, records_a)

    assert response.status_code == 403


def test_creating_an_encounter_for_another_practices_patient_is_a_400_like_an_unknown_one(
    client_b, records_a
):
    foreign = client_b.post(
        "/api/v1/encounters/", {"patient": str(records_a.patient.public_id)}, format="json"
    )
    unknown = client_b.post("/api/v1/encounters/", {"patient": str(uuid.uuid4())}, format="json")

    assert foreign.status_code == unknown.status_code == 400
    assert foreign.json() == unknown.json()


def test_referring_another_practices_encounter_is_a_400_like_an_unknown_one(client_b, records_a, services):
    foreign = client_b.post(
        "/api/v1/referrals/", {"encounter": str(records_a.signed.public_id)}, format="json"
    )
    unknown = client_b.post("/api/v1/referrals/", {"encounter": str(uuid.uuid4())}, format="json")

    assert foreign.status_code == unknown.status_code == 400
    assert foreign.json() == unknown.json() == {"encounter": ["No such encounter in your practice."]}


def test_referring_to_a_service_outside_the_directory_is_a_400_like_an_unknown_one(
    client_b, gp_b, records_a, services
):
    draft_b = encounter_services.encounter_create(
        clinician=gp_b, patient=PatientFactory(practice=gp_b.practice), answers=L5_FOOT_DROP.answers
    )
    encounter = encounter_services.encounter_sign(clinician=gp_b, encounter=draft_b)

    foreign = client_b.post(
        "/api/v1/referrals/",
        {"encounter": str(encounter.public_id), "service": str(records_a.service.public_id)},
        format="json",
    )
    unknown = client_b.post(
        "/api/v1/referrals/",
        {"encounter": str(encounter.public_id), "service": str(uuid.uuid4())},
        format="json",
    )

    assert foreign.status_code == unknown.status_code == 400
    assert foreign.json() == unknown.json()
