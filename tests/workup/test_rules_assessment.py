"""The assessment as a whole (spec §3): tier, specialty tie-break, ordering, unions and the JSON shape."""

from __future__ import annotations

import json

import pytest

from tests.spec_codes import ASSESSMENT_FIELDS
from tests.workup.rules_v1 import RULES, RULESET_VERSION, assess
from workup.pathways.rules import TIERS, Assessment, PathwayPolicy, tier_rank

LUMBAR = {"history.regions": ["lumbar_spine"]}


def rules_fired(assessment: Assessment) -> list[str]:
    return [reason.rule for reason in assessment.reasons]


def test_tiers_ascend_from_conservative_to_emergency():
    assert [tier_rank(tier) for tier in TIERS] == [0, 1, 2, 3]
    assert TIERS == ("conservative", "routine", "urgent", "emergency")


def test_an_unknown_tier_has_no_rank():
    with pytest.raises(ValueError, match="unknown urgency tier"):
        tier_rank("soon")


def test_pathway_policy_defaults_are_the_spec_values():
    assert PathwayPolicy() == PathwayPolicy(
        lumbar_conservative_weeks=6,
        cervical_conservative_weeks=6,
        cts_conservative_weeks=12,
        cubital_conservative_weeks=12,
        radial_review_weeks=6,
        cts6_threshold=12,
        ncs_before_cts_referral=False,
    )


def test_the_ruleset_holds_every_spec_rule_in_table_order():
    assert [rule.id for rule in RULES] == [
        *["CES-1", "MSCC-1", "INF-2", "FRAC-2", "TRAUMA-NERVE-1", "MYEL-2", "DEFICIT-2"],
        *["MAL-1", "MAL-2", "INF-1", "FRAC-1", "MYEL-1", "DEFICIT-1", "RAD-2"],
        *["LRAD-2", "CRAD-2", "CTS-2", "CUB-2", "RAD-3", "INFL-1"],
        *["LRAD-1", "CRAD-1", "CTS-1", "CUB-1", "RAD-1", "DIFF-1"],
    ]


def test_nothing_found_is_conservative_with_no_specialty():
    assessment = assess({"history.regions": ["wrist_hand"], "history.symptoms": ["pain"]}, age=40)
    assert (assessment.urgency, assessment.specialty, assessment.reasons) == ("conservative", "none", ())
    assert assessment.ruleset == RULESET_VERSION == "nerve-compression-rules/1"


def test_recognition_alone_names_the_condition_but_stays_conservative():
    answers = {"history.regions": ["wrist_hand"], "exam.deformity": ["wrist_drop"]}
    assessment = assess(answers, age=40)
    assert (assessment.urgency, assessment.specialty) == ("conservative", "none")
    assert assessment.suspected_conditions == ("radial_neuropathy",)


@pytest.mark.parametrize(
    ("answers", "specialty"),
    [
        pytest.param(
            {
                **LUMBAR,
                "red_flag.history_of_cancer": True,
                "red_flag.gait_disturbance": True,
                "red_flag.fever": True,
                "red_flag.bladder_dysfunction": True,
            },
            "emergency_department",
            id="CES-1-before-MSCC-1",
        ),
        pytest.param(
            {
                **LUMBAR,
                "red_flag.history_of_cancer": True,
                "red_flag.progressive_weakness": True,
                "exam.test.extensor_plantar.left": "positive",
            },
            "acute_oncology",
            id="MSCC-1-before-MYEL-2",
        ),
        pytest.param(
            {
                **LUMBAR,
                "exam.tenderness": ["midline_spinous"],
                "history.risk_factors": ["osteoporosis"],
                "exam.test.ankle_clonus.left": "positive",
            },
            "orthopaedics",
            id="FRAC-1-before-MYEL-1",
        ),
        pytest.param(
            {
                **LUMBAR,
                "red_flag.morning_stiffness": True,
                "history.duration_weeks": 12,
                "history.radiating_pain": "leg_below_knee",
                "exam.test.slr.left": "positive",
                "history.conservative_weeks": 6,
            },
            "spinal_surgery",
            id="LRAD-2-before-INFL-1",
        ),
    ],
)
def test_specialty_is_the_first_highest_tier_rule_in_spec_order(answers, specialty):
    assert assess(answers, age=30).specialty == specialty


