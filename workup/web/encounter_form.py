"""The encounter form, generated from the checklist: one widget per item, per-side items as a grid."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workup.encounters.presentation import grade_labels
from workup.pathways.checklists import Grid, Item, Section

SELECT_MAX_RANGE = 10  # small integer scales are a drop-down; wider ones a number box


def item_anchor(code: str) -> str:
    """The HTML id of an item's container, e.g. item-red_flag-saddle_anaesthesia (encounter.js agrees)."""
    return "item-" + code.replace(".", "-")


@dataclass
class Option:
    value: str
    label: str
    selected: bool


@dataclass
class FormItem:
    item: Item
    widget: str  # yesno, radio, select, number, checkboxes, textarea
    value: Any
    options: list[Option] = field(default_factory=list)
    blocker: str = ""

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def dom_id(self) -> str:
        return item_anchor(self.item.code)

    @property
    def text_value(self) -> str:
        return "" if self.value is None else str(self.value)


@dataclass
class FormRow:
    key: str
    label: str
    help: str
    left: FormItem
    right: FormItem


@dataclass
class FormSection:
    section: Section
    depth: int
    rows: list[FormRow]
    items: list[FormItem]
    subsections: list[FormSection]

    @property
    def dom_id(self) -> str:
        return "section-" + self.section.code.replace(".", "-")


def form_item(item: Item, answers: dict, blockers: dict[str, str], *, in_grid: bool) -> FormItem:
    value = answers.get(item.code)
    entry = FormItem(item=item, widget="", value=value, blocker=blockers.get(item.code, ""))
    if item.type == "bool":
        entry.widget = "yesno"
        entry.options = [
            Option("true", "Yes", value is True),
            Option("false", "No", value is False),
        ]
    elif item.type == "int":
        if item.maximum - item.minimum <= SELECT_MAX_RANGE:
            entry.widget = "select"
            labels = grade_labels(item)
            entry.options = [
                Option(str(number), labels.get(number, str(number)), value == number)
                for number in range(item.minimum, item.maximum + 1)
            ]
        else:
            entry.widget = "number"
    elif item.type == "choice":
        entry.widget = "select" if in_grid else "radio"
        entry.options = [Option(choice.value, choice.label, value == choice.value) for choice in item.choices]
    elif item.type == "multi":
        entry.widget = "checkboxes"
        chosen = value if isinstance(value, list) else []
        entry.options = [
            Option(choice.value, choice.label, choice.value in chosen) for choice in item.choices
        ]
    else:
        entry.widget = "textarea"
    return entry


def form_section(section: Section, answers: dict, blockers: dict[str, str], depth: int = 0) -> FormSection:
    grid: Grid | None = section.grid
    gridded = set(grid.codes) if grid else set()
    by_code = {item.code: item for item in section.items}
    rows = [
        FormRow(
            key=row.key,
            label=row.label,
            help=by_code[row.left].help,
            left=form_item(by_code[row.left], answers, blockers, in_grid=True),
            right=form_item(by_code[row.right], answers, blockers, in_grid=True),
        )
        for row in (grid.rows if grid else ())
    ]
    items = [
        form_item(item, answers, blockers, in_grid=False)
        for item in section.items
        if item.code not in gridded
    ]
    subsections = [form_section(sub, answers, blockers, depth + 1) for sub in section.subsections]
    return FormSection(section=section, depth=depth, rows=rows, items=items, subsections=subsections)
