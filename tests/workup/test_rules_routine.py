"""Routine rules (spec §4.3), with their pathway-policy thresholds at and just past the cut-off."""

from __future__ import annotations

import pytest

from tests.workup.rules_v1 import assess
from workup.pathways.rules import PathwayPolicy

LUMBAR_RADICULOPATHY = {
    "history.regions": ["lumbar_spine"],
    "history.radiating_pain": "leg_below_knee",
    "exam.test.slr.left": "positive",
}
CERVICAL_RADICULOPATHY = {
    "history.regions": ["cervical_spine"],
    "history.radiating_pain": "arm_below_elbow",
    "exam.test.spurling.right": "positive",
}
# CTS-6 3.5 + 5 = 8.5: recognised by territory and a provocative test, below the score cut-off.
CARPAL_TUNNEL = {
    "history.regions": ["wrist_hand"],
    "history.numbness_territory": ["thumb_index_middle"],
    "exam.test.phalen.left": "positive",
}
CUBITAL_TUNNEL = {
    "history.regions": ["elbow_forearm"],
    "history.numbness_territory": ["ring_little"],
    "exam.test.tinel_elbow.left": "positive",
}
RADIAL_PALSY = {"history.regions": ["elbow_forearm"], "exam.deformity": ["wrist_drop"]}


DEFAULT_POLICY = PathwayPolicy()


def fired(answers: dict, *, age: int = 40, policy: PathwayPolicy = DEFAULT_POLICY) -> list[str]:
    return [reason.rule for reason in assess(answers, age=age, policy=policy).reasons]


# ---- LRAD-2 and CRAD-2: the same escalation on a lumbar / cervical radiculopathy ----

RADICULOPATHIES = [
    pytest.param(LUMBAR_RADICULOPATHY, "LRAD-2", "lumbar_conservative_weeks", id="LRAD-2"),
    pytest.param(CERVICAL_RADICULOPATHY, "CRAD-2", "cervical_conservative_weeks", id="CRAD-2"),
]


@pytest.mark.parametrize(("base", "rule", "_policy"), RADICULOPATHIES)
@pytest.mark.parametrize(
    ("escalation", "fires"),
    [
        pytest.param({"history.conservative_weeks": 6}, True, id="6-weeks-conservative"),
        pytest.param({"history.conservative_weeks": 5}, False, id="5-weeks-conservative"),
        pytest.param({"history.pain_score": 8, "history.duration_weeks": 2}, True, id="pain-8-for-2-weeks"),
        pytest.param({"history.pain_score": 7, "history.duration_weeks": 2}, False, id="pain-7-for-2-weeks"),
        pytest.param({"history.pain_score": 8, "history.duration_weeks": 1}, False, id="pain-8-for-1-week"),
        pytest.param({"history.pain_score": 10}, False, id="duration-unanswered"),
    ],
)
def test_radiculopathy_is_referred_after_a_failed_trial_or_severe_pain(
    base, rule, _policy, escalation, fires
):
    assessment = assess({**base, **escalation}, age=40)
    assert (rule in [reason.rule for reason in assessment.reasons]) is fires
    if fires:
        assert assessment.urgency == "routine"
        assert assessment.specialty == "spinal_surgery"
        assert assessment.recommended_tests == ("mri_spine",)


@pytest.mark.parametrize(("base", "rule", "policy_name"), RADICULOPATHIES)
@pytest.mark.parametrize(("weeks", "fires"), [(7, False), (8, True)])
def test_radiculopathy_conservative_trial_length_is_practice_policy(base, rule, policy_name, weeks, fires):
    policy = PathwayPolicy(**{policy_name: 8})
    assert (rule in fired({**base, "history.conservative_weeks": weeks}, policy=policy)) is fires


@pytest.mark.parametrize(("base", "rule", "_policy"), RADICULOPATHIES)
def test_radiculopathy_referral_needs_the_radiculopathy_recognised(base, rule, _policy):
    answers = {**base, "history.radiating_pain": "none", "history.conservative_weeks": 20}
    assert rule not in fired(answers)


