"""Emergency rules (spec §4.1): each fires on a minimal positive case and not on its nearest negative."""

from __future__ import annotations

import pytest

from tests.workup.rules_v1 import assess

LUMBAR = {"history.regions": ["lumbar_spine"]}
CERVICAL = {"history.regions": ["cervical_spine"]}
HAND = {"history.regions": ["wrist_hand"]}

CAUDA_EQUINA_FLAGS = [
    "red_flag.saddle_anaesthesia",
    "red_flag.bladder_dysfunction",
    "red_flag.bowel_dysfunction",
    "red_flag.sexual_dysfunction",
    "red_flag.bilateral_leg_symptoms",
]


def fired(answers: dict, *, age: int = 40) -> list[str]:
    return [reason.rule for reason in assess(answers, age=age).reasons]


# ---- CES-1 ----


@pytest.mark.parametrize("flag", CAUDA_EQUINA_FLAGS)
def test_any_cauda_equina_flag_alone_is_an_emergency(flag):
    assessment = assess({**LUMBAR, flag: True}, age=40)
    assert assessment.urgency == "emergency"
    assert assessment.reasons[0].rule == "CES-1"
    assert assessment.suspected_conditions == ("cauda_equina_syndrome",)
    assert assessment.recommended_tests == ("mri_spine_emergency",)
    assert assessment.specialty == "emergency_department"


@pytest.mark.parametrize("flag", CAUDA_EQUINA_FLAGS)
def test_cauda_equina_flag_answered_no_does_not_fire(flag):
    assert "CES-1" not in fired({**LUMBAR, flag: False})


@pytest.mark.parametrize("sensation", ["reduced", "absent"])
def test_impaired_saddle_sensation_on_examination_fires_cauda_equina(sensation):
    assert fired({**LUMBAR, "exam.sensation.saddle": sensation}) == ["CES-1"]


def test_normal_saddle_sensation_does_not_fire_cauda_equina():
    assert "CES-1" not in fired({**LUMBAR, "exam.sensation.saddle": "normal"})


def test_cauda_equina_reason_names_the_finding_the_action_and_the_sources():
    (reason,) = assess({**LUMBAR, "red_flag.saddle_anaesthesia": True}, age=40).reasons
    assert reason.text == (
        "Saddle anaesthesia reported: suspected cauda equina syndrome. Same-day emergency MRI "
        "(within 4 hours of request): telephone the on-call team."
    )
    assert reason.source == "BMJ-CES, GIRFT-CES, HSIB-CES"
    assert reason.tier == "emergency"


# ---- MSCC-1 ----

CANCER_SPINE = {**LUMBAR, "red_flag.history_of_cancer": True}


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.power.L5.left": 4}, id="objective-deficit"),
        pytest.param({"red_flag.progressive_weakness": True}, id="progressive-weakness"),
        pytest.param({"red_flag.gait_disturbance": True}, id="gait-disturbance"),
        pytest.param({"history.radiating_pain": "leg_below_knee"}, id="radiating-leg"),
        pytest.param({"history.radiating_pain": "arm_below_elbow"}, id="radiating-arm"),
    ],
)
def test_cancer_with_a_cord_sign_in_a_spinal_presentation_is_cord_compression(finding):
    assessment = assess({**CANCER_SPINE, **finding}, age=40)
    assert assessment.reasons[0].rule == "MSCC-1"
    assert assessment.specialty == "acute_oncology"
    assert "spinal_cord_compression" in assessment.suspected_conditions


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({**CANCER_SPINE, "history.radiating_pain": "none"}, id="radiating-none"),
        pytest.param({**CANCER_SPINE, "exam.power.L5.left": 5}, id="power-5-is-not-a-deficit"),
        pytest.param(
            {**LUMBAR, "red_flag.history_of_cancer": False, "exam.power.L5.left": 4}, id="no-cancer"
        ),
        pytest.param({**LUMBAR, "exam.power.L5.left": 4}, id="cancer-unanswered"),
        pytest.param({**HAND, "red_flag.history_of_cancer": True, "exam.power.L5.left": 4}, id="not-spinal"),
    ],
)
def test_cord_compression_needs_cancer_a_spinal_presentation_and_a_cord_sign(answers):
    assert "MSCC-1" not in fired(answers)


