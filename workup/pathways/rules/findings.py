"""Derived findings the rules share (spec §4 definitions), each returned as the findings in words.

A finding is present only when the answer that shows it is present. Safer reading of spec §1.2 ("an
unanswered flag is not a no"): an unassessed item never counts as "yes" (it cannot fire a rule) and
never as "no" (it cannot switch a rule off; see the hand-offs in predicates.py), and §4.6 lists it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workup.pathways.rules.localisation import (
    IMPAIRED_SENSATION,
    ROOTS,
    SIDES,
    Level,
    localised_levels,
)
from workup.pathways.rules.records import PathwayPolicy

SPINAL_REGIONS = ("cervical_spine", "thoracic_spine", "lumbar_spine")
REFLEXES = ("biceps", "brachioradialis", "triceps", "knee", "ankle")

TEST_NAMES = {
    "spurling": "Spurling's test",
    "slr": "straight leg raise",
    "crossed_slr": "crossed straight leg raise",
    "femoral_stretch": "femoral stretch test",
    "tinel_wrist": "Tinel's sign at the wrist",
    "phalen": "Phalen's test",
    "carpal_compression": "carpal compression test",
    "tinel_elbow": "Tinel's sign at the elbow",
    "elbow_flexion": "elbow flexion test",
    "froment": "Froment's sign",
    "hoffmann": "Hoffmann's sign",
    "extensor_plantar": "extensor plantar response",
    "ankle_clonus": "ankle clonus",
}
MUSCLE_NAMES = {
    "APB": "abductor pollicis brevis",
    "FDI": "first dorsal interosseous",
    "wrist_extension": "wrist extension",
}


# Where a code's plain spelling would read wrongly to a GP.
SPELLED_OUT = {
    "iv_drug_use": "intravenous drug use",
    "long_term_steroids": "long-term steroids",
    "foot_drop": "foot-drop",
    "broad_based": "broad-based",
}


def words(label: str) -> str:
    """A code value as words: 'thenar_wasting' → 'thenar wasting'."""
    return SPELLED_OUT.get(label, label.replace("_", " "))


@dataclass(frozen=True, eq=False)
class Facts:
    """One encounter's answers with the derived findings every rule reads, computed once."""

    answers: Mapping[str, Any]
    age: int
    policy: PathwayPolicy
    levels: tuple[Level, ...]

    @classmethod
    def gather(cls, answers: Mapping[str, Any], *, age: int, policy: PathwayPolicy) -> Facts:
        return cls(answers=answers, age=age, policy=policy, levels=localised_levels(answers))

    def yes(self, code: str) -> bool:
        return self.answers.get(code) is True

    def choice(self, code: str) -> str | None:
        value = self.answers.get(code)
        return value if isinstance(value, str) else None

    def selected(self, code: str) -> frozenset[str]:
        value = self.answers.get(code)
        return frozenset(value) if isinstance(value, list | tuple) else frozenset()

    def number(self, code: str) -> int | None:
        value = self.answers.get(code)
        # bool is an int in Python; True must never read as a grade of 1.
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def at_least(self, code: str, threshold: float) -> bool:
        value = self.number(code)
        return value is not None and value >= threshold

    @property
    def regions(self) -> frozenset[str]:
        return self.selected("history.regions")

    @property
    def spinal_presentation(self) -> bool:
        return bool(self.regions & set(SPINAL_REGIONS))

    def levels_in(self, region: str) -> tuple[Level, ...]:
        return tuple(level for level in self.levels if level.region == region)

    def risk_factors(self, *names: str) -> tuple[str, ...]:
        present = self.selected("history.risk_factors")
        return tuple(words(name) for name in names if name in present)

    def weak(self, muscle: str, at_most: int) -> tuple[str, ...]:
        """Power at or below `at_most` for one muscle, on either side, in words."""
        found = []
        for side in SIDES:
            grade = self.number(f"exam.power.{muscle}.{side}")
            if grade is not None and grade <= at_most:
                found.append(f"{MUSCLE_NAMES.get(muscle, muscle)} power {grade}/5 on the {side}")
        return tuple(found)

    def positive(self, *tests: str) -> tuple[str, ...]:
        """Provocative tests positive on either side, in words."""
        return tuple(
            f"positive {TEST_NAMES[test]} on the {side}"
            for test in tests
            for side in SIDES
            if self.choice(f"exam.test.{test}.{side}") == "positive"
        )

    def sensation_impaired(self, area: str) -> tuple[str, ...]:
        return tuple(
            f"{sensation} {area} sensation on the {side}"
            for side in SIDES
            if (sensation := self.choice(f"exam.sensation.{area}.{side}")) in IMPAIRED_SENSATION
        )


