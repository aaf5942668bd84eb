"""The content of the referral PDF (spec §6): data gathered here, layout in the template."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from workup.models import Encounter, Referral
from workup.pathways.checklists import get_checklist
from workup.pathways.vocabulary import CONDITIONS, RED_FLAGS, SPECIALTIES, TESTS, URGENCY_BANNERS

REFERRAL_STYLESHEETS = ("referral.css",)  # in static/pdf/, passed to render_pdf
SIDES = ("left", "right")
REFLEX_ROWS = (
    ("biceps", "Biceps (C5–6)"),
    ("brachioradialis", "Brachioradialis (C6)"),
    ("triceps", "Triceps (C7)"),
    ("knee", "Knee (L3–4)"),
    ("ankle", "Ankle (S1)"),
)
POWER_ROWS = (
    ("C5", "C5 shoulder abduction"),
    ("C6", "C6 elbow flexion / wrist extension"),
    ("C7", "C7 elbow extension"),
    ("C8", "C8 finger flexion"),
    ("T1", "T1 finger abduction"),
    ("L2", "L2 hip flexion"),
    ("L3", "L3 knee extension"),
    ("L4", "L4 ankle dorsiflexion"),
    ("L5", "L5 great toe extension"),
    ("S1", "S1 ankle plantarflexion"),
    ("APB", "Abductor pollicis brevis (median)"),
    ("FDI", "First dorsal interosseous (ulnar)"),
    ("wrist_extension", "Wrist extension (radial)"),
)
SENSATION_ROWS = (
    *((area, area) for area in ("C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1")),
    ("median", "Median"),
    ("ulnar", "Ulnar"),
    ("radial", "Radial"),
)
REFLEX_GRADES = {0: "0 absent", 1: "1 reduced", 2: "2 normal", 3: "3 brisk", 4: "4 clonus"}
SECTION_PREFIXES = (("history", "History"), ("exam", "Examination"), ("plan", "Plan"))
TABULATED = ("exam.reflex.", "exam.power.", "exam.sensation.", "exam.test.", "exam.slr_angle.")


@dataclass(frozen=True)
class Row:
    label: str
    left: str
    right: str


@dataclass(frozen=True)
class Line:
    label: str
    value: str
    emphasised: bool = False


def source_digest(encounter: Encounter) -> str:
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


def _value_words(item, value) -> str:
    if item.type == "bool":
        return "Yes" if value else "No"
    if item.type in ("choice", "multi"):
        labels = {choice.value: choice.label for choice in item.choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, v) for v in values)
    return str(value)


def _grid(answers: dict, prefix: str, rows, words=str) -> list[Row]:
    result = []
    for key, label in rows:
        left, right = (answers.get(f"{prefix}.{key}.{side}") for side in SIDES)
        if left is not None or right is not None:
            result.append(
                Row(label, "—" if left is None else words(left), "—" if right is None else words(right))
            )
    return result


def referral_context(referral: Referral) -> dict:
    encounter = referral.encounter
    patient = encounter.patient
    checklist = get_checklist(encounter.checklist_version)
    answers = encounter.answers
    assessment = encounter.assessment

    def lines(prefix: str) -> list[Line]:
        found = []
        for code in checklist.codes:
            if code.startswith(prefix) and code in answers and not code.startswith(TABULATED):
                item = checklist.item(code)
                found.append(Line(item.label, _value_words(item, answers[code])))
        return found

    # Every flag is listed, grouped by answer: one line each beats fifteen list items
    # for the reader and for the renderer.
    red_flags: dict[object, list[str]] = {True: [], False: [], None: []}
    for code in checklist.codes:
        if code.startswith("red_flag."):
            red_flags[answers.get(code)].append(RED_FLAGS.get(code, checklist.item(code).label))
    provocative = []
    for code in checklist.codes:
        if code.startswith(("exam.test.", "exam.slr_angle.")) and code in answers:
            item = checklist.item(code)
            provocative.append(
                Line(item.label, _value_words(item, answers[code]), emphasised=answers[code] == "positive")
            )
    sensation = _grid(answers, "exam.sensation", SENSATION_ROWS)
    if "exam.sensation.saddle" in answers:
        sensation.append(Row("Saddle", answers["exam.sensation.saddle"], ""))
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
        "history": lines("history."),
        "red_flags_present": red_flags[True],
        "red_flags_absent": red_flags[False],
        "red_flags_not_asked": red_flags[None],
        "examination": lines("exam."),
        "reflexes": _grid(answers, "exam.reflex", REFLEX_ROWS, lambda grade: REFLEX_GRADES.get(grade, grade)),
        "power": _grid(answers, "exam.power", POWER_ROWS),
        "sensation": sensation,
        "provocative": provocative,
        "conservative_weeks": answers.get("history.conservative_weeks"),
        "plan": lines("plan."),
        "addenda": list(encounter.addenda.select_related("author__user")),
        "source_sha256": source_digest(encounter),
        "generated_at": timezone.now(),
    }


def referral_html(referral: Referral) -> str:
    return render_to_string("pdf/referral.html", referral_context(referral))
