"""Bad input is a 400 naming the field or item code, never a 500 (spec §2, §4.7, §5)."""

from __future__ import annotations

import json

import pytest

from workup.models import Encounter

ENCOUNTERS_URL = "/api/v1/encounters/"
PATIENTS_URL = "/api/v1/patients/"


def encounter_url(encounter, action: str = "") -> str:
    return f"/api/v1/encounters/{encounter.public_id}/" + (f"{action}/" if action else "")


def create_encounter(client, patient, answers, **extra):
    return client.post(
        ENCOUNTERS_URL, {"patient": str(patient.public_id), "answers": answers, **extra}, format="json"
    )


@pytest.mark.parametrize("url", [ENCOUNTERS_URL, PATIENTS_URL, "/api/v1/referrals/", "/api/v1/auth/token/"])
def test_malformed_json_is_a_400(client_a, url):
    response = client_a.post(url, '{"patient": ', content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["detail"]
    assert isinstance(response.json()["detail"], list)


def test_malformed_json_in_a_patch_is_a_400_and_changes_nothing(client_a, draft_encounter):
    response = client_a.patch(encounter_url(draft_encounter), "{version: 1}", content_type="application/json")

    assert response.status_code == 400
    draft_encounter.refresh_from_db()
    assert draft_encounter.version == 1


def test_a_json_array_body_is_a_400(client_a, patient_a):
    response = client_a.post(ENCOUNTERS_URL, "[]", content_type="application/json")

    assert response.status_code == 400


def test_nan_is_not_json(client_a, draft_encounter):
    response = client_a.post(
        encounter_url(draft_encounter, "assess"),
        '{"answers": {"history.pain_score": NaN}}',
        content_type="application/json",
    )

    assert response.status_code == 400


def test_answers_that_are_not_an_object_are_a_400(client_a, patient_a):
    response = create_encounter(client_a, patient_a, ["history.pain_score", 3])

    assert response.status_code == 400
    assert list(response.json()) == ["answers"]


def test_a_patient_id_that_is_not_a_uuid_is_a_400(client_a, patient_a):
    response = client_a.post(ENCOUNTERS_URL, {"patient": 12}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["patient"]


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("red_flag.fever", "yes"),
        ("red_flag.fever", 1),
        ("history.pain_score", "7"),
        ("history.pain_score", 7.5),
        ("history.pain_score", True),
        ("history.side", ["left"]),
        ("history.regions", "lumbar_spine"),
        ("plan.notes", 42),
    ],
)
def test_an_answer_of_the_wrong_type_is_a_400_keyed_by_its_code(client_a, patient_a, code, value):
    response = create_encounter(client_a, patient_a, {code: value})

    assert response.status_code == 400
    assert list(response.json()) == [code]
    assert not Encounter.objects.exists()


def test_an_unknown_answer_code_is_a_400_keyed_by_the_code(client_a, patient_a):
    response = create_encounter(client_a, patient_a, {"red_flag.dragons": True, "history.pain_score": 3})

    assert response.status_code == 400
    assert response.json() == {"red_flag.dragons": ["Unknown checklist item."]}


def test_an_unknown_answer_code_in_a_patch_is_a_400_and_changes_nothing(client_a, draft_encounter):
    response = client_a.patch(
        encounter_url(draft_encounter), {"version": 1, "answers": {"exam.reflex.nose.left": 2}}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["exam.reflex.nose.left"]
    draft_encounter.refresh_from_db()
    assert draft_encounter.version == 1


def test_an_unknown_answer_code_in_assess_is_a_400(client_a, draft_encounter):
    response = client_a.post(
        encounter_url(draft_encounter, "assess"), {"answers": {"bogus": 1}}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["bogus"]


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("history.pain_score", 11),
        ("history.pain_score", -1),
        ("history.duration_weeks", 521),
        ("exam.power.L5.left", 6),
        ("exam.reflex.ankle.right", 5),
        ("exam.slr_angle.left", 91),
        ("plan.review_weeks", 53),
        ("history.pain_score", 10**40),
    ],
)
def test_an_out_of_range_value_is_a_400_keyed_by_its_code(client_a, patient_a, code, value):
    response = create_encounter(client_a, patient_a, {code: value})

    assert response.status_code == 400
    assert list(response.json()) == [code]
    assert "between" in response.json()[code][0]


