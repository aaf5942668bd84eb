"""validate_answers: every answer checked against its item, every problem named by its code (spec §2)."""

from __future__ import annotations

import pytest

from workup.pathways.checklists import get_checklist, validate_answers


@pytest.fixture(scope="module")
def checklist():
    return get_checklist("nerve-compression/1")


def errors_for(checklist, answers: object, **options) -> dict[str, list[str]]:
    return validate_answers(checklist, answers, **options)


def test_a_complete_lumbar_encounter_is_valid(checklist):
    answers = {
        "history.regions": ["lumbar_spine"],
        "history.side": "left",
        "history.onset": "gradual",
        "history.duration_weeks": 8,
        "history.symptoms": ["pain", "numbness"],
        "history.pain_score": 7,
        "history.radiating_pain": "leg_below_knee",
        "history.conservative_weeks": 6,
        "history.risk_factors": [],
        "red_flag.saddle_anaesthesia": False,
        "red_flag.bladder_dysfunction": False,
        "exam.deformity": ["none"],
        "exam.reflex.ankle.left": 1,
        "exam.power.L5.left": 4,
        "exam.sensation.L5.left": "reduced",
        "exam.sensation.saddle": "normal",
        "exam.test.slr.left": "positive",
        "exam.slr_angle.left": 40,
        "exam.gait": "antalgic",
        "plan.conservative": ["analgesia", "stretching"],
        "plan.safety_net_given": True,
        "plan.review_weeks": 2,
        "plan.notes": "Keep active.",
    }
    assert errors_for(checklist, answers) == {}


def test_no_answers_at_all_is_valid(checklist):
    assert errors_for(checklist, {}) == {}


@pytest.mark.parametrize("answers", [[], "history.side=left", None, 3])
def test_answers_that_are_not_an_object_are_refused(checklist, answers):
    assert errors_for(checklist, answers) == {"answers": ["Must be an object mapping item codes to values."]}


def test_unknown_code_is_named(checklist):
    assert errors_for(checklist, {"exam.reflex.jaw.left": 2}) == {
        "exam.reflex.jaw.left": ["Unknown checklist item."]
    }


@pytest.mark.parametrize("value", [1, 0, "yes", "true", [True]])
def test_bool_item_refuses_anything_but_true_or_false(checklist, value):
    assert errors_for(checklist, {"red_flag.fever": value}) == {"red_flag.fever": ["Must be true or false."]}


@pytest.mark.parametrize("value", [True, False])
def test_bool_item_accepts_true_and_false(checklist, value):
    assert errors_for(checklist, {"red_flag.fever": value}) == {}


@pytest.mark.parametrize("value", [True, 3.0, 3.5, "3", [3]])
def test_int_item_refuses_bool_float_and_string(checklist, value):
    assert errors_for(checklist, {"history.pain_score": value}) == {
        "history.pain_score": ["Must be a whole number."]
    }


@pytest.mark.parametrize("value", [-1, 11])
def test_int_item_out_of_range_names_the_range(checklist, value):
    assert errors_for(checklist, {"history.pain_score": value}) == {
        "history.pain_score": ["Must be between 0 and 10."]
    }


@pytest.mark.parametrize("value", [0, 10])
def test_int_item_accepts_both_ends_of_its_range(checklist, value):
    assert errors_for(checklist, {"history.pain_score": value}) == {}


def test_reflex_grade_above_four_is_out_of_range(checklist):
    assert errors_for(checklist, {"exam.reflex.knee.right": 5}) == {
        "exam.reflex.knee.right": ["Must be between 0 and 4."]
    }


@pytest.mark.parametrize("value", ["positve", "POSITIVE", True, ["positive"]])
def test_choice_item_refuses_a_value_outside_its_set_naming_the_allowed_ones(checklist, value):
    assert errors_for(checklist, {"exam.test.spurling.left": value}) == {
        "exam.test.spurling.left": ["Must be one of: positive, negative."]
    }


def test_multi_item_refuses_a_single_string(checklist):
    allowed = "pain, weakness, numbness, tingling, loss_of_muscle_control"
    assert errors_for(checklist, {"history.symptoms": "pain"}) == {
        "history.symptoms": [f"Must be a list of values chosen from: {allowed}."]
    }


def test_multi_item_names_the_values_not_allowed(checklist):
    allowed = "pain, weakness, numbness, tingling, loss_of_muscle_control"
    assert errors_for(checklist, {"history.symptoms": ["pain", "itching", 7]}) == {
        "history.symptoms": [f"Not allowed: itching, 7. Choose from: {allowed}."]
    }


def test_multi_item_refuses_a_repeated_value(checklist):
    assert errors_for(checklist, {"history.symptoms": ["pain", "weakness", "pain"]}) == {
        "history.symptoms": ["Listed more than once: pain."]
    }


def test_multi_item_accepts_an_empty_list(checklist):
    assert errors_for(checklist, {"history.risk_factors": []}) == {}


def test_text_item_refuses_a_non_string(checklist):
    assert errors_for(checklist, {"plan.notes": ["a note"]}) == {"plan.notes": ["Must be text."]}


def test_text_item_refuses_more_than_2000_characters(checklist):
    assert errors_for(checklist, {"plan.notes": "x" * 2001}) == {
        "plan.notes": ["Must be at most 2000 characters (it has 2001)."]
    }


def test_text_item_accepts_exactly_2000_characters(checklist):
    assert errors_for(checklist, {"plan.notes": "x" * 2000}) == {}


def test_several_bad_codes_are_reported_together(checklist):
    errors = errors_for(
        checklist,
        {
            "history.side": "left",
            "history.pain_score": 12,
            "red_flag.fever": "no",
            "exam.gait": "shuffling",
            "exam.power.L5.left": 4,
            "made.up": True,
        },
    )
    assert set(errors) == {"history.pain_score", "red_flag.fever", "exam.gait", "made.up"}


def test_null_is_refused_without_allow_null(checklist):
    assert errors_for(checklist, {"exam.gait": None}) == {
        "exam.gait": ["May not be null; leave the item out if it was not assessed."]
    }


def test_null_clears_an_answer_with_allow_null(checklist):
    assert errors_for(checklist, {"exam.gait": None, "red_flag.fever": None}, allow_null=True) == {}


def test_allow_null_still_refuses_unknown_codes_and_bad_values(checklist):
    errors = errors_for(checklist, {"made.up": None, "history.pain_score": 11}, allow_null=True)
    assert errors == {
        "made.up": ["Unknown checklist item."],
        "history.pain_score": ["Must be between 0 and 10."],
    }
