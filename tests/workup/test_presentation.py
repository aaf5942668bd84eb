"""The one presentation of answers: words per item type, grade scales, letter tables that drop nothing."""

from __future__ import annotations

import pytest

from workup.encounters.presentation import (
    Row,
    answer_words,
    answered_sections,
    grade_labels,
    letter_examination,
)
from workup.pathways.checklists import get_checklist
from workup.pathways.letters import NERVE_COMPRESSION_LETTER as LETTER
from workup.pathways.letters import LetterLayout, TableLayout

CHECKLIST = get_checklist("nerve-compression/1")
item = CHECKLIST.item


@pytest.mark.parametrize(
    ("code", "value", "words"),
    [
        ("history.nocturnal_hand_symptoms", True, "Yes"),
        ("history.nocturnal_hand_symptoms", False, "No"),
        ("history.side", "bilateral", "Both sides"),
        ("history.symptoms", ["pain", "tingling"], "Pain, Tingling or pins and needles"),
        ("history.pain_score", 7, "7"),
        ("exam.reflex.knee.left", 3, "3 brisk"),
        ("exam.power.L5.left", 3, "3 against gravity"),
        ("exam.slr_angle.left", 40, "40"),
        ("plan.notes", "Seen with her daughter.", "Seen with her daughter."),
    ],
)
def test_an_answer_in_words(code, value, words):
    assert answer_words(item(code), value) == words


def test_reflexes_and_power_have_their_own_grade_scales_and_other_numbers_none():
    assert grade_labels(item("exam.reflex.ankle.right"))[0] == "0 absent"
    assert grade_labels(item("exam.power.APB.left"))[5] == "5 normal"
    assert grade_labels(item("history.pain_score")) == {}


def test_the_signed_record_lists_only_assessed_items_with_their_words():
    sections = answered_sections(CHECKLIST.sections, {"history.side": "left", "red_flag.fever": True})

    assert [section["title"] for section in sections] == ["History", "Red-flag screen"]
    assert sections[0]["rows"][0]["value"] == "Left"
    assert sections[1]["rows"][0]["positive"] is True


def test_a_letter_table_uses_the_letters_short_labels_and_a_dash_for_a_side_not_examined():
    answers = {"exam.power.L5.left": 3, "exam.sensation.saddle": "reduced"}

    tables = {table.caption: table for table in letter_examination(CHECKLIST, answers, LETTER)["tables"]}

    assert tables["Power (MRC 0–5)"].rows == [Row("L5 great toe extension", "3", "—")]
    assert tables["Sensation"].rows == [Row("Saddle", "reduced", "")]
    assert "Reflexes" not in tables


def test_a_grid_row_the_letter_layout_does_not_name_keeps_the_checklists_label():
    unlabelled = LetterLayout(
        template=LETTER.template,
        tables=tuple(
            TableLayout(section=layout.section, caption=layout.caption, heading=layout.heading)
            for layout in LETTER.tables
        ),
    )

    (table,) = letter_examination(CHECKLIST, {"exam.reflex.biceps.left": 2}, unlabelled)["tables"]

    assert table.rows == [Row("Biceps (C5–6)", "2 normal", "—")]


def test_an_examined_item_that_no_table_lays_out_is_a_plain_line():
    no_tables = LetterLayout(template=LETTER.template, tables=())

    examination = letter_examination(
        CHECKLIST, {"exam.power.L5.left": 3, "exam.test.slr.left": "positive"}, no_tables
    )

    assert examination["tables"] == []
    assert [(line.label, line.value) for line in examination["examination"]] == [
        ("Great toe extension (L5), left", "3 against gravity")
    ]
    assert [(line.label, line.emphasised) for line in examination["provocative"]] == [
        ("Straight leg raise (L5–S1 root), left", True)
    ]
