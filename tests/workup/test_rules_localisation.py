"""Root localisation (spec §4.5): two agreeing signs at one root and side name the level."""

from __future__ import annotations

import pytest

from tests.workup.rules_v1 import assess
from workup.pathways.rules.localisation import ROOT_SIGNS

ROOTS = ["C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1"]
SIDES = ["left", "right"]
# One reflex per root that has one (biceps also serves C6 via the table; brachioradialis shown here).
REFLEX_OF = {
    "C5": "biceps",
    "C6": "brachioradialis",
    "C7": "triceps",
    "L3": "knee",
    "L4": "knee",
    "S1": "ankle",
}


def levels(answers: dict) -> tuple[str, ...]:
    return assess(answers, age=40).levels


def test_the_table_covers_every_root_in_order():
    assert [signs.root for signs in ROOT_SIGNS] == ROOTS


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("root", ROOTS)
def test_weak_myotome_and_reduced_dermatome_localise_the_root(root, side):
    answers = {f"exam.power.{root}.{side}": 4, f"exam.sensation.{root}.{side}": "reduced"}
    assert levels(answers) == (f"{root} {side}",)


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("root", list(REFLEX_OF))
def test_weak_myotome_and_diminished_reflex_localise_the_root(root, side):
    answers = {f"exam.power.{root}.{side}": 3, f"exam.reflex.{REFLEX_OF[root]}.{side}": 1}
    assert f"{root} {side}" in levels(answers)


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("root", list(REFLEX_OF))
def test_absent_reflex_and_absent_dermatome_localise_the_root(root, side):
    answers = {f"exam.reflex.{REFLEX_OF[root]}.{side}": 0, f"exam.sensation.{root}.{side}": "absent"}
    assert f"{root} {side}" in levels(answers)


def test_biceps_reflex_serves_both_c5_and_c6():
    answers = {"exam.reflex.biceps.left": 1, "exam.power.C5.left": 4, "exam.sensation.C6.left": "reduced"}
    assert levels(answers) == ("C5 left", "C6 left")


def test_knee_reflex_serves_both_l3_and_l4():
    answers = {"exam.reflex.knee.right": 0, "exam.power.L3.right": 4, "exam.power.L4.right": 4}
    assert levels(answers) == ("L3 right", "L4 right")


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize(
    "sign",
    [
        pytest.param(lambda root, side: {f"exam.power.{root}.{side}": 0}, id="myotome"),
        pytest.param(lambda root, side: {f"exam.sensation.{root}.{side}": "absent"}, id="dermatome"),
    ],
)
@pytest.mark.parametrize("root", ROOTS)
def test_one_sign_is_not_enough(root, side, sign):
    assert levels(sign(root, side)) == ()


@pytest.mark.parametrize("reflex", ["biceps", "brachioradialis", "triceps", "knee", "ankle"])
def test_a_diminished_reflex_alone_is_not_enough(reflex):
    assert levels({f"exam.reflex.{reflex}.left": 0}) == ()


def test_two_reflexes_of_one_root_count_as_one_sign():
    assert levels({"exam.reflex.biceps.left": 1, "exam.reflex.brachioradialis.left": 1}) == ()


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"exam.power.L5.left": 5, "exam.sensation.L5.left": "reduced"}, id="power-5"),
        pytest.param({"exam.power.S1.left": 4, "exam.reflex.ankle.left": 2}, id="reflex-2"),
        pytest.param({"exam.power.L5.left": 4, "exam.sensation.L5.left": "normal"}, id="sensation-normal"),
        pytest.param({"exam.power.L5.left": 4, "exam.sensation.L5.right": "reduced"}, id="opposite-sides"),
        pytest.param({"exam.power.L4.left": 4, "exam.sensation.L5.left": "reduced"}, id="adjacent-roots"),
    ],
)
def test_signs_that_do_not_agree_do_not_localise(answers):
    assert levels(answers) == ()


def test_levels_are_in_root_order_then_left_before_right():
    answers = {}
    for root, side in [("S1", "right"), ("C5", "right"), ("L5", "left"), ("C5", "left"), ("L5", "right")]:
        answers |= {f"exam.power.{root}.{side}": 4, f"exam.sensation.{root}.{side}": "reduced"}
    assert levels(answers) == ("C5 left", "C5 right", "L5 left", "L5 right", "S1 right")


def test_peripheral_nerve_findings_never_localise_a_root():
    answers = {"exam.power.APB.left": 2, "exam.sensation.median.left": "absent", "exam.power.FDI.left": 2}
    assert levels(answers) == ()
