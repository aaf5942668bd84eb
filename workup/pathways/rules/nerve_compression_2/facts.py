"""The derived findings of ruleset /2 (spec §4 definitions), each returned as the findings in words.

v1's findings (rules.findings) are reused by import where v2 defines them the same way; what v2 defines
differently (objective deficit, the CES features, infection risk, …) lives here so v1's code, which its
fingerprint covers, never changes. As in v1, an unanswered item is never a "yes" and never a "no".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workup.pathways.rules import findings as v1
from workup.pathways.rules.findings import Facts, long_tract_signs, weak_roots, words
from workup.pathways.rules.localisation import (
    IMPAIRED_SENSATION,
    LUMBAR_ROOTS,
    SIDES,
    Level,
    localised_levels,
)
from workup.pathways.rules.nerve_compression_2.policy import PathwayPolicyV2
from workup.pathways.rules.records import PathwayPolicy

NEUROLOGICAL_SYMPTOMS = ("weakness", "numbness", "tingling", "loss_of_muscle_control")
INFECTION_RISK_FACTORS = ("iv_drug_use", "immunosuppression", "diabetes", "haemodialysis")
CES_FLAGS = {
    "red_flag.saddle_anaesthesia": "saddle anaesthesia reported",
    "red_flag.bladder_dysfunction": "new bladder dysfunction reported",
    "red_flag.bowel_dysfunction": "new bowel dysfunction reported",
    "red_flag.bilateral_leg_symptoms": "symptoms in both legs reported",
}
CES_RECENT_ONSETS = ("within_14_days", "over_14_days_worsening")
SYMPTOM_NAMES = {"loss_of_muscle_control": "loss of muscle control"}
# On a side where PERO-1's condition holds, the lesion is the nerve at the fibular head, not these roots.
PERONEAL_MIMICKED_ROOTS = ("L4", "L5")


@dataclass(frozen=True, eq=False)
class FactsV2(Facts):
    """v1's Facts with an age that may be unknown and the sides where the common peroneal nerve is hit."""

    age: int | None  # type: ignore[assignment]  # v2: no date of birth is an unknown age (§4 definitions)
    peroneal_sides: tuple[str, ...] = ()

    @classmethod
    def gather(cls, answers: Mapping[str, Any], *, age: int | None, policy: PathwayPolicy) -> FactsV2:
        sides = peroneal_palsy_sides(answers)
        return cls(
            answers=answers,
            age=age,
            policy=PathwayPolicyV2.adopt(policy),
            levels=localised_levels_v2(answers, sides),
            peroneal_sides=sides,
        )

    def age_at_least(self, years: int) -> bool:
        """An age clause: false without a date of birth (a rule needing it loses that branch)."""
        return self.age is not None and self.age >= years

    def age_below(self, years: int) -> bool:
        return self.age is not None and self.age < years

    def weeks_at_most(self, code: str, weeks: int) -> bool:
        """`code` ≤ weeks, or unanswered: the spec's "new pain (… or unanswered)" clauses."""
        value = self.number(code)
        return value is None or value <= weeks


