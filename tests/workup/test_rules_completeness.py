"""Completeness (spec §4.6): the red flags a presentation needs, listed while unanswered."""

from __future__ import annotations

import pytest

from tests.workup.rules_v1 import assess

SPINAL = [
    "red_flag.history_of_cancer",
    "red_flag.unexplained_weight_loss",
    "red_flag.fever",
    "red_flag.significant_trauma",
    "red_flag.progressive_weakness",
]
LUMBAR = [
    "red_flag.saddle_anaesthesia",
    "red_flag.bladder_dysfunction",
    "red_flag.bowel_dysfunction",
    "red_flag.bilateral_leg_symptoms",
]
CERVICAL = ["red_flag.hand_clumsiness", "red_flag.gait_disturbance"]


def incomplete(answers: dict) -> list[str]:
    return list(assess(answers, age=40).incomplete)


@pytest.mark.parametrize(
    ("regions", "expected"),
    [
        pytest.param(["lumbar_spine"], [*SPINAL, *LUMBAR, "history.symptoms"], id="lumbar"),
        pytest.param(["cervical_spine"], [*SPINAL, *CERVICAL, "history.symptoms"], id="cervical"),
        pytest.param(["thoracic_spine"], [*SPINAL, "history.symptoms"], id="thoracic"),
        pytest.param(["wrist_hand", "elbow_forearm"], ["history.symptoms"], id="non-spinal"),
        pytest.param(
            ["lumbar_spine", "cervical_spine", "wrist_hand"],
            [*SPINAL, *LUMBAR, *CERVICAL, "history.symptoms"],
            id="mixed",
        ),
    ],
)
def test_unanswered_required_codes_are_listed_in_spec_order(regions, expected):
    assert incomplete({"history.regions": regions}) == expected


def test_unanswered_regions_list_regions_and_symptoms():
    assert incomplete({}) == ["history.regions", "history.symptoms"]


def test_answered_symptoms_leave_only_regions():
    assert incomplete({"history.symptoms": ["pain"]}) == ["history.regions"]


@pytest.mark.parametrize(
    ("regions", "required"),
    [
        pytest.param(["lumbar_spine"], [*SPINAL, *LUMBAR], id="lumbar"),
        pytest.param(["cervical_spine"], [*SPINAL, *CERVICAL], id="cervical"),
        pytest.param(["thoracic_spine"], SPINAL, id="thoracic"),
    ],
)
def test_every_required_flag_answered_no_is_complete(regions, required):
    answers = {"history.regions": regions, "history.symptoms": ["pain"], **dict.fromkeys(required, False)}
    assert incomplete(answers) == []


def test_a_cleared_answer_counts_as_unanswered():
    answers = {
        "history.regions": ["thoracic_spine"],
        "history.symptoms": ["pain"],
        **dict.fromkeys(SPINAL, False),
        "red_flag.fever": None,
    }
    assert incomplete(answers) == ["red_flag.fever"]


def test_the_lumbar_screen_is_not_required_for_a_cervical_presentation():
    answers = {"history.regions": ["cervical_spine"], "history.symptoms": []}
    assert not set(LUMBAR) & set(incomplete(answers))


def test_sexual_dysfunction_is_asked_but_not_required():
    # §4.6 lists four of the five cauda equina flags; the fifth still fires CES-1 when answered yes.
    assert "red_flag.sexual_dysfunction" not in incomplete({"history.regions": ["lumbar_spine"]})


def test_an_unanswered_required_flag_is_reported_not_assumed_absent():
    assessment = assess({"history.regions": ["lumbar_spine"], "history.symptoms": ["pain"]}, age=40)
    assert assessment.urgency == "conservative"
    assert "red_flag.saddle_anaesthesia" in assessment.incomplete
