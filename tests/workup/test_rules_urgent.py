"""Urgent rules (spec §4.2): each fires on a minimal positive case and not on its nearest negative."""

from __future__ import annotations

import pytest

from tests.workup.rules_v1 import assess

LUMBAR = {"history.regions": ["lumbar_spine"]}
THORACIC = {"history.regions": ["thoracic_spine"]}
CERVICAL = {"history.regions": ["cervical_spine"]}
HAND = {"history.regions": ["wrist_hand"]}


def fired(answers: dict, *, age: int = 40) -> list[str]:
    return [reason.rule for reason in assess(answers, age=age).reasons]


# ---- MAL-1 ----

CANCER_SPINE = {**THORACIC, "red_flag.history_of_cancer": True}


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"red_flag.thoracic_pain": True}, id="thoracic-pain"),
        pytest.param({"red_flag.night_pain": True}, id="night-pain"),
        pytest.param({"exam.tenderness": ["midline_spinous"]}, id="midline-tenderness"),
        pytest.param({"history.symptoms_progressing": True}, id="symptoms-progressing"),
    ],
)
def test_cancer_with_a_malignancy_feature_is_urgent_suspected_metastases(finding):
    assessment = assess({**CANCER_SPINE, **finding}, age=40)
    assert assessment.urgency == "urgent"
    assert assessment.reasons[0].rule == "MAL-1"
    assert assessment.specialty == "acute_oncology"
    assert assessment.recommended_tests == ("mri_spine_urgent",)


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(CANCER_SPINE, id="cancer-alone"),
        pytest.param(
            {**THORACIC, "red_flag.history_of_cancer": False, "red_flag.night_pain": True}, id="no-cancer"
        ),
        pytest.param(
            {**HAND, "red_flag.history_of_cancer": True, "red_flag.night_pain": True}, id="not-spinal"
        ),
    ],
)
def test_suspected_metastases_need_cancer_a_spinal_presentation_and_a_feature(answers):
    assert "MAL-1" not in fired(answers)


def test_suspected_metastases_hand_off_to_cord_compression():
    answers = {**CANCER_SPINE, "red_flag.night_pain": True, "red_flag.gait_disturbance": True}
    assert "MSCC-1" in fired(answers)
    assert "MAL-1" not in fired(answers)


# ---- MAL-2 ----

WEIGHT_LOSS_SPINE = {**LUMBAR, "red_flag.unexplained_weight_loss": True}


@pytest.mark.parametrize(
    ("answers", "age"),
    [
        pytest.param({**WEIGHT_LOSS_SPINE, "red_flag.night_pain": True}, 40, id="night-pain"),
        pytest.param(WEIGHT_LOSS_SPINE, 51, id="age-51"),
        pytest.param({**WEIGHT_LOSS_SPINE, "red_flag.history_of_cancer": False}, 51, id="cancer-no"),
    ],
)
def test_unexplained_weight_loss_with_night_pain_or_age_over_50_is_possible_malignancy(answers, age):
    assessment = assess(answers, age=age)
    assert assessment.reasons[0].rule == "MAL-2"
    assert assessment.recommended_tests == ("bloods_inflammatory", "bloods_myeloma", "mri_spine_urgent")
    assert assessment.specialty == "spinal_surgery"


@pytest.mark.parametrize(
    ("answers", "age"),
    [
        pytest.param(WEIGHT_LOSS_SPINE, 50, id="age-50"),
        pytest.param({**WEIGHT_LOSS_SPINE, "red_flag.night_pain": False}, 50, id="night-pain-no"),
        pytest.param(
            {**LUMBAR, "red_flag.unexplained_weight_loss": False, "red_flag.night_pain": True},
            60,
            id="no-loss",
        ),
        pytest.param({**HAND, "red_flag.unexplained_weight_loss": True}, 60, id="not-spinal"),
    ],
)
def test_possible_malignancy_needs_weight_loss_with_night_pain_or_age_over_50(answers, age):
    assert "MAL-2" not in fired(answers, age=age)


def test_cancer_history_without_a_metastasis_feature_keeps_possible_malignancy():
    # Safer reading of "no cancer history": answering yes must never lower the tier.
    answers = {**WEIGHT_LOSS_SPINE, "red_flag.history_of_cancer": True}
    assert fired(answers, age=60) == ["MAL-2"]


