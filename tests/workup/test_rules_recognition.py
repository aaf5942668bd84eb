"""Recognition rules and CTS-6 (spec §4.4): they name the condition without raising the tier."""

from __future__ import annotations

import pytest

from tests.workup.rules_v1 import assess
from workup.pathways.rules import PathwayPolicy

LUMBAR_LEG = {"history.regions": ["lumbar_spine"], "history.radiating_pain": "leg_below_knee"}
CERVICAL_ARM = {"history.regions": ["cervical_spine"], "history.radiating_pain": "arm_below_elbow"}
HAND = {"history.regions": ["wrist_hand"]}
SIDES = ["left", "right"]


def fired(answers: dict, *, policy: PathwayPolicy | None = None) -> list[str]:
    return [reason.rule for reason in assess(answers, age=40, policy=policy or PathwayPolicy()).reasons]


# ---- LRAD-1 ----


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("test", ["slr", "crossed_slr", "femoral_stretch"])
def test_leg_pain_below_the_knee_with_a_positive_stretch_test_is_lumbar_radiculopathy(test, side):
    assessment = assess({**LUMBAR_LEG, f"exam.test.{test}.{side}": "positive"}, age=40)
    assert [reason.rule for reason in assessment.reasons] == ["LRAD-1"]
    assert assessment.urgency == "conservative"
    assert assessment.specialty == "none"
    assert assessment.suspected_conditions == ("lumbar_radiculopathy",)
    assert assessment.reasons[0].source == "NICE-NG59"


def test_leg_pain_below_the_knee_with_a_localised_lumbar_root_is_lumbar_radiculopathy():
    answers = {**LUMBAR_LEG, "exam.power.L5.left": 4, "exam.sensation.L5.left": "reduced"}
    assessment = assess(answers, age=40)
    assert fired(answers) == ["LRAD-1"]
    assert assessment.levels == ("L5 left",)
    assert "L5 left localised" in assessment.reasons[0].text


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({**LUMBAR_LEG, "exam.test.slr.left": "negative"}, id="slr-negative"),
        pytest.param(
            {**LUMBAR_LEG, "history.radiating_pain": "none", "exam.test.slr.left": "positive"},
            id="no-radiation",
        ),
        pytest.param(
            {**LUMBAR_LEG, "history.regions": ["thoracic_spine"], "exam.test.slr.left": "positive"},
            id="thoracic",
        ),
        pytest.param(
            {**LUMBAR_LEG, "exam.power.C6.left": 4, "exam.sensation.C6.left": "reduced"}, id="cervical-root"
        ),
    ],
)
def test_lumbar_radiculopathy_is_not_recognised(answers):
    assert "LRAD-1" not in fired(answers)


# ---- CRAD-1 ----


@pytest.mark.parametrize("side", SIDES)
def test_arm_pain_below_the_elbow_with_positive_spurling_is_cervical_radiculopathy(side):
    assessment = assess({**CERVICAL_ARM, f"exam.test.spurling.{side}": "positive"}, age=40)
    assert [reason.rule for reason in assessment.reasons] == ["CRAD-1"]
    assert assessment.suspected_conditions == ("cervical_radiculopathy",)
    assert assessment.reasons[0].source == "DEVON-CERV"


def test_arm_pain_below_the_elbow_with_a_localised_cervical_root_is_cervical_radiculopathy():
    answers = {**CERVICAL_ARM, "exam.power.C8.right": 4, "exam.sensation.C8.right": "absent"}
    assert fired(answers) == ["CRAD-1"]


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({**CERVICAL_ARM, "exam.test.spurling.left": "negative"}, id="spurling-negative"),
        pytest.param(
            {**CERVICAL_ARM, "history.radiating_pain": "none", "exam.test.spurling.left": "positive"},
            id="none",
        ),
        pytest.param(
            {**CERVICAL_ARM, "history.regions": ["shoulder_arm"], "exam.test.spurling.left": "positive"},
            id="arm",
        ),
        pytest.param(
            {**CERVICAL_ARM, "exam.power.L5.left": 4, "exam.sensation.L5.left": "reduced"}, id="lumbar-root"
        ),
    ],
)
def test_cervical_radiculopathy_is_not_recognised(answers):
    assert "CRAD-1" not in fired(answers)


# ---- CTS-1 ----


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("test", ["tinel_wrist", "phalen", "carpal_compression"])
def test_median_territory_numbness_with_a_positive_wrist_test_is_carpal_tunnel(test, side):
    answers = {
        **HAND,
        "history.numbness_territory": ["thumb_index_middle"],
        f"exam.test.{test}.{side}": "positive",
    }
    assessment = assess(answers, age=40)
    assert [reason.rule for reason in assessment.reasons] == ["CTS-1"]
    assert assessment.suspected_conditions == ("carpal_tunnel_syndrome",)
    assert assessment.reasons[0].source == "MDCALC-CTS6, GGC-CTS"


