"""Find a checklist version's YAML file by name, and build a Checklist from it, checking its structure."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .conditions import ANSWER_TESTS, COMBINATIONS, FACT_TESTS, FACTS, NEGATION, Condition, Requirement
from .definition import (
    CHOICE_TYPES,
    ITEM_TYPES,
    Checklist,
    ChecklistDefinitionError,
    Choice,
    Grid,
    GridRow,
    Item,
    Section,
)

DEFINITIONS_DIRECTORY = Path(__file__).resolve().parent

# "nerve-compression/1" lives in nerve-compression-1.yaml, so a new version is a new file and no code.
VERSION_PATTERN = re.compile(r"^(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)/(?P<number>[1-9][0-9]*)$")
FILE_PATTERN = re.compile(r"^(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<number>[1-9][0-9]*)\.yaml$")
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$")
VALUE_PATTERN = re.compile(r"^[A-Za-z0-9_]+$")

Keys = tuple[str, ...]
TYPE_KEYS: dict[str, Keys] = {
    "bool": (),
    "int": ("minimum", "maximum"),
    "choice": ("values",),
    "multi": ("values",),
    "text": ("max_length",),
}


def available_versions() -> tuple[str, ...]:
    """Every version with a definition file, e.g. ("nerve-compression/1",)."""
    found = []
    for path in DEFINITIONS_DIRECTORY.glob("*.yaml"):
        match = FILE_PATTERN.match(path.name)
        if match:
            found.append((match["name"], int(match["number"])))
    return tuple(f"{name}/{number}" for name, number in sorted(found))


def get_checklist(version: str) -> Checklist:
    """The checklist for a version, loaded and checked once per process."""
    return _load_version(version)


@functools.cache
def _load_version(version: str) -> Checklist:
    match = VERSION_PATTERN.match(version) if isinstance(version, str) else None
    path = DEFINITIONS_DIRECTORY / f"{match['name']}-{match['number']}.yaml" if match else None
    if path is None or not path.is_file():
        known = ", ".join(available_versions()) or "none"
        raise ChecklistDefinitionError(f"Unknown checklist version {version!r} (available: {known}).")
    return load_checklist_file(path, expected_version=version)


def load_checklist_file(path: Path, *, expected_version: str | None = None) -> Checklist:
    """Read one YAML definition file and build its Checklist; the file must declare the expected version."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506 (safe subclass)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ChecklistDefinitionError(f"{path.name}: cannot be read as YAML: {error}") from error
    checklist = checklist_from_data(data, source=path.name)
    if expected_version is not None and checklist.version != expected_version:
        raise ChecklistDefinitionError(
            f"{path.name}: declares version {checklist.version!r}, expected {expected_version!r}."
        )
    return checklist


