"""Checklist answers in words and tables: one place for the form's options, the signed view and the letter.

Pure functions of a checklist and its answers (no views, no database). Every answered item is shown
somewhere: the letter's tables take the items of the sections they lay out, and whatever no table or
list claims falls through to the plain lines, so a new checklist item is never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workup.pathways import vocabulary
from workup.pathways.checklists import Checklist, Item, Section

GRADE_SCALES = {"exam.reflex.": vocabulary.REFLEX_GRADES, "exam.power.": vocabulary.MRC_GRADES}
SIDES = ("left", "right")
NOT_ASSESSED = "—"


def grade_labels(item: Item) -> dict[int, str]:
    """The words for each grade of a graded integer item (reflexes, MRC power); {} for other items."""
    for prefix, grades in GRADE_SCALES.items():
        if item.code.startswith(prefix):
            return grades
    return {}


def answer_words(item: Item, value: Any) -> str:
    """One answer as a reader sees it: Yes/No, the choice labels, a grade with its meaning, or the text."""
    if item.type == "bool":
        return "Yes" if value else "No"
    if item.type in ("choice", "multi"):
        labels = {choice.value: choice.label for choice in item.choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(entry, str(entry)) for entry in values)
    if item.type == "int":
        return grade_labels(item).get(value, str(value))
    return str(value)


def answer_value(item: Item, value: Any) -> str:
    """An answer as a compact table cell whose caption names the scale: the grade or choice code itself."""
    return str(value)


# --- The signed record (page) ---------------------------------------------------------------------


def answered_sections(sections: Iterable[Section], answers: dict, depth: int = 0) -> list[dict[str, Any]]:
    """The signed record: each section with only the items that were assessed, in checklist order."""
    result = []
    for section in sections:
        rows = [
            {
                "code": item.code,
                "label": item.label,
                "value": answer_words(item, answers[item.code]),
                "positive": item.code.startswith("red_flag.") and answers[item.code] is True,
            }
            for item in section.items
            if item.code in answers
        ]
        children = answered_sections(section.subsections, answers, depth + 1)
        if rows or children:
            result.append({"title": section.title, "depth": depth, "rows": rows, "subsections": children})
    return result


# --- The letter -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    label: str
    value: str
    emphasised: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    left: str
    right: str


@dataclass(frozen=True)
class Table:
    caption: str
    heading: str
    rows: list[Row]


@dataclass(frozen=True)
class TableLayout:
    """How the letter tabulates one checklist section: its caption, and shorter row labels than the form's.

    Rows come from the section's grid, in its order; a grid row or an item with no label here keeps
    the checklist's, and items outside the grid get a row of their own (left column only).
    """

    section: str
    caption: str
    heading: str
    labels: Mapping[str, str] = field(default_factory=dict)  # by grid row key, or by item code
    cell: Callable[[Item, Any], str] = answer_words


# The letter layout of nerve-compression/1 (spec §6): which sections are tables, in this order.
LETTER_TABLES = (
    TableLayout(
        section="examination.reflexes",
        caption="Reflexes",
        heading="Reflex",
        labels={
            "biceps": "Biceps (C5–6)",
            "brachioradialis": "Brachioradialis (C6)",
            "triceps": "Triceps (C7)",
            "knee": "Knee (L3–4)",
            "ankle": "Ankle (S1)",
        },
    ),
    TableLayout(
        section="examination.power",
        caption="Power (MRC 0–5)",
        heading="Muscle group",
        labels={
            "C5": "C5 shoulder abduction",
            "C6": "C6 elbow flexion / wrist extension",
            "C7": "C7 elbow extension",
            "C8": "C8 finger flexion",
            "T1": "T1 finger abduction",
            "L2": "L2 hip flexion",
            "L3": "L3 knee extension",
            "L4": "L4 ankle dorsiflexion",
            "L5": "L5 great toe extension",
            "S1": "S1 ankle plantarflexion",
            "APB": "Abductor pollicis brevis (median)",
            "FDI": "First dorsal interosseous (ulnar)",
            "wrist_extension": "Wrist extension (radial)",
        },
        cell=answer_value,
    ),
    TableLayout(
        section="examination.sensation",
        caption="Sensation",
        heading="Area",
        labels={
            **{root: root for root in ("C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1")},
            "median": "Median",
            "ulnar": "Ulnar",
            "radial": "Radial",
            "exam.sensation.saddle": "Saddle",
        },
        cell=answer_value,
    ),
)
# Provocative tests are listed one per line, a positive one emphasised.
LETTER_TEST_PREFIXES = ("exam.test.", "exam.slr_angle.")


def find_section(sections: Iterable[Section], code: str) -> Section | None:
    for section in sections:
        if section.code == code:
            return section
        found = find_section(section.subsections, code)
        if found is not None:
            return found
    return None


def letter_table(checklist: Checklist, answers: dict, layout: TableLayout) -> tuple[Table | None, set[str]]:
    """The table for one layout (None when nothing in it was assessed), and the item codes it shows."""
    section = find_section(checklist.sections, layout.section)
    if section is None:
        return None, set()
    rows: list[Row] = []
    shown: set[str] = set()
    gridded: set[str] = set()
    for grid_row in section.grid.rows if section.grid else ():
        gridded.update((grid_row.left, grid_row.right))
        left, right = (answers.get(code) for code in (grid_row.left, grid_row.right))
        if left is None and right is None:
            continue
        cells = [
            NOT_ASSESSED if value is None else layout.cell(checklist.item(code), value)
            for code, value in ((grid_row.left, left), (grid_row.right, right))
        ]
        rows.append(Row(layout.labels.get(grid_row.key, grid_row.label), *cells))
        shown.update(code for code in (grid_row.left, grid_row.right) if code in answers)
    for item in section.all_items():
        if item.code not in gridded and item.code in answers:
            rows.append(
                Row(layout.labels.get(item.code, item.label), layout.cell(item, answers[item.code]), "")
            )
            shown.add(item.code)
    return (Table(layout.caption, layout.heading, rows) if rows else None), shown


def letter_examination(checklist: Checklist, answers: dict) -> dict[str, Any]:
    """The examination for the letter: plain lines, the tables, then the provocative tests."""
    tables: list[Table] = []
    tabulated: set[str] = set()
    for layout in LETTER_TABLES:
        table, shown = letter_table(checklist, answers, layout)
        tabulated |= shown
        if table is not None:
            tables.append(table)
    provocative = [
        Line(item.label, answer_words(item, answers[item.code]), emphasised=answers[item.code] == "positive")
        for item in checklist.items
        if item.code.startswith(LETTER_TEST_PREFIXES) and item.code in answers and item.code not in tabulated
    ]
    listed = tabulated | {item.code for item in checklist.items if item.code.startswith(LETTER_TEST_PREFIXES)}
    return {
        "examination": answer_lines(checklist, answers, "exam.", skip=listed),
        "tables": tables,
        "provocative": provocative,
    }


def answer_lines(checklist: Checklist, answers: dict, prefix: str, *, skip: Iterable[str] = ()) -> list[Line]:
    """'Label: words' for every answered item whose code starts with prefix, in checklist order."""
    skipped = set(skip)
    return [
        Line(item.label, answer_words(item, answers[item.code]))
        for item in checklist.items
        if item.code.startswith(prefix) and item.code in answers and item.code not in skipped
    ]
