"""Override and sign-off (spec §4.7)."""

from __future__ import annotations

import pytest

from tests.workup.rules_v1 import assess
from workup.pathways.rules import TIERS, effective_urgency, override_errors, sign_off_errors

COMPLETE_HAND = {"history.regions": ["wrist_hand"], "history.symptoms": ["numbness"]}
EMERGENCY = {
    "history.regions": ["wrist_hand"],
    "history.symptoms": ["weakness"],
    "history.onset": "after_trauma",
    "exam.deformity": ["wrist_drop"],
}
ROUTINE = {
    "history.regions": ["elbow_forearm"],
    "history.symptoms": ["weakness"],
    "exam.deformity": ["wrist_drop"],
    "history.duration_weeks": 8,
}


@pytest.mark.parametrize("tier", TIERS)
def test_an_override_to_any_tier_with_a_reason_is_accepted(tier):
    assert override_errors(tier, "Seen in clinic, worsening since") == {}


@pytest.mark.parametrize("override", [None, ""])
def test_no_override_needs_no_reason(override):
    assert override_errors(override, None) == {}


def test_an_override_to_an_unknown_tier_is_refused():
    assert set(override_errors("soon", "A perfectly good reason")) == {"urgency_override"}


@pytest.mark.parametrize(
    "reason",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param("too short", id="9-characters"),
        pytest.param("   too short    ", id="9-characters-padded"),
    ],
)
def test_an_override_without_a_reason_of_10_characters_is_refused(reason):
    assert set(override_errors("urgent", reason)) == {"override_reason"}


def test_an_override_reason_of_exactly_10_characters_is_accepted():
    assert override_errors("urgent", "0123456789") == {}


def test_both_override_errors_are_reported_together():
    assert set(override_errors("later", "short")) == {"urgency_override", "override_reason"}


def test_effective_urgency_is_the_override_when_set():
    assessment = assess(EMERGENCY, age=40)
    assert effective_urgency(assessment, "urgent") == "urgent"


@pytest.mark.parametrize("override", [None, "", "unknown-tier"])
def test_effective_urgency_is_the_computed_tier_without_a_valid_override(override):
    assessment = assess(EMERGENCY, age=40)
    assert effective_urgency(assessment, override) == "emergency"


def test_a_complete_emergency_can_be_signed_without_a_safety_net():
    assert sign_off_errors(assess(EMERGENCY, age=40), EMERGENCY, None) == {}


@pytest.mark.parametrize(
    "answers",
    [pytest.param(COMPLETE_HAND, id="conservative"), pytest.param(ROUTINE, id="routine")],
)
def test_a_conservative_or_routine_plan_without_a_safety_net_is_refused(answers):
    assert set(sign_off_errors(assess(answers, age=40), answers, None)) == {"plan.safety_net_given"}


@pytest.mark.parametrize("given", [False, None])
def test_a_safety_net_not_given_is_refused(given):
    answers = {**COMPLETE_HAND, "plan.safety_net_given": given}
    assert "plan.safety_net_given" in sign_off_errors(assess(answers, age=40), answers, None)


@pytest.mark.parametrize("answers", [COMPLETE_HAND, ROUTINE])
def test_a_conservative_or_routine_plan_with_a_safety_net_is_signable(answers):
    answers = {**answers, "plan.safety_net_given": True}
    assert sign_off_errors(assess(answers, age=40), answers, None) == {}


def test_overriding_an_emergency_down_to_routine_requires_a_safety_net():
    errors = sign_off_errors(assess(EMERGENCY, age=40), EMERGENCY, "routine")
    assert set(errors) == {"plan.safety_net_given"}


def test_overriding_a_conservative_plan_up_to_urgent_needs_no_safety_net():
    assert sign_off_errors(assess(COMPLETE_HAND, age=40), COMPLETE_HAND, "urgent") == {}


def test_every_incomplete_code_is_named_in_the_refusal():
    answers = {"history.regions": ["cervical_spine"], "plan.safety_net_given": True}
    assessment = assess(answers, age=40)
    errors = sign_off_errors(assessment, answers, None)
    assert list(errors) == list(assessment.incomplete)
    assert errors["red_flag.hand_clumsiness"] == ["Must be answered before signing."]


def test_sign_off_uses_the_stored_assessment_not_a_fresh_one():
    stored = assess({"history.regions": ["wrist_hand"]}, age=40)  # history.symptoms was then missing
    answers = {**COMPLETE_HAND, "plan.safety_net_given": True}
    assert set(sign_off_errors(stored, answers, None)) == {"history.symptoms"}
