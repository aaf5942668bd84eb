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


def tier_word(tier: str) -> str:
    return vocabulary.TIER_WORDS.get(tier, tier)


def banner(tier: str) -> str:
    return vocabulary.URGENCY_BANNERS.get(tier, "")


def condition_word(code: str) -> str:
    return vocabulary.CONDITIONS.get(code, code)


def test_word(code: str) -> str:
    return vocabulary.TESTS.get(code, code)


def specialty_word(code: str) -> str:
    return vocabulary.SPECIALTIES.get(code, "")


def referral_status_word(status: str) -> str:
    return vocabulary.REFERRAL_STATUS_WORDS.get(status, status)


def item_labels(checklist: Checklist) -> dict[str, str]:
    return {item.code: item.label for item in checklist.items}


def override_reason_min_length() -> int:
    return vocabulary.OVERRIDE_REASON_MIN_LENGTH


def encounter_page_data(checklist: Checklist) -> dict[str, Any]:
    """What encounter.js needs to put the live assessment into words."""
    return {**vocabulary.for_page_scripts(), "items": item_labels(checklist)}


def referral_page_data() -> dict[str, Any]:
    """What referral.js needs to show a referral's progress."""
    return {
        **vocabulary.for_page_scripts(),
        "finished": [str(status) for status in FINISHED_REFERRAL_STATUSES],
    }