def checklist_from_data(data: object, *, source: str = "checklist data") -> Checklist:
    """Build a Checklist from parsed data; ChecklistDefinitionError names the first structural problem."""
    return _Builder(source).checklist(data)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a repeated key instead of silently keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"repeated key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping)


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.codes: set[str] = set()  # item and section codes share one namespace
        self.conditions: list[tuple[str, Condition]] = []  # answer tests, checked once every item is known

    def fail(self, where: str, problem: str) -> NoReturn:
        raise ChecklistDefinitionError(f"{self.source}: {where}: {problem}")

    def mapping(self, value: object, where: str, required: Keys, optional: Keys = ()) -> dict:
        if not isinstance(value, dict):
            self.fail(where, "must be a mapping")
        missing = [key for key in required if key not in value]
        if missing:
            self.fail(where, f"missing {', '.join(missing)}")
        unknown = sorted(str(key) for key in value if key not in required and key not in optional)
        if unknown:
            self.fail(where, f"unknown key(s) {', '.join(unknown)}")
        return value

    def text(self, value: object, where: str, *, blank: bool = False) -> str:
        if not isinstance(value, str) or (not blank and not value.strip()):
            self.fail(where, "must be a non-empty string" if not blank else "must be a string")
        return value

    def integer(self, value: object, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, "must be an integer")
        return value

    def sequence(self, value: object, where: str) -> list:
        if not isinstance(value, list) or not value:
            self.fail(where, "must be a non-empty list")
        return value

    def optional_sequence(self, data: dict, key: str, where: str) -> list:
        return self.sequence(data[key], f"{where}.{key}") if key in data else []

    def code(self, value: object, where: str) -> str:
        code = self.text(value, where)
        if not CODE_PATTERN.match(code):
            self.fail(where, f"{code!r} is not a valid code (letters, digits, _ and .)")
        if code in self.codes:
            self.fail(where, f"duplicate code {code!r}")
        self.codes.add(code)
        return code

    def checklist(self, data: object) -> Checklist:
        data = self.mapping(data, "top level", ("version", "sections"), ("completeness",))
        version = self.text(data["version"], "version")
        if not VERSION_PATTERN.match(version):
            self.fail("version", f"{version!r} is not of the form name/number")
        sections = self.sequence(data["sections"], "sections")
        checklist = Checklist(
            version=version,
            sections=tuple(self.section(section, f"sections[{i}]") for i, section in enumerate(sections)),
            completeness=tuple(
                self.requirement(entry, f"completeness[{i}]")
                for i, entry in enumerate(self.optional_sequence(data, "completeness", "top level"))
            ),
        )
        # Conditions may name any item of the checklist, so they are checked once every item is known.
        for where, condition in self.conditions:
            self.check_condition(checklist, condition, where)
        for i, requirement in enumerate(checklist.completeness):
            for code in requirement.codes:
                if code not in checklist.codes:
                    self.fail(f"completeness[{i}].require", f"{code!r} is not an item of this checklist")
        return checklist

    def requirement(self, data: object, where: str) -> Requirement:
        data = self.mapping(data, where, ("require",), ("when",))
        codes = tuple(self.text(code, f"{where}.require") for code in self.sequence(data["require"], where))
        when = self.condition(data["when"], f"{where}.when") if "when" in data else None
        return Requirement(codes=codes, when=when)

    def condition(self, data: object, where: str) -> Condition:
        if isinstance(data, dict) and len(data) == 1 and next(iter(data)) == NEGATION:
            return Condition(test=NEGATION, parts=(self.condition(data[NEGATION], f"{where}.{NEGATION}"),))
        if isinstance(data, dict) and "fact" in data:
            return self.fact_condition(data, where)
        if isinstance(data, dict) and len(data) == 1 and next(iter(data)) in COMBINATIONS:
            test = next(iter(data))
            parts = self.sequence(data[test], f"{where}.{test}")  # refuses an empty list by name
            return Condition(
                test=test,
                parts=tuple(self.condition(part, f"{where}.{test}[{i}]") for i, part in enumerate(parts)),
            )
        tests = [key for key in ANSWER_TESTS if isinstance(data, dict) and key in data]
        if len(tests) != 1:
            self.fail(where, f"must be {{answer: CODE, one of {', '.join(ANSWER_TESTS)}}} or any/all")
        data = self.mapping(data, where, ("answer", tests[0]))
        test = tests[0]
        if test == "min_length":
            values: tuple = (self.integer(data[test], f"{where}.{test}"),)
        elif test == "equals":
            values = (data[test],)
        else:
            values = tuple(self.sequence(data[test], f"{where}.{test}"))
        condition = Condition(test=test, code=self.text(data["answer"], f"{where}.answer"), values=values)
        self.conditions.append((where, condition))
        return condition

    def fact_condition(self, data: dict, where: str) -> Condition:
        tests = [key for key in FACT_TESTS if key in data]
        if len(tests) != 1:
            self.fail(where, f"a fact condition needs one of {', '.join(FACT_TESTS)}")
        data = self.mapping(data, where, ("fact", tests[0], "if_unknown"))
        if data["fact"] not in FACTS:
            self.fail(where, f"unknown fact {data['fact']!r} (known: {', '.join(FACTS)})")
        if not isinstance(data["if_unknown"], bool):
            self.fail(f"{where}.if_unknown", "must be true or false")
        threshold = self.integer(data[tests[0]], f"{where}.{tests[0]}")
        return Condition(
            test=tests[0], code=data["fact"], values=(threshold,), fact=True, if_unknown=data["if_unknown"]
        )

    def check_condition(self, checklist: Checklist, condition: Condition, where: str) -> None:
        if condition.code not in checklist.codes:
            self.fail(where, f"{condition.code!r} is not an item of this checklist")
        item = checklist.item(condition.code)
        if condition.test == "includes_any" and item.type != "multi":
            self.fail(where, f"includes_any needs a multi item; {item.code} is {item.type}")
        if condition.test == "one_of" and item.type != "choice":
            self.fail(where, f"one_of needs a choice item; {item.code} is {item.type}")
        if condition.test == "min_length":
            if item.type != "text":
                self.fail(where, f"min_length needs a text item; {item.code} is {item.type}")
            return
        if item.type in CHOICE_TYPES:
            unknown = [value for value in condition.values if value not in item.values]
            if unknown:
                self.fail(where, f"{', '.join(map(repr, unknown))} is not a value of {item.code}")
        elif item.type == "bool" and not all(isinstance(value, bool) for value in condition.values):
            self.fail(where, f"{item.code} is yes/no: compare it with true or false")

    def section(self, data: object, where: str) -> Section:
        data = self.mapping(
            data, where, ("code", "title"), ("description", "items", "subsections", "grid", "show_when")
        )
        code = self.code(data["code"], f"{where}.code")
        where = f"{where} ({code})"
        title = self.text(data["title"], f"{where}.title")
        description = self.text(data.get("description", ""), f"{where}.description", blank=True)
        items = tuple(
            self.item(item, f"{where}.items[{i}]", code)
            for i, item in enumerate(self.optional_sequence(data, "items", where))
        )
        subsections = tuple(
            self.section(subsection, f"{where}.subsections[{i}]")
            for i, subsection in enumerate(self.optional_sequence(data, "subsections", where))
        )
        if not items and not subsections:
            self.fail(where, "has neither items nor subsections")
        grid = self.grid(data["grid"], f"{where}.grid", items) if "grid" in data else None
        show_when = self.condition(data["show_when"], f"{where}.show_when") if "show_when" in data else None
        return Section(code, title, description, items, subsections, grid, show_when)

    def item(self, data: object, where: str, section: str) -> Item:
        if not isinstance(data, dict):
            self.fail(where, "must be a mapping")
        kind = data.get("type")
        if kind not in ITEM_TYPES:
            self.fail(where, f"unknown type {kind!r} (expected one of {', '.join(ITEM_TYPES)})")
        data = self.mapping(data, where, ("code", "type", "label", "help", *TYPE_KEYS[kind]), ("show_when",))
        code = self.code(data["code"], f"{where}.code")
        where = f"{where} ({code})"
        item = Item(
            code=code,
            type=kind,
            label=self.text(data["label"], f"{where}.label"),
            help=self.text(data["help"], f"{where}.help"),
            section=section,
            show_when=self.condition(data["show_when"], f"{where}.show_when")
            if "show_when" in data
            else None,
        )
        if kind in CHOICE_TYPES:
            return replace(item, choices=self.choices(data["values"], f"{where}.values"))
        if kind == "int":
            minimum = self.integer(data["minimum"], f"{where}.minimum")
            maximum = self.integer(data["maximum"], f"{where}.maximum")
            if minimum > maximum:
                self.fail(where, f"minimum {minimum} is greater than maximum {maximum}")
            return replace(item, minimum=minimum, maximum=maximum)
        if kind == "text":
            max_length = self.integer(data["max_length"], f"{where}.max_length")
            if max_length < 1:
                self.fail(where, "max_length must be at least 1")
            return replace(item, max_length=max_length)
        return item

    def choices(self, data: object, where: str) -> tuple[Choice, ...]:
        choices = []
        for i, entry in enumerate(self.sequence(data, where)):
            entry = self.mapping(entry, f"{where}[{i}]", ("value", "label"))
            value = self.text(entry["value"], f"{where}[{i}].value")
            if not VALUE_PATTERN.match(value):
                self.fail(f"{where}[{i}]", f"{value!r} is not a valid value (letters, digits and _)")
            if value in (choice.value for choice in choices):
                self.fail(f"{where}[{i}]", f"duplicate value {value!r}")
            choices.append(Choice(value, self.text(entry["label"], f"{where}[{i}].label")))
        return tuple(choices)

    def grid(self, data: object, where: str, items: tuple[Item, ...]) -> Grid:
        data = self.mapping(data, where, ("rows",))
        own_codes = {item.code for item in items}
        keys: set[str] = set()
        placed: set[str] = set()
        rows = []
        for i, row in enumerate(self.sequence(data["rows"], f"{where}.rows")):
            row_where = f"{where}.rows[{i}]"
            row = self.mapping(row, row_where, ("key", "label", "left", "right"))
            key = self.text(row["key"], f"{row_where}.key")
            if key in keys:
                self.fail(row_where, f"duplicate row key {key!r}")
            keys.add(key)
            label = self.text(row["label"], f"{row_where}.label")
            for side in ("left", "right"):
                code = self.text(row[side], f"{row_where}.{side}")
                if code not in own_codes:
                    self.fail(f"{row_where}.{side}", f"{code!r} is not an item of this section")
                if code in placed:
                    self.fail(f"{row_where}.{side}", f"{code!r} is already in the grid")
                placed.add(code)
            rows.append(GridRow(key, label, row["left"], row["right"]))
        return Grid(tuple(rows))
