"""Override and sign-off for pathway v2 (spec §4.7), pure functions of the assessment and the answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workup.pathways.rules.evaluate import effective_urgency, override_errors
from workup.pathways.rules.records import Assessment, tier_rank
from workup.pathways.rules.sign_off import SignOff
from workup.pathways.vocabulary import OVERRIDE_DISCUSSED_WITH_MIN_LENGTH

# An urgent tier set by one of these rules is a red-flag tier: lowering it needs a specialist's word.
RED_FLAG_RULE_PREFIXES = ("CES-", "MSCC-", "MAL-", "INF-", "MYEL-")
# They change where an emergency goes, so even an emergency is not signed without them (§4.7): stroke is
# 999, an anticoagulated patient may have a haematoma, and the CES onset decides the CES route.
EMERGENCY_MUST_ANSWER = ("red_flag.sudden_focal_weakness", "history.anticoagulated", "red_flag.ces_onset")
SAFETY_NET_TIERS_V2 = ("conservative", "routine", "urgent")


def _is_red_flag_rule(rule_id: str) -> bool:
    return rule_id.startswith(RED_FLAG_RULE_PREFIXES)


def needs_discussion(assessment: Assessment, urgency_override: str | None) -> bool:
    """Whether this override lowers an emergency, or an urgent tier a red-flag rule set (§4.7)."""
    if urgency_override not in ("conservative", "routine", "urgent", "emergency"):
        return False
    if tier_rank(urgency_override) >= tier_rank(assessment.urgency):
        return False
    if assessment.urgency == "emergency":
        return True
    # Safer reading: "an urgent tier set by a CES-/MSCC-/MAL-/INF-/MYEL- rule" holds when any such rule
    # fired at the urgent tier, not only the one listed first, since each of them sets that tier.
    return assessment.urgency == "urgent" and any(
        reason.tier == "urgent" and _is_red_flag_rule(reason.rule) for reason in assessment.reasons
    )


def override_errors_v2(
    urgency_override: str | None,
    override_reason: str | None,
    *,
    override_discussed_with: str | None = None,
    assessment: Assessment | None = None,
) -> dict[str, list[str]]:
    """v1's checks, and who it was discussed with when the override lowers a red-flag tier."""
    errors = override_errors(urgency_override, override_reason)
    if urgency_override is None or urgency_override == "":
        return errors
    if assessment is None:
        # Without the computed tier the discussion requirement cannot be checked; refuse loudly rather
        # than let a lowered emergency through.
        raise TypeError("override_errors for pathway v2 needs the computed assessment")
    discussed = len((override_discussed_with or "").strip()) >= OVERRIDE_DISCUSSED_WITH_MIN_LENGTH
    if needs_discussion(assessment, urgency_override) and not discussed:
        errors["override_discussed_with"] = [
            "Lowering an emergency, or an urgent tier set by a red-flag rule, needs the name or role of "
            f"the specialist it was discussed with (at least {OVERRIDE_DISCUSSED_WITH_MIN_LENGTH} "
            "characters)."
        ]
    return errors


def _missing_that_block(assessment: Assessment, urgency: str) -> tuple[str, ...]:
    if urgency == "emergency":
        return tuple(code for code in assessment.incomplete if code in EMERGENCY_MUST_ANSWER)
    return assessment.incomplete


def sign_off_errors_v2(
    assessment: Assessment, answers: Mapping[str, Any], urgency_override: str | None
) -> dict[str, list[str]]:
    """Why the encounter cannot be signed yet (§4.7 v2); {} when it can."""
    urgency = effective_urgency(assessment, urgency_override)
    errors = {code: ["Must be answered before signing."] for code in _missing_that_block(assessment, urgency)}
    if urgency == "emergency":
        for code in errors:
            errors[code] = ["Must be answered even in an emergency: it changes where the patient goes."]
    if urgency in SAFETY_NET_TIERS_V2 and answers.get("plan.safety_net_given") is not True:
        errors["plan.safety_net_given"] = [
            "Safety-netting must be given and recorded before signing a conservative, routine or urgent plan."
        ]
    return errors


def not_asked_codes_v2(
    assessment: Assessment, answers: Mapping[str, Any], urgency_override: str | None
) -> tuple[str, ...]:
    """The incomplete items an emergency is signed without, to store and show as "not asked (emergency)"."""
    if effective_urgency(assessment, urgency_override) != "emergency":
        return ()
    return tuple(code for code in assessment.incomplete if code not in EMERGENCY_MUST_ANSWER)


SIGN_OFF_V2 = SignOff(
    override_errors=override_errors_v2,
    sign_off_errors=sign_off_errors_v2,
    effective_urgency=effective_urgency,
    not_asked_codes=not_asked_codes_v2,
)
