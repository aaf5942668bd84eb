"""When checklist items apply, and when they are required, as data (spec §4.6, §4.9), evaluated on answers.

A condition is written in the checklist file as one of:
  {answer: CODE, includes_any: [VALUE, ...]}   a multi answer holds any of the values
  {answer: CODE, one_of: [VALUE, ...]}         a choice answer is one of the values
  {answer: CODE, equals: VALUE}                the answer is exactly the value (true is not 1)
  {answer: CODE, min_length: N}                a text answer with at least N characters besides spaces
  {any: [CONDITION, ...]} / {all: [CONDITION, ...]}
  {not: CONDITION}                             "unless" (§4.6): holds when the condition does not
  {fact: NAME, at_least: N, if_unknown: BOOL}  a fact about the encounter that is not an answer (the
                                               patient's age); if_unknown says what a missing fact means
An unanswered item satisfies none of the answer tests: absence is "not assessed", never a yes or a no.
`not` is the one way to read an absence as holding, and the checklist data says so where it uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ANSWER_TESTS = ("includes_any", "one_of", "equals", "min_length")
COMBINATIONS = ("any", "all")
NEGATION = "not"
FACT_TESTS = ("at_least",)
# Facts a condition may read besides the answers: the patient's age at the encounter (§4 definitions).
FACTS = ("age",)


@dataclass(frozen=True)
class Condition:
    """One test of the answers, or a combination of conditions."""

    test: str  # one of ANSWER_TESTS, COMBINATIONS, NEGATION or FACT_TESTS
    code: str = ""  # the item code, or the fact's name for a fact test
    values: tuple[Any, ...] = ()
    parts: tuple[Condition, ...] = ()
    fact: bool = False
    if_unknown: bool = False  # a fact test's value when the fact is not known

    def holds(self, answers: Mapping[str, Any], facts: Mapping[str, Any] | None = None) -> bool:
        if self.test == "any":
            return any(part.holds(answers, facts) for part in self.parts)
        if self.test == "all":
            return all(part.holds(answers, facts) for part in self.parts)
        if self.test == NEGATION:
            return not self.parts[0].holds(answers, facts)
        if self.fact:
            known = (facts or {}).get(self.code)
            if known is None:
                return self.if_unknown
            return known >= self.values[0]
        answer = answers.get(self.code)
        if answer is None:
            return False
        if self.test == "includes_any":
            return isinstance(answer, list | tuple) and any(value in answer for value in self.values)
        if self.test == "min_length":
            return isinstance(answer, str) and len(answer.strip()) >= self.values[0]
        # type() as well as ==: in Python True == 1, and a bool answer must not match an int value.
        return any(type(answer) is type(value) and answer == value for value in self.values)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every item code the condition reads."""
        if self.test in COMBINATIONS or self.test == NEGATION:
            return tuple(code for part in self.parts for code in part.codes)
        return () if self.fact else (self.code,)

    def as_dict(self) -> dict[str, Any]:
        if self.test in COMBINATIONS:
            return {self.test: [part.as_dict() for part in self.parts]}
        if self.test == NEGATION:
            return {NEGATION: self.parts[0].as_dict()}
        if self.fact:
            return {"fact": self.code, self.test: self.values[0], "if_unknown": self.if_unknown}
        if self.test == "min_length":
            return {"answer": self.code, "min_length": self.values[0]}
        if self.test == "equals":
            return {"answer": self.code, "equals": self.values[0]}
        return {"answer": self.code, self.test: list(self.values)}


@dataclass(frozen=True)
class Requirement:
    """§4.6: when the condition holds (always, without one), these codes must be assessed, in this order."""

    codes: tuple[str, ...]
    when: Condition | None = None

    def applies(self, answers: Mapping[str, Any], facts: Mapping[str, Any] | None = None) -> bool:
        return self.when is None or self.when.holds(answers, facts)
