"""Ruleset /2 (spec §4.1–4.4): every rule fires on a minimal case and not on its nearest boundary."""

from __future__ import annotations

import pytest

from tests.workup.rules_v2 import RULES, assess, fired

LUMBAR = {"history.regions": ["lumbar_spine"]}
CERVICAL = {"history.regions": ["cervical_spine"]}
HAND = {"history.regions": ["wrist_hand"]}
LEG = {"history.regions": ["knee_leg_foot"]}
SHOULDER = {"history.regions": ["shoulder_arm"]}
SCIATICA = {**LUMBAR, "history.radiating_pain": "leg_below_knee"}
ARM_PAIN = {**CERVICAL, "history.radiating_pain": "arm_below_elbow"}
MEDIAN = {**HAND, "history.numbness_territory": ["thumb_index_middle"], "exam.test.phalen.left": "positive"}
ULNAR = {"history.numbness_territory": ["ring_little"], "exam.test.tinel_elbow.left": "positive"}
PERONEAL_LEFT = {
    "exam.power.L5.left": 3,
    "exam.power.ankle_inversion.left": 5,
    "exam.power.hip_abduction.left": 5,
}
CANCER = {**LUMBAR, "red_flag.history_of_cancer": True}
FEVER = {**LUMBAR, "red_flag.fever": True}
NEUROGENIC = {**LUMBAR, "history.walking_leg_pain": "neurogenic", "history.duration_weeks": 12}
MYELOPATHY = {**CERVICAL, "exam.test.hoffmann.left": "positive", "red_flag.hand_clumsiness": True}


def case(rule, fires, boundary, *, age=40, boundary_age=None, id=None):
    return pytest.param(
        rule, fires, boundary, age, age if boundary_age is None else boundary_age, id=id or rule
    )


