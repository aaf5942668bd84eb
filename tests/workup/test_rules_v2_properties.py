"""Properties of ruleset /2 over random valid /2 answer maps (spec §2) and ages, known or not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.spec_codes import (
    CONDITION_CODES,
    SAFETY_NET_TOPICS,
    SPECIALTY_CODES,
    TEST_CODES,
    TIERS,
    V2_BOOLEAN_RED_FLAG_CODES,
    V2_SOURCE_KEYS,
)
from tests.workup.rules_v1 import V1
from tests.workup.rules_v2 import CHECKLIST, RULES, assess
from workup.pathways.checklists import validate_answers
from workup.pathways.rules import Assessment, tier_rank

# Mostly "no": with every flag a coin toss nearly every map is an emergency, and the properties would
# never see the lower tiers they are about.
RED_FLAG = st.integers(0, 5).map(lambda draw: draw == 0)


def strategy(item) -> st.SearchStrategy:
    if item.code in V2_BOOLEAN_RED_FLAG_CODES:
        return RED_FLAG
    if item.type == "bool":
        return st.booleans()
    if item.type == "int":
        return st.integers(item.minimum, item.maximum)
    if item.type == "choice":
        return st.sampled_from(item.values)
    if item.type == "multi":
        return st.lists(st.sampled_from(item.values), unique=True, max_size=len(item.values))
    return st.text(max_size=30)


def items_of(checklist) -> dict[str, st.SearchStrategy]:
    return {item.code: strategy(item) for item in checklist.items}


DETAILED_EXAMINATION = (
    "exam.reflex.",
    "exam.power.",
    "exam.sensation.",
    "exam.test.",
    "exam.slr_angle.",
    "exam.foot_pulses.",
    "exam.hip_internal_rotation.",
)


def answer_maps(checklist) -> st.SearchStrategy[dict]:
    """About half the history and screen, and a handful of the detailed examination items."""
    items = items_of(checklist)
    history = {code: values for code, values in items.items() if not code.startswith(DETAILED_EXAMINATION)}
    examination = {code: values for code, values in items.items() if code.startswith(DETAILED_EXAMINATION)}

    @st.composite
    def draw_map(draw: st.DrawFn) -> dict:
        answers = draw(st.fixed_dictionaries({}, optional=history))
        for code in draw(st.lists(st.sampled_from(sorted(examination)), unique=True, max_size=20)):
            answers[code] = draw(examination[code])
        return answers

    return draw_map()


ANSWERS = answer_maps(CHECKLIST)
AGES = st.one_of(st.none(), st.integers(5, 100))
PROPERTY = settings(max_examples=200, deadline=None)


def rank(answers: dict, age: int | None) -> int:
    return tier_rank(assess(answers, age=age).urgency)


def rules_fired(answers: dict, age: int | None) -> set[str]:
    return {reason.rule for reason in assess(answers, age=age).reasons}


@PROPERTY
@given(answer_maps(V1.checklist))
def test_every_v1_answer_map_is_a_valid_v2_answer_map(answers):
    assert validate_answers(V1.checklist, answers) == {}
    assert validate_answers(CHECKLIST, answers) == {}


@PROPERTY
@given(ANSWERS)
def test_the_generated_maps_are_valid_v2_answers(answers):
    assert validate_answers(CHECKLIST, answers) == {}


@PROPERTY
@given(ANSWERS, AGES, st.sampled_from(V2_BOOLEAN_RED_FLAG_CODES), st.sampled_from(["absent", False]))
def test_turning_a_red_flag_to_yes_never_lowers_the_tier(answers, age, flag, before):
    not_yes = {**answers, flag: False} if before is False else {k: v for k, v in answers.items() if k != flag}
    assert rank({**answers, flag: True}, age) >= rank(not_yes, age)


@PROPERTY
@given(ANSWERS, AGES)
def test_sudden_focal_weakness_is_always_an_emergency(answers, age):
    assert assess({**answers, "red_flag.sudden_focal_weakness": True}, age=age).urgency == "emergency"


@PROPERTY
@given(ANSWERS, AGES, st.sampled_from(V2_BOOLEAN_RED_FLAG_CODES))
def test_an_unanswered_red_flag_never_counts_as_no(answers, age, flag):
    unanswered = {k: v for k, v in answers.items() if k != flag}
    assert rank(unanswered, age) >= rank({**answers, flag: False}, age)


@PROPERTY
@given(ANSWERS, AGES)
def test_an_unanswered_ces_onset_never_counts_as_stable(answers, age):
    unanswered = {k: v for k, v in answers.items() if k != "red_flag.ces_onset"}
    assert rank(unanswered, age) >= rank({**answers, "red_flag.ces_onset": "over_14_days_stable"}, age)


# Rules that fire on an absence by the spec's own words, or on a sibling's silence: a hand-off
# (stands_down_for), "not positive"/"not assessed"/"not true"/"or unanswered" clauses, and exclusions read
# from other rules (PERO-1, LSS-1, HIP-1, CUB-1, CES-1's onset). Every other rule needs a positive finding.
READS_AN_ABSENCE = {rule.id for rule in RULES if rule.stands_down_for} | {
    "CES-1",  # CES recent: an unanswered onset counts as recent
    "HAEM-1",  # duration ≤ 2 or unanswered
    "AAA-1",  # known aneurysm with duration ≤ 2 or unanswered
    "MYEL-2",  # progressing with duration ≤ 12 or unanswered
    "DEFICIT-3",  # safer reading: an unanswered duration keeps it firing
    "INF-4",  # fever not true; duration ≤ 6 or unanswered
    "PERO-1",  # SLR not positive, no crossed SLR positive
    "DEFICIT-1",  # ignores L4/L5 on a PERO-1 side; the two-roots branch unless stable LSS-1
    "DEFICIT-2",  # a root localised once PERO-1 no longer holds
    "LRAD-1",  # not when HIP-1 fires; a root localised once PERO-1 no longer holds
    "LRAD-2",
    "CRAD-1",
    "CRAD-2",
    "DIFF-1",
    "PANC-1",  # CUB-1 does not fire
    "CTS-2",  # pregnancy not in risk factors
    "DIFF-3",  # inversion or abduction not assessed
}
POSITIVE_FINDING_RULES = [rule.id for rule in RULES if rule.id not in READS_AN_ABSENCE]


@PROPERTY
@given(ANSWERS, AGES, st.data())
def test_removing_an_answer_never_makes_a_rule_that_needs_a_positive_finding_fire(answers, age, data):
    if not answers:
        return
    code = data.draw(st.sampled_from(sorted(answers)))
    before = rules_fired(answers, age)
    after = rules_fired({k: v for k, v in answers.items() if k != code}, age)
    assert {rule for rule in after - before if rule in POSITIVE_FINDING_RULES} == set()


@PROPERTY
@given(ANSWERS, AGES)
def test_tier_is_the_highest_tier_among_the_reasons(answers, age):
    assessment = assess(answers, age=age)
    assert assessment.urgency == TIERS[max((tier_rank(r.tier) for r in assessment.reasons), default=0)]
    assert (assessment.urgency == "conservative") is (assessment.specialty == "none")


@PROPERTY
@given(ANSWERS, AGES)
def test_outputs_use_only_the_public_vocabulary_in_order(answers, age):
    assessment = assess(answers, age=age)
    assert set(assessment.suspected_conditions) <= set(CONDITION_CODES)
    assert set(assessment.recommended_tests) <= set(TEST_CODES)
    assert assessment.specialty in SPECIALTY_CODES
    assert list(assessment.safety_net_topics) == [
        t for t in SAFETY_NET_TOPICS if t in assessment.safety_net_topics
    ]
    for reason in assessment.reasons:
        keys = reason.source.split(" (")[0].split(", ")
        assert reason.text.strip() and set(keys) <= V2_SOURCE_KEYS


@PROPERTY
@given(ANSWERS, AGES)
def test_no_reason_says_primary_care_when_the_tier_is_higher(answers, age):
    assessment = assess(answers, age=age)
    if assessment.urgency != "conservative":
        assert not any("primary care" in reason.text for reason in assessment.reasons)


@PROPERTY
@given(ANSWERS, AGES)
def test_the_same_answers_always_give_the_same_assessment(answers, age):
    first = assess(answers, age=age)
    assert assess(dict(reversed(list(answers.items()))), age=age) == first
    assert Assessment.from_dict(first.as_dict()) == first


@PROPERTY
@given(ANSWERS, AGES)
def test_the_required_items_are_always_shown(answers, age):
    from tests.workup.rules_v2 import V2

    assert set(V2.required_codes(answers, age=age)) <= set(V2.shown_codes(answers, age=age))
