"""The PDF templates use only the elements the short user-agent stylesheet styles."""

import re
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


def styled_elements(stylesheet: str) -> set[str]:
    """The element names that some rule's selector names on its own (`br::before` styles br)."""
    without_comments = re.sub(r"/\*.*?\*/", "", stylesheet, flags=re.DOTALL)
    selectors = re.findall(r"([^{}]+)\{", without_comments)
    return {
        match.group(1)
        for group in selectors
        for selector in group.split(",")
        if (match := re.fullmatch(r"\s*([a-z][a-z0-9]*)(?:::?[a-z-]+)?\s*", selector))
    }


def test_the_short_user_agent_stylesheet_has_a_rule_for_every_letter_element():
    stylesheet = (PDF_STATIC_DIR / "ua.css").read_text()

    assert LETTER_ELEMENTS - styled_elements(stylesheet) == set()


def test_a_selector_that_only_contains_an_element_name_does_not_style_it():
    # body, tbody, thead, strong, caption, dd-like names hold b, p, i, td, dt … as substrings.
    stylesheet = "body, tbody { display: block } thead, strong { x: y } caption::before { x: y } /* b, i */"

    assert styled_elements(stylesheet) == {"body", "tbody", "thead", "strong", "caption"}


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
