"""Ruleset /2 as data (spec §4): table order, tiers, hand-offs, policies, sources, and the §4 definitions."""

from __future__ import annotations

import pytest

from tests.spec_codes import SOURCE_KEYS, V2_SOURCE_KEYS
from tests.workup.rules_v2 import RULES, V2, fired
from workup.pathways.rules.nerve_compression_2 import facts as v2_facts

LUMBAR = {"history.regions": ["lumbar_spine"]}

# Spec §4.1–4.4, in table order, with each table's tier.
TABLE = {
    "emergency": "CES-1 MSCC-1 INF-2 INF-3 HAEM-1 AAA-1 STROKE-1 FRAC-2 TRAUMA-NERVE-1 MYEL-2 DEFICIT-2 "
    "DEFICIT-3",
    "urgent": "SCOPE-2 CES-2 CES-3 MAL-1 MAL-2 MAL-3 INF-4 FRAC-1 PANC-1 MND-1 MYEL-1 DEFICIT-1 PERO-1 RAD-2",
    "routine": "LRAD-2 CRAD-2 LSS-2 CTS-2 CUB-2 RAD-3 INFL-1 SCOPE-1",
    "conservative": "LRAD-1 CRAD-1 LSS-1 CTS-1 CUB-1 RAD-1 NEURO-1 PAD-1 HIP-1 INF-1 MYELOMA-1 DIFF-1 DIFF-2 "
    "DIFF-3",
}
# Spec wording that is a hand-off ("X does not fire", "no other INF-* fires").
HAND_OFFS = {
    "INF-3": ("INF-2",),
    "CES-2": ("CES-1",),
    "CES-3": ("CES-1", "CES-2"),
    "MAL-1": ("MSCC-1",),
    "MAL-2": ("MSCC-1", "MAL-1"),
    "MAL-3": ("MSCC-1", "MAL-1", "MAL-2"),
    "FRAC-1": ("FRAC-2",),
    "SCOPE-1": ("SCOPE-2",),
    "INF-1": ("INF-2", "INF-3", "INF-4"),
    "MYELOMA-1": ("MSCC-1", "MAL-1", "MAL-2", "MAL-3"),
}


def test_the_rules_are_the_spec_tables_in_order():
    assert [rule.id for rule in RULES] == [rule for tier in TABLE.values() for rule in tier.split()]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_each_rule_has_its_table_tier(rule):
    assert rule.id in TABLE[rule.tier].split()


def test_the_hand_offs_are_declared_in_the_table():
    assert {rule.id: rule.stands_down_for for rule in RULES if rule.stands_down_for} == HAND_OFFS


def test_only_CES_2_takes_its_tier_from_policy():
    assert {rule.id: rule.tier_policy for rule in RULES if rule.tier_policy} == {"CES-2": "ces_stable_tier"}


def test_every_new_source_key_is_cited_by_a_rule():
    cited = {key for rule in RULES for key in rule.sources}
    # RP-TABLE is v1's localisation source, cited by the data, not by a rule.
    new_keys = V2_SOURCE_KEYS - SOURCE_KEYS
    assert new_keys <= cited
    assert cited <= V2_SOURCE_KEYS


def test_the_v2_policy_defaults_are_the_spec_table():
    policy = V2.policy_schema()
    assert (policy.ces_stable_tier, policy.acute_motor_mrc, policy.acute_motor_weeks) == ("urgent", 2, 2)
    assert (policy.lumbar_conservative_weeks, policy.cts6_threshold, policy.ncs_before_cts_referral) == (
        6,
        12,
        False,
    )


def test_the_stable_ces_tier_is_urgent_or_emergency_only():
    with pytest.raises(ValueError, match="ces_stable_tier"):
        V2.policy_schema(ces_stable_tier="routine")


def test_acute_motor_thresholds_are_policy():
    answers = {
        **LUMBAR,
        "history.radiating_pain": "leg_below_knee",
        "history.duration_weeks": 3,
        "exam.power.S1.left": 3,
    }
    assert "DEFICIT-3" not in fired(answers)
    assert "DEFICIT-3" in fired(answers, acute_motor_weeks=3, acute_motor_mrc=3)


def test_a_v1_practice_policy_is_read_with_the_v2_defaults():
    from workup.pathways.rules import PathwayPolicy

    answers = {**LUMBAR, "red_flag.bladder_dysfunction": True, "red_flag.ces_onset": "over_14_days_stable"}
    assessment = V2.assess(answers, age=40, policy=PathwayPolicy(lumbar_conservative_weeks=8))
    assert assessment.urgency == "urgent"


def facts(answers: dict, age: int | None = 40):
    return v2_facts.gather(answers, age=age, policy=V2.policy_schema())


@pytest.mark.parametrize(
    "answers",
    [
        {"exam.test.extensor_plantar.left": "positive"},
        {"exam.test.ankle_clonus.right": "positive"},
        {"exam.reflex.knee.left": 4},
        {"exam.sensory_level": True},
        {"exam.power.C5.left": 4},
        {"exam.reflex.ankle.right": 0},
        {"exam.sensation.saddle": "reduced"},
        {"exam.gait": "broad_based"},
    ],
)
def test_objective_deficit_includes_long_tract_signs_and_a_sensory_level(answers):
    assert v2_facts.objective_deficit(facts(answers))


