"""Every checklist item, when answered, reaches the referral letter (read back from the PDF with pypdf)."""

from __future__ import annotations

import pytest

from tests.integration.referral_support import signed_referral
from workup.encounters.presentation import CELL_WORDS, answer_words, find_section
from workup.pathways.checklists import get_checklist
from workup.pathways.letters import NERVE_COMPRESSION_LETTER
from workup.pathways.vocabulary import RED_FLAGS
from workup.referrals.document import REFERRAL_STYLESHEETS, referral_html
from workup.referrals.pdf import pdf_text, render_pdf

pytestmark = pytest.mark.django_db
CHECKLIST = get_checklist("nerve-compression/1")


def first_answer(item):
    """An answer for any item; a grid's right column gets other_answer, so the sides can be told apart."""
    if item.type == "bool":
        return True
    if item.type == "int":
        return item.minimum + 1
    if item.type == "choice":
        return item.choices[0].value
    if item.type == "multi":
        return [item.choices[0].value, item.choices[-1].value]
    return f"Free text of {item.code}."


def other_answer(item):
    if item.type == "int":
        return item.maximum
    if item.type == "choice":
        return item.choices[-1].value
    return first_answer(item)


def every_item_answered() -> dict:
    answers = {item.code: first_answer(item) for item in CHECKLIST.items}
    for section in all_sections(CHECKLIST.sections):
        for row in section.grid.rows if section.grid else ():
            answers[row.right] = other_answer(CHECKLIST.item(row.right))
    return answers


def all_sections(sections):
    for section in sections:
        yield section
        yield from all_sections(section.subsections)


def squeezed(text: str) -> str:
    return " ".join(text.split())


def expected_words(answers: dict) -> dict[str, str]:
    """For each item code, the words that show its answer in the letter's text."""
    expected = {}
    tables = {layout.section: layout for layout in NERVE_COMPRESSION_LETTER.tables}
    for item in CHECKLIST.items:
        if item.code.startswith("red_flag."):
            expected[item.code] = RED_FLAGS[item.code]
        else:
            expected[item.code] = f"{item.label}: {answer_words(item, answers[item.code])}"
    for section_code, layout in tables.items():
        section = find_section(CHECKLIST.sections, section_code)
        gridded = set()
        for row in section.grid.rows:
            gridded |= {row.left, row.right}
            left, right = (
                CELL_WORDS[layout.cell](CHECKLIST.item(code), answers[code]) for code in (row.left, row.right)
            )
            for code in (row.left, row.right):
                expected[code] = f"{layout.labels.get(row.key, row.label)} {left} {right}"
        for item in section.all_items():
            if item.code not in gridded:
                words = CELL_WORDS[layout.cell](item, answers[item.code])
                expected[item.code] = f"{layout.labels.get(item.code, item.label)} {words}"
    return expected


def test_every_checklist_item_answered_reaches_the_letter(gp_a, patient_a, services):
    answers = every_item_answered()
    referral = signed_referral(clinician=gp_a, patient=patient_a, answers=answers)

    text = squeezed(pdf_text(render_pdf(referral_html(referral), stylesheets=REFERRAL_STYLESHEETS).content))

    expected = expected_words(answers)
    assert set(expected) == set(CHECKLIST.codes)
    missing = {code: words for code, words in expected.items() if squeezed(words) not in text}
    assert missing == {}


def test_every_red_flag_answered_yes_is_listed_as_present(gp_a, patient_a, services):
    referral = signed_referral(clinician=gp_a, patient=patient_a, answers=every_item_answered())

    text = squeezed(pdf_text(render_pdf(referral_html(referral), stylesheets=REFERRAL_STYLESHEETS).content))

    present = text.split("Present: ", 1)[1].split(". Absent:", 1)[0]
    flags = [code for code in CHECKLIST.codes if code.startswith("red_flag.")]
    assert present == "; ".join(RED_FLAGS[code] for code in flags)
