"""Checklist answers in words and tables: one place for the form's options, the signed view and the letter.

Pure functions of a checklist and its answers (no views, no database). Every answered item is shown
somewhere: the letter's tables take the items of the sections they lay out, and whatever no table or
list claims falls through to the plain lines, so a new checklist item is never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from workup.pathways import vocabulary
from workup.pathways.checklists import Checklist, Item, Section
from workup.pathways.letters import LetterLayout, TableLayout

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


def find_section(sections: Iterable[Section], code: str) -> Section | None:
    for section in sections:
        if section.code == code:
            return section
        found = find_section(section.subsections, code)
        if found is not None:
            return found
    return None


CELL_WORDS: dict[str, Callable[[Item, Any], str]] = {"words": answer_words, "value": answer_value}


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
            NOT_ASSESSED if value is None else CELL_WORDS[layout.cell](checklist.item(code), value)
            for code, value in ((grid_row.left, left), (grid_row.right, right))
        ]
        rows.append(Row(layout.labels.get(grid_row.key, grid_row.label), *cells))
        shown.update(code for code in (grid_row.left, grid_row.right) if code in answers)
    for item in section.all_items():
        if item.code not in gridded and item.code in answers:
            rows.append(
                Row(
                    layout.labels.get(item.code, item.label),
                    CELL_WORDS[layout.cell](item, answers[item.code]),
                    "",
                )
            )
            shown.add(item.code)
    return (Table(layout.caption, layout.heading, rows) if rows else None), shown


def letter_examination(checklist: Checklist, answers: dict, letter: LetterLayout) -> dict[str, Any]:
    """The examination for the letter: plain lines, the pathway's tables, then the provocative tests."""
    tables: list[Table] = []
    tabulated: set[str] = set()
    prefixes = letter.listed_prefixes
    for layout in letter.tables:
        table, shown = letter_table(checklist, answers, layout)
        tabulated |= shown
        if table is not None:
            tables.append(table)
    provocative = [
        Line(item.label, answer_words(item, answers[item.code]), emphasised=answers[item.code] == "positive")
        for item in checklist.items
        if item.code.startswith(prefixes) and item.code in answers and item.code not in tabulated
    ]
    listed = tabulated | {item.code for item in checklist.items if item.code.startswith(prefixes)}
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