# ---- INF-2 ----

FEVER_SPINE = {**LUMBAR, "red_flag.fever": True}


@pytest.mark.parametrize("risk", ["iv_drug_use", "immunosuppression"])
def test_fever_with_a_risk_factor_and_a_deficit_is_an_emergency_infection(risk):
    assessment = assess({**FEVER_SPINE, "history.risk_factors": [risk], "exam.reflex.ankle.left": 0}, age=40)
    assert assessment.reasons[0].rule == "INF-2"
    assert assessment.recommended_tests[:2] == ("mri_spine_emergency", "bloods_inflammatory")
    assert "INF-1" not in [reason.rule for reason in assessment.reasons]


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({**FEVER_SPINE, "history.risk_factors": ["iv_drug_use"]}, id="no-deficit"),
        pytest.param(
            {**FEVER_SPINE, "history.risk_factors": ["diabetes"], "exam.reflex.ankle.left": 0}, id="no-risk"
        ),
        pytest.param(
            {**FEVER_SPINE, "history.risk_factors": ["iv_drug_use"], "exam.reflex.ankle.left": 1},
            id="reflex-1",
        ),
        pytest.param(
            {
                **LUMBAR,
                "red_flag.fever": False,
                "history.risk_factors": ["iv_drug_use"],
                "exam.reflex.ankle.left": 0,
            },
            id="no-fever",
        ),
    ],
)
def test_emergency_infection_needs_fever_a_risk_factor_and_a_deficit(answers):
    assert "INF-2" not in fired(answers)


# ---- FRAC-2 ----


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.tenderness": ["midline_spinous"]}, id="midline-tenderness"),
        pytest.param({"exam.gait": "foot_drop"}, id="deficit-foot-drop"),
        pytest.param({"exam.sensation.L4.right": "absent"}, id="deficit-dermatome"),
    ],
)
def test_significant_trauma_with_tenderness_or_deficit_is_an_unstable_fracture(finding):
    assessment = assess({**LUMBAR, "red_flag.significant_trauma": True, **finding}, age=40)
    assert assessment.reasons[0].rule == "FRAC-2"
    assert "ct_spine" in assessment.recommended_tests


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({**LUMBAR, "red_flag.significant_trauma": True}, id="trauma-alone"),
        pytest.param(
            {**LUMBAR, "red_flag.significant_trauma": True, "exam.tenderness": ["paraspinal"]},
            id="paraspinal",
        ),
        pytest.param(
            {**LUMBAR, "red_flag.significant_trauma": False, "exam.tenderness": ["midline_spinous"]},
            id="no-trauma",
        ),
    ],
)
def test_unstable_fracture_needs_trauma_and_tenderness_or_deficit(answers):
    assert "FRAC-2" not in fired(answers)


def test_unstable_fracture_takes_over_from_the_urgent_fracture_rule():
    answers = {
        **LUMBAR,
        "red_flag.significant_trauma": True,
        "exam.tenderness": ["midline_spinous"],
        "history.risk_factors": ["osteoporosis"],
    }
    assert fired(answers) == ["FRAC-2"]


# ---- TRAUMA-NERVE-1 ----


@pytest.mark.parametrize(
    ("finding", "condition"),
    [
        pytest.param({"exam.deformity": ["wrist_drop"]}, "radial_neuropathy", id="wrist-drop"),
        pytest.param({"exam.power.wrist_extension.left": 3}, "radial_neuropathy", id="wrist-extension-3"),
        pytest.param({"exam.power.APB.right": 3}, "carpal_tunnel_syndrome", id="apb-3"),
        pytest.param({"exam.power.FDI.left": 0}, "cubital_tunnel_syndrome", id="fdi-0"),
    ],
)
def test_nerve_weakness_after_trauma_is_an_emergency_named_for_its_nerve(finding, condition):
    assessment = assess({**HAND, "history.onset": "after_trauma", **finding}, age=40)
    assert assessment.reasons[0].rule == "TRAUMA-NERVE-1"
    assert assessment.suspected_conditions[0] == condition
    assert assessment.specialty == "emergency_department"


