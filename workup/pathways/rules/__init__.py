"""The clinical rules engine: rulesets as data plus a pure evaluator, keyed by version.

Findings in, assessment out: no Django, no database, no clock, no I/O, so every rule is testable
exhaustively and a stored assessment can always be explained by the version that produced it. The pathway
registry (workup.pathways) says which ruleset goes with which checklist.
"""

from workup.pathways.rules.evaluate import (
    DEFAULT_POLICY,
    assess,
    effective_urgency,
    fired_rules,
    override_errors,
    sign_off_errors,
)
from workup.pathways.rules.records import TIERS, Assessment, Fired, PathwayPolicy, Reason, Rule, tier_rank
from workup.pathways.rules.ruleset import Ruleset, RulesetDefinitionError

__all__ = [
    "DEFAULT_POLICY",
    "TIERS",
    "Assessment",
    "Fired",
    "PathwayPolicy",
    "Reason",
    "Rule",
    "Ruleset",
    "RulesetDefinitionError",
    "assess",
    "effective_urgency",
    "fired_rules",
    "override_errors",
    "sign_off_errors",
    "tier_rank",
]
