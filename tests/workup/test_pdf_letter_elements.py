"""The PDF templates use only the elements the short user-agent stylesheet styles."""

from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string

from tests.integration.referral_support import signed_referral
from workup import demo_cases
from workup.referrals.document import referral_html
from workup.referrals.pdf import LETTER_ELEMENTS, PDF_STATIC_DIR, pdf_text, render_pdf


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)


def tags_in(html: str) -> set[str]:
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


def test_the_short_user_agent_stylesheet_names_every_letter_element():
    stylesheet = (PDF_STATIC_DIR / "ua.css").read_text()

    assert all(element in stylesheet for element in LETTER_ELEMENTS)


@pytest.mark.django_db
def test_the_referral_template_uses_only_letter_elements(gp_a, patient_a, services):
    answers = {**demo_cases.CAUDA_EQUINA.answers, **demo_cases.CARPAL_TUNNEL.answers}
    referral = signed_referral(clinician=gp_a, patient=patient_a, answers=answers, note="line one\nline two")

    assert tags_in(referral_html(referral)) <= LETTER_ELEMENTS


def test_the_pipeline_check_template_uses_only_letter_elements():
    html = render_to_string("pdf/pipeline_check.html", {"check_id": "x", "rendered_at": None})

    assert tags_in(html) <= LETTER_ELEMENTS


def test_lists_and_line_breaks_still_render_with_the_short_stylesheet():
    content = render_pdf("<ol><li>first</li><li>second</li></ol><p>one<br>two</p>").content

    text = pdf_text(content)
    assert "first" in text and "1." in text and "2." in text
    assert "one\ntwo" in text