def weak_roots(facts: Facts, at_most: int) -> tuple[tuple[str, str], ...]:
    """(root, words) for every root myotome at or below `at_most`, either side."""
    return tuple((root, finding) for root in ROOTS for finding in facts.weak(root, at_most))


def objective_deficit(facts: Facts) -> tuple[str, ...]:
    """Spinal signs of a neurological deficit (§4); peripheral-nerve findings deliberately excluded."""
    found = [finding for _root, finding in weak_roots(facts, 4)]
    found += [
        f"absent {reflex} reflex on the {side}"
        for reflex in REFLEXES
        for side in SIDES
        if facts.number(f"exam.reflex.{reflex}.{side}") == 0
    ]
    for root in ROOTS:
        found += facts.sensation_impaired(root)
    if (saddle := facts.choice("exam.sensation.saddle")) in IMPAIRED_SENSATION:
        found.append(f"{saddle} saddle sensation")
    if (gait := facts.choice("exam.gait")) in ("foot_drop", "broad_based"):
        found.append(f"{words(gait)} gait")
    return tuple(found)


def long_tract_signs(facts: Facts) -> tuple[str, ...]:
    """Upper motor neurone signs: the cord, not a root, is compressed."""
    found = list(facts.positive("extensor_plantar", "ankle_clonus"))
    found += [
        f"{reflex} reflex brisk with clonus on the {side}"
        for reflex in REFLEXES
        for side in SIDES
        if facts.number(f"exam.reflex.{reflex}.{side}") == 4
    ]
    return tuple(found)


def brisk_reflexes(facts: Facts) -> tuple[str, ...]:
    reflexes = (
        f"{reflex} on the {side}"
        for reflex in REFLEXES
        for side in SIDES
        if facts.at_least(f"exam.reflex.{reflex}.{side}", 3)
    )
    return tuple(reflexes)


# CTS-6 weights (MDCALC-CTS6, Graham et al. 2006); floats because two weights are halves.
CTS6_WEIGHTS = {
    "numbness in thumb, index and middle fingers": 3.5,
    "nocturnal hand symptoms": 4.0,
    "thenar wasting or weakness": 5.0,
    "positive Phalen's test": 5.0,
    "loss of two-point discrimination": 4.5,
    "positive Tinel's sign at the wrist": 4.0,
}


def cts6_items(facts: Facts) -> tuple[str, ...]:
    """The CTS-6 items present, named as keys of CTS6_WEIGHTS."""
    present = {
        "numbness in thumb, index and middle fingers": "thumb_index_middle"
        in facts.selected("history.numbness_territory"),
        "nocturnal hand symptoms": facts.yes("history.nocturnal_hand_symptoms"),
        "thenar wasting or weakness": "thenar_wasting" in facts.selected("exam.deformity")
        or bool(facts.weak("APB", 4)),
        "positive Phalen's test": bool(facts.positive("phalen")),
        "loss of two-point discrimination": facts.yes("exam.two_point_discrimination_lost"),
        "positive Tinel's sign at the wrist": bool(facts.positive("tinel_wrist")),
    }
    return tuple(item for item, is_present in present.items() if is_present)


def cts6_score(facts: Facts) -> float:
    return float(sum(CTS6_WEIGHTS[item] for item in cts6_items(facts)))