# ---- CTS-2 ----


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.deformity": ["thenar_wasting"]}, id="thenar-wasting"),
        pytest.param({"exam.power.APB.left": 4}, id="apb-4"),
        pytest.param({"exam.two_point_discrimination_lost": True}, id="two-point-lost"),
        pytest.param({"history.conservative_weeks": 12}, id="12-weeks-conservative"),
    ],
)
def test_carpal_tunnel_with_a_referral_criterion_is_routine_hand_surgery(finding):
    assessment = assess({**CARPAL_TUNNEL, **finding}, age=40)
    assert [reason.rule for reason in assessment.reasons] == ["CTS-2", "CTS-1"]
    assert assessment.specialty == "hand_surgery"


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.power.APB.left": 5}, id="apb-5"),
        pytest.param({"exam.two_point_discrimination_lost": False}, id="two-point-kept"),
        pytest.param({"history.conservative_weeks": 11}, id="11-weeks-conservative"),
    ],
)
def test_carpal_tunnel_without_a_referral_criterion_stays_in_primary_care(finding):
    assert fired({**CARPAL_TUNNEL, **finding}) == ["CTS-1"]


@pytest.mark.parametrize(("weeks", "fires"), [(15, False), (16, True)])
def test_carpal_tunnel_trial_length_is_practice_policy(weeks, fires):
    policy = PathwayPolicy(cts_conservative_weeks=16)
    assert ("CTS-2" in fired({**CARPAL_TUNNEL, "history.conservative_weeks": weeks}, policy=policy)) is fires


def test_carpal_tunnel_referral_needs_carpal_tunnel_recognised():
    answers = {"history.regions": ["wrist_hand"], "exam.deformity": ["thenar_wasting"]}
    assert "CTS-2" not in fired(answers)


# CTS-6 11.5 (territory 3.5 + nocturnal 4 + Tinel 4) sits just below the cut-off; 12 (territory 3.5 +
# nocturnal 4 + two-point 4.5) is at it.
BELOW_CUT_OFF = {
    "history.regions": ["wrist_hand"],
    "history.numbness_territory": ["thumb_index_middle"],
    "history.nocturnal_hand_symptoms": True,
    "exam.test.tinel_wrist.right": "positive",
    "history.conservative_weeks": 12,
}
AT_CUT_OFF = {
    "history.regions": ["wrist_hand"],
    "history.numbness_territory": ["thumb_index_middle"],
    "history.nocturnal_hand_symptoms": True,
    "exam.two_point_discrimination_lost": True,
}


def test_carpal_tunnel_referral_with_cts6_just_below_the_cut_off_asks_for_nerve_conduction_study():
    assessment = assess(BELOW_CUT_OFF, age=40)
    assert assessment.cts6_score == 11.5
    assert assessment.recommended_tests == ("nerve_conduction_study",)
    assert "below 12" in assessment.reasons[0].text


def test_carpal_tunnel_referral_with_cts6_at_the_cut_off_skips_nerve_conduction_study():
    assessment = assess(AT_CUT_OFF, age=40)
    assert assessment.cts6_score == 12
    assert assessment.reasons[0].rule == "CTS-2"
    assert assessment.recommended_tests == ()


def test_practice_policy_can_require_nerve_conduction_study_before_every_carpal_tunnel_referral():
    assessment = assess(AT_CUT_OFF, age=40, policy=PathwayPolicy(ncs_before_cts_referral=True))
    assert assessment.recommended_tests == ("nerve_conduction_study",)


def test_a_raised_cts6_cut_off_asks_for_nerve_conduction_study_at_12():
    answers = {**AT_CUT_OFF, "exam.test.phalen.left": "positive"}  # 17: recognised by territory + Phalen
    assessment = assess(answers, age=40, policy=PathwayPolicy(cts6_threshold=17.5))
    assert assessment.reasons[0].rule == "CTS-2"
    assert assessment.recommended_tests == ("nerve_conduction_study",)


