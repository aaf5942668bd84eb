"""Properties of the evaluator over random valid answer maps (spec §2) and ages 16–100."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.spec_codes import (
    CONDITION_CODES,
    MUSCLES,
    PROVOCATIVE_TESTS,
    RED_FLAG_CODES,
    REFLEXES,
    SENSATION_AREAS,
    SIDES,
    SOURCE_KEYS,
    SPECIALTY_CODES,
    TEST_CODES,
    TIERS,
)
from tests.workup.rules_v1 import RULES, assess
from workup.pathways.rules import Assessment, tier_rank

RED_FLAGS = RED_FLAG_CODES
# §4.6: the flags a presentation requires, by region.
REQUIRED_FLAGS = {
    "red_flag.history_of_cancer": {"cervical_spine", "thoracic_spine", "lumbar_spine"},
    "red_flag.unexplained_weight_loss": {"cervical_spine", "thoracic_spine", "lumbar_spine"},
    "red_flag.fever": {"cervical_spine", "thoracic_spine", "lumbar_spine"},
    "red_flag.significant_trauma": {"cervical_spine", "thoracic_spine", "lumbar_spine"},
    "red_flag.progressive_weakness": {"cervical_spine", "thoracic_spine", "lumbar_spine"},
    "red_flag.saddle_anaesthesia": {"lumbar_spine"},
    "red_flag.bladder_dysfunction": {"lumbar_spine"},
    "red_flag.bowel_dysfunction": {"lumbar_spine"},
    "red_flag.bilateral_leg_symptoms": {"lumbar_spine"},
    "red_flag.hand_clumsiness": {"cervical_spine"},
    "red_flag.gait_disturbance": {"cervical_spine"},
}


def multi(values: str) -> st.SearchStrategy[list[str]]:
    """Any subset of the space-separated values, each at most once."""
    options = values.split()
    return st.lists(st.sampled_from(options), unique=True, max_size=len(options))


def choice(values: str) -> st.SearchStrategy[str]:
    return st.sampled_from(values.split())


BOOLEAN = st.booleans()
# Mostly "no": with every flag a coin toss nearly every map is a cauda equina emergency, and the
# properties would never see the lower tiers they are about.
RED_FLAG = st.integers(0, 5).map(lambda draw: draw == 0)
SENSATION = choice("normal reduced absent")
PROVOCATIVE = choice("positive negative")

# Every item of spec §2 with a strategy for its valid values; each example answers a random subset.
ITEMS: dict[str, st.SearchStrategy] = {
    "history.regions": multi(
        "cervical_spine thoracic_spine lumbar_spine shoulder_arm elbow_forearm wrist_hand"
    ),
    "history.side": choice("left right bilateral central"),
    "history.onset": choice("gradual sudden after_trauma"),
    "history.duration_weeks": st.integers(0, 520),
    "history.symptoms": multi("pain weakness numbness tingling loss_of_muscle_control"),
    "history.pain_score": st.integers(0, 10),
    "history.radiating_pain": choice("none arm_below_elbow leg_below_knee"),
    "history.nocturnal_hand_symptoms": BOOLEAN,
    "history.numbness_territory": multi(
        "thumb_index_middle ring_little dorsal_first_web dermatomal_arm dermatomal_leg"
    ),
    "history.symptoms_progressing": BOOLEAN,
    "history.conservative_weeks": st.integers(0, 520),
    "history.risk_factors": multi(
        "obesity poor_posture weak_core heavy_lifting repetitive_hand_use vibrating_tools pregnancy diabetes "
        "hypothyroidism rheumatoid_arthritis smoking previous_spinal_surgery osteoporosis long_term_steroids "
        "immunosuppression iv_drug_use"
    ),
    **dict.fromkeys(RED_FLAGS, RED_FLAG),
    "exam.deformity": multi(
        "none scoliosis loss_of_lordosis step_deformity soft_tissue_swelling bony_deformity thenar_wasting "
        "hypothenar_wasting first_dorsal_interosseous_wasting wrist_drop claw_hand"
    ),
    "exam.tenderness": multi(
        "none midline_spinous paraspinal sciatic_notch carpal_tunnel cubital_tunnel radial_tunnel"
    ),
    **{f"exam.reflex.{reflex}.{side}": st.integers(0, 4) for reflex in REFLEXES for side in SIDES},
    **{f"exam.power.{muscle}.{side}": st.integers(0, 5) for muscle in MUSCLES for side in SIDES},
    **{f"exam.sensation.{area}.{side}": SENSATION for area in SENSATION_AREAS for side in SIDES},
    "exam.sensation.saddle": SENSATION,
    **{f"exam.test.{test}.{side}": PROVOCATIVE for test in PROVOCATIVE_TESTS for side in SIDES},
    **{f"exam.slr_angle.{side}": st.integers(0, 90) for side in SIDES},
    "exam.two_point_discrimination_lost": BOOLEAN,
    "exam.gait": choice("normal antalgic foot_drop broad_based"),
    "plan.conservative": multi(
        "weight_loss posture core_strengthening stretching anti_inflammatory steroid_injection physiotherapy "
        "wrist_splint activity_modification analgesia"
    ),
    "plan.safety_net_given": BOOLEAN,
    "plan.review_weeks": st.integers(0, 52),
    "plan.notes": st.text(max_size=40),
}

DETAILED_EXAMINATION = ("exam.reflex.", "exam.power.", "exam.sensation.", "exam.test.", "exam.slr_angle.")
HISTORY_AND_SCREEN = {
    code: values for code, values in ITEMS.items() if not code.startswith(DETAILED_EXAMINATION)
}
EXAMINATION = {code: values for code, values in ITEMS.items() if code.startswith(DETAILED_EXAMINATION)}


@st.composite
def answer_maps(draw: st.DrawFn) -> dict:
    """A random subset of §2 items with valid values: about half the history and screen, a few exam signs."""
    answers = draw(st.fixed_dictionaries({}, optional=HISTORY_AND_SCREEN))
    # A handful of the 100-odd examination items, so a root, a reflex or a test decides the tier
    # often enough, instead of every map carrying a deficit somewhere.
    for code in draw(st.lists(st.sampled_from(sorted(EXAMINATION)), unique=True, max_size=20)):
        answers[code] = draw(EXAMINATION[code])
    return answers


ANSWERS = answer_maps()
AGES = st.integers(16, 100)
PROPERTY = settings(max_examples=300, deadline=None)


def rank(answers: dict, age: int) -> int:
    return tier_rank(assess(answers, age=age).urgency)


@PROPERTY
@given(ANSWERS, AGES)
def test_tier_is_the_highest_tier_among_the_reasons(answers, age):
    assessment = assess(answers, age=age)
    expected = max((tier_rank(reason.tier) for reason in assessment.reasons), default=0)
    assert assessment.urgency == TIERS[expected]


@PROPERTY
@given(ANSWERS, AGES)
def test_reasons_are_ordered_highest_tier_first_then_by_spec_order(answers, age):
    position = {rule.id: index for index, rule in enumerate(RULES)}
    keys = [(-tier_rank(reason.tier), position[reason.rule]) for reason in assess(answers, age=age).reasons]
    assert keys == sorted(keys)
    assert len({rule for _tier, rule in keys}) == len(keys)


@PROPERTY
@given(ANSWERS, AGES, st.sampled_from(RED_FLAGS), st.sampled_from(["absent", False]))
def test_answering_a_red_flag_yes_never_lowers_the_tier(answers, age, flag, before):
    not_yes = {**answers, flag: False} if before is False else {k: v for k, v in answers.items() if k != flag}
    assert rank({**answers, flag: True}, age) >= rank(not_yes, age)


@PROPERTY
@given(ANSWERS, AGES, st.sampled_from(list(REQUIRED_FLAGS)))
def test_an_unanswered_red_flag_never_counts_as_no(answers, age, flag):
    unanswered = {k: v for k, v in answers.items() if k != flag}
    answered_no = {**answers, flag: False}
    assessment = assess(unanswered, age=age)
    assert tier_rank(assessment.urgency) >= rank(answered_no, age)
    regions = set(answers.get("history.regions", []))
    assert (flag in assessment.incomplete) is bool(regions & REQUIRED_FLAGS[flag])
    assert flag not in assess(answered_no, age=age).incomplete


@PROPERTY
@given(ANSWERS, AGES, st.randoms(use_true_random=False))
def test_the_same_answers_always_give_the_same_assessment(answers, age, shuffler: random.Random):
    items = list(answers.items())
    shuffler.shuffle(items)
    first = assess(answers, age=age)
    assert assess(dict(items), age=age) == first
    assert assess(answers, age=age).as_dict() == first.as_dict()
    assert Assessment.from_dict(first.as_dict()) == first


@PROPERTY
@given(ANSWERS, AGES)
def test_every_reason_has_text_and_sources_from_the_spec(answers, age):
    for reason in assess(answers, age=age).reasons:
        assert reason.text.strip()
        keys = reason.source.split(", ")
        assert keys and set(keys) <= SOURCE_KEYS


@PROPERTY
@given(ANSWERS, AGES)
def test_urgency_is_conservative_exactly_when_specialty_is_none(answers, age):
    assessment = assess(answers, age=age)
    assert (assessment.urgency == "conservative") is (assessment.specialty == "none")


@PROPERTY
@given(ANSWERS, AGES)
def test_outputs_use_only_the_public_vocabulary_without_repeats(answers, age):
    assessment = assess(answers, age=age)
    assert set(assessment.suspected_conditions) <= set(CONDITION_CODES)
    assert set(assessment.recommended_tests) <= set(TEST_CODES)
    assert assessment.specialty in SPECIALTY_CODES
    for values in (assessment.suspected_conditions, assessment.recommended_tests, assessment.levels):
        assert len(set(values)) == len(values)
    regions = answers.get("history.regions", [])
    if "wrist_hand" in regions:
        assert 0 <= assessment.cts6_score <= 26
    else:
        assert assessment.cts6_score is None
