"""POST /api/v1/encounters/{id}/replay/ (spec §4.8): a signed assessment recomputed with its own versions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from workup import services as encounter_services
from workup.demo_cases import DEMO_CASES
from workup.models import Encounter

pytestmark = pytest.mark.django_db


def replay_url(encounter) -> str:
    return reverse("api-encounter-replay", args=[encounter.public_id])


def test_a_signed_encounter_replays_to_exactly_its_stored_assessment(client_a, signed_encounter):
    response = client_a.post(replay_url(signed_encounter), format="json")

    assert response.status_code == 200
    assert response.json() == {"ruleset": "nerve-compression-rules/1", "matches": True, "differences": {}}


@pytest.mark.parametrize("case", [case for case in DEMO_CASES if case.sign], ids=lambda case: case.title)
def test_every_signed_demo_case_replays_to_a_match(client_a, gp_a, patient_a, case):
    encounter = encounter_services.encounter_create(clinician=gp_a, patient=patient_a, answers=case.answers)
    signed = encounter_services.encounter_sign(clinician=gp_a, encounter=encounter)

    assert client_a.post(replay_url(signed), format="json").json()["matches"] is True


def test_a_stored_assessment_that_no_longer_matches_is_reported_with_its_differences(
    client_a, signed_encounter
):
    # The audit trail forbids editing a signed encounter through the app; a changed row stands in for a
    # ruleset that was shipped with a change and no new version.
    stored = {**signed_encounter.assessment, "urgency": "routine"}
    Encounter.objects.filter(pk=signed_encounter.pk).update(assessment=stored)

    body = client_a.post(replay_url(signed_encounter), format="json").json()

    assert body["matches"] is False
    assert body["differences"] == {"urgency": {"stored": "routine", "replayed": "urgent"}}


def test_a_draft_cannot_be_replayed(client_a, draft_encounter):
    response = client_a.post(replay_url(draft_encounter), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["status"]


def test_another_practices_encounter_is_not_found(client_b, signed_encounter):
    assert client_b.post(replay_url(signed_encounter), format="json").status_code == 404


def test_an_anonymous_caller_is_refused(anonymous, signed_encounter):
    assert anonymous.post(replay_url(signed_encounter), format="json").status_code == 401


def test_a_replay_is_audited_as_a_view_of_the_encounter(client_a, gp_a, signed_encounter):
    before = AuditEvent.objects.count()

    client_a.post(replay_url(signed_encounter), format="json")

    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.actor_id, event.action, event.object_id) == (
        gp_a.user_id,
        "view",
        str(signed_encounter.public_id),
    )