CASES = [
    # ---- §4.1 emergency ----
    case(
        "CES-1",
        {**LUMBAR, "red_flag.saddle_anaesthesia": True},
        {**LUMBAR, "red_flag.saddle_anaesthesia": True, "red_flag.ces_onset": "over_14_days_stable"},
        id="CES-1-feature-onset-unanswered-counts-as-recent",
    ),
    case(
        "CES-1",
        {**LUMBAR, "red_flag.bladder_dysfunction": True, "red_flag.ces_onset": "over_14_days_worsening"},
        {**LUMBAR, "red_flag.bladder_dysfunction": False, "red_flag.ces_onset": "over_14_days_worsening"},
        id="CES-1-worsening",
    ),
    case(
        "CES-1",
        {**LUMBAR, "exam.power.L3.left": 3, "exam.power.S1.right": 4},
        {**LUMBAR, "exam.power.L3.left": 4, "exam.power.S1.right": 4},
        id="CES-1-severe-bilateral-leg-deficit",
    ),
    case(
        "CES-1",
        {**LUMBAR, "exam.power.L3.left": 4, "exam.power.L3.right": 4, "history.symptoms_progressing": True},
        {
            **LUMBAR,
            "exam.power.L3.left": 4,
            "exam.power.L3.right": 4,
            "history.symptoms_progressing": True,
            "red_flag.ces_onset": "over_14_days_stable",
        },
        id="CES-1-progressing-bilateral-weakness-unless-stable",
    ),
    case(
        "MSCC-1",
        {**CANCER, "exam.test.extensor_plantar.left": "positive"},
        {**CANCER, "exam.test.extensor_plantar.left": "negative"},
        id="MSCC-1-long-tract-sign",
    ),
    case(
        "MSCC-1",
        {**CANCER, "history.symptoms": ["numbness"]},
        {**CANCER, "history.symptoms": ["pain"]},
        id="MSCC-1-neurological-symptom",
    ),
    case(
        "MSCC-1",
        {**CANCER, "history.radiating_pain": "leg_below_knee"},
        {**CANCER, "history.radiating_pain": "none"},
        id="MSCC-1-radiating-pain",
    ),
    case("INF-2", {**FEVER, "exam.power.L5.left": 4}, {**FEVER, "exam.power.L5.left": 5}, id="INF-2-deficit"),
    case(
        "INF-2",
        {**FEVER, "red_flag.bladder_dysfunction": True},
        {**LUMBAR, "red_flag.bladder_dysfunction": True},
        id="INF-2-ces-feature",
    ),
    case(
        "INF-3",
        {**FEVER, "history.risk_factors": ["diabetes"]},
        {**FEVER, "history.risk_factors": ["obesity"]},
        id="INF-3-infection-risk",
    ),
    case(
        "INF-3",
        {**FEVER, "exam.deformity": ["step_deformity"]},
        {**FEVER, "exam.deformity": ["scoliosis"]},
        id="INF-3-step",
    ),
    case(
        "HAEM-1",
        {
            **LUMBAR,
            "history.anticoagulated": True,
            "history.onset": "sudden",
            "history.duration_weeks": 2,
            "history.symptoms": ["weakness"],
        },
        {
            **LUMBAR,
            "history.anticoagulated": True,
            "history.onset": "sudden",
            "history.duration_weeks": 3,
            "history.symptoms": ["weakness"],
        },
    ),
    case(
        "AAA-1",
        {**LUMBAR, "exam.pulsatile_abdominal_mass": True},
        {**LUMBAR, "exam.pulsatile_abdominal_mass": True},
        age=50,
        boundary_age=49,
        id="AAA-1-mass",
    ),
    case(
        "AAA-1",
        {**LUMBAR, "history.abdominal_or_loin_pain": True, "history.risk_factors": ["smoking"]},
        {**LUMBAR, "history.abdominal_or_loin_pain": True, "history.risk_factors": ["obesity"]},
        age=55,
        id="AAA-1-abdominal-pain-smoker",
    ),
    case(
        "AAA-1",
        {**LUMBAR, "history.risk_factors": ["known_aaa"], "history.duration_weeks": 2},
        {**LUMBAR, "history.risk_factors": ["known_aaa"], "history.duration_weeks": 3},
        age=60,
        id="AAA-1-known-aneurysm-new-pain",
    ),
    case("STROKE-1", {"red_flag.sudden_focal_weakness": True}, {"red_flag.sudden_focal_weakness": False}),
    case(
        "FRAC-2",
        {"red_flag.significant_trauma": True, "exam.deformity": ["step_deformity"]},
        {"red_flag.significant_trauma": True, "exam.deformity": ["scoliosis"]},
    ),
    case(
        "TRAUMA-NERVE-1",
        {"history.onset": "after_trauma", "exam.sensation.ulnar.left": "absent"},
        {"history.onset": "after_trauma", "exam.sensation.ulnar.left": "reduced"},
    ),
    case(
        "MYEL-2",
        {**MYELOPATHY, "history.symptoms_progressing": True, "history.duration_weeks": 12},
        {**MYELOPATHY, "history.symptoms_progressing": True, "history.duration_weeks": 13},
    ),
    case(
        "DEFICIT-2",
        {**LUMBAR, "red_flag.progressive_weakness": True, "exam.power.L5.left": 4},
        {**LEG, "red_flag.progressive_weakness": True, "exam.power.L5.left": 4},
    ),
    case(
        "DEFICIT-3",
        {**SCIATICA, "history.duration_weeks": 2, "exam.power.S1.left": 2},
        {**SCIATICA, "history.duration_weeks": 3, "exam.power.S1.left": 2},
    ),
    # ---- §4.2 urgent ----
    case(
        "SCOPE-2",
        {**LUMBAR, "red_flag.night_pain": True},
        {**LUMBAR, "red_flag.night_pain": True},
        age=15,
        boundary_age=16,
    ),
    case(
        "CES-2",
        {**LUMBAR, "red_flag.bladder_dysfunction": True, "red_flag.ces_onset": "over_14_days_stable"},
        {**LUMBAR, "red_flag.bilateral_leg_symptoms": True, "red_flag.ces_onset": "over_14_days_stable"},
    ),
    case(
        "CES-3",
        {**LUMBAR, "red_flag.sexual_dysfunction": True},
        {**LUMBAR, "red_flag.sexual_dysfunction": True, "red_flag.saddle_anaesthesia": True},
    ),
    case("MAL-1", {**CANCER, "red_flag.pain_worse_straining": True}, {**CANCER, "history.pain_score": 7}),
    case(
        "MAL-1",
        {**CANCER, "history.pain_score": 8},
        {**CANCER, "history.pain_score": 7},
        id="MAL-1-pain-score",
    ),
    case(
        "MAL-2",
        {**LUMBAR, "red_flag.unexplained_weight_loss": True},
        {**LUMBAR, "red_flag.unexplained_weight_loss": True},
        age=51,
        boundary_age=50,
    ),
    case(
        "MAL-3",
        {**LUMBAR, "history.duration_weeks": 4, "red_flag.night_pain": True},
        {**LUMBAR, "history.duration_weeks": 4, "red_flag.night_pain": True},
        age=60,
        boundary_age=59,
    ),
    case(
        "INF-4",
        {**LUMBAR, "history.duration_weeks": 6, "history.risk_factors": ["iv_drug_use"]},
        {**LUMBAR, "history.duration_weeks": 7, "history.risk_factors": ["iv_drug_use"]},
    ),
    case(
        "FRAC-1",
        {"exam.deformity": ["step_deformity"]},
        {"exam.deformity": ["step_deformity"]},
        age=70,
        boundary_age=69,
    ),
    case(
        "PANC-1",
        {**SHOULDER, "exam.power.T1.left": 4, "exam.horner_syndrome": True},
        {**SHOULDER, "exam.power.T1.left": 4, "exam.horner_syndrome": False},
    ),
    case(
        "PANC-1",
        {**SHOULDER, "exam.power.C8.left": 4, "history.risk_factors": ["smoking"]},
        {**SHOULDER, "exam.power.C8.left": 4, "history.risk_factors": ["smoking"]},
        age=40,
        boundary_age=39,
        id="PANC-1-older-smoker",
    ),
    case(
        "MND-1",
        {"exam.fasciculations": True, "exam.power.APB.left": 4, "history.symptoms_progressing": True},
        {"exam.fasciculations": True, "exam.power.APB.left": 5, "history.symptoms_progressing": True},
    ),
    case("MYEL-1", {"exam.sensory_level": True}, {"exam.sensory_level": False}),
    case("MYEL-1", MYELOPATHY, {**CERVICAL, "red_flag.hand_clumsiness": True}, id="MYEL-1-two-features"),
    case("DEFICIT-1", {**LUMBAR, "exam.power.L5.left": 3}, {**LUMBAR, "exam.power.L5.left": 4}),
    case(
        "DEFICIT-1",
        {**LUMBAR, "exam.power.L3.left": 4, "exam.power.S1.left": 4},
        {**NEUROGENIC, "exam.power.L3.left": 4, "exam.power.S1.left": 4},
        id="DEFICIT-1-two-roots-not-stable-stenosis",
    ),
    case("PERO-1", {**LEG, **PERONEAL_LEFT}, {**LEG, **PERONEAL_LEFT, "exam.power.ankle_inversion.left": 4}),
    case(
        "PERO-1",
        {**LEG, **PERONEAL_LEFT},
        {**LEG, **PERONEAL_LEFT, "exam.test.crossed_slr.right": "positive"},
        id="PERO-1-no-crossed-slr",
    ),
    case(
        "RAD-2",
        {"exam.deformity": ["wrist_drop"], "history.symptoms_progressing": True},
        {"exam.deformity": ["wrist_drop"], "history.symptoms_progressing": False},
    ),
    # ---- §4.3 routine ----
    case(
        "LRAD-2",
        {**SCIATICA, "exam.test.slr.left": "positive", "history.conservative_weeks": 6},
        {**SCIATICA, "exam.test.slr.left": "positive", "history.conservative_weeks": 5},
    ),
    case(
        "CRAD-2",
        {**ARM_PAIN, "exam.test.spurling.left": "positive", "history.conservative_weeks": 6},
        {**ARM_PAIN, "exam.test.spurling.left": "positive", "history.conservative_weeks": 5},
    ),
    case(
        "LSS-2",
        {**NEUROGENIC, "history.conservative_weeks": 6},
        {**NEUROGENIC, "history.conservative_weeks": 5},
    ),
    case(
        "CTS-2", {**MEDIAN, "history.constant_numbness": True}, {**MEDIAN, "history.constant_numbness": False}
    ),
    case(
        "CTS-2",
        {**MEDIAN, "history.conservative_weeks": 12},
        {**MEDIAN, "history.conservative_weeks": 12, "history.risk_factors": ["pregnancy"]},
        id="CTS-2-failed-trial-not-in-pregnancy",
    ),
    case(
        "CUB-2",
        {**ULNAR, "exam.test.froment.left": "positive"},
        {**ULNAR, "exam.test.froment.left": "negative"},
    ),
    case(
        "RAD-3",
        {"exam.deformity": ["wrist_drop"], "history.duration_weeks": 6},
        {"exam.deformity": ["wrist_drop"], "history.duration_weeks": 5},
    ),
    case(
        "INFL-1",
        {**LUMBAR, "red_flag.morning_stiffness": True, "history.duration_weeks": 104},
        {**LUMBAR, "red_flag.morning_stiffness": True, "history.duration_weeks": 52},
        age=46,
    ),
    case("SCOPE-1", LUMBAR, LUMBAR, age=15, boundary_age=16),
    # ---- §4.4 recognition ----
    case(
        "LRAD-1",
        {**SCIATICA, "exam.test.slr.left": "positive"},
        {**SCIATICA, "exam.test.slr.left": "negative"},
    ),
    case(
        "LRAD-1",
        {**LUMBAR, "exam.power.L3.left": 4, "exam.reflex.knee.left": 1},
        {**LUMBAR, "exam.power.L5.left": 4, "exam.sensation.L5.left": "reduced"},
        id="LRAD-1-upper-lumbar-root",
    ),
    case(
        "LRAD-1",
        {
            **SCIATICA,
            "exam.test.femoral_stretch.left": "positive",
            "exam.hip_internal_rotation.left": "painful_restricted",
            "exam.sensation.L3.left": "reduced",
        },
        {
            **SCIATICA,
            "exam.test.femoral_stretch.left": "positive",
            "exam.hip_internal_rotation.left": "painful_restricted",
        },
        age=50,
        id="LRAD-1-femoral-stretch-with-hip-osteoarthritis",
    ),
    case(
        "CRAD-1",
        {**CERVICAL, "exam.power.C5.left": 4, "exam.reflex.biceps.left": 1},
        {**CERVICAL, "exam.power.C5.left": 4},
        id="CRAD-1-localised-C5",
    ),
    case(
        "CRAD-1",
        {**ARM_PAIN, "exam.test.spurling.left": "positive"},
        {**ARM_PAIN, "exam.test.spurling.left": "negative"},
    ),
    case("LSS-1", NEUROGENIC, {**NEUROGENIC, "history.duration_weeks": 11}),
    case("CTS-1", MEDIAN, {**MEDIAN, "exam.test.phalen.left": "negative"}),
    case("CUB-1", ULNAR, {**ULNAR, "exam.test.tinel_elbow.left": "negative"}),
    case("RAD-1", {"exam.power.wrist_extension.left": 3}, {"exam.power.wrist_extension.left": 4}),
    case(
        "NEURO-1",
        {"exam.stocking_sensory_loss": True, "history.duration_weeks": 12},
        {"exam.stocking_sensory_loss": True, "history.duration_weeks": 11},
    ),
    case("PAD-1", {"history.walking_leg_pain": "vascular"}, {"history.walking_leg_pain": "unclear"}),
    case(
        "PAD-1", {"exam.foot_pulses.left": "absent"}, {"exam.foot_pulses.left": "reduced"}, id="PAD-1-pulses"
    ),
    case(
        "HIP-1",
        {"exam.hip_internal_rotation.left": "painful_restricted"},
        {"exam.hip_internal_rotation.left": "painful_restricted"},
        age=45,
        boundary_age=44,
    ),
    case("INF-1", FEVER, {**SHOULDER, "red_flag.fever": True}),
    case(
        "MYELOMA-1", {**LUMBAR, "history.duration_weeks": 4}, {**LUMBAR, "history.duration_weeks": 3}, age=60
    ),
    case(
        "DIFF-1",
        {
            **ARM_PAIN,
            **MEDIAN,
            "history.regions": ["cervical_spine", "wrist_hand"],
            "exam.power.C6.left": 4,
            "exam.reflex.brachioradialis.left": 1,
        },
        {
            **ARM_PAIN,
            **MEDIAN,
            "history.regions": ["cervical_spine", "wrist_hand"],
            "exam.power.C5.left": 4,
            "exam.reflex.biceps.left": 1,
            "exam.sensation.C6.left": "normal",
        },
    ),
    case(
        "DIFF-2",
        {"exam.power.APB.left": 4, "exam.power.FDI.right": 4},
        {"exam.power.APB.left": 4, "exam.power.FDI.right": 5},
    ),
    case("DIFF-3", {"exam.power.L5.left": 3}, {**PERONEAL_LEFT}),
]
TIER = {rule.id: rule.tier for rule in RULES}


