"""The v2 pathway policy: v1's local thresholds plus the three v2 adds (spec §4 policy table)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Literal

from workup.pathways.rules.records import PathwayPolicy


@dataclass(frozen=True)
class PathwayPolicyV2(PathwayPolicy):
    """v1's thresholds, and the tier of stable long-standing CES symptoms and DEFICIT-3's thresholds."""

    # CES-2's tier: the national pathway's urgent route, or same day where the local pathway says so.
    ces_stable_tier: Literal["urgent", "emergency"] = "urgent"
    acute_motor_mrc: int = 2
    acute_motor_weeks: int = 2

    def __post_init__(self) -> None:
        if self.ces_stable_tier not in ("urgent", "emergency"):
            raise ValueError(f"ces_stable_tier must be urgent or emergency, not {self.ces_stable_tier!r}")

    @classmethod
    def adopt(cls, policy: PathwayPolicy) -> PathwayPolicyV2:
        """A practice's policy as v2 reads it: a v1 policy keeps its values and takes the v2 defaults."""
        if isinstance(policy, cls):
            return policy
        return cls(**{field.name: getattr(policy, field.name) for field in fields(PathwayPolicy)})


DEFAULT_POLICY_V2 = PathwayPolicyV2()
