"""Letter layouts as data: which template a pathway's letter uses and how it tabulates the examination.

Pure data (no Django): workup.encounters.presentation turns a layout and the answers into the letter's
tables; the registry ties a layout to each pathway version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableLayout:
    """How the letter tabulates one checklist section: its caption, and shorter row labels than the form's.

    Rows come from the section's grid, in its order; a grid row or an item with no label here keeps
    the checklist's, and items outside the grid get a row of their own (left column only).
    """

    section: str
    caption: str
    heading: str
    labels: Mapping[str, str] = field(default_factory=dict)  # by grid row key, or by item code
    cell: str = (
        "words"  # "words": the answer in words; "value": the bare grade or code (caption names the scale)
    )


# The examination tables of the nerve-compression letter (spec §6), in this order.
NERVE_COMPRESSION_TABLES = (
    TableLayout(
        section="examination.reflexes",
        caption="Reflexes",
        heading="Reflex",
        labels={
            "biceps": "Biceps (C5–6)",
            "brachioradialis": "Brachioradialis (C6)",
            "triceps": "Triceps (C7)",
            "knee": "Knee (L3–4)",
            "ankle": "Ankle (S1)",
        },
    ),
    TableLayout(
        section="examination.power",
        caption="Power (MRC 0–5)",
        heading="Muscle group",
        labels={
            "C5": "C5 shoulder abduction",
            "C6": "C6 elbow flexion / wrist extension",
            "C7": "C7 elbow extension",
            "C8": "C8 finger flexion",
            "T1": "T1 finger abduction",
            "L2": "L2 hip flexion",
            "L3": "L3 knee extension",
            "L4": "L4 ankle dorsiflexion",
            "L5": "L5 great toe extension",
            "S1": "S1 ankle plantarflexion",
            "APB": "Abductor pollicis brevis (median)",
            "FDI": "First dorsal interosseous (ulnar)",
            "wrist_extension": "Wrist extension (radial)",
        },
        cell="value",
    ),
    TableLayout(
        section="examination.sensation",
        caption="Sensation",
        heading="Area",
        labels={
            **{root: root for root in ("C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1")},
            "median": "Median",
            "ulnar": "Ulnar",
            "radial": "Radial",
            "exam.sensation.saddle": "Saddle",
        },
        cell="value",
    ),
)
# Provocative tests are listed one per line, a positive one emphasised.
LETTER_TEST_PREFIXES = ("exam.test.", "exam.slr_angle.")


@dataclass(frozen=True)
class LetterLayout:
    """A pathway's referral letter: its template, examination tables and the items listed one per line."""

    template: str
    tables: tuple[TableLayout, ...]
    # Provocative tests are listed one per line, a positive one emphasised.
    listed_prefixes: tuple[str, ...] = ("exam.test.", "exam.slr_angle.")


NERVE_COMPRESSION_LETTER = LetterLayout(template="pdf/referral.html", tables=NERVE_COMPRESSION_TABLES)
