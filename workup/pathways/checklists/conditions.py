"""When checklist items apply, and when they are required, as data (spec §4.6, §4.9), evaluated on answers.

A condition is written in the checklist file as one of:
  {answer: CODE, includes_any: [VALUE, ...]}   a multi answer holds any of the values
  {answer: CODE, one_of: [VALUE, ...]}         a choice answer is one of the values
  {answer: CODE, equals: VALUE}                the answer is exactly the value (true is not 1)
  {any: [CONDITION, ...]} / {all: [CONDITION, ...]}
An unanswered item satisfies none of them: absence is "not assessed", never a yes or a no.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ANSWER_TESTS = ("includes_any", "one_of", "equals")
COMBINATIONS = ("any", "all")


@dataclass(frozen=True)
class Condition:
    """One test of the answers, or a combination of conditions."""

    test: str  # one of ANSWER_TESTS or COMBINATIONS
    code: str = ""
    values: tuple[Any, ...] = ()
    parts: tuple[Condition, ...] = ()

    def holds(self, answers: Mapping[str, Any]) -> bool:
        if self.test == "any":
            return any(part.holds(answers) for part in self.parts)
        if self.test == "all":
            return all(part.holds(answers) for part in self.parts)
        answer = answers.get(self.code)
        if answer is None:
            return False
        if self.test == "includes_any":
            return isinstance(answer, list | tuple) and any(value in answer for value in self.values)
        # type() as well as ==: in Python True == 1, and a bool answer must not match an int value.
        return any(type(answer) is type(value) and answer == value for value in self.values)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every item code the condition reads."""
        if self.test in COMBINATIONS:
            return tuple(code for part in self.parts for code in part.codes)
        return (self.code,)

    def as_dict(self) -> dict[str, Any]:
        if self.test in COMBINATIONS:
            return {self.test: [part.as_dict() for part in self.parts]}
        if self.test == "equals":
            return {"answer": self.code, "equals": self.values[0]}
        return {"answer": self.code, self.test: list(self.values)}


@dataclass(frozen=True)
class Requirement:
    """§4.6: when the condition holds (always, without one), these codes must be assessed, in this order."""

    codes: tuple[str, ...]
    when: Condition | None = None

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return self.when is None or self.when.holds(answers)