def test_possible_malignancy_hands_off_to_suspected_metastases():
    answers = {**WEIGHT_LOSS_SPINE, "red_flag.history_of_cancer": True, "red_flag.night_pain": True}
    assert fired(answers, age=60) == ["MAL-1"]


# ---- INF-1 ----

FEVER_SPINE = {**LUMBAR, "red_flag.fever": True}


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"history.risk_factors": ["iv_drug_use"]}, id="iv-drug-use"),
        pytest.param({"history.risk_factors": ["immunosuppression"]}, id="immunosuppression"),
        pytest.param({"exam.tenderness": ["midline_spinous"]}, id="midline-tenderness"),
    ],
)
def test_fever_with_a_risk_factor_or_midline_tenderness_is_possible_infection(finding):
    assessment = assess({**FEVER_SPINE, **finding}, age=40)
    assert assessment.reasons[0].rule == "INF-1"
    assert assessment.recommended_tests == ("bloods_inflammatory", "mri_spine_urgent")


def test_fever_midline_tenderness_and_a_deficit_without_risk_factor_is_still_possible_infection():
    # Safer reading: "without an objective deficit" hands off to INF-2; if INF-2 cannot fire, INF-1 does.
    answers = {**FEVER_SPINE, "exam.tenderness": ["midline_spinous"], "exam.power.L4.left": 4}
    assert "INF-1" in fired(answers)


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(FEVER_SPINE, id="fever-alone"),
        pytest.param(
            {**LUMBAR, "red_flag.fever": False, "history.risk_factors": ["iv_drug_use"]}, id="no-fever"
        ),
        pytest.param(
            {**HAND, "red_flag.fever": True, "history.risk_factors": ["iv_drug_use"]}, id="not-spinal"
        ),
        pytest.param(
            {**FEVER_SPINE, "history.risk_factors": ["iv_drug_use"], "exam.power.L4.left": 4},
            id="inf-2-takes-over",
        ),
    ],
)
def test_possible_infection_does_not_fire(answers):
    assert "INF-1" not in fired(answers)


# ---- FRAC-1 ----

MIDLINE = {**LUMBAR, "exam.tenderness": ["midline_spinous"]}


@pytest.mark.parametrize(
    ("answers", "age"),
    [
        pytest.param({**MIDLINE, "history.risk_factors": ["osteoporosis"]}, 40, id="osteoporosis"),
        pytest.param({**MIDLINE, "history.risk_factors": ["long_term_steroids"]}, 40, id="steroids"),
        pytest.param(MIDLINE, 70, id="age-70"),
    ],
)
def test_midline_tenderness_with_fracture_risk_is_possible_fracture(answers, age):
    assessment = assess(answers, age=age)
    assert assessment.reasons[0].rule == "FRAC-1"
    assert assessment.specialty == "orthopaedics"
    assert assessment.recommended_tests == ("xray_spine",)


@pytest.mark.parametrize(
    ("answers", "age"),
    [
        pytest.param(MIDLINE, 69, id="age-69"),
        pytest.param(
            {**LUMBAR, "exam.tenderness": ["paraspinal"], "history.risk_factors": ["osteoporosis"]},
            80,
            id="para",
        ),
        pytest.param({**MIDLINE, "history.risk_factors": ["smoking"]}, 40, id="other-risk"),
    ],
)
def test_possible_fracture_needs_midline_tenderness_and_a_fracture_risk(answers, age):
    assert "FRAC-1" not in fired(answers, age=age)


# ---- MYEL-1 ----


@pytest.mark.parametrize(
    "sign",
    [
        pytest.param({"exam.test.extensor_plantar.left": "positive"}, id="extensor-plantar"),
        pytest.param({"exam.test.ankle_clonus.right": "positive"}, id="ankle-clonus"),
        pytest.param({"exam.reflex.knee.left": 4}, id="reflex-4"),
    ],
)
def test_a_long_tract_sign_alone_is_suspected_myelopathy(sign):
    assessment = assess({**CERVICAL, **sign}, age=40)
    assert assessment.reasons[0].rule == "MYEL-1"
    assert assessment.specialty == "spinal_surgery"
    assert assessment.recommended_tests == ("mri_spine_urgent",)


