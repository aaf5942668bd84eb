"""The encounter page's preview: the server judges unsaved answers and override, the script only renders."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from workup import services
from workup.demo_cases import SCIATICA_EARLY
from workup.models import Encounter

pytestmark = pytest.mark.django_db

REASON = "Worried about rapid progression at home."
SAFETY_NET = "Safety-netting must be given and recorded before signing a conservative or routine plan."


@pytest.fixture
def no_safety_net(gp_a, patient_a) -> Encounter:
    """A complete conservative sciatica draft whose only sign-off blocker is the missing safety-netting."""
    answers = dict(SCIATICA_EARLY.answers)
    del answers["plan.safety_net_given"]
    return services.encounter_create(clinician=gp_a, patient=patient_a, answers=answers)


def preview(client, encounter, **body):
    return client.post(
        reverse("encounter-preview", args=[encounter.public_id]), body, content_type="application/json"
    )


def blocker_codes(response) -> list[str]:
    return [blocker["code"] for blocker in response.json()["sign_off_blockers"]]


def test_a_conservative_plan_without_safety_netting_is_blocked_on_that_item_alone(client_a, no_safety_net):
    response = preview(client_a, no_safety_net, answers={})

    assert response.status_code == 200
    assert response.json()["effective_urgency"] == "conservative"
    assert response.json()["sign_off_blockers"] == [
        {
            "code": "plan.safety_net_given",
            "message": SAFETY_NET,
        }
    ]


def test_recording_the_safety_net_unblocks_sign_off(client_a, no_safety_net):
    response = preview(client_a, no_safety_net, answers={"plan.safety_net_given": True})

    assert blocker_codes(response) == []


def test_a_complete_override_is_in_force_and_lifts_the_safety_net_requirement(client_a, no_safety_net):
    response = preview(client_a, no_safety_net, urgency_override="urgent", override_reason=REASON)

    body = response.json()
    assert body["effective_urgency"] == "urgent"
    assert body["assessment"]["urgency"] == "conservative"
    assert body["override_errors"] == {}
    assert blocker_codes(response) == []


def test_an_override_with_a_short_reason_is_not_in_force_and_says_why(client_a, no_safety_net):
    response = preview(client_a, no_safety_net, urgency_override="urgent", override_reason="Worried")

    body = response.json()
    assert body["effective_urgency"] == "conservative"
    assert body["override_errors"] == {
        "override_reason": ["Give a reason of at least 10 characters for overriding the urgency."]
    }
    assert blocker_codes(response) == ["plan.safety_net_given"]


def test_no_override_needs_no_reason(client_a, no_safety_net):
    response = preview(client_a, no_safety_net, urgency_override="", override_reason="x")

    assert response.json()["override_errors"] == {}


def test_unsaved_answers_are_judged_without_saving_them(client_a, draft):
    response = preview(client_a, draft, answers={"red_flag.saddle_anaesthesia": True})

    draft.refresh_from_db()
    assert response.json()["assessment"]["urgency"] == "emergency"
    assert response.json()["effective_urgency"] == "emergency"
    assert "red_flag.saddle_anaesthesia" not in draft.answers
    assert draft.version == 1


def test_the_assessment_is_the_api_assess_answer_for_the_same_answers(client_a, gp_a, draft):
    answers = {"red_flag.saddle_anaesthesia": True, "history.symptoms": ["pain"]}
    api = APIClient()
    api.force_authenticate(gp_a.user)

    page = preview(client_a, draft, answers=answers).json()["assessment"]
    assess = api.post(
        reverse("api-encounter-assess", args=[draft.public_id]), {"answers": answers}, format="json"
    ).json()

    assert page == assess


def test_an_invalid_answer_is_a_400_keyed_by_its_item(client_a, draft):
    response = preview(client_a, draft, answers={"history.pain_score": 11})

    assert response.status_code == 400
    assert list(response.json()) == ["history.pain_score"]


def test_a_body_that_is_not_an_object_is_a_400(client_a, draft):
    response = client_a.post(
        reverse("encounter-preview", args=[draft.public_id]), "[1]", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The body must be a JSON object."]}


def test_an_override_that_is_not_text_is_a_400(client_a, draft):
    response = preview(client_a, draft, urgency_override=["urgent"])

    assert response.status_code == 400
    assert list(response.json()) == ["urgency_override"]


def test_another_practice_gets_a_404(client, gp_b, draft):
    client.force_login(gp_b.user)

    assert preview(client, draft, answers={}).status_code == 404


def test_an_anonymous_script_gets_a_401_as_json_not_a_login_page(draft):
    response = preview(Client(), draft, answers={})

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


def test_the_preview_needs_the_csrf_token(gp_a, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(gp_a.user)

    assert preview(client, draft, answers={}).status_code == 403
