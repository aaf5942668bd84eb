"""The signed record: each section with only the items that were assessed, their answers in words."""

from __future__ import annotations

from typing import Any

from workup.pathways.checklists import Item
from workup.web.encounter_form import int_labels


def display_value(item: Item, value: Any) -> str:
    labels = {choice.value: choice.label for choice in item.choices}
    if item.type == "bool":
        return "Yes" if value else "No"
    if item.type == "multi":
        return ", ".join(labels.get(entry, entry) for entry in value)
    if item.type == "choice":
        return labels.get(value, value)
    if item.code.startswith(("exam.reflex.", "exam.power.")):
        return int_labels(item).get(value, str(value))
    return str(value)


def answered_sections(sections, answers: dict, depth: int = 0) -> list[dict[str, Any]]:
    """The signed record: each section with only the items that were assessed, in checklist order."""
    result = []
    for section in sections:
        rows = [
            {
                "code": item.code,
                "label": item.label,
                "value": display_value(item, answers[item.code]),
                "positive": item.code.startswith("red_flag.") and answers[item.code] is True,
            }
            for item in section.items
            if item.code in answers
        ]
        children = answered_sections(section.subsections, answers, depth + 1)
        if rows or children:
            result.append({"title": section.title, "depth": depth, "rows": rows, "subsections": children})
    return result
