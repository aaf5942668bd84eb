"""Checklist nerve-compression/2 (spec §2 ², §4.6, §4.9): a superset of /1, completeness and show_when."""

from __future__ import annotations

import pytest

from tests.spec_codes import V2_NEW_ITEM_CODES, V2_NEW_VALUES
from tests.workup.rules_v2 import CHECKLIST, V2, assess
from workup.pathways import for_versions
from workup.pathways.checklists import ChecklistDefinitionError, checklist_from_data, validate_answers

V1_CHECKLIST = for_versions("nerve-compression/1", "nerve-compression-rules/1").checklist
LUMBAR = {"history.regions": ["lumbar_spine"]}
ANY_PRESENTATION = (
    "history.regions",
    "history.symptoms",
    "history.onset",
    "history.duration_weeks",
    "red_flag.sudden_focal_weakness",
)
SPINAL = (
    "red_flag.history_of_cancer",
    "red_flag.unexplained_weight_loss",
    "red_flag.fever",
    "red_flag.significant_trauma",
    "red_flag.progressive_weakness",
    "red_flag.night_pain",
    "red_flag.thoracic_pain",
    "history.radiating_pain",
    "history.anticoagulated",
    "history.recent_spinal_procedure",
    "exam.deformity",
    "exam.tenderness",
)
CES_SCREEN = (
    "red_flag.saddle_anaesthesia",
    "red_flag.bladder_dysfunction",
    "red_flag.bowel_dysfunction",
    "red_flag.bilateral_leg_symptoms",
)
MYELOPATHY_SCREEN = (
    "red_flag.hand_clumsiness",
    "red_flag.gait_disturbance",
    "exam.test.hoffmann.left",
    "exam.test.hoffmann.right",
)
LEG_EXAMINATION = (
    *(f"exam.power.{root}.{side}" for root in ("L4", "L5", "S1") for side in ("left", "right")),
    *(f"exam.reflex.{reflex}.{side}" for reflex in ("knee", "ankle") for side in ("left", "right")),
    "exam.test.slr.left",
    "exam.test.slr.right",
)


def required(answers: dict, age: int | None = 40) -> tuple[str, ...]:
    return V2.required_codes(answers, age=age)


@pytest.mark.parametrize("code", V1_CHECKLIST.codes)
def test_every_v1_item_keeps_its_code_type_and_values(code):
    old, new = V1_CHECKLIST.item(code), CHECKLIST.item(code)
    assert new.type == old.type
    assert set(old.values) <= set(new.values)
    assert (new.minimum, new.maximum, new.max_length) == (old.minimum, old.maximum, old.max_length)


def test_v2_adds_exactly_the_items_marked_new_in_the_spec():
    assert set(CHECKLIST.codes) - set(V1_CHECKLIST.codes) == set(V2_NEW_ITEM_CODES)


@pytest.mark.parametrize(("code", "values"), V2_NEW_VALUES.items())
def test_v2_adds_the_values_marked_new_in_the_spec(code, values):
    assert set(CHECKLIST.item(code).values) - set(V1_CHECKLIST.item(code).values) == set(values)


def test_ces_onset_is_a_choice_of_the_spec_values():
    item = CHECKLIST.item("red_flag.ces_onset")
    assert (item.type, item.values) == (
        "choice",
        ("within_14_days", "over_14_days_worsening", "over_14_days_stable"),
    )


def test_treatments_tried_has_the_plan_values():
    assert CHECKLIST.item("history.treatments_tried").values == CHECKLIST.item("plan.conservative").values


def test_every_v2_item_has_a_label_and_help():
    assert all(item.label.strip() and item.help.strip() for item in CHECKLIST.items)


def test_v1_loading_is_unchanged_by_the_new_condition_forms():
    assert V1_CHECKLIST.required_codes({"history.regions": ["cervical_spine"]}) == (
        "red_flag.history_of_cancer",
        "red_flag.unexplained_weight_loss",
        "red_flag.fever",
        "red_flag.significant_trauma",
        "red_flag.progressive_weakness",
        "red_flag.hand_clumsiness",
        "red_flag.gait_disturbance",
        "history.regions",
        "history.symptoms",
    )


# ---- §4.6 completeness ----


def test_any_presentation_needs_the_core_history_and_the_stroke_question():
    assert required({}) == ANY_PRESENTATION


