"""The clinical rules engine: ruleset `nerve-compression-rules/1` as data plus a pure evaluator.

Findings in, assessment out: no Django, no database, no clock, no I/O, so every rule is testable
exhaustively and a stored assessment can always be explained by the version that produced it.
"""

from workup.rules.definitions import RULES
from workup.rules.evaluate import assess, effective_urgency, override_errors, sign_off_errors
from workup.rules.records import (
    RULESET_VERSION,
    TIERS,
    Assessment,
    PathwayPolicy,
    Reason,
    Rule,
    tier_rank,
)

__all__ = [
    "RULES",
    "RULESET_VERSION",
    "TIERS",
    "Assessment",
    "PathwayPolicy",
    "Reason",
    "Rule",
    "assess",
    "effective_urgency",
    "override_errors",
    "sign_off_errors",
    "tier_rank",
]