# ---- CUB-2 ----


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.deformity": ["first_dorsal_interosseous_wasting"]}, id="fdi-wasting"),
        pytest.param({"exam.deformity": ["hypothenar_wasting"]}, id="hypothenar-wasting"),
        pytest.param({"exam.deformity": ["claw_hand"]}, id="claw-hand"),
        pytest.param({"exam.power.FDI.right": 4}, id="fdi-4"),
        pytest.param({"exam.test.froment.left": "positive"}, id="froment"),
        pytest.param({"history.conservative_weeks": 12}, id="12-weeks-conservative"),
    ],
)
def test_cubital_tunnel_with_a_referral_criterion_is_routine_hand_surgery(finding):
    assessment = assess({**CUBITAL_TUNNEL, **finding}, age=40)
    assert [reason.rule for reason in assessment.reasons] == ["CUB-2", "CUB-1"]
    assert assessment.recommended_tests == ("nerve_conduction_study",)
    assert assessment.specialty == "hand_surgery"


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.power.FDI.right": 5}, id="fdi-5"),
        pytest.param({"exam.test.froment.left": "negative"}, id="froment-negative"),
        pytest.param({"history.conservative_weeks": 11}, id="11-weeks-conservative"),
    ],
)
def test_cubital_tunnel_without_a_referral_criterion_stays_in_primary_care(finding):
    assert fired({**CUBITAL_TUNNEL, **finding}) == ["CUB-1"]


@pytest.mark.parametrize(("weeks", "fires"), [(7, False), (8, True)])
def test_cubital_tunnel_trial_length_is_practice_policy(weeks, fires):
    policy = PathwayPolicy(cubital_conservative_weeks=8)
    assert ("CUB-2" in fired({**CUBITAL_TUNNEL, "history.conservative_weeks": weeks}, policy=policy)) is fires


# ---- RAD-3 ----


@pytest.mark.parametrize(("weeks", "fires"), [(5, False), (6, True)])
def test_radial_palsy_not_recovered_by_the_review_is_routine_neurology(weeks, fires):
    assessment = assess({**RADIAL_PALSY, "history.duration_weeks": weeks}, age=40)
    assert ("RAD-3" in [reason.rule for reason in assessment.reasons]) is fires
    assert assessment.specialty == ("neurology" if fires else "none")


@pytest.mark.parametrize(("weeks", "fires"), [(3, False), (4, True)])
def test_radial_review_interval_is_practice_policy(weeks, fires):
    policy = PathwayPolicy(radial_review_weeks=4)
    assert ("RAD-3" in fired({**RADIAL_PALSY, "history.duration_weeks": weeks}, policy=policy)) is fires


def test_radial_review_needs_a_radial_palsy():
    assert "RAD-3" not in fired({"history.regions": ["elbow_forearm"], "history.duration_weeks": 20})


# ---- INFL-1 ----

INFLAMMATORY = {
    "history.regions": ["lumbar_spine"],
    "red_flag.morning_stiffness": True,
    "history.duration_weeks": 12,
}


@pytest.mark.parametrize(
    ("answers", "age"),
    [
        pytest.param(INFLAMMATORY, 44, id="lumbar-age-44"),
        pytest.param({**INFLAMMATORY, "history.regions": ["thoracic_spine"]}, 30, id="thoracic"),
    ],
)
def test_long_morning_stiffness_under_45_is_possible_inflammatory_back_pain(answers, age):
    assessment = assess(answers, age=age)
    assert [reason.rule for reason in assessment.reasons] == ["INFL-1"]
    assert assessment.specialty == "rheumatology"
    assert assessment.recommended_tests == ("bloods_inflammatory",)


@pytest.mark.parametrize(
    ("answers", "age"),
    [
        pytest.param(INFLAMMATORY, 45, id="age-45"),
        pytest.param({**INFLAMMATORY, "history.duration_weeks": 11}, 30, id="duration-11"),
        pytest.param({**INFLAMMATORY, "history.regions": ["cervical_spine"]}, 30, id="cervical"),
        pytest.param({**INFLAMMATORY, "red_flag.morning_stiffness": False}, 30, id="no-stiffness"),
    ],
)
def test_inflammatory_back_pain_does_not_fire(answers, age):
    assert "INFL-1" not in fired(answers, age=age)
