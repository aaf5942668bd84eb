"""Ruleset `nerve-compression-rules/2` (spec §4): v1's rules corrected, and the dangerous mimics added."""

from workup.pathways.rules import findings, localisation
from workup.pathways.rules.nerve_compression_2 import facts, predicates, safety_net
from workup.pathways.rules.nerve_compression_2.definitions import RULES, RULESET_VERSION
from workup.pathways.rules.nerve_compression_2.policy import DEFAULT_POLICY_V2, PathwayPolicyV2
from workup.pathways.rules.ruleset import Ruleset

RULESET = Ruleset(
    version=RULESET_VERSION,
    rules=RULES,
    policy_schema=PathwayPolicyV2,
    # v2 reads v1's findings and localisation too, so they are part of its fingerprint as well (v1's
    # predicates, also imported, are covered by v1's fingerprint and share the name "predicates").
    fact_modules=(predicates, facts, safety_net, findings, localisation),
    gather_facts=facts.gather,
    safety_net_topics=safety_net.safety_net_topics,
)

__all__ = ["DEFAULT_POLICY_V2", "RULES", "RULESET", "RULESET_VERSION", "PathwayPolicyV2"]
