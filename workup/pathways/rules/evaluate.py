"""The pure evaluator: a ruleset and answers in, assessment out (spec §3, §4.7). No database, clock or I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from workup.pathways.rules.findings import Facts, cts6_score
from workup.pathways.rules.records import (
    TIERS,
    Assessment,
    Fired,
    PathwayPolicy,
    Reason,
    Rule,
    tier_rank,
)
from workup.pathways.rules.ruleset import Ruleset
from workup.pathways.vocabulary import OVERRIDE_REASON_MIN_LENGTH

DEFAULT_POLICY = PathwayPolicy()
SAFETY_NET_TIERS = ("conservative", "routine")


def missing_answers(answers: Mapping[str, Any], required: Iterable[str]) -> tuple[str, ...]:
    """Required codes not assessed; a null answer is a cleared one, so it counts as absent."""
    return tuple(code for code in dict.fromkeys(required) if answers.get(code) is None)


def fired_rules(ruleset: Ruleset, facts: Facts) -> list[tuple[Rule, Fired]]:
    """The rules that fire, in table order: each predicate found something and no hand-off took over."""
    found = {rule.id: rule.predicate(facts) for rule in ruleset.rules}
    fires: dict[str, bool] = {}

    def fires_(rule_id: str) -> bool:
        # Declared hand-offs (Rule.stands_down_for) count only when the sibling actually fires, so an
        # unanswered item that keeps the sibling silent still lets this rule fire (the safer reading).
        if rule_id not in fires:
            rule = ruleset.rule(rule_id)
            fires[rule_id] = found[rule_id] is not None and not any(map(fires_, rule.stands_down_for))
        return fires[rule_id]

    return [(rule, found[rule.id]) for rule in ruleset.rules if fires_(rule.id)]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _in_words(phrases: tuple[str, ...]) -> str:
    sentence = phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"
    return sentence[:1].upper() + sentence[1:]


def _reason(rule: Rule, fired: Fired, *, tier: str, urgency: str) -> Reason:
    text = f"{_in_words(fired.evidence)}: {rule.reason}"
    if fired.note:
        text = f"{text} {fired.note}"
    if rule.primary_care_plan and urgency == TIERS[0]:
        text = f"{text} {rule.primary_care_plan}"
    return Reason(rule=rule.id, tier=tier, text=text, source=rule.source)


def assess(
    ruleset: Ruleset,
    answers: Mapping[str, Any],
    *,
    age: int | None,
    policy: PathwayPolicy = DEFAULT_POLICY,
    required: Sequence[str] = (),
) -> Assessment:
    """Evaluate every rule of the ruleset against one encounter's answers; `required` is §4.6's list."""
    facts = (ruleset.gather_facts or Facts.gather)(answers, age=age, policy=policy)
    position = {rule.id: index for index, rule in enumerate(ruleset.rules)}
    fired = fired_rules(ruleset, facts)
    # A rule's tier is its table's, or the practice policy's where the table says so (v2 CES-2).
    tiers = {rule.id: rule.tier_under(facts.policy) for rule, _ in fired}
    # Highest tier first, spec §4 table order within a tier: this one order drives reasons,
    # conditions, tests and the specialty tie-break.
    fired.sort(key=lambda pair: (-tier_rank(tiers[pair[0].id]), position[pair[0].id]))
    urgency = tiers[fired[0][0].id] if fired else TIERS[0]
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
        reasons=tuple(_reason(rule, result, tier=tiers[rule.id], urgency=urgency) for rule, result in fired),
        # Safer reading: CTS-1 always uses the score, so median findings recorded under another region
        # are not missed; the output shows it only where the hand was the presentation (§3).
        cts6_score=cts6_score(facts) if "wrist_hand" in facts.regions else None,
        ruleset=ruleset.version,
        incomplete=missing_answers(answers, required),
        safety_net_topics=(
            None
            if ruleset.safety_net_topics is None
            else ruleset.safety_net_topics(facts, [rule.id for rule, _ in fired])
        ),
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
