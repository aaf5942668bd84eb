"""The page scripts render what the server says: no clinical rule or vocabulary is retyped in them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse

from tests.web.html_elements import Page
from workup.pathways import vocabulary
from workup.pathways.checklists import get_checklist

SCRIPTS = Path(__file__).resolve().parents[2] / "static" / "js"

pytestmark = pytest.mark.django_db


def script_text() -> str:
    return "\n".join(path.read_text() for path in sorted(SCRIPTS.glob("*.js")))


def test_no_vocabulary_word_is_retyped_in_a_page_script():
    words = [
        *vocabulary.URGENCY_BANNERS.values(),
        *vocabulary.TIER_WORDS.values(),
        *vocabulary.REFERRAL_STATUS_WORDS.values(),
        *vocabulary.CONDITIONS.values(),
        *vocabulary.TESTS.values(),
        *vocabulary.SPECIALTIES.values(),
    ]
    text = script_text()

    assert [word for word in words if f'"{word}"' in text] == []


def test_no_sign_off_rule_is_retyped_in_a_page_script():
    text = script_text()

    retyped_rules = ("Safety-netting", "Must be answered before signing", "safety_net_given")
    for retyped in (*retyped_rules, *vocabulary.TIERS):
        assert f'"{retyped}"' not in text, retyped
    assert "OVERRIDE_MIN" not in text


def test_the_encounter_page_carries_its_vocabulary_as_json_data(client_a, draft):
    page = Page(client_a.get(reverse("encounter", args=[draft.public_id])).content.decode())

    data = json.loads(page.element("encounter-page-data").text)
    assert page.element("encounter-page-data").get("type") == "application/json"
    assert data["urgency_banners"] == vocabulary.URGENCY_BANNERS
    assert data["tier_words"] == vocabulary.TIER_WORDS
    assert data["items"] == {item.code: item.label for item in get_checklist("nerve-compression/1").items}


def test_the_referral_page_carries_the_status_words_as_json_data(client_a, referral):
    page = Page(client_a.get(reverse("referral", args=[referral.public_id])).content.decode())

    data = json.loads(page.element("referral-page-data").text)
    assert data["referral_status_words"] == vocabulary.REFERRAL_STATUS_WORDS
    assert data["finished"] == ["sent", "failed"]