def test_reasons_run_highest_tier_first_then_spec_order():
    answers = {
        "history.regions": ["lumbar_spine", "wrist_hand"],
        "history.radiating_pain": "leg_below_knee",
        "exam.test.slr.left": "positive",
        "history.conservative_weeks": 12,
        "history.numbness_territory": ["thumb_index_middle"],
        "exam.test.phalen.left": "positive",
        "exam.tenderness": ["midline_spinous"],
        "history.risk_factors": ["osteoporosis"],
        "red_flag.bowel_dysfunction": True,
    }
    assessment = assess(answers, age=40)
    assert rules_fired(assessment) == ["CES-1", "FRAC-1", "LRAD-2", "CTS-2", "LRAD-1", "CTS-1"]
    assert [reason.tier for reason in assessment.reasons] == [
        "emergency",
        "urgent",
        "routine",
        "routine",
        "conservative",
        "conservative",
    ]
    assert assessment.urgency == "emergency"
    assert assessment.suspected_conditions == (
        "cauda_equina_syndrome",
        "vertebral_fracture",
        "lumbar_radiculopathy",
        "carpal_tunnel_syndrome",
    )
    assert assessment.recommended_tests == (
        "mri_spine_emergency",
        "xray_spine",
        "mri_spine",
        "nerve_conduction_study",
    )


def test_recommended_tests_are_a_union_without_repeats():
    answers = {
        **LUMBAR,
        "red_flag.unexplained_weight_loss": True,
        "red_flag.night_pain": True,
        "red_flag.fever": True,
        "exam.tenderness": ["midline_spinous"],
    }
    assessment = assess(answers, age=40)
    assert rules_fired(assessment) == ["MAL-2", "INF-1"]
    assert assessment.recommended_tests == ("bloods_inflammatory", "bloods_myeloma", "mri_spine_urgent")
    assert assessment.suspected_conditions == ("spinal_malignancy", "spinal_infection")


def test_every_reason_carries_its_rule_tier_and_joined_source_keys():
    answers = {
        **LUMBAR,
        "history.radiating_pain": "leg_below_knee",
        "exam.test.slr.right": "positive",
        "history.conservative_weeks": 6,
    }
    reasons = assess(answers, age=40).reasons
    assert [(reason.rule, reason.tier, reason.source) for reason in reasons] == [
        ("LRAD-2", "routine", "NICE-NG59, GPR-SCIATICA"),
        ("LRAD-1", "conservative", "NICE-NG59"),
    ]
    assert reasons[0].text.startswith(
        "Pain radiating below the knee, positive straight leg raise on the right and 6 weeks"
    )


ASSESSMENT_KEYS = list(ASSESSMENT_FIELDS)


def test_as_dict_has_the_spec_keys_and_is_json_ready():
    answers = {
        "history.regions": ["wrist_hand", "lumbar_spine"],
        "red_flag.saddle_anaesthesia": True,
        "exam.power.L5.left": 4,
        "exam.sensation.L5.left": "reduced",
        "history.nocturnal_hand_symptoms": True,
    }
    data = assess(answers, age=40).as_dict()
    assert list(data) == ASSESSMENT_KEYS
    assert json.loads(json.dumps(data)) == data
    assert data["levels"] == ["L5 left"]
    assert data["cts6_score"] == 4.0
    assert data["reasons"][0] == {
        "rule": "CES-1",
        "tier": "emergency",
        "text": data["reasons"][0]["text"],
        "source": "BMJ-CES, GIRFT-CES, HSIB-CES",
    }
    assert all(
        isinstance(data[key], list)
        for key in ASSESSMENT_KEYS
        if key not in ("urgency", "specialty", "cts6_score", "ruleset")
    )


def test_from_dict_restores_the_assessment_exactly():
    answers = {**LUMBAR, "red_flag.history_of_cancer": True, "red_flag.night_pain": True}
    assessment = assess(answers, age=60)
    assert Assessment.from_dict(json.loads(json.dumps(assessment.as_dict()))) == assessment


def test_from_dict_keeps_a_stored_assessment_from_an_older_ruleset_unchanged():
    stored = {
        "urgency": "urgent",
        "suspected_conditions": [],
        "levels": [],
        "recommended_tests": [],
        "specialty": "neurology",
        "reasons": [{"rule": "OLD-1", "tier": "urgent", "text": "t", "source": "VIC-SRC"}],
        "cts6_score": None,
        "ruleset": "nerve-compression-rules/0",
        "incomplete": [],
    }
    assert Assessment.from_dict(stored).as_dict() == stored


def test_assess_does_not_change_the_answers():
    answers = {**LUMBAR, "history.risk_factors": ["osteoporosis"], "exam.tenderness": ["midline_spinous"]}
    snapshot = json.dumps(answers, sort_keys=True)
    assess(answers, age=80)
    assert json.dumps(answers, sort_keys=True) == snapshot
