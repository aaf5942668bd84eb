"""A ruleset as one versioned object: its rules in table order, its policy schema, and what it reads."""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from types import ModuleType
from typing import Any

from workup.pathways.rules.records import (
    CONDITIONS,
    SOURCE_KEYS,
    SPECIALTIES,
    TESTS,
    TIERS,
    PathwayPolicy,
    Rule,
)


class RulesetDefinitionError(Exception):
    """A ruleset's data is inconsistent (unknown code, unknown hand-off, a hand-off cycle)."""


@dataclass(frozen=True)
class Ruleset:
    """Every rule of one version, in spec table order (it breaks specialty ties and orders reasons)."""

    version: str
    rules: tuple[Rule, ...]
    policy_schema: type[PathwayPolicy] = PathwayPolicy
    # The modules whose code decides what the predicates see (findings, localisation): part of the
    # fingerprint, because changing them changes what a shipped version concludes.
    fact_modules: tuple[ModuleType, ...] = ()
    # How the predicates' facts are gathered from (answers, age=, policy=); None: v1's Facts.gather.
    # A version with its own definitions gives its own (and lists its module in fact_modules).
    gather_facts: Callable[..., Any] | None = field(default=None, compare=False)
    # v2 (§4.10): (facts, ids of the rules that fired) → safety-netting topics; None: the version has none.
    safety_net_topics: Callable[[Any, Iterable[str]], tuple[str, ...]] | None = field(
        default=None, compare=False
    )
    _by_id: dict[str, Rule] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Rule] = {}
        for rule in self.rules:
            if rule.id in by_id:
                raise RulesetDefinitionError(f"{self.version}: rule {rule.id} is defined twice")
            by_id[rule.id] = rule
        object.__setattr__(self, "_by_id", by_id)
        for rule in self.rules:
            self._check(rule)
        for rule in self.rules:
            self._check_no_cycle(rule.id, ())

    def _check(self, rule: Rule) -> None:
        problems = []
        if rule.tier not in TIERS:
            problems.append(f"tier {rule.tier!r}")
        problems += [f"condition {code!r}" for code in rule.conditions if code not in CONDITIONS]
        problems += [f"test {code!r}" for code in rule.tests if code not in TESTS]
        if rule.tier_policy and rule.tier_policy not in {f.name for f in fields(self.policy_schema)}:
            problems.append(f"tier policy {rule.tier_policy!r} is not in {self.policy_schema.__name__}")
        if rule.specialty not in SPECIALTIES:
            problems.append(f"specialty {rule.specialty!r}")
        problems += [f"source {key!r}" for key in rule.sources if key not in SOURCE_KEYS]
        if not rule.sources:
            problems.append("no source")
        problems += [
            f"hand-off to unknown rule {other!r}"
            for other in rule.stands_down_for
            if other not in self._by_id
        ]
        if problems:
            raise RulesetDefinitionError(f"{self.version} {rule.id}: {'; '.join(problems)}")

    def _check_no_cycle(self, rule_id: str, path: tuple[str, ...]) -> None:
        if rule_id in path:
            raise RulesetDefinitionError(f"{self.version}: hand-off cycle {' → '.join((*path, rule_id))}")
        for other in self._by_id[rule_id].stands_down_for:
            self._check_no_cycle(other, (*path, rule_id))

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id; KeyError if the version has none."""
        return self._by_id[rule_id]

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def rule_fingerprint(self, rule: Rule) -> str:
        """SHA-256 of a rule's data and its predicate's source: it changes with what the rule says."""
        data = {
            "id": rule.id,
            "tier": rule.tier,
            "conditions": rule.conditions,
            "tests": rule.tests,
            "specialty": rule.specialty,
            "sources": rule.sources,
            "reason": rule.reason,
            "stands_down_for": rule.stands_down_for,
            "predicate": inspect.getsource(rule.predicate),
        }
        # v2 fields join the data only when set, so a v1 rule's fingerprint is what v1 recorded.
        for name in ("tier_policy", "source_note", "primary_care_plan"):
            if value := getattr(rule, name):
                data[name] = value
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def fingerprint(self) -> dict[str, str]:
        """Every rule's fingerprint in table order, then the policy schema's and each fact module's."""
        prints = {rule.id: self.rule_fingerprint(rule) for rule in self.rules}
        prints["policy_schema"] = _source_hash(self.policy_schema)
        for module in self.fact_modules:
            prints[f"module:{module.__name__.rsplit('.', 1)[-1]}"] = _source_hash(module)
        return prints


def _source_hash(obj: object) -> str:
    return hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()
