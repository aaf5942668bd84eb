"""Override and sign-off (spec §4.7) as one object per pathway version, so each version keeps its own."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from workup.pathways.rules.evaluate import effective_urgency, override_errors, sign_off_errors
from workup.pathways.rules.records import Assessment


def _nothing_not_asked(
    assessment: Assessment, answers: Mapping[str, Any], urgency_override: str | None
) -> tuple[str, ...]:
    """v1: every required item is answered before signing, so nothing is stored as not asked."""
    return ()


def _override_errors_v1(
    urgency_override: str | None,
    override_reason: str | None,
    *,
    override_discussed_with: str | None = None,
    assessment: Assessment | None = None,
) -> dict[str, list[str]]:
    # v1 (archive §4.7) asks only for a reason; who it was discussed with is a v2 field.
    return override_errors(urgency_override, override_reason)


@dataclass(frozen=True)
class SignOff:
    """§4.7 for one pathway version: the override's checks, sign-off's checks, and what is stored unasked."""

    override_errors: Callable[..., dict[str, list[str]]]
    sign_off_errors: Callable[[Assessment, Mapping[str, Any], str | None], dict[str, list[str]]]
    effective_urgency: Callable[[Assessment, str | None], str]
    # The codes to store with the signed encounter as "not asked (emergency)" (v2); () when none.
    not_asked_codes: Callable[[Assessment, Mapping[str, Any], str | None], tuple[str, ...]]


SIGN_OFF_V1 = SignOff(
    override_errors=_override_errors_v1,
    sign_off_errors=sign_off_errors,
    effective_urgency=effective_urgency,
    not_asked_codes=_nothing_not_asked,
)
