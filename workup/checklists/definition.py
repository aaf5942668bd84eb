"""The checklist definition as immutable objects: sections, items and the per-side grids."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

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
        }


@dataclass(frozen=True)
class Checklist:
    version: str
    sections: tuple[Section, ...]
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

    def as_dict(self) -> dict[str, Any]:
        return {"version": self.version, "sections": [section.as_dict() for section in self.sections]}