@pytest.mark.parametrize(("rule", "fires", "boundary", "age", "boundary_age"), CASES)
def test_the_rule_fires_on_its_case_and_not_on_its_boundary(rule, fires, boundary, age, boundary_age):
    assert rule in fired(fires, age=age)
    assert rule not in fired(boundary, age=boundary_age)


@pytest.mark.parametrize(("rule", "fires", "boundary", "age", "boundary_age"), CASES)
def test_the_fired_rule_reports_its_table_tier_and_sources(rule, fires, boundary, age, boundary_age):
    (reason,) = (reason for reason in assess(fires, age=age).reasons if reason.rule == rule)
    definition = next(r for r in RULES if r.id == rule)
    assert reason.tier == TIER[rule]
    assert reason.source.startswith(", ".join(definition.sources))


def test_every_rule_of_the_ruleset_has_a_case():
    assert {param.values[0] for param in CASES} == {rule.id for rule in RULES}


def outputs(answers: dict, rule: str, *, age: int = 40):
    assessment = assess(answers, age=age)
    return assessment, next(reason for reason in assessment.reasons if reason.rule == rule)


def test_infection_triad_without_risk_factors_is_an_emergency_with_blood_cultures():
    assessment, reason = outputs({**FEVER, "exam.power.L5.left": 4, "history.risk_factors": []}, "INF-2")
    assert assessment.urgency == "emergency"
    assert assessment.recommended_tests[:3] == (
        "mri_spine_emergency",
        "bloods_inflammatory",
        "blood_cultures",
    )
    assert "Region to image: lumbar spine." in reason.text


