"""Root localisation (spec §4.5): which spinal root, on which side, the examination points to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SIDES = ("left", "right")
LOCALISATION_SOURCE = "RP-TABLE"


@dataclass(frozen=True)
class RootSigns:
    """The examination items that test one root: its myotome, its reflexes and its dermatome."""

    root: str
    region: str
    reflexes: tuple[str, ...]

    @property
    def myotome(self) -> str:
        return f"exam.power.{self.root}"

    @property
    def dermatome(self) -> str:
        return f"exam.sensation.{self.root}"


# The root-to-test mapping is data because textbooks place some reflexes a level apart (RP-TABLE);
# a practice correcting it edits this table, not the logic. Order is the order of `levels`.
ROOT_SIGNS: tuple[RootSigns, ...] = (
    RootSigns("C5", "cervical", ("biceps",)),
    RootSigns("C6", "cervical", ("biceps", "brachioradialis")),
    RootSigns("C7", "cervical", ("triceps",)),
    RootSigns("C8", "cervical", ()),
    RootSigns("T1", "cervical", ()),
    RootSigns("L2", "lumbar", ()),
    RootSigns("L3", "lumbar", ("knee",)),
    RootSigns("L4", "lumbar", ("knee",)),
    RootSigns("L5", "lumbar", ()),
    RootSigns("S1", "lumbar", ("ankle",)),
)
ROOTS = tuple(signs.root for signs in ROOT_SIGNS)
CERVICAL_ROOTS = tuple(signs.root for signs in ROOT_SIGNS if signs.region == "cervical")
LUMBAR_ROOTS = tuple(signs.root for signs in ROOT_SIGNS if signs.region == "lumbar")
REGION_OF_ROOT = {signs.root: signs.region for signs in ROOT_SIGNS}

MYOTOME_WEAK_AT_MOST = 4  # MRC 4/5 or less is a deficit
REFLEX_DIMINISHED_AT_MOST = 1  # 0 absent, 1 reduced
IMPAIRED_SENSATION = ("reduced", "absent")


@dataclass(frozen=True)
class Level:
    root: str
    side: str
    signs: tuple[str, ...]

    @property
    def region(self) -> str:
        return REGION_OF_ROOT[self.root]

    def __str__(self) -> str:
        return f"{self.root} {self.side}"


def _grade(answers: Mapping[str, Any], code: str) -> int | None:
    value = answers.get(code)
    # bool is an int in Python; a stray True must not read as MRC 1.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def root_signs(answers: Mapping[str, Any], signs: RootSigns, side: str) -> tuple[str, ...]:
    """The signs, in words, that agree on one root at one side; unassessed items contribute nothing."""
    found: list[str] = []
    power = _grade(answers, f"{signs.myotome}.{side}")
    if power is not None and power <= MYOTOME_WEAK_AT_MOST:
        found.append(f"{signs.root} power {power}/5")
    # "its reflex" is one sign even where two reflexes serve the root (biceps and brachioradialis for C6):
    # two reflexes alone would otherwise localise C6 with no myotome or dermatome finding at all.
    diminished = [
        reflex
        for reflex in signs.reflexes
        if (grade := _grade(answers, f"exam.reflex.{reflex}.{side}")) is not None
        and grade <= REFLEX_DIMINISHED_AT_MOST
    ]
    if diminished:
        found.append(f"diminished {' and '.join(diminished)} reflex")
    sensation = answers.get(f"{signs.dermatome}.{side}")
    if sensation in IMPAIRED_SENSATION:
        found.append(f"{sensation} {signs.root} sensation")
    return tuple(found)


def localised_levels(answers: Mapping[str, Any]) -> tuple[Level, ...]:
    """Every root and side where at least two signs agree, in root order C5…S1, left before right."""
    levels = []
    for signs in ROOT_SIGNS:
        for side in SIDES:
            found = root_signs(answers, signs, side)
            if len(found) >= 2:
                levels.append(Level(signs.root, side, found))
    return tuple(levels)