# 12 = territory 3.5 + nocturnal 4 + two-point 4.5, with no provocative test to recognise it otherwise.
CTS6_OF_12 = {
    **HAND,
    "history.numbness_territory": ["thumb_index_middle"],
    "history.nocturnal_hand_symptoms": True,
    "exam.two_point_discrimination_lost": True,
}


def test_cts6_score_at_the_cut_off_is_carpal_tunnel():
    assert "CTS-1" in fired(CTS6_OF_12)


def test_cts6_score_just_below_a_raised_cut_off_is_not_carpal_tunnel():
    assert "CTS-1" not in fired(CTS6_OF_12, policy=PathwayPolicy(cts6_threshold=12.5))


def test_cts6_score_of_10_without_median_territory_numbness_is_not_carpal_tunnel():
    answers = {**HAND, "exam.deformity": ["thenar_wasting"], "exam.test.phalen.left": "positive"}
    assert assess(answers, age=40).cts6_score == 10
    assert "CTS-1" not in fired(answers)


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(
            {**HAND, "history.numbness_territory": ["ring_little"], "exam.test.phalen.left": "positive"},
            id="ulnar",
        ),
        pytest.param(
            {
                **HAND,
                "history.numbness_territory": ["thumb_index_middle"],
                "exam.test.phalen.left": "negative",
            },
            id="neg",
        ),
    ],
)
def test_carpal_tunnel_is_not_recognised(answers):
    assert "CTS-1" not in fired(answers)


# ---- CTS-6 arithmetic (MDCALC-CTS6) ----


@pytest.mark.parametrize(
    ("finding", "score"),
    [
        pytest.param({"history.numbness_territory": ["thumb_index_middle"]}, 3.5, id="territory-3.5"),
        pytest.param({"history.nocturnal_hand_symptoms": True}, 4, id="nocturnal-4"),
        pytest.param({"exam.deformity": ["thenar_wasting"]}, 5, id="thenar-wasting-5"),
        pytest.param({"exam.power.APB.right": 4}, 5, id="apb-4-5"),
        pytest.param(
            {"exam.deformity": ["thenar_wasting"], "exam.power.APB.left": 3}, 5, id="wasting-or-weakness-once"
        ),
        pytest.param({"exam.test.phalen.left": "positive"}, 5, id="phalen-5"),
        pytest.param(
            {"exam.test.phalen.left": "positive", "exam.test.phalen.right": "positive"}, 5, id="phalen-x2-5"
        ),
        pytest.param({"exam.two_point_discrimination_lost": True}, 4.5, id="two-point-4.5"),
        pytest.param({"exam.test.tinel_wrist.right": "positive"}, 4, id="tinel-4"),
        pytest.param({"exam.power.APB.right": 5}, 0, id="apb-5-scores-nothing"),
        pytest.param({"history.nocturnal_hand_symptoms": False}, 0, id="answered-no-scores-nothing"),
        pytest.param({"exam.test.carpal_compression.left": "positive"}, 0, id="compression-not-scored"),
    ],
)
def test_cts6_weights(finding, score):
    result = assess({**HAND, **finding}, age=40).cts6_score
    assert result == score
    assert isinstance(result, float)


def test_cts6_maximum_is_26():
    answers = {
        **HAND,
        "history.numbness_territory": ["thumb_index_middle", "ring_little"],
        "history.nocturnal_hand_symptoms": True,
        "exam.deformity": ["thenar_wasting"],
        "exam.power.APB.left": 2,
        "exam.test.phalen.left": "positive",
        "exam.test.phalen.right": "positive",
        "exam.two_point_discrimination_lost": True,
        "exam.test.tinel_wrist.left": "positive",
        "exam.test.tinel_wrist.right": "positive",
    }
    assert assess(answers, age=40).cts6_score == 26


def test_cts6_score_is_null_without_a_wrist_hand_presentation():
    answers = {
        "history.regions": ["elbow_forearm"],
        **{k: v for k, v in CTS6_OF_12.items() if k != "history.regions"},
    }
    assessment = assess(answers, age=40)
    assert assessment.cts6_score is None
    assert "CTS-1" in [reason.rule for reason in assessment.reasons]  # the rules still use the score


def test_cts6_score_is_null_when_regions_are_unanswered():
    assert assess({"history.nocturnal_hand_symptoms": True}, age=40).cts6_score is None