def test_a_neck_presentation_needs_the_spinal_and_myelopathy_screens():
    assert required({"history.regions": ["cervical_spine"]}) == (
        *ANY_PRESENTATION,
        *SPINAL,
        *MYELOPATHY_SCREEN,
    )


def test_a_low_back_presentation_over_50_in_order():
    answers = {**LUMBAR, "history.symptoms": ["pain"]}
    assert required(answers, age=50) == (
        *ANY_PRESENTATION,
        *SPINAL,
        "history.abdominal_or_loin_pain",
        *CES_SCREEN,
    )


def test_the_aortic_question_is_not_asked_under_50_and_is_asked_when_age_is_unknown():
    assert "history.abdominal_or_loin_pain" not in required(LUMBAR, age=49)
    assert "history.abdominal_or_loin_pain" in required(LUMBAR, age=None)


def test_abdominal_pain_brings_in_the_abdominal_examination():
    assert "exam.pulsatile_abdominal_mass" not in required(
        {**LUMBAR, "history.abdominal_or_loin_pain": False}, age=60
    )
    assert "exam.pulsatile_abdominal_mass" in required(
        {**LUMBAR, "history.abdominal_or_loin_pain": True}, age=60
    )


def test_a_hand_presentation_over_50_needs_the_myelopathy_screen():
    hand = {"history.regions": ["wrist_hand"]}
    assert set(MYELOPATHY_SCREEN) <= set(required(hand, age=50))
    assert set(MYELOPATHY_SCREEN) <= set(required(hand, age=None))
    assert not set(MYELOPATHY_SCREEN) & set(required(hand, age=49))


@pytest.mark.parametrize(
    "answers",
    [
        {"red_flag.saddle_anaesthesia": True},
        {"red_flag.bilateral_leg_symptoms": True},
        {"exam.sensation.saddle": "absent"},
        {"red_flag.sexual_dysfunction": True},
    ],
)
def test_a_cauda_equina_symptom_asks_when_it_began(answers):
    assert "red_flag.ces_onset" in required({**LUMBAR, **answers})
    assert "red_flag.ces_onset" in V2.shown_codes({**LUMBAR, **answers}, age=40)


def test_no_cauda_equina_symptom_does_not_ask_the_onset():
    answers = {**LUMBAR, **dict.fromkeys(CES_SCREEN, False), "red_flag.sexual_dysfunction": False}
    assert "red_flag.ces_onset" not in required(answers)
    assert "red_flag.ces_onset" not in V2.shown_codes(answers, age=40)


def test_a_cancer_history_asks_for_the_cord_signs():
    assert {
        "red_flag.gait_disturbance",
        "exam.test.extensor_plantar.left",
        "exam.test.extensor_plantar.right",
    } <= set(required({**LUMBAR, "red_flag.history_of_cancer": True}))


def test_fever_asks_for_the_infection_history():
    assert {"history.risk_factors", "exam.tenderness", "history.recent_infection"} <= set(
        required({"history.regions": ["shoulder_arm"], "red_flag.fever": True})
    )


def test_sciatica_needs_the_leg_examination():
    assert set(LEG_EXAMINATION) <= set(required({**LUMBAR, "history.radiating_pain": "leg_below_knee"}))


@pytest.mark.parametrize(
    ("reason", "asked"), [("phone", True), ("telephone consultation", False), ("         phone      ", True)]
)
def test_a_reason_of_10_characters_for_no_examination_waives_the_leg_examination(reason, asked):
    answers = {**LUMBAR, "history.radiating_pain": "leg_below_knee", "exam.neuro_not_examined_reason": reason}
    assert (set(LEG_EXAMINATION) <= set(required(answers))) is asked


def test_the_assessment_lists_what_completeness_requires():
    assert assess(LUMBAR, age=None).incomplete == tuple(
        code for code in required(LUMBAR, age=None) if code != "history.regions"
    )


# ---- §4.9 show_when ----

ALWAYS = (
    "history.regions",
    "history.side",
    "history.onset",
    "history.duration_weeks",
    "history.symptoms",
    "history.pain_score",
    "history.risk_factors",
    "history.conservative_weeks",
    "history.symptoms_progressing",
    "red_flag.sudden_focal_weakness",
    "plan.conservative",
    "plan.safety_net_given",
    "plan.review_weeks",
    "plan.notes",
    "plan.patient_wishes",
    "plan.emergency_call",
)


