"""The words and limits the pages need, built from the one vocabulary: the one place pages import it from.

The page scripts get this data through json_script (never retyped in JavaScript) and the templates through
the workup_words filters, so when the vocabulary moves only the imports here change.
"""

from __future__ import annotations

from typing import Any

from workup.models import Referral
from workup.pathways import vocabulary
from workup.pathways.checklists import Checklist

# Referral statuses after which nothing more happens by itself: the page stops following them.
FINISHED_REFERRAL_STATUSES = (Referral.Status.SENT, Referral.Status.FAILED)


WORDS = {
    "tier": vocabulary.TIER_WORDS,
    "banner": vocabulary.URGENCY_BANNERS,
    "condition": vocabulary.CONDITIONS,
    "test": vocabulary.TESTS,
    "specialty": vocabulary.SPECIALTIES,
    "referral_status": vocabulary.REFERRAL_STATUS_WORDS,
}
# A banner or a specialty that has no words is shown as nothing, not as its code.
BLANK_WHEN_UNKNOWN = frozenset({"banner", "specialty"})


def word(kind: str, code: str) -> str:
    """A code of this kind (a key of WORDS) in the vocabulary's words; an unknown code reads as itself."""
    return WORDS[kind].get(code, "" if kind in BLANK_WHEN_UNKNOWN else code)


def item_labels(checklist: Checklist) -> dict[str, str]:
    return {item.code: item.label for item in checklist.items}


def override_reason_min_length() -> int:
    return vocabulary.OVERRIDE_REASON_MIN_LENGTH


def text_max_length() -> int:
    return vocabulary.TEXT_MAX_LENGTH


def encounter_page_data(checklist: Checklist) -> dict[str, Any]:
    """What encounter.js needs to put the live assessment into words."""
    return {**vocabulary.for_page_scripts(), "items": item_labels(checklist)}


def referral_page_data() -> dict[str, Any]:
    """What referral.js needs to show a referral's progress."""
    return {
        **vocabulary.for_page_scripts(),
        "finished": [str(status) for status in FINISHED_REFERRAL_STATUSES],
    }
