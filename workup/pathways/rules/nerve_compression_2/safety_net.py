"""§4.10: the safety-netting topics a presentation needs, in the spec's order, from facts and fired rules."""

from __future__ import annotations

from collections.abc import Iterable

from workup.pathways.rules.nerve_compression_2.facts import FactsV2, infection_risk

WEAKNESS_RULES = ("PERO-1", "PANC-1", "MND-1")
WEAKNESS_PREFIXES = ("DEFICIT-", "LRAD-", "CRAD-")
HAND_NERVE_PREFIXES = ("CTS-", "CUB-", "RAD-")


def _any_prefix(fired: set[str], *prefixes: str) -> bool:
    return any(rule.startswith(prefixes) for rule in fired)


def safety_net_topics(facts: FactsV2, fired_rule_ids: Iterable[str]) -> tuple[str, ...]:
    """Each topic whose condition holds, in §4.10 order."""
    fired = set(fired_rule_ids)
    regions = facts.regions
    spinal = facts.spinal_presentation
    included = {
        "cauda_equina": "lumbar_spine" in regions or _any_prefix(fired, "CES-"),
        "cord_compression": (spinal and facts.yes("red_flag.history_of_cancer"))
        or _any_prefix(fired, "MAL-")
        or "MSCC-1" in fired
        or "thoracic_spine" in regions,
        "spinal_infection": _any_prefix(fired, "INF-") or (spinal and bool(infection_risk(facts))),
        "myelopathy": "cervical_spine" in regions or _any_prefix(fired, "MYEL-"),
        "worsening_weakness": _any_prefix(fired, *WEAKNESS_PREFIXES) or bool(fired & set(WEAKNESS_RULES)),
        "hand_nerve": _any_prefix(fired, *HAND_NERVE_PREFIXES),
        "stroke": "STROKE-1" in fired or facts.choice("history.onset") == "sudden",
    }
    return tuple(topic for topic, holds in included.items() if holds)
