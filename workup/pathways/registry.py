"""The pathway registry: which checklist goes with which ruleset, policy schema and letter, by version.

A draft is always assessed with the current pathway; a signed encounter names the checklist and ruleset
versions it was signed with, and `for_versions` finds them again for replay (spec §4.8). Adding a pathway
version is a checklist file, a ruleset package and one line in PATHWAYS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from workup.pathways.checklists import Checklist, get_checklist
from workup.pathways.letters import NERVE_COMPRESSION_LETTER, LetterLayout
from workup.pathways.rules import (
    DEFAULT_POLICY,
    Assessment,
    PathwayPolicy,
    Ruleset,
    evaluate,
    nerve_compression_1,
    nerve_compression_2,
)
from workup.pathways.rules.nerve_compression_2.sign_off import SIGN_OFF_V2
from workup.pathways.rules.sign_off import SIGN_OFF_V1, SignOff


class UnknownPathway(LookupError):
    """No registered pathway has this checklist or ruleset version."""


@dataclass(frozen=True)
class Pathway:
    """One version of a pathway: the form the GP fills in, the rules that read it, the letter it prints."""

    checklist_version: str
    ruleset: Ruleset
    letter: LetterLayout
    # §4.7 as this version words it (v2 adds the discussion, the emergency sign-off, urgent safety-netting).
    sign_off: SignOff = SIGN_OFF_V1

    @property
    def checklist(self) -> Checklist:
        return get_checklist(self.checklist_version)

    @property
    def ruleset_version(self) -> str:
        return self.ruleset.version

    @property
    def policy_schema(self) -> type[PathwayPolicy]:
        return self.ruleset.policy_schema

    def required_codes(self, answers: Mapping[str, Any], *, age: int | None = None) -> tuple[str, ...]:
        """§4.6: what this presentation needs assessed, from the checklist's completeness data.

        The patient's age is a fact beside the answers (v2 asks more from 50); None is unknown.
        """
        return self.checklist.required_codes(answers, {"age": age})

    def shown_codes(self, answers: Mapping[str, Any], *, age: int | None = None) -> tuple[str, ...]:
        """§4.9: the items that apply to this presentation, computed here so no page script decides it."""
        return self.checklist.shown_codes(answers, {"age": age})

    def assess(
        self, answers: Mapping[str, Any], *, age: int | None, policy: PathwayPolicy | None = None
    ) -> Assessment:
        """The ruleset's assessment of the answers, with §4.6 completeness from the checklist."""
        return evaluate.assess(
            self.ruleset,
            answers,
            age=age,
            policy=self.ruleset.policy_schema() if policy is None else policy,
            required=self.required_codes(answers, age=age),
        )

    def override_errors(
        self,
        urgency_override: str | None,
        override_reason: str | None,
        *,
        override_discussed_with: str | None = None,
        assessment: Assessment | None = None,
    ) -> dict[str, list[str]]:
        """Why the override cannot be saved (§4.7); v2 needs the computed assessment to check it."""
        return self.sign_off.override_errors(
            urgency_override,
            override_reason,
            override_discussed_with=override_discussed_with,
            assessment=assessment,
        )

    def sign_off_errors(
        self, assessment: Assessment, answers: Mapping[str, Any], urgency_override: str | None
    ) -> dict[str, list[str]]:
        return self.sign_off.sign_off_errors(assessment, answers, urgency_override)

    def not_asked_codes(
        self, assessment: Assessment, answers: Mapping[str, Any], urgency_override: str | None
    ) -> tuple[str, ...]:
        """§4.7 v2: the codes to store as "not asked (emergency)" when an emergency is signed incomplete."""
        return self.sign_off.not_asked_codes(assessment, answers, urgency_override)

    def effective_urgency(self, assessment: Assessment, urgency_override: str | None) -> str:
        return self.sign_off.effective_urgency(assessment, urgency_override)


# Oldest first. Never remove one: signed encounters replay with their own version.
PATHWAYS: tuple[Pathway, ...] = (
    Pathway(
        checklist_version="nerve-compression/1",
        ruleset=nerve_compression_1.RULESET,
        letter=NERVE_COMPRESSION_LETTER,
    ),
    Pathway(
        checklist_version="nerve-compression/2",
        ruleset=nerve_compression_2.RULESET,
        # The same letter (template pdf/referral.html); v2's new examination items get rows of their own.
        letter=NERVE_COMPRESSION_LETTER,
        sign_off=SIGN_OFF_V2,
    ),
)
RULESETS: dict[str, Ruleset] = {pathway.ruleset.version: pathway.ruleset for pathway in PATHWAYS}
# The pathway every draft is filled in and assessed with. v2 is registered (replay, tests) but becomes
# current only when the services, API and pages handle its fields.
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
    return replace(pathway, ruleset=RULESETS[ruleset_version])


def ruleset(version: str) -> Ruleset:
    """A registered ruleset by its version."""
    try:
        return RULESETS[version]
    except KeyError:
        raise UnknownPathway(f"no ruleset {version!r} is registered") from None


def assess(answers: Mapping[str, Any], *, age: int, policy: PathwayPolicy = DEFAULT_POLICY) -> Assessment:
    """The current pathway's assessment of the answers."""
    return current().assess(answers, age=age, policy=policy)
