"""The pure evaluator: answers in, assessment out (spec §3, §4.6, §4.7). No database, clock or I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from workup.rules.definitions import RULES
from workup.rules.findings import SPINAL_REGIONS, Facts, cts6_score
from workup.rules.records import (
    RULESET_VERSION,
    TIERS,
    Assessment,
    Fired,
    PathwayPolicy,
    Reason,
    Rule,
    tier_rank,
)

DEFAULT_POLICY = PathwayPolicy()

# §4.6, in its order. Patients do not volunteer cauda equina symptoms (HSIB-CES), so a spinal
# presentation is not assessed until the screen that could make it an emergency has been asked.
SPINAL_REQUIRED = (
    "red_flag.history_of_cancer",
    "red_flag.unexplained_weight_loss",
    "red_flag.fever",
    "red_flag.significant_trauma",
    "red_flag.progressive_weakness",
)
LUMBAR_REQUIRED = (
    "red_flag.saddle_anaesthesia",
    "red_flag.bladder_dysfunction",
    "red_flag.bowel_dysfunction",
    "red_flag.bilateral_leg_symptoms",
)
CERVICAL_REQUIRED = ("red_flag.hand_clumsiness", "red_flag.gait_disturbance")
ALWAYS_REQUIRED = ("history.regions", "history.symptoms")

OVERRIDE_REASON_MIN_LENGTH = 10
SAFETY_NET_TIERS = ("conservative", "routine")


def required_answers(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The codes §4.6 requires for this presentation, in §4.6 order."""
    regions = answers.get("history.regions")
    regions = set(regions) if isinstance(regions, list | tuple) else set()
    required: list[str] = []
    if regions & set(SPINAL_REGIONS):
        required += SPINAL_REQUIRED
    if "lumbar_spine" in regions:
        required += LUMBAR_REQUIRED
    if "cervical_spine" in regions:
        required += CERVICAL_REQUIRED
    return (*required, *ALWAYS_REQUIRED)


def missing_answers(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """Required codes not assessed; a null answer is a cleared one, so it counts as absent."""
    return tuple(code for code in required_answers(answers) if answers.get(code) is None)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _in_words(phrases: tuple[str, ...]) -> str:
    sentence = phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"
    return sentence[:1].upper() + sentence[1:]


def _reason(rule: Rule, fired: Fired) -> Reason:
    text = f"{_in_words(fired.evidence)}: {rule.reason}"
    if fired.note:
        text = f"{text} {fired.note}"
    return Reason(rule=rule.id, tier=rule.tier, text=text, source=", ".join(rule.sources))


def assess(answers: Mapping[str, Any], *, age: int, policy: PathwayPolicy = DEFAULT_POLICY) -> Assessment:
    """Evaluate every rule of the ruleset against one encounter's answers."""
    facts = Facts.gather(answers, age=age, policy=policy)
    position = {rule.id: index for index, rule in enumerate(RULES)}
    fired = [(rule, result) for rule in RULES if (result := rule.predicate(facts)) is not None]
    # Highest tier first, spec §4 table order within a tier: this one order drives reasons,
    # conditions, tests and the specialty tie-break.
    fired.sort(key=lambda pair: (-tier_rank(pair[0].tier), position[pair[0].id]))
    urgency = fired[0][0].tier if fired else TIERS[0]
    conditions = (
        condition
        for rule, result in fired
        for condition in (rule.conditions if result.conditions is None else result.conditions)
    )
    tests = (
        test for rule, result in fired for test in (rule.tests if result.tests is None else result.tests)
    )
    return Assessment(
        urgency=urgency,
        suspected_conditions=_unique(conditions),
        levels=tuple(str(level) for level in facts.levels),
        recommended_tests=_unique(tests),
        specialty="none" if urgency == "conservative" else fired[0][0].specialty,
        reasons=tuple(_reason(rule, result) for rule, result in fired),
        # Safer reading: CTS-1 always uses the score, so median findings recorded under another region
        # are not missed; the output shows it only where the hand was the presentation (§3).
        cts6_score=cts6_score(facts) if "wrist_hand" in facts.regions else None,
        ruleset=RULESET_VERSION,
        incomplete=missing_answers(answers),
    )


def override_errors(urgency_override: str | None, override_reason: str | None) -> dict[str, list[str]]:
    """Why an urgency override cannot be saved (§4.7); {} when it can, or when there is none."""
    # A blank form field means "no override", the same as null: nothing is overridden, so no reason.
    if urgency_override is None or urgency_override == "":
        return {}
    errors: dict[str, list[str]] = {}
    if urgency_override not in TIERS:
        errors["urgency_override"] = [f"Must be one of: {', '.join(TIERS)}."]
    if len((override_reason or "").strip()) < OVERRIDE_REASON_MIN_LENGTH:
        errors["override_reason"] = [
            f"Give a reason of at least {OVERRIDE_REASON_MIN_LENGTH} characters for overriding the urgency."
        ]
    return errors


def effective_urgency(assessment: Assessment, urgency_override: str | None) -> str:
    """The override when one is set, else the computed tier."""
    # Safer reading: an unrecognised override (which override_errors refuses) never hides the computed
    # tier, so a bad value cannot lift the safety-net requirement at sign-off.
    return urgency_override if urgency_override in TIERS else assessment.urgency


def sign_off_errors(
    assessment: Assessment, answers: Mapping[str, Any], urgency_override: str | None
) -> dict[str, list[str]]:
    """Why the encounter cannot be signed yet (§4.7); {} when it can."""
    errors = {code: ["Must be answered before signing."] for code in assessment.incomplete}
    if (
        effective_urgency(assessment, urgency_override) in SAFETY_NET_TIERS
        and answers.get("plan.safety_net_given") is not True
    ):
        errors["plan.safety_net_given"] = [
            "Safety-netting must be given and recorded before signing a conservative or routine plan."
        ]
    return errors