def test_a_deficit_hands_infection_from_INF_3_to_INF_2():
    assert fired({**FEVER, "history.risk_factors": ["diabetes"], "exam.power.L5.left": 4})[0] == "INF-2"
    assert "INF-3" not in fired({**FEVER, "history.risk_factors": ["diabetes"], "exam.power.L5.left": 4})


def test_fever_with_an_infection_risk_does_not_also_give_the_fever_bloods_rule():
    assert fired({**FEVER, "history.risk_factors": ["haemodialysis"]}) == ["INF-3"]


def test_fever_answered_no_still_gives_INF_4_for_a_high_risk_patient():
    assert "INF-4" in fired(
        {**LUMBAR, "red_flag.fever": False, "history.risk_factors": ["immunosuppression"]}
    )


def test_traumatic_nerve_injury_names_the_nerve():
    assessment, reason = outputs(
        {"history.onset": "after_trauma", "exam.power.APB.left": 3}, "TRAUMA-NERVE-1"
    )
    assert assessment.suspected_conditions == ("peripheral_nerve_injury",)
    assert "median nerve" in reason.text


def test_myelopathy_without_arm_signs_is_thoracic_with_whole_spine_imaging():
    assessment, reason = outputs({**LUMBAR, "exam.sensory_level": True}, "MYEL-1")
    assert "thoracic_myelopathy" in assessment.suspected_conditions
    assert "Region to image: whole spine." in reason.text


