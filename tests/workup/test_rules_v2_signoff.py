"""Sign-off v2 (spec §4.7): discussing lowered red-flag tiers, emergency sign-off, urgent safety-netting."""

from __future__ import annotations

import pytest

from tests.workup.rules_v1 import V1
from tests.workup.rules_v2 import V2, assess
from workup.pathways.vocabulary import NOT_ASKED_EMERGENCY

LUMBAR = {"history.regions": ["lumbar_spine"]}
SADDLE = {**LUMBAR, "red_flag.saddle_anaesthesia": True}
REASON = "Discussed the findings at length"


def override(assessment, tier, *, discussed_with=None, reason=REASON):
    return V2.override_errors(tier, reason, override_discussed_with=discussed_with, assessment=assessment)


def test_lowering_an_emergency_needs_who_it_was_discussed_with():
    emergency = assess(SADDLE, age=40)
    assert set(override(emergency, "urgent")) == {"override_discussed_with"}
    assert override(emergency, "urgent", discussed_with="Mr Patel, on-call spinal registrar") == {}


def test_who_it_was_discussed_with_is_at_least_three_characters():
    emergency = assess(SADDLE, age=40)
    assert "override_discussed_with" in override(emergency, "routine", discussed_with=" Dr ")
    assert override(emergency, "routine", discussed_with="SpR") == {}


@pytest.mark.parametrize(
    ("answers", "rule"),
    [
        (
            {**LUMBAR, "red_flag.bladder_dysfunction": True, "red_flag.ces_onset": "over_14_days_stable"},
            "CES-2",
        ),
        ({**LUMBAR, "red_flag.history_of_cancer": True, "red_flag.night_pain": True}, "MAL-1"),
        ({**LUMBAR, "history.risk_factors": ["iv_drug_use"]}, "INF-4"),
        (
            {
                "history.regions": ["cervical_spine"],
                "exam.test.hoffmann.left": "positive",
                "red_flag.hand_clumsiness": True,
            },
            "MYEL-1",
        ),
    ],
)
def test_lowering_an_urgent_tier_set_by_a_red_flag_rule_needs_a_discussion(answers, rule):
    assessment = assess(answers, age=40)
    assert (assessment.urgency, assessment.reasons[0].rule) == ("urgent", rule)
    assert "override_discussed_with" in override(assessment, "routine")


def test_lowering_an_urgent_tier_set_by_another_rule_needs_only_a_reason():
    assessment = assess({"exam.deformity": ["wrist_drop"], "history.symptoms_progressing": True}, age=40)
    assert (assessment.urgency, assessment.reasons[0].rule) == ("urgent", "RAD-2")
    assert override(assessment, "routine") == {}


def test_raising_a_tier_needs_no_discussion():
    assessment = assess({"history.regions": ["wrist_hand"]}, age=40)
    assert override(assessment, "emergency") == {}


def test_the_v2_override_check_needs_the_assessment():
    with pytest.raises(TypeError, match="assessment"):
        V2.override_errors("routine", REASON)


def test_v1_keeps_its_override_rules():
    emergency = V1.assess(SADDLE, age=40)
    assert V1.override_errors("routine", REASON, assessment=emergency) == {}


def test_an_emergency_can_be_signed_with_items_unanswered_and_stores_them_as_not_asked():
    answers = {
        **SADDLE,
        "red_flag.sudden_focal_weakness": False,
        "history.anticoagulated": False,
        "red_flag.ces_onset": "within_14_days",
    }
    assessment = assess(answers, age=40)
    assert assessment.urgency == "emergency" and assessment.incomplete
    assert V2.sign_off_errors(assessment, answers, None) == {}
    assert V2.not_asked_codes(assessment, answers, None) == assessment.incomplete
    assert NOT_ASKED_EMERGENCY == "not asked (emergency)"


@pytest.mark.parametrize(
    "missing", ["red_flag.sudden_focal_weakness", "history.anticoagulated", "red_flag.ces_onset"]
)
def test_the_three_routing_questions_must_be_answered_even_in_an_emergency(missing):
    answers = {
        **SADDLE,
        "red_flag.sudden_focal_weakness": False,
        "history.anticoagulated": False,
        "red_flag.ces_onset": "within_14_days",
    }
    del answers[missing]
    assessment = assess(answers, age=40)
    assert assessment.urgency == "emergency"
    assert set(V2.sign_off_errors(assessment, answers, None)) == {missing}
    assert missing not in V2.not_asked_codes(assessment, answers, None)


def test_anticoagulation_is_not_a_routing_question_outside_a_spinal_presentation():
    answers = {"red_flag.sudden_focal_weakness": True}
    assessment = assess(answers, age=40)
    assert "history.anticoagulated" not in assessment.incomplete
    assert V2.sign_off_errors(assessment, answers, None) == {}


def test_an_override_to_emergency_also_allows_signing_incomplete():
    answers = {"history.regions": ["wrist_hand"], "red_flag.sudden_focal_weakness": False}
    assessment = assess(answers, age=40)
    assert assessment.urgency == "conservative" and assessment.incomplete
    assert V2.sign_off_errors(assessment, answers, "emergency") == {}
    assert V2.not_asked_codes(assessment, answers, "emergency") == assessment.incomplete


def test_an_incomplete_urgent_encounter_cannot_be_signed():
    answers = {**LUMBAR, "history.risk_factors": ["iv_drug_use"], "plan.safety_net_given": True}
    assessment = assess(answers, age=40)
    assert assessment.urgency == "urgent"
    assert set(V2.sign_off_errors(assessment, answers, None)) == set(assessment.incomplete)
    assert V2.not_asked_codes(assessment, answers, None) == ()


@pytest.mark.parametrize("tier", ["conservative", "routine", "urgent"])
def test_safety_netting_is_needed_below_emergency_including_urgent(tier):
    answers = {
        "history.regions": ["wrist_hand"],
        "history.symptoms": ["numbness"],
        "history.onset": "gradual",
        "history.duration_weeks": 4,
        "red_flag.sudden_focal_weakness": False,
    }
    assessment = assess(answers, age=40)
    assert assessment.incomplete == ()
    assert set(V2.sign_off_errors(assessment, answers, tier)) == {"plan.safety_net_given"}
    assert V2.sign_off_errors(assessment, {**answers, "plan.safety_net_given": True}, tier) == {}


def test_v1_still_exempts_urgent_from_safety_netting():
    answers = {
        "exam.deformity": ["wrist_drop"],
        "history.symptoms_progressing": True,
        "history.regions": ["wrist_hand"],
        "history.symptoms": ["weakness"],
    }
    assessment = V1.assess(answers, age=40)
    assert assessment.urgency == "urgent"
    assert V1.sign_off_errors(assessment, answers, None) == {}
    assert V1.not_asked_codes(assessment, answers, None) == ()
