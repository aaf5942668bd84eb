"""Encounters: create, list and filter, read, PATCH with optimistic concurrency, assess, sign, addenda."""

from __future__ import annotations

from core.models import AuditEvent
from tests.spec_codes import ASSESSMENT_FIELDS
from workup import services as encounter_services
from workup.demo_cases import CAUDA_EQUINA, L5_FOOT_DROP, SCIATICA_EARLY
from workup.models import Addendum, Encounter

ENCOUNTERS_URL = "/api/v1/encounters/"


def encounter_url(encounter, action: str = "") -> str:
    return f"/api/v1/encounters/{encounter.public_id}/" + (f"{action}/" if action else "")


# --- Create ---------------------------------------------------------------------------------------


def test_creating_an_encounter_answers_201_with_the_assessment(client_a, patient_a):
    response = client_a.post(
        ENCOUNTERS_URL, {"patient": str(patient_a.public_id), "answers": CAUDA_EQUINA.answers}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert body["version"] == 1
    assert body["patient"] == str(patient_a.public_id)
    assert set(body["assessment"]) == set(ASSESSMENT_FIELDS)
    assert body["assessment"]["urgency"] == "emergency"
    assert body["urgency"] == "emergency"
    assert body["assessment"]["reasons"][0]["rule"] == "CES-1"
    assert set(body["assessment"]["reasons"][0]) == {"rule", "tier", "text", "source"}


def test_an_encounter_can_start_with_no_answers(client_a, patient_a):
    response = client_a.post(ENCOUNTERS_URL, {"patient": str(patient_a.public_id)}, format="json")

    assert response.status_code == 201
    assert response.json()["answers"] == {}
    assert "history.regions" in response.json()["assessment"]["incomplete"]


def test_an_encounter_can_start_with_an_override_and_its_reason(client_a, patient_a):
    response = client_a.post(
        ENCOUNTERS_URL,
        {
            "patient": str(patient_a.public_id),
            "answers": SCIATICA_EARLY.answers,
            "urgency_override": "urgent",
            "override_reason": "Patient cannot work and is not coping at home.",
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["computed_urgency"], body["urgency_override"], body["urgency"]) == (
        "conservative",
        "urgent",
        "urgent",
    )


def test_admin_staff_cannot_create_encounters(client_staff_a, patient_a):
    response = client_staff_a.post(ENCOUNTERS_URL, {"patient": str(patient_a.public_id)}, format="json")

    assert response.status_code == 403
    assert not Encounter.objects.exists()


# --- List and filters -------------------------------------------------------------------------------


def test_listing_encounters_is_paginated(client_a, draft_encounter):
    body = client_a.get(ENCOUNTERS_URL).json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert [encounter["id"] for encounter in body["results"]] == [str(draft_encounter.public_id)]


def test_encounters_filter_by_patient(client_a, gp_a, draft_encounter):
    from tests.factories import PatientFactory

    other_patient = PatientFactory(practice=gp_a.practice)
    encounter_services.encounter_create(clinician=gp_a, patient=other_patient, answers={})

    response = client_a.get(ENCOUNTERS_URL, {"patient": str(draft_encounter.patient.public_id)})

    assert [encounter["id"] for encounter in response.json()["results"]] == [str(draft_encounter.public_id)]


def test_encounters_filter_by_effective_urgency(client_a, gp_a, patient_a, draft_encounter):
    emergency = encounter_services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=CAUDA_EQUINA.answers
    )
    overridden = encounter_services.encounter_create(
        clinician=gp_a,
        patient=patient_a,
        answers=SCIATICA_EARLY.answers,
        urgency_override="emergency",
        override_reason="New bladder symptoms reported on the telephone.",
    )

    response = client_a.get(ENCOUNTERS_URL, {"urgency": "emergency"})

    assert {encounter["id"] for encounter in response.json()["results"]} == {
        str(emergency.public_id),
        str(overridden.public_id),
    }


def test_an_overridden_encounter_is_not_listed_under_its_computed_tier(client_a, gp_a, patient_a):
    encounter_services.encounter_create(
        clinician=gp_a,
        patient=patient_a,
        answers=SCIATICA_EARLY.answers,
        urgency_override="urgent",
        override_reason="Patient cannot work and is not coping at home.",
    )

    response = client_a.get(ENCOUNTERS_URL, {"urgency": "conservative"})

    assert response.json()["count"] == 0


def test_encounters_filter_by_status(client_a, draft_encounter, signed_encounter):
    signed = client_a.get(ENCOUNTERS_URL, {"status": "signed"}).json()["results"]
    drafts = client_a.get(ENCOUNTERS_URL, {"status": "draft"}).json()["results"]

    assert [encounter["id"] for encounter in signed] == [str(signed_encounter.public_id)]
    assert [encounter["id"] for encounter in drafts] == [str(draft_encounter.public_id)]


def test_an_unknown_urgency_filter_is_a_400(client_a, draft_encounter):
    response = client_a.get(ENCOUNTERS_URL, {"urgency": "whenever"})

    assert response.status_code == 400
    assert list(response.json()) == ["urgency"]


def test_a_malformed_patient_filter_is_a_400(client_a, draft_encounter):
    response = client_a.get(ENCOUNTERS_URL, {"patient": "not-a-uuid"})

    assert response.status_code == 400
    assert list(response.json()) == ["patient"]


# --- Read ---------------------------------------------------------------------------------------------


def test_getting_an_encounter_returns_the_contract_fields(client_a, draft_encounter):
    response = client_a.get(encounter_url(draft_encounter))

    assert response.status_code == 200
    assert {
        "id",
        "patient",
        "status",
        "answers",
        "assessment",
        "urgency",
        "computed_urgency",
        "urgency_override",
        "override_reason",
        "version",
        "checklist_version",
        "addenda",
    } <= set(response.json())
    assert response.json()["answers"] == draft_encounter.answers


def test_viewing_an_encounter_appends_an_audit_event(client_a, gp_a, draft_encounter):
    before = AuditEvent.objects.count()

    client_a.get(encounter_url(draft_encounter), REMOTE_ADDR="192.0.2.44")

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.actor, event.action, event.object_type, event.object_id) == (
        gp_a.user,
        "view",
        "encounter",
        str(draft_encounter.public_id),
    )
    assert (event.remote_address, event.channel, event.practice) == ("192.0.2.44", "api", gp_a.practice)