def test_myelopathy_with_hoffmann_is_cervical():
    assessment, _ = outputs(MYELOPATHY, "MYEL-1")
    assert assessment.suspected_conditions[0] == "cervical_myelopathy"


def test_a_long_tract_sign_is_now_an_objective_deficit_for_infection():
    assert fired({**FEVER, "exam.test.ankle_clonus.left": "positive"})[0] == "INF-2"


def test_the_peroneal_exclusion_does_not_apply_to_progressive_weakness():
    assert "DEFICIT-2" in fired({**LUMBAR, **PERONEAL_LEFT, "red_flag.progressive_weakness": True})


def test_on_a_peroneal_side_L5_weakness_gives_neither_DEFICIT_1_nor_DEFICIT_3():
    answers = {**SCIATICA, **PERONEAL_LEFT, "exam.power.L5.left": 2, "history.duration_weeks": 1}
    assert "DEFICIT-1" not in fired(answers)
    assert "DEFICIT-3" not in fired(answers)
    assert "PERO-1" in fired(answers)


def test_a_foot_drop_gait_does_not_count_for_DEFICIT_1_when_PERO_1_fires():
    assert "DEFICIT-1" not in fired({**LUMBAR, **PERONEAL_LEFT, "exam.gait": "foot_drop"})
    assert "DEFICIT-1" in fired({**LUMBAR, "exam.gait": "foot_drop"})


