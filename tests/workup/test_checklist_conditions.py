"""show_when and completeness as checklist data (spec §4.6, §4.9), evaluated on the server."""

from __future__ import annotations

import pytest

from workup.pathways.checklists import ChecklistDefinitionError, checklist_from_data, get_checklist

REGIONS = {
    "code": "history.regions",
    "type": "multi",
    "label": "Regions",
    "help": "Where.",
    "values": [{"value": "lumbar_spine", "label": "Low back"}, {"value": "wrist_hand", "label": "Hand"}],
}
SADDLE = {"code": "red_flag.saddle", "type": "bool", "label": "Saddle", "help": "Numb?"}
ONSET = {
    "code": "red_flag.onset",
    "type": "choice",
    "label": "Onset",
    "help": "When?",
    "values": [{"value": "recent", "label": "Recent"}, {"value": "old", "label": "Old"}],
    "show_when": {"answer": "red_flag.saddle", "equals": True},
}
PHALEN = {"code": "exam.phalen", "type": "bool", "label": "Phalen", "help": "Positive?"}
LUMBAR = {"answer": "history.regions", "includes_any": ["lumbar_spine"]}


def checklist(**top):
    data = {
        "version": "test/1",
        "sections": [
            {"code": "history", "title": "History", "items": [REGIONS]},
            {"code": "flags", "title": "Flags", "items": [SADDLE, ONSET], "show_when": LUMBAR},
            {
                "code": "hand",
                "title": "Hand",
                "items": [PHALEN],
                "show_when": {"answer": "history.regions", "includes_any": ["wrist_hand"]},
            },
        ],
        **top,
    }
    return checklist_from_data(data)


def test_a_section_applies_only_when_its_condition_holds():
    shown = checklist().shown_codes({"history.regions": ["wrist_hand"]})

    assert shown == ("history.regions", "exam.phalen")


def test_an_item_applies_only_when_its_own_condition_holds():
    form = checklist()

    assert "red_flag.onset" not in form.shown_codes({"history.regions": ["lumbar_spine"]})
    assert "red_flag.onset" in form.shown_codes(
        {"history.regions": ["lumbar_spine"], "red_flag.saddle": True}
    )


def test_unanswered_items_satisfy_no_condition():
    assert checklist().shown_codes({}) == ("history.regions",)


def test_yes_is_not_the_number_one():
    assert "red_flag.onset" not in checklist().shown_codes(
        {"history.regions": ["lumbar_spine"], "red_flag.saddle": 1}
    )


def test_a_required_item_is_shown_even_where_its_section_does_not_apply():
    form = checklist(completeness=[{"require": ["red_flag.saddle"]}])

    assert form.shown_codes({"history.regions": ["wrist_hand"]}) == (
        "history.regions",
        "red_flag.saddle",
        "exam.phalen",
    )


def test_completeness_lists_required_codes_in_the_order_written_without_repeats():
    form = checklist(
        completeness=[
            {"when": LUMBAR, "require": ["red_flag.saddle", "history.regions"]},
            {"require": ["history.regions", "exam.phalen"]},
        ]
    )

    assert form.required_codes({"history.regions": ["lumbar_spine"]}) == (
        "red_flag.saddle",
        "history.regions",
        "exam.phalen",
    )
    assert form.required_codes({}) == ("history.regions", "exam.phalen")


def test_any_and_all_combine_conditions():
    either = {"any": [LUMBAR, {"answer": "red_flag.saddle", "equals": True}]}
    both = {"all": [LUMBAR, {"answer": "red_flag.saddle", "equals": True}]}
    form = checklist(
        completeness=[
            {"when": either, "require": ["exam.phalen"]},
            {"when": both, "require": ["red_flag.onset"]},
        ]
    )

    assert form.required_codes({"red_flag.saddle": True}) == ("exam.phalen",)
    assert form.required_codes({"red_flag.saddle": True, "history.regions": ["lumbar_spine"]}) == (
        "exam.phalen",
        "red_flag.onset",
    )


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        ({"answer": "history.nowhere", "equals": True}, "'history.nowhere' is not an item"),
        ({"answer": "history.regions", "includes_any": ["moon"]}, "'moon' is not a value of history.regions"),
        ({"answer": "red_flag.saddle", "includes_any": [True]}, "includes_any needs a multi item"),
        ({"answer": "red_flag.saddle", "equals": "yes"}, "compare it with true or false"),
        ({"answer": "history.regions", "one_of": ["lumbar_spine"]}, "one_of needs a choice item"),
        ({"answer": "red_flag.saddle"}, "must be"),
        ({"any": []}, "must be a non-empty list"),
    ],
)
def test_a_malformed_condition_is_refused_naming_where_it_is(condition, problem):
    with pytest.raises(ChecklistDefinitionError, match=problem):
        checklist(completeness=[{"when": condition, "require": ["exam.phalen"]}])


def test_a_requirement_for_an_unknown_item_is_refused():
    with pytest.raises(ChecklistDefinitionError, match=r"'exam\.nothing' is not an item"):
        checklist(completeness=[{"require": ["exam.nothing"]}])


def test_conditions_reach_the_checklist_document_only_where_declared():
    data = checklist().as_dict()

    assert data["sections"][1]["show_when"] == LUMBAR
    assert data["sections"][1]["items"][1]["show_when"] == {"answer": "red_flag.saddle", "equals": True}
    assert "show_when" not in data["sections"][0]
    assert "show_when" not in data["sections"][0]["items"][0]


def test_checklist_1_shows_every_item_whatever_the_presentation():
    form = get_checklist("nerve-compression/1")

    assert form.shown_codes({}) == form.codes
    assert form.shown_codes({"history.regions": ["wrist_hand"]}) == form.codes
