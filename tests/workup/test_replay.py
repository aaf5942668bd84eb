"""Replay (spec §4.8): a signed assessment recomputed with its own ruleset and checklist versions."""

from __future__ import annotations

import pytest

from workup import pathways
from workup.demo_cases import DEMO_CASES as CASES
from workup.pathways.replay import replay
from workup.pathways.rules import PathwayPolicy

V1 = ("nerve-compression/1", "nerve-compression-rules/1")


DEFAULT_POLICY = PathwayPolicy()


def stored_assessment(answers: dict, *, age: int = 52, policy: PathwayPolicy = DEFAULT_POLICY) -> dict:
    return pathways.for_versions(*V1).assess(answers, age=age, policy=policy).as_dict()


def replay_v1(answers: dict, stored: dict, *, age: int = 52, policy: PathwayPolicy = DEFAULT_POLICY):
    return replay(
        checklist_version=V1[0], ruleset_version=V1[1], answers=answers, age=age, policy=policy, stored=stored
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.title)
def test_every_demo_case_replays_to_exactly_what_was_stored(case):
    stored = stored_assessment(case.answers)

    result = replay_v1(case.answers, stored)

    assert (result.matches, result.differences) == (True, {})
    assert result.ruleset == "nerve-compression-rules/1"


def test_a_stored_assessment_that_differs_is_reported_field_by_field():
    case = CASES[0]
    stored = {**stored_assessment(case.answers), "urgency": "conservative"}

    result = replay_v1(case.answers, stored)

    assert result.matches is False
    assert list(result.differences) == ["urgency"]
    assert result.differences["urgency"]["stored"] == "conservative"


def test_replay_uses_the_policy_it_is_given():
    answers = {
        "history.regions": ["lumbar_spine"],
        "history.radiating_pain": "leg_below_knee",
        "exam.test.slr.left": "positive",
        "history.conservative_weeks": 4,
    }
    strict = PathwayPolicy(lumbar_conservative_weeks=4)
    stored = stored_assessment(answers, policy=strict)

    same = replay(
        checklist_version=V1[0], ruleset_version=V1[1], answers=answers, age=40, policy=strict, stored=stored
    )
    default = replay(
        checklist_version=V1[0],
        ruleset_version=V1[1],
        answers=answers,
        age=40,
        policy=PathwayPolicy(),
        stored=stored,
    )

    assert same.matches is True
    assert default.matches is False