def test_stable_stenosis_two_roots_count_again_with_progression():
    answers = {
        **NEUROGENIC,
        "exam.power.L3.left": 4,
        "exam.power.S1.left": 4,
        "history.symptoms_progressing": True,
    }
    assert "DEFICIT-1" in fired(answers)


def test_stable_cauda_equina_tier_follows_the_practice_policy_and_keeps_its_table_place():
    answers = {
        **LUMBAR,
        "red_flag.bladder_dysfunction": True,
        "red_flag.ces_onset": "over_14_days_stable",
        "red_flag.significant_trauma": True,
        "exam.deformity": ["step_deformity"],
    }
    from tests.workup.rules_v2 import V2

    assessment = assess(answers, age=40, policy=V2.policy_schema(ces_stable_tier="emergency"))
    assert assessment.urgency == "emergency"
    # FRAC-2 is in the emergency table; CES-2 keeps its urgent-table place, so it comes after it.
    assert [(reason.rule, reason.tier) for reason in assessment.reasons] == [
        ("FRAC-2", "emergency"),
        ("CES-2", "emergency"),
    ]
    assert assessment.specialty == "emergency_department"
    assert "telephone the on-call spinal team" in assessment.reasons[1].text


def test_stable_cauda_equina_is_urgent_by_default():
    answers = {**LUMBAR, "red_flag.bladder_dysfunction": True, "red_flag.ces_onset": "over_14_days_stable"}
    assessment = assess(answers, age=40)
    assert (assessment.urgency, assessment.specialty) == ("urgent", "spinal_surgery")


def test_a_cancer_history_drops_only_the_xray_from_FRAC_1():
    answers = {**LUMBAR, "exam.tenderness": ["midline_spinous"], "history.risk_factors": ["osteoporosis"]}
    assert "xray_spine" in assess(answers, age=40).recommended_tests
    with_cancer = assess({**answers, "red_flag.history_of_cancer": True}, age=40)
    assert "FRAC-1" in [reason.rule for reason in with_cancer.reasons]
    assert "xray_spine" not in with_cancer.recommended_tests


def test_an_age_clause_is_false_without_a_date_of_birth():
    assert "AAA-1" not in fired({**LUMBAR, "exam.pulsatile_abdominal_mass": True}, age=None)
    assert "MAL-2" not in fired({**LUMBAR, "red_flag.unexplained_weight_loss": True}, age=None)
    # The branch that needs no age still fires.
    assert "MAL-2" in fired(
        {**LUMBAR, "red_flag.unexplained_weight_loss": True, "red_flag.night_pain": True}, age=None
    )


def test_the_source_note_says_where_sources_disagree_beside_the_keys():
    _, reason = outputs({**SCIATICA, "history.duration_weeks": 1, "exam.power.S1.left": 1}, "DEFICIT-3")
    assert reason.source == "LOTHIAN-RF (sources disagree: CRF-2023 gives 2 weeks; the safer tier is taken)"
    assert "disagree" not in reason.text


def test_a_recognition_reason_says_manage_in_primary_care_only_when_nothing_escalates():
    _, alone = outputs(MEDIAN, "CTS-1")
    assert "Manage in primary care" in alone.text
    _, escalated = outputs({**MEDIAN, "history.constant_numbness": True}, "CTS-1")
    assert "primary care" not in escalated.text


def test_a_symmetrical_neuropathy_keeps_its_localised_levels():
    answers = {
        "history.duration_weeks": 20,
        **{f"exam.sensation.{root}.{side}": "reduced" for root in ("L5", "S1") for side in ("left", "right")},
        **{f"exam.reflex.ankle.{side}": 0 for side in ("left", "right")},
    }
    assessment = assess(answers, age=60)
    assert "NEURO-1" in [reason.rule for reason in assessment.reasons]
    assert assessment.levels == ("S1 left", "S1 right")


def test_L4_and_L5_are_not_localised_on_a_peroneal_side():
    answers = {
        **LEG,
        **PERONEAL_LEFT,
        "exam.sensation.L5.left": "reduced",
        "exam.power.L5.right": 4,
        "exam.sensation.L5.right": "reduced",
    }
    assert assess(answers, age=40).levels == ("L5 right",)