# --- PATCH ----------------------------------------------------------------------------------------------


def test_patch_merges_answers_and_bumps_the_version(client_a, draft_encounter):
    response = client_a.patch(
        encounter_url(draft_encounter), {"version": 1, "answers": {"history.pain_score": 6}}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["version"] == 2
    draft_encounter.refresh_from_db()
    assert draft_encounter.answers["history.pain_score"] == 6
    assert draft_encounter.answers["history.side"] == "left"  # untouched answers stay


def test_patch_with_a_null_answer_clears_it(client_a, draft_encounter):
    response = client_a.patch(
        encounter_url(draft_encounter), {"version": 1, "answers": {"history.side": None}}, format="json"
    )

    assert response.status_code == 200
    assert "history.side" not in response.json()["answers"]


def test_patch_recomputes_the_assessment(client_a, draft_encounter):
    response = client_a.patch(
        encounter_url(draft_encounter),
        {"version": 1, "answers": {"red_flag.hand_clumsiness": True, "red_flag.gait_disturbance": True}},
        format="json",
    )

    assert response.json()["assessment"]["urgency"] == "urgent"
    assert "cervical_myelopathy" in response.json()["assessment"]["suspected_conditions"]


def test_patch_sets_an_override_with_a_reason(client_a, draft_encounter):
    response = client_a.patch(
        encounter_url(draft_encounter),
        {"version": 1, "urgency_override": "urgent", "override_reason": "Severe pain, unable to sleep."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["urgency"] == "urgent"
    assert response.json()["computed_urgency"] == "conservative"


def test_patch_with_a_stale_version_is_a_409_with_the_current_version(client_a, draft_encounter):
    client_a.patch(
        encounter_url(draft_encounter), {"version": 1, "answers": {"history.pain_score": 6}}, format="json"
    )

    response = client_a.patch(
        encounter_url(draft_encounter), {"version": 1, "answers": {"history.pain_score": 9}}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert "version" in response.json()


def test_patch_with_a_stale_version_changes_nothing(client_a, draft_encounter):
    draft_encounter.version = 3
    draft_encounter.save()
    answers_before = dict(draft_encounter.answers)

    client_a.patch(
        encounter_url(draft_encounter),
        {
            "version": 2,
            "answers": {"history.pain_score": 9},
            "urgency_override": "emergency",
            "override_reason": "Should never be saved.",
        },
        format="json",
    )

    draft_encounter.refresh_from_db()
    assert draft_encounter.version == 3
    assert draft_encounter.answers == answers_before
    assert draft_encounter.urgency_override == ""


def test_patch_without_a_version_is_a_400(client_a, draft_encounter):
    response = client_a.patch(
        encounter_url(draft_encounter), {"answers": {"history.pain_score": 6}}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["version"]


def test_patch_on_a_signed_encounter_is_a_409(client_a, signed_encounter):
    response = client_a.patch(
        encounter_url(signed_encounter),
        {"version": signed_encounter.version, "answers": {"history.pain_score": 2}},
        format="json",
    )

    assert response.status_code == 409
    signed_encounter.refresh_from_db()
    assert signed_encounter.answers["history.pain_score"] == L5_FOOT_DROP.answers["history.pain_score"]


# --- Assess ---------------------------------------------------------------------------------------------


def test_assess_returns_the_assessment_of_the_merged_answers(client_a, draft_encounter):
    response = client_a.post(
        encounter_url(draft_encounter, "assess"),
        {"answers": {"red_flag.hand_clumsiness": True, "red_flag.gait_disturbance": True}},
        format="json",
    )

    assert response.status_code == 200
    assert set(response.json()) == set(ASSESSMENT_FIELDS)
    assert response.json()["urgency"] == "urgent"


def test_assess_saves_nothing(client_a, draft_encounter):
    answers_before, assessment_before = dict(draft_encounter.answers), dict(draft_encounter.assessment)

    client_a.post(
        encounter_url(draft_encounter, "assess"),
        {"answers": {"red_flag.hand_clumsiness": True, "history.side": None}},
        format="json",
    )

    draft_encounter.refresh_from_db()
    assert draft_encounter.version == 1
    assert draft_encounter.answers == answers_before
    assert draft_encounter.assessment == assessment_before
    assert draft_encounter.computed_urgency == "conservative"


def test_assess_with_no_body_assesses_the_saved_answers(client_a, draft_encounter):
    response = client_a.post(encounter_url(draft_encounter, "assess"), {}, format="json")

    assert response.json() == draft_encounter.assessment


# --- Sign -----------------------------------------------------------------------------------------------


def test_signing_a_complete_encounter_answers_200_and_freezes_it(client_a, gp_a, signable_encounter):
    response = client_a.post(encounter_url(signable_encounter, "sign"), {"version": 1}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "signed"
    assert body["signed_at"] is not None
    assert body["signed_by"] == gp_a.display_name
    assert body["version"] == 2


def test_after_signing_a_patch_is_a_409(client_a, signable_encounter):
    client_a.post(encounter_url(signable_encounter, "sign"), {"version": 1}, format="json")

    response = client_a.patch(
        encounter_url(signable_encounter), {"version": 2, "answers": {"plan.notes": "late"}}, format="json"
    )

    assert response.status_code == 409
    assert "status" in response.json()


def test_signing_twice_is_a_409(client_a, signed_encounter):
    response = client_a.post(
        encounter_url(signed_encounter, "sign"), {"version": signed_encounter.version}, format="json"
    )

    assert response.status_code == 409


def test_signing_with_a_stale_version_is_a_409(client_a, signable_encounter):
    response = client_a.post(encounter_url(signable_encounter, "sign"), {"version": 7}, format="json")

    assert response.status_code == 409
    assert response.json()["current_version"] == 1


def test_sign_off_is_refused_naming_the_incomplete_codes(client_a, draft_encounter):
    response = client_a.post(encounter_url(draft_encounter, "sign"), {"version": 1}, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert "red_flag.hand_clumsiness" in errors
    assert "red_flag.history_of_cancer" in errors
    draft_encounter.refresh_from_db()
    assert draft_encounter.status == "draft"


def test_sign_off_is_refused_without_safety_netting_for_a_conservative_plan(client_a, gp_a, patient_a):
    answers = {**SCIATICA_EARLY.answers}
    del answers["plan.safety_net_given"]
    encounter = encounter_services.encounter_create(clinician=gp_a, patient=patient_a, answers=answers)

    response = client_a.post(encounter_url(encounter, "sign"), {"version": encounter.version}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["plan.safety_net_given"]


# --- Addenda ---------------------------------------------------------------------------------------------


def test_adding_an_addendum_to_a_signed_encounter_answers_201(client_a, gp_a, signed_encounter):
    response = client_a.post(
        encounter_url(signed_encounter, "addenda"), {"text": "MRI booked for Friday."}, format="json"
    )

    assert response.status_code == 201
    assert set(response.json()) == {"id", "text", "author", "created_at"}
    assert response.json()["author"] == gp_a.display_name


def test_an_addendum_keeps_the_signed_original(client_a, signed_encounter):
    client_a.post(
        encounter_url(signed_encounter, "addenda"), {"text": "MRI booked for Friday."}, format="json"
    )

    body = client_a.get(encounter_url(signed_encounter)).json()

    assert body["answers"] == L5_FOOT_DROP.answers
    assert [addendum["text"] for addendum in body["addenda"]] == ["MRI booked for Friday."]


def test_an_addendum_to_a_draft_is_a_400(client_a, draft_encounter):
    response = client_a.post(encounter_url(draft_encounter, "addenda"), {"text": "Too early."}, format="json")

    assert response.status_code == 400
    assert not Addendum.objects.exists()


def test_an_addendum_without_text_is_a_400(client_a, signed_encounter):
    response = client_a.post(encounter_url(signed_encounter, "addenda"), {"text": "   "}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["text"]