def test_trauma_nerve_conditions_follow_every_nerve_found():
    answers = {**HAND, "history.onset": "after_trauma", "exam.power.APB.left": 2, "exam.power.FDI.left": 3}
    assert assess(answers, age=40).suspected_conditions == (
        "carpal_tunnel_syndrome",
        "cubital_tunnel_syndrome",
    )


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(
            {**HAND, "history.onset": "after_trauma", "exam.power.wrist_extension.left": 4}, id="wrist-ext-4"
        ),
        pytest.param({**HAND, "history.onset": "after_trauma", "exam.power.APB.left": 4}, id="apb-4"),
        pytest.param({**HAND, "history.onset": "after_trauma", "exam.power.FDI.left": 4}, id="fdi-4"),
        pytest.param(
            {**HAND, "history.onset": "sudden", "exam.deformity": ["wrist_drop"]}, id="not-after-trauma"
        ),
    ],
)
def test_trauma_nerve_needs_trauma_and_weakness_of_mrc_3_or_less(answers):
    assert "TRAUMA-NERVE-1" not in fired(answers)


# ---- MYEL-2 ----

MYELOPATHY = {**CERVICAL, "exam.test.extensor_plantar.left": "positive"}


@pytest.mark.parametrize(
    "progression",
    [
        pytest.param({"red_flag.progressive_weakness": True}, id="progressive-weakness"),
        pytest.param({"history.symptoms_progressing": True}, id="symptoms-progressing"),
    ],
)
def test_progressing_myelopathy_is_an_emergency(progression):
    assessment = assess({**MYELOPATHY, **progression}, age=40)
    assert [reason.rule for reason in assessment.reasons][:2] == ["MYEL-2", "MYEL-1"]
    assert assessment.specialty == "spinal_surgery"
    assert assessment.recommended_tests == ("mri_spine_emergency", "mri_spine_urgent")


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({**MYELOPATHY, "history.symptoms_progressing": False}, id="not-progressing"),
        pytest.param(
            {**CERVICAL, "red_flag.hand_clumsiness": True, "history.symptoms_progressing": True},
            id="no-myel-1",
        ),
    ],
)
def test_progressive_myelopathy_needs_myelopathy_and_progression(answers):
    assert "MYEL-2" not in fired(answers)


# ---- DEFICIT-2 ----


def test_progressive_weakness_with_mrc_4_at_a_root_is_an_emergency():
    answers = {**CERVICAL, "red_flag.progressive_weakness": True, "exam.power.C5.left": 4}
    assessment = assess(answers, age=40)
    assert assessment.reasons[0].rule == "DEFICIT-2"
    assert assessment.specialty == "spinal_surgery"
    assert assessment.recommended_tests == ("mri_spine_emergency",)


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(
            {**CERVICAL, "red_flag.progressive_weakness": True, "exam.power.C5.left": 5}, id="power-5"
        ),
        pytest.param(
            {**CERVICAL, "red_flag.progressive_weakness": True, "exam.power.APB.left": 2}, id="peripheral"
        ),
        pytest.param(
            {**CERVICAL, "red_flag.progressive_weakness": False, "exam.power.C5.left": 4},
            id="not-progressive",
        ),
    ],
)
def test_progressive_deficit_needs_progressive_weakness_and_a_weak_root(answers):
    assert "DEFICIT-2" not in fired(answers)


@pytest.mark.parametrize(
    ("signs", "conditions"),
    [
        pytest.param({"exam.power.C6.left": 4}, (), id="unlocalised"),
        pytest.param(
            {"exam.power.C6.left": 4, "exam.sensation.C6.left": "reduced"},
            ("cervical_radiculopathy",),
            id="C6",
        ),
        pytest.param(
            {"exam.power.L5.right": 4, "exam.sensation.L5.right": "absent"},
            ("lumbar_radiculopathy",),
            id="L5",
        ),
    ],
)
def test_progressive_deficit_names_a_radiculopathy_only_where_a_root_is_localised(signs, conditions):
    answers = {"history.regions": ["shoulder_arm"], "red_flag.progressive_weakness": True, **signs}
    assert assess(answers, age=40).suspected_conditions == conditions
