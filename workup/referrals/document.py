"""The content of the referral PDF (spec §6): data gathered here, layout in the template."""

from __future__ import annotations

import hashlib
import json

from django.template.loader import render_to_string
from django.utils import timezone

from workup import pathways
from workup.encounters.presentation import answer_lines, letter_examination
from workup.pathways.vocabulary import CONDITIONS, RED_FLAGS, SPECIALTIES, TESTS, URGENCY_BANNERS
from workup.referrals.models import Referral

REFERRAL_STYLESHEETS = ("referral.css",)  # in static/pdf/, passed to render_pdf


def source_digest(encounter) -> str:
    """SHA-256 of the encounter data a PDF is rendered from (canonical JSON)."""
    data = {
        "encounter": str(encounter.public_id),
        "checklist_version": encounter.checklist_version,
        "answers": encounter.answers,
        "assessment": encounter.assessment,
        "urgency_override": encounter.urgency_override,
        "override_reason": encounter.override_reason,
        "signed_at": encounter.signed_at.isoformat() if encounter.signed_at else None,
        "addenda": [[str(a.public_id), a.text, a.created_at.isoformat()] for a in encounter.addenda.all()],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def referral_context(referral: Referral) -> dict:
    """Everything the letter template shows, gathered from the referral and its signed encounter."""
    encounter = referral.encounter
    patient = encounter.patient
    pathway = pathways.for_checklist(encounter.checklist_version)
    checklist = pathway.checklist
    answers = encounter.answers
    assessment = encounter.assessment

    # Every flag is listed, grouped by answer: one line each beats fifteen list items
    # for the reader and for the renderer.
    red_flags: dict[object, list[str]] = {True: [], False: [], None: []}
    for code in checklist.codes:
        if code.startswith("red_flag."):
            red_flags[answers.get(code)].append(RED_FLAGS.get(code, checklist.item(code).label))
    return {
        "referral": referral,
        "encounter": encounter,
        "patient": patient,
        "practice": patient.practice,
        "age": patient.age_on(encounter.encounter_date),
        "banner": URGENCY_BANNERS[referral.urgency],
        "computed_banner": URGENCY_BANNERS[encounter.computed_urgency],
        "conditions": [CONDITIONS.get(code, code) for code in assessment.get("suspected_conditions", [])],
        "levels": assessment.get("levels", []),
        "reasons": assessment.get("reasons", []),
        "tests": [TESTS.get(code, code) for code in assessment.get("recommended_tests", [])],
        "specialty": SPECIALTIES.get(assessment.get("specialty", "none"), ""),
        "cts6_score": assessment.get("cts6_score"),
        "history": answer_lines(checklist, answers, "history."),
        "red_flags_present": red_flags[True],
        "red_flags_absent": red_flags[False],
        "red_flags_not_asked": red_flags[None],
        **letter_examination(checklist, answers, pathway.letter),
        "conservative_weeks": answers.get("history.conservative_weeks"),
        "plan": answer_lines(checklist, answers, "plan."),
        "addenda": list(encounter.addenda.select_related("author__user")),
        "source_sha256": source_digest(encounter),
        "generated_at": timezone.now(),
    }


def referral_html(referral: Referral) -> str:
    """The letter as HTML, ready for render_pdf."""
    letter = pathways.for_checklist(referral.encounter.checklist_version).letter
    return render_to_string(letter.template, referral_context(referral))