@pytest.mark.parametrize(
    "answers",
    [
        {"exam.power.APB.left": 2},
        {"exam.power.ankle_inversion.left": 2},
        {"exam.sensation.median.left": "absent"},
    ],
)
def test_nerve_findings_are_not_an_objective_deficit(answers):
    assert not v2_facts.objective_deficit(facts(answers))


def test_sexual_dysfunction_alone_is_not_a_CES_feature():
    assert not v2_facts.ces_features(facts({"red_flag.sexual_dysfunction": True}))
    assert v2_facts.ces_features(facts({"exam.sensation.saddle": "absent"}))


@pytest.mark.parametrize(
    ("onset", "recent"),
    [
        (None, True),
        ("within_14_days", True),
        ("over_14_days_worsening", True),
        ("over_14_days_stable", False),
    ],
)
def test_CES_recent_counts_an_unanswered_onset_as_recent(onset, recent):
    answers = {} if onset is None else {"red_flag.ces_onset": onset}
    assert v2_facts.ces_recent(facts(answers)) is recent


@pytest.mark.parametrize(
    ("answers", "severe"),
    [
        ({"exam.power.L2.left": 3, "exam.power.S1.right": 4}, True),
        ({"exam.power.L2.left": 4, "exam.power.S1.right": 4}, False),
        ({"exam.power.L2.left": 4, "exam.power.S1.right": 4, "red_flag.progressive_weakness": True}, True),
        ({"exam.power.L2.left": 2}, False),
        # The PERO-1 exclusion does not apply here.
        (
            {
                "exam.power.L5.left": 3,
                "exam.power.ankle_inversion.left": 5,
                "exam.power.hip_abduction.left": 5,
                "exam.power.L5.right": 4,
            },
            True,
        ),
    ],
)
def test_severe_bilateral_leg_deficit(answers, severe):
    assert bool(v2_facts.severe_bilateral_leg_deficit(facts(answers))) is severe


@pytest.mark.parametrize(
    ("answers", "risk"),
    [
        ({"history.risk_factors": ["haemodialysis"]}, True),
        ({"history.risk_factors": ["diabetes"]}, True),
        ({"history.recent_infection": True}, True),
        ({"history.recent_spinal_procedure": True}, True),
        ({"history.risk_factors": ["smoking"]}, False),
        ({"history.recent_infection": False}, False),
    ],
)
def test_infection_risk(answers, risk):
    assert bool(v2_facts.infection_risk(facts(answers))) is risk


@pytest.mark.parametrize(
    ("answers", "sign"),
    [
        ({"exam.power.T1.left": 4}, True),
        ({"exam.sensation.C8.right": "reduced"}, True),
        ({"exam.deformity": ["hypothenar_wasting"]}, True),
        ({"exam.power.C7.left": 4}, False),
        ({"exam.deformity": ["thenar_wasting"]}, False),
    ],
)
def test_lower_trunk_sign(answers, sign):
    assert bool(v2_facts.lower_trunk_signs(facts(answers))) is sign


def test_age_at_onset_subtracts_whole_years_of_duration():
    assert v2_facts.age_at_onset(facts({"history.duration_weeks": 103}, age=50)) == 49
    assert v2_facts.age_at_onset(facts({"history.duration_weeks": 104}, age=50)) == 48
    assert v2_facts.age_at_onset(facts({"history.duration_weeks": 104}, age=None)) is None


@pytest.mark.parametrize(
    ("answers", "sides"),
    [
        (
            {
                "exam.power.L4.left": 3,
                "exam.power.ankle_inversion.left": 5,
                "exam.power.hip_abduction.left": 5,
            },
            ("left",),
        ),
        (
            {
                "exam.power.L4.left": 4,
                "exam.power.ankle_inversion.left": 5,
                "exam.power.hip_abduction.left": 5,
            },
            (),
        ),
        ({"exam.power.L5.left": 3, "exam.power.ankle_inversion.left": 5}, ()),
        (
            {
                "exam.power.L5.left": 3,
                "exam.power.ankle_inversion.left": 5,
                "exam.power.hip_abduction.left": 5,
                "exam.test.slr.left": "positive",
            },
            (),
        ),
        (
            {
                "exam.power.L5.right": 2,
                "exam.power.ankle_inversion.right": 5,
                "exam.power.hip_abduction.right": 5,
                "exam.test.slr.right": "negative",
            },
            ("right",),
        ),
    ],
)
def test_peroneal_palsy_sides(answers, sides):
    assert facts(answers).peroneal_sides == sides


def test_v2_is_registered_beside_v1_which_stays_current():
    from workup import pathways

    pathway = pathways.for_checklist("nerve-compression/2")
    assert (pathway.ruleset_version, pathway.letter.template) == (
        "nerve-compression-rules/2",
        "pdf/referral.html",
    )
    assert pathways.current().checklist_version == "nerve-compression/1"
    assert pathways.for_versions("nerve-compression/2", "nerve-compression-rules/2") is pathway