def test_cts6_score_is_zero_for_a_wrist_hand_presentation_with_nothing_found():
    assert assess(HAND, age=40).cts6_score == 0


# ---- CUB-1 ----


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.test.tinel_elbow.left": "positive"}, id="tinel-elbow"),
        pytest.param({"exam.test.elbow_flexion.right": "positive"}, id="elbow-flexion"),
        pytest.param({"exam.tenderness": ["cubital_tunnel"]}, id="cubital-tenderness"),
    ],
)
def test_ulnar_territory_numbness_with_an_elbow_sign_is_cubital_tunnel(finding):
    answers = {"history.regions": ["elbow_forearm"], "history.numbness_territory": ["ring_little"], **finding}
    assessment = assess(answers, age=40)
    assert [reason.rule for reason in assessment.reasons] == ["CUB-1"]
    assert assessment.suspected_conditions == ("cubital_tunnel_syndrome",)


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(
            {"history.numbness_territory": ["ring_little"], "exam.test.tinel_elbow.left": "negative"},
            id="neg",
        ),
        pytest.param(
            {"history.numbness_territory": ["thumb_index_middle"], "exam.tenderness": ["cubital_tunnel"]},
            id="t",
        ),
        pytest.param({"exam.test.elbow_flexion.left": "positive"}, id="territory-unanswered"),
    ],
)
def test_cubital_tunnel_is_not_recognised(answers):
    assert "CUB-1" not in fired(answers)


# ---- RAD-1 ----


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.deformity": ["wrist_drop"]}, id="wrist-drop"),
        pytest.param({"exam.power.wrist_extension.right": 3}, id="wrist-extension-3"),
        pytest.param(
            {"history.numbness_territory": ["dorsal_first_web"], "exam.sensation.radial.left": "reduced"},
            id="sensory",
        ),
        pytest.param(
            {"history.numbness_territory": ["dorsal_first_web"], "exam.sensation.radial.right": "absent"},
            id="absent",
        ),
    ],
)
def test_radial_nerve_findings_are_radial_neuropathy(finding):
    assessment = assess({"history.regions": ["elbow_forearm"], **finding}, age=40)
    assert [reason.rule for reason in assessment.reasons] == ["RAD-1"]
    assert assessment.suspected_conditions == ("radial_neuropathy",)


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"exam.power.wrist_extension.right": 4}, id="wrist-extension-4"),
        pytest.param(
            {"history.numbness_territory": ["dorsal_first_web"], "exam.sensation.radial.left": "normal"},
            id="n",
        ),
        pytest.param({"exam.sensation.radial.left": "reduced"}, id="territory-unanswered"),
    ],
)
def test_radial_neuropathy_is_not_recognised(answers):
    assert "RAD-1" not in fired(answers)


# ---- DIFF-1 ----

CARPAL_TUNNEL = {"history.numbness_territory": ["thumb_index_middle"], "exam.test.phalen.left": "positive"}


@pytest.mark.parametrize(
    "root",
    [
        pytest.param({"exam.power.C6.left": 4, "exam.sensation.C6.left": "reduced"}, id="C6-left"),
        pytest.param({"exam.power.C7.right": 4, "exam.reflex.triceps.right": 0}, id="C7-right"),
    ],
)
def test_cervical_radiculopathy_at_c6_or_c7_with_carpal_tunnel_adds_the_differential(root):
    answers = {**CERVICAL_ARM, "history.regions": ["cervical_spine", "wrist_hand"], **CARPAL_TUNNEL, **root}
    assessment = assess(answers, age=40)
    assert [reason.rule for reason in assessment.reasons] == ["CRAD-1", "CTS-1", "DIFF-1"]
    diff = assessment.reasons[-1]
    assert (diff.tier, diff.source) == ("conservative", "DEVON-CTS")
    assert "coexist or mimic" in diff.text


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(
            {**CERVICAL_ARM, **CARPAL_TUNNEL, "exam.power.C5.left": 4, "exam.sensation.C5.left": "reduced"},
            id="C5",
        ),
        pytest.param(
            {**CERVICAL_ARM, "exam.power.C6.left": 4, "exam.sensation.C6.left": "reduced"}, id="no-cts"
        ),
        pytest.param(
            {**CERVICAL_ARM, **CARPAL_TUNNEL, "exam.test.spurling.left": "positive"}, id="spurling-no-root"
        ),
        pytest.param(
            {
                **CARPAL_TUNNEL,
                "history.regions": ["wrist_hand"],
                "exam.power.C6.left": 4,
                "exam.sensation.C6.left": "reduced",
            },
            id="no-crad-1",
        ),
    ],
)
def test_root_or_median_differential_does_not_fire(answers):
    assert "DIFF-1" not in fired(answers)
