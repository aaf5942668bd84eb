"""Check a flat map of answers (code → value) against a checklist: every problem, named by its code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .definition import Checklist, Item

NOT_AN_OBJECT = "Must be an object mapping item codes to values."
UNKNOWN_ITEM = "Unknown checklist item."
NULL_NOT_ALLOWED = "May not be null; leave the item out if it was not assessed."


def validate_answers(
    checklist: Checklist, answers: object, *, allow_null: bool = False
) -> dict[str, list[str]]:
    """{} when every answer fits its item, else {code: [message, ...]} for each offending code.

    allow_null accepts None as a value, which a PATCH uses to clear an answer.
    """
    if not isinstance(answers, dict):
        return {"answers": [NOT_AN_OBJECT]}
    errors: dict[str, list[str]] = {}
    for code, value in answers.items():
        try:
            item = checklist.item(code)
        except (KeyError, TypeError):  # TypeError: an unhashable key can only come from Python callers
            errors[str(code)] = [UNKNOWN_ITEM]
            continue
        if value is None:
            if not allow_null:
                errors[code] = [NULL_NOT_ALLOWED]
            continue
        problems = CHECKS[item.type](item, value)
        if problems:
            errors[code] = problems
    return errors


def _check_bool(item: Item, value: object) -> list[str]:
    # 0/1 and "yes" are refused: a red flag must be a deliberate true or false.
    return [] if isinstance(value, bool) else ["Must be true or false."]


def _check_int(item: Item, value: object) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, int):
        return ["Must be a whole number."]
    if not item.minimum <= value <= item.maximum:
        return [f"Must be between {item.minimum} and {item.maximum}."]
    return []


def _check_choice(item: Item, value: object) -> list[str]:
    if isinstance(value, str) and value in item.values:
        return []
    return [f"Must be one of: {', '.join(item.values)}."]


def _check_multi(item: Item, value: object) -> list[str]:
    allowed = ", ".join(item.values)
    if not isinstance(value, list):
        return [f"Must be a list of values chosen from: {allowed}."]
    problems = []
    not_allowed = [entry for entry in value if not isinstance(entry, str) or entry not in item.values]
    if not_allowed:
        shown = ", ".join(dict.fromkeys(_shorten(entry) for entry in not_allowed))
        problems.append(f"Not allowed: {shown}. Choose from: {allowed}.")
    counts = Counter(entry for entry in value if isinstance(entry, str))
    repeated = [entry for entry, count in counts.items() if count > 1]
    if repeated:
        problems.append(f"Listed more than once: {', '.join(_shorten(entry) for entry in repeated)}.")
    return problems


def _check_text(item: Item, value: object) -> list[str]:
    if not isinstance(value, str):
        return ["Must be text."]
    if len(value) > item.max_length:
        return [f"Must be at most {item.max_length} characters (it has {len(value)})."]
    return []


def _shorten(value: object, limit: int = 40) -> str:
    # Echo a bad value so the caller can find it, but never a whole pasted paragraph.
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


CHECKS: dict[str, Callable[[Item, object], list[str]]] = {
    "bool": _check_bool,
    "int": _check_int,
    "choice": _check_choice,
    "multi": _check_multi,
    "text": _check_text,
}