FEATURES = {
    "clumsiness": {"red_flag.hand_clumsiness": True},
    "gait-disturbance": {"red_flag.gait_disturbance": True},
    "hoffmann": {"exam.test.hoffmann.left": "positive"},
    "broad-gait": {"exam.gait": "broad_based"},
    "two-brisk-reflexes": {"exam.reflex.biceps.left": 3, "exam.reflex.knee.right": 3},
}
PAIRS = [(first, second) for index, first in enumerate(FEATURES) for second in list(FEATURES)[index + 1 :]]


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{first}+{second}" for first, second in PAIRS])
def test_any_two_myelopathy_features_are_suspected_myelopathy(first, second):
    assert "MYEL-1" in fired({**CERVICAL, **FEATURES[first], **FEATURES[second]})


@pytest.mark.parametrize("feature", list(FEATURES))
def test_one_myelopathy_feature_alone_is_not_enough(feature):
    assert "MYEL-1" not in fired({**CERVICAL, **FEATURES[feature]})


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"exam.reflex.knee.left": 3, "red_flag.hand_clumsiness": True}, id="one-brisk-reflex"),
        pytest.param(
            {"exam.reflex.knee.left": 3, "exam.reflex.knee.right": 2, "red_flag.hand_clumsiness": True},
            id="2",
        ),
        pytest.param(
            {"exam.test.hoffmann.left": "positive", "exam.test.hoffmann.right": "positive"}, id="hoffmann-x2"
        ),
        pytest.param({"exam.reflex.knee.left": 3}, id="reflex-3-is-not-long-tract"),
    ],
)
def test_myelopathy_feature_counting_edges(answers):
    assert "MYEL-1" not in fired({**CERVICAL, **answers})


# ---- DEFICIT-1 ----


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.power.L5.left": 3}, id="mrc-3"),
        pytest.param({"exam.power.T1.right": 0}, id="mrc-0"),
        pytest.param({"exam.gait": "foot_drop"}, id="foot-drop"),
        pytest.param({"exam.power.L4.left": 4, "exam.power.S1.right": 4}, id="mrc-4-at-two-roots"),
    ],
)
def test_significant_motor_deficit_is_urgent(finding):
    assessment = assess({**LUMBAR, **finding}, age=40)
    assert assessment.reasons[0].rule == "DEFICIT-1"
    assert assessment.recommended_tests == ("mri_spine_urgent",)


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param({"exam.power.L5.left": 4}, id="mrc-4-at-one-root"),
        pytest.param({"exam.power.L5.left": 4, "exam.power.L5.right": 4}, id="same-root-both-sides"),
        pytest.param({"exam.power.APB.left": 2, "exam.power.L5.left": 4}, id="peripheral-is-not-a-root"),
        pytest.param({"exam.gait": "antalgic"}, id="antalgic-gait"),
    ],
)
def test_significant_motor_deficit_does_not_fire(finding):
    assert "DEFICIT-1" not in fired({**LUMBAR, **finding})


@pytest.mark.parametrize(
    ("signs", "conditions"),
    [
        pytest.param({"exam.power.L5.left": 3}, (), id="unlocalised"),
        pytest.param(
            {"exam.power.L5.left": 3, "exam.sensation.L5.left": "reduced"}, ("lumbar_radiculopathy",), id="L5"
        ),
        pytest.param(
            {"exam.power.C7.left": 3, "exam.reflex.triceps.left": 1}, ("cervical_radiculopathy",), id="C7"
        ),
    ],
)
def test_significant_deficit_names_a_radiculopathy_only_where_a_root_is_localised(signs, conditions):
    assert assess({"history.regions": ["shoulder_arm"], **signs}, age=40).suspected_conditions == conditions


# ---- RAD-2 ----


def test_progressing_radial_palsy_is_urgent():
    assessment = assess(
        {**HAND, "exam.deformity": ["wrist_drop"], "history.symptoms_progressing": True}, age=40
    )
    assert [reason.rule for reason in assessment.reasons] == ["RAD-2", "RAD-1"]
    assert assessment.specialty == "neurology"
    assert assessment.recommended_tests == ("nerve_conduction_study",)


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(
            {**HAND, "exam.deformity": ["wrist_drop"], "history.symptoms_progressing": False}, id="stable"
        ),
        pytest.param(
            {**HAND, "exam.power.wrist_extension.left": 4, "history.symptoms_progressing": True},
            id="no-rad-1",
        ),
    ],
)
def test_progressing_radial_palsy_needs_a_palsy_that_progresses(answers):
    assert "RAD-2" not in fired(answers)