def _grade(answers: Mapping[str, Any], code: str) -> int | None:
    value = answers.get(code)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def weak_dorsiflexion_sides(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """§4: sides with exam.power.L4 ≤ 3 or exam.power.L5 ≤ 3."""
    return tuple(
        side
        for side in SIDES
        if any(
            (grade := _grade(answers, f"exam.power.{root}.{side}")) is not None and grade <= 3
            for root in ("L4", "L5")
        )
    )


def peroneal_palsy_sides(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The sides where PERO-1's condition holds: weak dorsiflexion with inversion and hip abduction 5/5."""
    # No crossed SLR positive on either side: root tension signs point to L5, not the nerve.
    if any(answers.get(f"exam.test.crossed_slr.{side}") == "positive" for side in SIDES):
        return ()
    return tuple(
        side
        for side in weak_dorsiflexion_sides(answers)
        if _grade(answers, f"exam.power.ankle_inversion.{side}") == 5
        and _grade(answers, f"exam.power.hip_abduction.{side}") == 5
        and answers.get(f"exam.test.slr.{side}") != "positive"
    )


def localised_levels_v2(answers: Mapping[str, Any], peroneal_sides: tuple[str, ...]) -> tuple[Level, ...]:
    """§4.5: v1's localisation, less L4 and L5 on a side where the common peroneal nerve explains them."""
    return tuple(
        level
        for level in localised_levels(answers)
        if not (level.side in peroneal_sides and level.root in PERONEAL_MIMICKED_ROOTS)
    )


def objective_deficit(facts: Facts) -> tuple[str, ...]:
    """v2's objective deficit: v1's, plus a long-tract sign or a sensory level (v1 left these out)."""
    found = [*v1.objective_deficit(facts), *long_tract_signs(facts)]
    if facts.yes("exam.sensory_level"):
        found.append("a sensory level on the trunk")
    return tuple(found)


def ces_features(facts: Facts, *, bilateral_legs: bool = True) -> tuple[str, ...]:
    """The CES features present; CES-2 leaves out the bilateral leg symptoms."""
    found = [
        text
        for code, text in CES_FLAGS.items()
        if facts.yes(code) and (bilateral_legs or code != "red_flag.bilateral_leg_symptoms")
    ]
    if (saddle := facts.choice("exam.sensation.saddle")) in IMPAIRED_SENSATION:
        found.append(f"{saddle} saddle sensation on examination")
    return tuple(found)


def ces_recent(facts: Facts) -> bool:
    """Within 14 days, or longer and worsening, or unanswered (the spec's safer reading)."""
    onset = facts.choice("red_flag.ces_onset")
    return onset is None or onset in CES_RECENT_ONSETS


def severe_bilateral_leg_deficit(facts: Facts) -> tuple[str, ...]:
    """≤ 3 on one side and ≤ 4 on the other, or ≤ 4 on each side with progression (any lumbar myotome)."""
    worst = {}
    for side in SIDES:
        grades = [
            grade for root in LUMBAR_ROOTS if (grade := facts.number(f"exam.power.{root}.{side}")) is not None
        ]
        worst[side] = min(grades, default=None)
    if any(grade is None or grade > 4 for grade in worst.values()):
        return ()
    progressing = facts.yes("red_flag.progressive_weakness") or facts.yes("history.symptoms_progressing")
    if min(worst.values()) > 3 and not progressing:
        return ()
    found = [f"weakness of both legs (worst power {worst['left']}/5 left, {worst['right']}/5 right)"]
    if min(worst.values()) > 3:
        found.append("weakness getting worse")
    return tuple(found)


def neurological_symptoms(facts: Facts) -> tuple[str, ...]:
    present = facts.selected("history.symptoms")
    return tuple(SYMPTOM_NAMES.get(name, name) for name in NEUROLOGICAL_SYMPTOMS if name in present)


def infection_risk(facts: Facts) -> tuple[str, ...]:
    found = list(facts.risk_factors(*INFECTION_RISK_FACTORS))
    if facts.yes("history.recent_spinal_procedure"):
        found.append("a spinal procedure in the last 3 months")
    if facts.yes("history.recent_infection"):
        found.append("an infection in the last 3 months")
    return tuple(found)


def lower_trunk_signs(facts: Facts) -> tuple[str, ...]:
    """C8/T1 weakness or sensory loss, or ulnar-side hand wasting (§4 lower-trunk sign)."""
    found = [finding for root, finding in weak_roots(facts, 4) if root in ("C8", "T1")]
    found += [*facts.sensation_impaired("C8"), *facts.sensation_impaired("T1")]
    deformity = facts.selected("exam.deformity")
    found += [
        words(sign)
        for sign in ("hypothenar_wasting", "first_dorsal_interosseous_wasting")
        if sign in deformity
    ]
    return tuple(found)


def age_at_onset(facts: FactsV2) -> int | None:
    """age − ⌊duration_weeks / 52⌋; unknown without an age or a duration."""
    duration = facts.number("history.duration_weeks")
    if facts.age is None or duration is None:
        return None
    return facts.age - duration // 52


def gather(answers: Mapping[str, Any], *, age: int | None, policy: PathwayPolicy) -> FactsV2:
    """The Ruleset's `gather_facts` for /2."""
    return FactsV2.gather(answers, age=age, policy=policy)
