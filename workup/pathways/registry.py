"""The pathway registry: which checklist goes with which ruleset, policy schema and letter, by version.

A draft is always assessed with the current pathway; a signed encounter names the checklist and ruleset
versions it was signed with, and `for_versions` finds them again for replay (spec §4.8). Adding a pathway
version is a checklist file, a ruleset package and one line in PATHWAYS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workup.pathways.checklists import Checklist, get_checklist
from workup.pathways.letters import NERVE_COMPRESSION_LETTER, LetterLayout
from workup.pathways.rules import (
    DEFAULT_POLICY,
    Assessment,
    PathwayPolicy,
    Ruleset,
    effective_urgency,
    evaluate,
    nerve_compression_1,
    override_errors,
    sign_off_errors,
)


class UnknownPathway(LookupError):
    """No registered pathway has this checklist or ruleset version."""


@dataclass(frozen=True)
class Pathway:
    """One version of a pathway: the form the GP fills in, the rules that read it, the letter it prints."""

    checklist_version: str
    ruleset: Ruleset
    letter: LetterLayout

    @property
    def checklist(self) -> Checklist:
        return get_checklist(self.checklist_version)

    @property
    def ruleset_version(self) -> str:
        return self.ruleset.version

    @property
    def policy_schema(self) -> type[PathwayPolicy]:
        return self.ruleset.policy_schema

    def required_codes(self, answers: Mapping[str, Any]) -> tuple[str, ...]:
        """§4.6: what this presentation needs assessed, from the checklist's completeness data."""
        return self.checklist.required_codes(answers)

    def shown_codes(self, answers: Mapping[str, Any]) -> tuple[str, ...]:
        """§4.9: the items that apply to this presentation, computed here so no page script decides it."""
        return self.checklist.shown_codes(answers)

    def assess(
        self, answers: Mapping[str, Any], *, age: int, policy: PathwayPolicy = DEFAULT_POLICY
    ) -> Assessment:
        """The ruleset's assessment of the answers, with §4.6 completeness from the checklist."""
        return evaluate.assess(
            self.ruleset, answers, age=age, policy=policy, required=self.required_codes(answers)
        )

    def override_errors(self, urgency_override: str | None, override_reason: str | None) -> dict:
        return override_errors(urgency_override, override_reason)

    def sign_off_errors(
        self, assessment: Assessment, answers: Mapping[str, Any], urgency_override: str | None
    ) -> dict[str, list[str]]:
        return sign_off_errors(assessment, answers, urgency_override)

    def effective_urgency(self, assessment: Assessment, urgency_override: str | None) -> str:
        return effective_urgency(assessment, urgency_override)


# Oldest first. Never remove one: signed encounters replay with their own version.
PATHWAYS: tuple[Pathway, ...] = (
    Pathway(
        checklist_version="nerve-compression/1",
        ruleset=nerve_compression_1.RULESET,
        letter=NERVE_COMPRESSION_LETTER,
    ),
)
RULESETS: dict[str, Ruleset] = {pathway.ruleset.version: pathway.ruleset for pathway in PATHWAYS}
# The pathway every draft is filled in and assessed with.
CURRENT_CHECKLIST_VERSION = "nerve-compression/1"


def current() -> Pathway:
    """The pathway every draft is filled in and assessed with."""
    return for_checklist(CURRENT_CHECKLIST_VERSION)


def for_checklist(checklist_version: str) -> Pathway:
    """The pathway whose checklist is this version."""
    for pathway in PATHWAYS:
        if pathway.checklist_version == checklist_version:
            return pathway
    raise UnknownPathway(f"no pathway has checklist {checklist_version!r}")


def for_versions(checklist_version: str, ruleset_version: str) -> Pathway:
    """The checklist and ruleset a signed encounter was assessed with, for replay (§4.8)."""
    pathway = for_checklist(checklist_version)
    if ruleset_version not in RULESETS:
        raise UnknownPathway(f"no ruleset {ruleset_version!r} is registered")
    if pathway.ruleset_version == ruleset_version:
        return pathway
    return Pathway(checklist_version, RULESETS[ruleset_version], pathway.letter)


def ruleset(version: str) -> Ruleset:
    """A registered ruleset by its version."""
    try:
        return RULESETS[version]
    except KeyError:
        raise UnknownPathway(f"no ruleset {version!r} is registered") from None


def assess(answers: Mapping[str, Any], *, age: int, policy: PathwayPolicy = DEFAULT_POLICY) -> Assessment:
    """The current pathway's assessment of the answers."""
    return current().assess(answers, age=age, policy=policy)
