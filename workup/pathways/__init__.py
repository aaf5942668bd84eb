"""Pathways: pure Python and data, no Django: the registry, one vocabulary, checklists and rulesets.

workup.pathways.current()        the pathway drafts use: .checklist, .ruleset, .assess(answers, age=…)
workup.pathways.for_versions()   the versions a signed encounter was assessed with (replay, §4.8)
workup.pathways.vocabulary       every public code with its words
"""

from workup.pathways.registry import (
    PATHWAYS,
    RULESETS,
    Pathway,
    UnknownPathway,
    assess,
    current,
    for_checklist,
    for_versions,
    ruleset,
)

__all__ = [
    "PATHWAYS",
    "RULESETS",
    "Pathway",
    "UnknownPathway",
    "assess",
    "current",
    "for_checklist",
    "for_versions",
    "ruleset",
]
