"""Replay (spec §4.8): recompute a signed assessment with its own versions and say whether it matches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workup.pathways.registry import for_versions
from workup.pathways.rules import PathwayPolicy


@dataclass(frozen=True)
class ReplayResult:
    ruleset: str
    matches: bool
    # {field: {"stored": …, "replayed": …}} for every assessment field that differs, in field order.
    differences: dict[str, dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"ruleset": self.ruleset, "matches": self.matches, "differences": self.differences}


def replay(
    *,
    checklist_version: str,
    ruleset_version: str,
    answers: Mapping[str, Any],
    age: int,
    policy: PathwayPolicy,
    stored: Mapping[str, Any],
) -> ReplayResult:
    """The stored assessment against a fresh evaluation by the versions that produced it."""
    pathway = for_versions(checklist_version, ruleset_version)
    replayed = pathway.assess(answers, age=age, policy=policy).as_dict()
    fields = dict.fromkeys((*stored, *replayed))
    differences = {
        field: {"stored": stored.get(field), "replayed": replayed.get(field)}
        for field in fields
        if stored.get(field) != replayed.get(field)
    }
    return ReplayResult(ruleset=ruleset_version, matches=not differences, differences=differences)
