"""The checklist definition as immutable objects: sections, items and the per-side grids."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .conditions import Condition, Requirement

ITEM_TYPES = ("bool", "int", "choice", "multi", "text")
CHOICE_TYPES = ("choice", "multi")


class ChecklistDefinitionError(Exception):
    """A checklist version is unknown, or its data file is malformed."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Item:
    code: str
    type: str
    label: str
    help: str
    section: str  # code of the innermost section that holds the item
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    show_when: Condition | None = None  # None: shown wherever its section is

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "type": self.type, "label": self.label, "help": self.help}
        if self.type in CHOICE_TYPES:
            data["values"] = [{"value": choice.value, "label": choice.label} for choice in self.choices]
        elif self.type == "int":
            data["minimum"] = self.minimum
            data["maximum"] = self.maximum
        elif self.type == "text":
            data["max_length"] = self.max_length
        if self.show_when is not None:
            data["show_when"] = self.show_when.as_dict()
        return data


@dataclass(frozen=True)
class GridRow:
    """One row of a left/right table: e.g. key "biceps", label "Biceps (C5–6)" and its two item codes."""

    key: str
    label: str
    left: str
    right: str


@dataclass(frozen=True)
class Grid:
    """A compact left/right table over some of a section's items; the others render on their own after it."""

    rows: tuple[GridRow, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for row in self.rows for code in (row.left, row.right))

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": [
                {"key": row.key, "label": row.label, "left": row.left, "right": row.right}
                for row in self.rows
            ]
        }


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    description: str
    items: tuple[Item, ...]
    subsections: tuple[Section, ...] = ()
    grid: Grid | None = None
    show_when: Condition | None = None  # None: always shown

    def all_items(self) -> Iterator[Item]:
        """The section's own items, then its subsections' items, in document order."""
        yield from self.items
        for subsection in self.subsections:
            yield from subsection.all_items()

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "description": self.description,
            "items": [item.as_dict() for item in self.items],
            "subsections": [subsection.as_dict() for subsection in self.subsections],
            "grid": self.grid.as_dict() if self.grid else None,
            **({"show_when": self.show_when.as_dict()} if self.show_when is not None else {}),
        }


@dataclass(frozen=True)
class Checklist:
    version: str
    sections: tuple[Section, ...]
    # §4.6 completeness, in the spec's order: what the rules need assessed before an encounter is complete.
    completeness: tuple[Requirement, ...] = ()
    _items_by_code: dict[str, Item] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        items = {item.code: item for section in self.sections for item in section.all_items()}
        object.__setattr__(self, "_items_by_code", items)

    def item(self, code: str) -> Item:
        """The item with this code; KeyError if the checklist has none."""
        return self._items_by_code[code]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(self._items_by_code.values())

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._items_by_code)

    def required_codes(
        self, answers: Mapping[str, Any], facts: Mapping[str, Any] | None = None
    ) -> tuple[str, ...]:
        """The codes §4.6 requires for this presentation, in §4.6 order, without repeats.

        `facts` holds what the conditions may read besides the answers, e.g. {"age": 52} (None: unknown).
        """
        codes = (code for rule in self.completeness if rule.applies(answers, facts) for code in rule.codes)
        return tuple(dict.fromkeys(codes))

    def shown_codes(
        self, answers: Mapping[str, Any], facts: Mapping[str, Any] | None = None
    ) -> tuple[str, ...]:
        """The items that apply to this presentation (§4.9), in document order; required ones always apply."""
        required = set(self.required_codes(answers, facts))
        shown: list[str] = []

        def walk(section: Section) -> None:
            if section.show_when is not None and not section.show_when.holds(answers, facts):
                shown.extend(item.code for item in section.all_items() if item.code in required)
                return
            for item in section.items:
                if item.show_when is None or item.show_when.holds(answers, facts) or item.code in required:
                    shown.append(item.code)
            for subsection in section.subsections:
                walk(subsection)

        for section in self.sections:
            walk(section)
        return tuple(shown)

    def as_dict(self) -> dict[str, Any]:
        return {"version": self.version, "sections": [section.as_dict() for section in self.sections]}
