"""Ruleset `nerve-compression-rules/1` (archive/rules-v1.md), kept runnable for replay (spec §4.8)."""

from workup.pathways.rules import findings, localisation
from workup.pathways.rules.nerve_compression_1 import predicates
from workup.pathways.rules.nerve_compression_1.definitions import RULES, RULESET_VERSION
from workup.pathways.rules.records import PathwayPolicy
from workup.pathways.rules.ruleset import Ruleset

RULESET = Ruleset(
    version=RULESET_VERSION,
    rules=RULES,
    policy_schema=PathwayPolicy,
    fact_modules=(predicates, findings, localisation),
)

__all__ = ["RULES", "RULESET", "RULESET_VERSION"]
