"""Clinical vignettes from issue 10's safety review, run through ruleset /2 (spec §4)."""

from __future__ import annotations

from tests.workup.rules_v2 import assess

LUMBAR = {"history.regions": ["lumbar_spine"]}


def rules(assessment) -> list[str]:
    return [reason.rule for reason in assessment.reasons]


def test_febrile_spinal_pain_with_a_new_deficit_and_no_risk_factor_is_an_emergency_infection():
    assessment = assess(
        {
            **LUMBAR,
            "history.symptoms": ["pain", "weakness"],
            "history.risk_factors": [],
            "red_flag.fever": True,
            "exam.power.L4.left": 4,
            "exam.power.L4.right": 5,
        },
        age=58,
    )
    assert (assessment.urgency, rules(assessment)[0]) == ("emergency", "INF-2")
    assert assessment.specialty == "emergency_department"
    assert "blood_cultures" in assessment.recommended_tests
    assert "spinal_infection" in assessment.safety_net_topics


def test_cancer_with_extensor_plantars_is_an_emergency_cord_compression():
    assessment = assess(
        {
            "history.regions": ["thoracic_spine"],
            "red_flag.history_of_cancer": True,
            "exam.test.extensor_plantar.left": "positive",
            "exam.test.extensor_plantar.right": "positive",
        },
        age=67,
    )
    assert (assessment.urgency, rules(assessment)[0], assessment.specialty) == (
        "emergency",
        "MSCC-1",
        "acute_oncology",
    )
    assert "whole spine" in assessment.reasons[0].text


def test_cancer_with_new_leg_numbness_is_an_emergency_cord_compression():
    assessment = assess(
        {**LUMBAR, "red_flag.history_of_cancer": True, "history.symptoms": ["numbness"]}, age=61
    )
    assert rules(assessment)[0] == "MSCC-1"


def test_a_bilateral_leg_deficit_is_cauda_equina_even_when_both_legs_was_answered_no():
    assessment = assess(
        {
            **LUMBAR,
            "red_flag.bilateral_leg_symptoms": False,
            "exam.power.S1.left": 3,
            "exam.power.L5.right": 4,
        },
        age=45,
    )
    assert (assessment.urgency, rules(assessment)[0]) == ("emergency", "CES-1")


def test_chronic_stable_bilateral_stenosis_symptoms_are_not_cauda_equina():
    assessment = assess(
        {
            **LUMBAR,
            "red_flag.bilateral_leg_symptoms": True,
            "red_flag.ces_onset": "over_14_days_stable",
            "history.walking_leg_pain": "neurogenic",
            "history.duration_weeks": 78,
            "history.conservative_weeks": 10,
        },
        age=74,
    )
    assert "CES-1" not in rules(assessment)
    assert rules(assessment) == ["LSS-2", "LSS-1", "MYELOMA-1"]
    assert assessment.urgency == "routine"


def test_chronic_stable_bilateral_neuropathy_symptoms_are_not_cauda_equina():
    assessment = assess(
        {
            **LUMBAR,
            "history.risk_factors": ["diabetes"],
            "red_flag.bilateral_leg_symptoms": True,
            "red_flag.ces_onset": "over_14_days_stable",
            "exam.stocking_sensory_loss": True,
            "history.duration_weeks": 104,
        },
        age=55,
    )
    assert "CES-1" not in rules(assessment)
    assert "NEURO-1" in rules(assessment)
    assert "bloods_neuropathy" in assessment.recommended_tests


def test_anticoagulated_sudden_back_pain_with_weakness_is_an_epidural_haematoma():
    assessment = assess(
        {
            **LUMBAR,
            "history.anticoagulated": True,
            "history.onset": "sudden",
            "history.duration_weeks": 0,
            "history.symptoms": ["pain", "weakness"],
        },
        age=72,
    )
    assert (assessment.urgency, rules(assessment)[0]) == ("emergency", "HAEM-1")


def test_a_possible_leaking_aneurysm_goes_to_vascular_surgery_now():
    assessment = assess(
        {**LUMBAR, "history.abdominal_or_loin_pain": True, "history.onset": "sudden"},
        age=68,
    )
    assert (assessment.urgency, rules(assessment)[0], assessment.specialty) == (
        "emergency",
        "AAA-1",
        "vascular_surgery",
    )
    assert "renal colic" in assessment.reasons[0].text


def test_a_stroke_mimicking_a_wrist_drop_is_a_999_call():
    assessment = assess(
        {
            "history.regions": ["wrist_hand"],
            "exam.deformity": ["wrist_drop"],
            "red_flag.sudden_focal_weakness": True,
        },
        age=70,
    )
    assert (assessment.urgency, rules(assessment)[0]) == ("emergency", "STROKE-1")
    assert "stroke" in assessment.safety_net_topics


def test_a_pancoast_tumour_mimicking_a_C8_T1_root_gets_a_chest_xray():
    assessment = assess(
        {
            "history.regions": ["shoulder_arm"],
            "history.risk_factors": ["smoking"],
            "exam.power.T1.left": 4,
            "exam.sensation.C8.left": "reduced",
        },
        age=62,
    )
    assert "PANC-1" in rules(assessment)
    assert (assessment.specialty, "xray_chest" in assessment.recommended_tests) == ("respiratory", True)


def test_a_common_peroneal_palsy_is_not_sent_for_an_urgent_spinal_mri():
    assessment = assess(
        {
            "history.regions": ["knee_leg_foot"],
            "exam.gait": "foot_drop",
            "exam.power.L4.left": 2,
            "exam.power.L5.left": 2,
            "exam.power.ankle_inversion.left": 5,
            "exam.power.hip_abduction.left": 5,
            "exam.test.slr.left": "negative",
        },
        age=35,
    )
    assert rules(assessment) == ["PERO-1"]
    assert assessment.specialty == "neurology"
    assert not {"mri_spine_urgent", "mri_spine_emergency"} & set(assessment.recommended_tests)
    assert assessment.levels == ()


def test_pregnancy_carpal_tunnel_is_splinted_and_reviewed_after_delivery():
    assessment = assess(
        {
            "history.regions": ["wrist_hand"],
            "history.risk_factors": ["pregnancy"],
            "history.numbness_territory": ["thumb_index_middle"],
            "history.nocturnal_hand_symptoms": True,
            "exam.test.phalen.right": "positive",
            "exam.test.tinel_wrist.right": "positive",
            "history.conservative_weeks": 12,
        },
        age=31,
    )
    assert (assessment.urgency, rules(assessment)) == ("conservative", ["CTS-1"])
    assert "3 months after delivery" in assessment.reasons[0].text
    assert assessment.safety_net_topics == ("hand_nerve",)