@pytest.mark.parametrize(
    ("code", "value"),
    [("history.side", "upside_down"), ("history.regions", ["lumbar_spine", "tail"]), ("exam.gait", "")],
)
def test_a_value_outside_the_choices_is_a_400_keyed_by_its_code(client_a, patient_a, code, value):
    response = create_encounter(client_a, patient_a, {code: value})

    assert response.status_code == 400
    assert list(response.json()) == [code]


def test_text_over_2000_characters_is_a_400(client_a, patient_a):
    response = create_encounter(client_a, patient_a, {"plan.notes": "x" * 2001})

    assert response.status_code == 400
    assert list(response.json()) == ["plan.notes"]


def test_every_bad_answer_is_named_at_once(client_a, patient_a):
    response = create_encounter(
        client_a, patient_a, {"history.pain_score": 11, "red_flag.fever": "no", "made.up": True}
    )

    assert set(response.json()) == {"history.pain_score", "red_flag.fever", "made.up"}


def test_null_answers_are_refused_on_create(client_a, patient_a):
    response = create_encounter(client_a, patient_a, {"history.pain_score": None})

    assert response.status_code == 400
    assert list(response.json()) == ["history.pain_score"]


@pytest.mark.parametrize("text", ["Dictated\x00 note", "lone surrogate \ud800 here"])
def test_text_that_cannot_be_stored_is_a_400_not_a_500(client_a, patient_a, text):
    body = json.dumps({"patient": str(patient_a.public_id), "answers": {"plan.notes": text}})

    response = client_a.post(ENCOUNTERS_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["plan.notes"]


def test_an_answer_code_that_cannot_be_stored_is_a_400_not_a_500(client_a, patient_a):
    body = json.dumps({"patient": str(patient_a.public_id), "answers": {"plan.\ud800": "x"}})

    response = client_a.post(ENCOUNTERS_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["answers"]


def test_a_nul_in_a_search_is_a_400_not_a_500(client_a, patient_a):
    response = client_a.get(PATIENTS_URL, {"q": "Ada\x00"})

    assert response.status_code == 400
    assert list(response.json()) == ["q"]


def test_a_nul_in_a_filter_is_a_400_not_a_500(client_a, patient_a):
    response = client_a.get(ENCOUNTERS_URL, {"status": "draft\x00"})

    assert response.status_code == 400


def test_a_body_over_one_megabyte_is_a_400(client_a, patient_a):
    body = json.dumps({"patient": str(patient_a.public_id), "answers": {"plan.notes": "x" * (1024 * 1024)}})

    response = client_a.post(ENCOUNTERS_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["body"]
    assert not Encounter.objects.exists()


def test_a_body_just_under_one_megabyte_is_read(client_a, patient_a):
    padding = "x" * (1024 * 1024 - 200)
    body = json.dumps({"patient": str(patient_a.public_id), "answers": {"plan.notes": padding}})

    response = client_a.post(ENCOUNTERS_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["plan.notes"]  # parsed, then refused for being over 2000 characters


def test_an_override_without_a_reason_is_a_400(client_a, patient_a):
    response = create_encounter(client_a, patient_a, {}, urgency_override="urgent")

    assert response.status_code == 400
    assert list(response.json()) == ["override_reason"]


def test_an_override_reason_under_ten_characters_is_a_400(client_a, patient_a):
    response = create_encounter(client_a, patient_a, {}, urgency_override="urgent", override_reason="worried")

    assert response.status_code == 400
    assert list(response.json()) == ["override_reason"]


def test_an_override_reason_of_padding_is_a_400(client_a, patient_a):
    response = create_encounter(
        client_a, patient_a, {}, urgency_override="urgent", override_reason="   worried        "
    )

    assert response.status_code == 400


def test_an_override_without_a_reason_in_a_patch_is_a_400_and_changes_nothing(client_a, draft_encounter):
    response = client_a.patch(
        encounter_url(draft_encounter), {"version": 1, "urgency_override": "emergency"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["override_reason"]
    draft_encounter.refresh_from_db()
    assert (draft_encounter.urgency_override, draft_encounter.version) == ("", 1)


def test_an_unknown_override_tier_is_a_400(client_a, patient_a):
    response = create_encounter(
        client_a, patient_a, {}, urgency_override="tomorrow", override_reason="A perfectly good reason."
    )

    assert response.status_code == 400
    assert list(response.json()) == ["urgency_override"]


def test_removing_an_override_needs_no_reason(client_a, draft_encounter):
    client_a.patch(
        encounter_url(draft_encounter),
        {"version": 1, "urgency_override": "urgent", "override_reason": "Severe pain, unable to sleep."},
        format="json",
    )

    response = client_a.patch(
        encounter_url(draft_encounter),
        {"version": 2, "urgency_override": None, "override_reason": None},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["urgency_override"] == ""
    assert response.json()["urgency"] == "conservative"


def test_a_version_that_is_not_a_number_is_a_400(client_a, draft_encounter):
    response = client_a.patch(encounter_url(draft_encounter), {"version": "latest"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["version"]


def test_sign_off_refusal_names_the_safety_net_item(client_a, gp_a, patient_a):
    from workup import services as encounter_services
    from workup.demo_cases import CARPAL_TUNNEL

    answers = {**CARPAL_TUNNEL.answers, "plan.safety_net_given": False}
    encounter = encounter_services.encounter_create(clinician=gp_a, patient=patient_a, answers=answers)

    response = client_a.post(encounter_url(encounter, "sign"), {"version": encounter.version}, format="json")

    assert response.status_code == 400
    assert "plan.safety_net_given" in response.json()


def test_sign_off_refusal_names_incomplete_codes_and_the_safety_net(client_a, draft_encounter):
    response = client_a.post(encounter_url(draft_encounter, "sign"), {"version": 1}, format="json")

    assert response.status_code == 400
    assert {"red_flag.gait_disturbance", "plan.safety_net_given"} <= set(response.json())


def test_a_referral_for_an_unsigned_encounter_is_a_400_naming_the_encounter(
    client_a, signable_encounter, services
):
    response = client_a.post(
        "/api/v1/referrals/", {"encounter": str(signable_encounter.public_id)}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"encounter": ["Sign the encounter before referring."]}


def test_a_referral_note_over_2000_characters_is_a_400(client_a, signed_encounter, services):
    response = client_a.post(
        "/api/v1/referrals/",
        {"encounter": str(signed_encounter.public_id), "note": "x" * 2001},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["note"]


def test_an_addendum_over_5000_characters_is_a_400(client_a, signed_encounter):
    response = client_a.post(encounter_url(signed_encounter, "addenda"), {"text": "x" * 5001}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["text"]


@pytest.mark.parametrize("url", [ENCOUNTERS_URL, "/api/v1/auth/token/"])
def test_json_nested_beyond_the_parser_recursion_limit_is_a_400(client_a, url):
    response = client_a.post(url, "[" * 200_000, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["detail"]


def test_answers_nested_absurdly_deep_are_a_400(client_a, patient_a):
    nested = "[" * 500 + "]" * 500
    body = f'{{"patient": "{patient_a.public_id}", "answers": {{"history.regions": {nested}}}}}'

    response = client_a.post(ENCOUNTERS_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert not Encounter.objects.exists()


def test_signing_without_a_version_is_a_400_naming_it(client_a, signable_encounter):
    """Else a GP could sign over a colleague's edit made since they last loaded the encounter."""
    response = client_a.post(encounter_url(signable_encounter, "sign"), {}, format="json")

    assert response.status_code == 400
    assert response.json() == {"version": ["This field is required."]}
    signable_encounter.refresh_from_db()
    assert signable_encounter.status == "draft"
