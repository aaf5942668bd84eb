"""The records of a ruleset: pathway policy, rules, what a rule found, and the assessment they produce."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workup.pathways import vocabulary

TIERS = vocabulary.TIERS
CONDITIONS = tuple(vocabulary.CONDITIONS)
TESTS = tuple(vocabulary.TESTS)
SPECIALTIES = tuple(vocabulary.SPECIALTIES)
SOURCE_KEYS = vocabulary.SOURCE_KEYS


def tier_rank(tier: str) -> int:
    """The position of a tier in TIERS: conservative 0 … emergency 3."""
    try:
        return TIERS.index(tier)
    except ValueError:
        raise ValueError(f"unknown urgency tier {tier!r}; expected one of {', '.join(TIERS)}") from None


@dataclass(frozen=True)
class PathwayPolicy:
    """The thresholds a practice may set locally because the sources disagree (spec §4, §8)."""

    lumbar_conservative_weeks: int = 6
    cervical_conservative_weeks: int = 6
    cts_conservative_weeks: int = 12
    cubital_conservative_weeks: int = 12
    radial_review_weeks: int = 6
    cts6_threshold: float = 12
    ncs_before_cts_referral: bool = False


@dataclass(frozen=True)
class Fired:
    """What a rule's predicate found: the findings in words, and any outputs that depend on them."""

    evidence: tuple[str, ...]
    # None keeps the rule's declared conditions / tests; a tuple replaces them for this firing.
    conditions: tuple[str, ...] | None = None
    tests: tuple[str, ...] | None = None
    note: str = ""


@dataclass(frozen=True)
class Rule:
    """One rule of spec §4 as data: what it concludes, why, from which source, and when it fires."""

    id: str
    tier: str
    conditions: tuple[str, ...]
    tests: tuple[str, ...]
    specialty: str
    sources: tuple[str, ...]
    reason: str
    # The predicate takes the encounter's Facts (rules.findings); typed loosely to keep records free of them.
    predicate: Callable[[Any], Fired | None] = field(repr=False, compare=False)
    # Hand-offs an auditor can read in the table: this rule stands down when any of these rules fires,
    # because that sibling already says the same thing at a higher tier (or more specifically).
    stands_down_for: tuple[str, ...] = ()
    # v2: a policy field whose value is this rule's tier (CES-2's `ces_stable_tier`); `tier` is then the
    # default and the table place, which the rule keeps whatever tier the policy gives it (§4.2).
    tier_policy: str = ""
    # v2: where the sources disagree, said beside the source keys rather than in the GP's instruction (§4).
    source_note: str = ""
    # v2: the plan for a recognition rule, added only when the final tier is `conservative`, so a reason
    # never says "manage in primary care" when another rule escalates (§4, wording).
    primary_care_plan: str = ""

    def tier_under(self, policy: Any) -> str:
        """The rule's tier under a practice's policy: its own, or the policy's where the table says so."""
        return getattr(policy, self.tier_policy) if self.tier_policy else self.tier

    @property
    def source(self) -> str:
        """The source keys as a reason cites them, with the note on any disagreement."""
        keys = ", ".join(self.sources)
        return f"{keys} ({self.source_note})" if self.source_note else keys


@dataclass(frozen=True)
class Reason:
    rule: str
    tier: str
    text: str
    source: str

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "tier": self.tier, "text": self.text, "source": self.source}


@dataclass(frozen=True)
class Assessment:
    urgency: str
    suspected_conditions: tuple[str, ...]
    levels: tuple[str, ...]
    recommended_tests: tuple[str, ...]
    specialty: str
    reasons: tuple[Reason, ...]
    cts6_score: float | None
    ruleset: str
    incomplete: tuple[str, ...]
    # v2 (§4.10). None for a ruleset without safety-netting topics (v1), whose stored shape has no such key.
    safety_net_topics: tuple[str, ...] | None = None

    def as_dict(self) -> dict[str, Any]:
        """The spec §3 JSON shape: lists, not tuples; reasons as {rule, tier, text, source}."""
        data = {
            "urgency": self.urgency,
            "suspected_conditions": list(self.suspected_conditions),
            "levels": list(self.levels),
            "recommended_tests": list(self.recommended_tests),
            "specialty": self.specialty,
            "reasons": [reason.as_dict() for reason in self.reasons],
            "cts6_score": self.cts6_score,
            "ruleset": self.ruleset,
            "incomplete": list(self.incomplete),
        }
        if self.safety_net_topics is not None:
            data["safety_net_topics"] = list(self.safety_net_topics)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Assessment:
        """Rebuild a stored assessment exactly as computed, whatever the current ruleset says (§4.7)."""
        score = data.get("cts6_score")
        return cls(
            urgency=data["urgency"],
            suspected_conditions=tuple(data["suspected_conditions"]),
            levels=tuple(data["levels"]),
            recommended_tests=tuple(data["recommended_tests"]),
            specialty=data["specialty"],
            reasons=tuple(
                Reason(rule=item["rule"], tier=item["tier"], text=item["text"], source=item["source"])
                for item in data["reasons"]
            ),
            cts6_score=None if score is None else float(score),
            ruleset=data["ruleset"],
            incomplete=tuple(data.get("incomplete", ())),
            safety_net_topics=(
                tuple(data["safety_net_topics"]) if data.get("safety_net_topics") is not None else None
            ),
        )