def shown(regions: list[str], age: int = 40) -> set[str]:
    return set(V2.shown_codes({"history.regions": regions}, age=age))


def test_the_history_core_the_stroke_question_and_the_plan_are_always_shown():
    assert set(ALWAYS) <= set(V2.shown_codes({}, age=40))


def test_a_hand_presentation_shows_hand_items_and_not_leg_or_spinal_items():
    items = shown(["wrist_hand"])
    assert {
        "exam.test.phalen.left",
        "exam.power.APB.right",
        "history.nocturnal_hand_symptoms",
        "exam.horner_syndrome",
        "exam.test.extensor_plantar.left",
        "exam.deformity",
    } <= items
    assert (
        not {
            "exam.test.slr.left",
            "exam.power.L5.left",
            "exam.foot_pulses.left",
            "red_flag.saddle_anaesthesia",
            "history.anticoagulated",
            "red_flag.ces_onset",
        }
        & items
    )


def test_a_knee_and_foot_presentation_shows_the_leg_items_and_not_the_hand_items():
    items = shown(["knee_leg_foot"])
    assert {
        "exam.power.L5.left",
        "exam.power.ankle_inversion.left",
        "exam.power.hip_abduction.right",
        "exam.foot_pulses.left",
        "exam.stocking_sensory_loss",
        "history.walking_leg_pain",
        "exam.gait",
        "exam.neuro_not_examined_reason",
    } <= items
    assert not {"exam.test.phalen.left", "exam.hip_internal_rotation.left", "history.anticoagulated"} & items


def test_the_hip_examination_is_shown_for_low_back_or_hip():
    assert "exam.hip_internal_rotation.left" in shown(["hip_thigh"])
    assert "exam.hip_internal_rotation.right" in shown(["lumbar_spine"])
    assert "exam.hip_internal_rotation.left" not in shown(["thoracic_spine"])


def test_a_spinal_presentation_shows_the_spinal_red_flags_and_history():
    items = shown(["thoracic_spine"])
    assert {
        "red_flag.history_of_cancer",
        "red_flag.pain_worse_straining",
        "history.radiating_pain",
        "history.anticoagulated",
        "history.recent_spinal_procedure",
        "history.recent_infection",
    } <= items


def test_every_required_item_is_shown():
    for answers in (
        {"history.regions": ["wrist_hand"]},
        {**LUMBAR, "history.radiating_pain": "leg_below_knee", "red_flag.fever": True},
        {"history.regions": ["shoulder_arm"], "red_flag.history_of_cancer": True},
    ):
        for age in (30, 70, None):
            assert set(V2.required_codes(answers, age=age)) <= set(V2.shown_codes(answers, age=age))


def test_an_answer_to_a_hidden_item_is_still_valid_and_assessed():
    answers = {
        "history.regions": ["wrist_hand"],
        "red_flag.sudden_focal_weakness": True,
        "exam.sensory_level": True,
    }
    assert "exam.sensory_level" in shown(["wrist_hand"])
    hidden = {**answers, "exam.test.slr.left": "positive"}
    assert validate_answers(CHECKLIST, hidden) == {}
    assert assess(hidden, age=40).urgency == "emergency"


def test_show_when_is_in_the_checklist_data():
    data = CHECKLIST.item("exam.test.slr.left").as_dict()
    assert data["show_when"] == {
        "answer": "history.regions",
        "includes_any": ["lumbar_spine", "thoracic_spine", "hip_thigh", "knee_leg_foot"],
    }


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        ({"fact": "weight", "at_least": 50, "if_unknown": True}, "unknown fact"),
        ({"fact": "age", "at_least": 50}, "missing if_unknown"),
        ({"answer": "history.regions", "min_length": 10}, "min_length needs a text item"),
    ],
)
def test_a_malformed_new_condition_is_refused_by_name(condition, problem):
    data = {
        "version": "test/1",
        "completeness": [{"when": condition, "require": ["history.regions"]}],
        "sections": [
            {
                "code": "history",
                "title": "History",
                "items": [
                    {
                        "code": "history.regions",
                        "type": "multi",
                        "label": "Regions",
                        "help": "h",
                        "values": [{"value": "lumbar_spine", "label": "Low back"}],
                    },
                ],
            }
        ],
    }
    with pytest.raises(ChecklistDefinitionError, match=problem):
        checklist_from_data(data)
