"""Template filters that put codes into the GP's words, from the same data the page scripts get."""

from __future__ import annotations

from django import template

from workup.web import page_vocabulary

register = template.Library()


@register.filter
def tier_word(tier: str) -> str:
    return page_vocabulary.word("tier", tier)


@register.filter
def referral_status_word(status: str) -> str:
    return page_vocabulary.word("referral_status", status)
