"""§4.10 safety_net_topics: the topics a v2 assessment includes, in the spec's order; v1 has none."""

from __future__ import annotations

import pytest

from tests.workup.rules_v1 import assess as assess_v1
from tests.workup.rules_v2 import assess

LUMBAR = {"history.regions": ["lumbar_spine"]}


def topics(answers: dict, age: int = 40) -> tuple[str, ...]:
    return assess(answers, age=age).safety_net_topics


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"history.regions": ["elbow_forearm"]}, ()),
        (LUMBAR, ("cauda_equina",)),
        ({"history.regions": ["thoracic_spine"]}, ("cord_compression",)),
        ({"history.regions": ["cervical_spine"]}, ("myelopathy",)),
        (
            {"history.regions": ["cervical_spine"], "red_flag.history_of_cancer": True},
            ("cord_compression", "myelopathy"),
        ),
        ({"history.regions": ["shoulder_arm"], "red_flag.history_of_cancer": True}, ()),
        ({**LUMBAR, "history.risk_factors": ["diabetes"]}, ("cauda_equina", "spinal_infection")),
        (
            {
                "history.regions": ["knee_leg_foot"],
                "exam.power.L5.left": 3,
                "exam.power.ankle_inversion.left": 5,
                "exam.power.hip_abduction.left": 5,
            },
            ("worsening_weakness",),
        ),
        (
            {
                "history.regions": ["wrist_hand"],
                "history.numbness_territory": ["thumb_index_middle"],
                "exam.test.phalen.left": "positive",
            },
            ("hand_nerve",),
        ),
        ({"history.onset": "sudden"}, ("stroke",)),
        ({"red_flag.sudden_focal_weakness": True}, ("stroke",)),
    ],
    ids=lambda value: str(value)[:40] if isinstance(value, dict) else None,
)
def test_a_topic_is_included_when_its_condition_holds(answers, expected):
    assert topics(answers) == expected


def test_a_fired_CES_rule_brings_the_cauda_equina_topic_outside_a_lumbar_presentation():
    assert "cauda_equina" in topics(
        {"history.regions": ["thoracic_spine"], "red_flag.saddle_anaesthesia": True}
    )


def test_a_fired_MYEL_rule_brings_the_myelopathy_topic():
    assert "myelopathy" in topics({"history.regions": ["lumbar_spine"], "exam.sensory_level": True})


def test_topics_follow_the_spec_order_whatever_fired_first():
    answers = {
        "history.regions": ["lumbar_spine", "cervical_spine", "wrist_hand"],
        "history.onset": "sudden",
        "red_flag.fever": True,
        "exam.power.L5.left": 3,
        "history.numbness_territory": ["thumb_index_middle"],
        "exam.test.phalen.left": "positive",
        "red_flag.history_of_cancer": True,
    }
    assert topics(answers) == (
        "cauda_equina",
        "cord_compression",
        "spinal_infection",
        "myelopathy",
        "worsening_weakness",
        "hand_nerve",
        "stroke",
    )


def test_a_v2_assessment_serialises_its_topics():
    data = assess(LUMBAR, age=40).as_dict()
    assert data["safety_net_topics"] == ["cauda_equina"]


def test_a_v1_assessment_has_no_topics_key():
    assessment = assess_v1(LUMBAR, age=40)
    assert assessment.safety_net_topics is None
    assert "safety_net_topics" not in assessment.as_dict()
