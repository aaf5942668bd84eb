"""The checklist definition nerve-compression/1: its codes, types, texts and structure checks (spec §1–§2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.spec_codes import (
    MUSCLES,
    PROVOCATIVE_TESTS,
    RED_FLAG_CODES,
    REFLEXES,
    SENSATION_AREAS,
    SIDES,
)
from workup import pathways
from workup.pathways.checklists import (
    ChecklistDefinitionError,
    available_versions,
    checklist_from_data,
    get_checklist,
    load_checklist_file,
)

ROOT = Path(__file__).resolve().parents[2]

# Spec §2, written out from its tables so that a missing or extra code fails.
HISTORY_CODES = [
    "history.regions",
    "history.side",
    "history.onset",
    "history.duration_weeks",
    "history.symptoms",
    "history.pain_score",
    "history.radiating_pain",
    "history.nocturnal_hand_symptoms",
    "history.numbness_territory",
    "history.symptoms_progressing",
    "history.conservative_weeks",
    "history.risk_factors",
]
EXAM_CODES = [
    "exam.deformity",
    "exam.tenderness",
    *[f"exam.reflex.{reflex}.{side}" for reflex in REFLEXES for side in SIDES],
    *[f"exam.power.{muscle}.{side}" for muscle in MUSCLES for side in SIDES],
    *[f"exam.sensation.{area}.{side}" for area in SENSATION_AREAS for side in SIDES],
    "exam.sensation.saddle",
    *[f"exam.test.{test}.{side}" for test in PROVOCATIVE_TESTS for side in SIDES],
    *[f"exam.slr_angle.{side}" for side in SIDES],
    "exam.two_point_discrimination_lost",
    "exam.gait",
]
PLAN_CODES = ["plan.conservative", "plan.safety_net_given", "plan.review_weeks", "plan.notes"]
SPEC_CODES = [*HISTORY_CODES, *RED_FLAG_CODES, *EXAM_CODES, *PLAN_CODES]

SPEC_VALUES = {
    "history.regions": [
        "cervical_spine",
        "thoracic_spine",
        "lumbar_spine",
        "shoulder_arm",
        "elbow_forearm",
        "wrist_hand",
    ],
    "history.side": ["left", "right", "bilateral", "central"],
    "history.onset": ["gradual", "sudden", "after_trauma"],
    "history.symptoms": ["pain", "weakness", "numbness", "tingling", "loss_of_muscle_control"],
    "history.radiating_pain": ["none", "arm_below_elbow", "leg_below_knee"],
    "history.numbness_territory": [
        "thumb_index_middle",
        "ring_little",
        "dorsal_first_web",
        "dermatomal_arm",
        "dermatomal_leg",
    ],
    "history.risk_factors": [
        "obesity",
        "poor_posture",
        "weak_core",
        "heavy_lifting",
        "repetitive_hand_use",
        "vibrating_tools",
        "pregnancy",
        "diabetes",
        "hypothyroidism",
        "rheumatoid_arthritis",
        "smoking",
        "previous_spinal_surgery",
        "osteoporosis",
        "long_term_steroids",
        "immunosuppression",
        "iv_drug_use",
    ],
    "exam.deformity": [
        "none",
        "scoliosis",
        "loss_of_lordosis",
        "step_deformity",
        "soft_tissue_swelling",
        "bony_deformity",
        "thenar_wasting",
        "hypothenar_wasting",
        "first_dorsal_interosseous_wasting",
        "wrist_drop",
        "claw_hand",
    ],
    "exam.tenderness": [
        "none",
        "midline_spinous",
        "paraspinal",
        "sciatic_notch",
        "carpal_tunnel",
        "cubital_tunnel",
        "radial_tunnel",
    ],
    "exam.gait": ["normal", "antalgic", "foot_drop", "broad_based"],
    "plan.conservative": [
        "weight_loss",
        "posture",
        "core_strengthening",
        "stretching",
        "anti_inflammatory",
        "steroid_injection",
        "physiotherapy",
        "wrist_splint",
        "activity_modification",
        "analgesia",
    ],
}


@pytest.fixture(scope="module")
def checklist():
    return get_checklist("nerve-compression/1")


def minimal_definition(**item_overrides) -> dict:
    """A one-section definition, valid unless an override breaks it."""
    item = {"code": "history.side", "type": "bool", "label": "Side", "help": "Which side."}
    item.update(item_overrides)
    return {
        "version": "test/1",
        "sections": [{"code": "history", "title": "History", "description": "", "items": [item]}],
    }


# --- loading ----------------------------------------------------------------------------------------------


def test_version_1_loads(checklist):
    assert checklist.version == "nerve-compression/1"


def test_every_registered_pathways_checklist_is_available():
    assert {pathway.checklist_version for pathway in pathways.PATHWAYS} <= set(available_versions())


def test_the_file_is_loaded_once_and_shared():
    assert get_checklist("nerve-compression/1") is get_checklist("nerve-compression/1")


def test_unknown_version_is_a_definition_error():
    with pytest.raises(ChecklistDefinitionError, match="nerve-compression/99"):
        get_checklist("nerve-compression/99")


def test_version_that_is_not_a_name_and_number_is_a_definition_error():
    with pytest.raises(ChecklistDefinitionError, match="Unknown checklist version"):
        get_checklist("../nerve-compression-1")


def test_checklist_imports_without_django():
    script = (
        "import sys; from workup.pathways.checklists import get_checklist; "
        "get_checklist('nerve-compression/1'); "
        "assert 'django' not in sys.modules, 'django was imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- codes, types and ranges ------------------------------------------------------------------------------


def test_every_spec_code_is_present_and_no_other(checklist):
    assert len(SPEC_CODES) == len(set(SPEC_CODES)) == 126
    assert set(checklist.codes) == set(SPEC_CODES)


def test_codes_are_unique_and_in_document_order(checklist):
    assert len(checklist.codes) == len(set(checklist.codes))
    assert checklist.codes[:2] == ("history.regions", "history.side")
    assert checklist.codes[-1] == "plan.notes"


def test_saddle_sensation_has_no_side(checklist):
    assert "exam.sensation.saddle" in checklist.codes
    assert not {"exam.sensation.saddle.left", "exam.sensation.saddle.right"} & set(checklist.codes)


@pytest.mark.parametrize(
    ("code", "minimum", "maximum"),
    [
        ("exam.reflex.biceps.left", 0, 4),
        ("exam.reflex.ankle.right", 0, 4),
        ("exam.power.C5.left", 0, 5),
        ("exam.power.wrist_extension.right", 0, 5),
        ("exam.slr_angle.left", 0, 90),
        ("history.duration_weeks", 0, 520),
        ("history.conservative_weeks", 0, 520),
        ("history.pain_score", 0, 10),
        ("plan.review_weeks", 0, 52),
    ],
)
def test_integer_items_have_the_spec_range(checklist, code, minimum, maximum):
    item = checklist.item(code)
    assert (item.type, item.minimum, item.maximum) == ("int", minimum, maximum)


def test_every_reflex_power_and_slr_angle_item_is_an_integer(checklist):
    prefixes = ("exam.reflex.", "exam.power.", "exam.slr_angle.")
    assert all(checklist.item(code).type == "int" for code in checklist.codes if code.startswith(prefixes))


@pytest.mark.parametrize("code", sorted(SPEC_VALUES))
def test_choice_items_offer_exactly_the_spec_values_in_order(checklist, code):
    assert list(checklist.item(code).values) == SPEC_VALUES[code]


def test_single_answer_items_are_choice_and_lists_are_multi(checklist):
    single = {"history.side", "history.onset", "history.radiating_pain", "exam.gait"}
    for code in SPEC_VALUES:
        assert checklist.item(code).type == ("choice" if code in single else "multi"), code


def test_every_sensation_item_is_normal_reduced_or_absent(checklist):
    sensation = [checklist.item(code) for code in checklist.codes if code.startswith("exam.sensation.")]
    assert len(sensation) == 27
    assert {(item.type, item.values) for item in sensation} == {("choice", ("normal", "reduced", "absent"))}


def test_every_provocative_test_is_positive_or_negative(checklist):
    tests = [checklist.item(code) for code in checklist.codes if code.startswith("exam.test.")]
    assert len(tests) == 26
    assert {(item.type, item.values) for item in tests} == {("choice", ("positive", "negative"))}


def test_red_flags_and_yes_no_findings_are_bool(checklist):
    bools = {code for code in checklist.codes if checklist.item(code).type == "bool"}
    assert bools == {
        *RED_FLAG_CODES,
        "history.nocturnal_hand_symptoms",
        "history.symptoms_progressing",
        "exam.two_point_discrimination_lost",
        "plan.safety_net_given",
    }


def test_plan_notes_is_text_of_at_most_2000_characters(checklist):
    item = checklist.item("plan.notes")
    assert (item.type, item.max_length) == ("text", 2000)


def test_unknown_code_lookup_raises_key_error(checklist):
    with pytest.raises(KeyError):
        checklist.item("exam.reflex.jaw.left")


# --- texts for the GP -------------------------------------------------------------------------------------


def test_every_item_has_a_label_and_help(checklist):
    for item in checklist.items:
        assert item.label.strip() and item.help.strip(), item.code


def test_every_choice_has_a_label(checklist):
    for item in checklist.items:
        for choice in item.choices:
            assert choice.label.strip(), (item.code, choice.value)


def test_red_flags_are_asked_as_questions(checklist):
    for code in RED_FLAG_CODES:
        assert checklist.item(code).label.endswith("?"), code


def test_sided_items_name_their_side_in_the_label(checklist):
    for code in checklist.codes:
        side = code.rsplit(".", 1)[1]
        if side in SIDES:
            assert side in checklist.item(code).label, code


def test_examination_help_explains_how_to_grade(checklist):
    assert "clonus" in checklist.item("exam.reflex.knee.left").help
    assert "against gravity" in checklist.item("exam.power.L5.left").help
    assert "axial load" in checklist.item("exam.test.spurling.right").help
    assert "30° and 70°" in checklist.item("exam.test.slr.left").help
    assert "middle finger" in checklist.item("exam.sensation.C7.left").help


# --- sections and grids -----------------------------------------------------------------------------------


def test_sections_follow_the_diagnostic_path(checklist):
    assert [section.code for section in checklist.sections] == ["history", "red_flags", "examination", "plan"]


def test_examination_runs_from_inspection_to_gait(checklist):
    examination = checklist.sections[2]
    assert [section.code for section in examination.subsections] == [
        "examination.inspection",
        "examination.palpation",
        "examination.reflexes",
        "examination.power",
        "examination.sensation",
        "examination.provocative_tests",
        "examination.other",
        "examination.gait",
    ]


def test_each_code_family_sits_in_its_section(checklist):
    expected_section = {
        "history.": "history",
        "red_flag.": "red_flags",
        "exam.reflex.": "examination.reflexes",
        "exam.power.": "examination.power",
        "exam.sensation.": "examination.sensation",
        "exam.test.": "examination.provocative_tests",
        "exam.slr_angle.": "examination.other",
        "plan.": "plan",
    }
    for item in checklist.items:
        for prefix, section in expected_section.items():
            if item.code.startswith(prefix):
                assert item.section == section, item.code


def test_every_sided_item_is_in_exactly_one_grid_row(checklist):
    in_grids = []
    for section in checklist.sections[2].subsections:
        if section.grid:
            in_grids.extend(section.grid.codes)
            for row in section.grid.rows:
                assert row.left.endswith(".left") and row.right.endswith(".right")
                assert row.left.rsplit(".", 1)[0] == row.right.rsplit(".", 1)[0]
    sided = [code for code in checklist.codes if code.rsplit(".", 1)[1] in SIDES]
    assert sorted(in_grids) == sorted(sided)


def test_grid_rows_name_the_root_or_nerve(checklist):
    reflexes = {row.key: row.label for row in checklist.sections[2].subsections[2].grid.rows}
    assert reflexes["biceps"] == "Biceps (C5–6)"
    power = {row.key: row.label for row in checklist.sections[2].subsections[3].grid.rows}
    assert "median" in power["APB"]


def test_api_shape_carries_values_ranges_lengths_and_grids(checklist):
    data = checklist.as_dict()
    assert data["version"] == "nerve-compression/1"
    history = data["sections"][0]
    side = next(item for item in history["items"] if item["code"] == "history.side")
    assert side["values"][0] == {"value": "left", "label": "Left"}
    pain = next(item for item in history["items"] if item["code"] == "history.pain_score")
    assert set(pain) == {"code", "type", "label", "help", "minimum", "maximum"}
    notes = data["sections"][3]["items"][-1]
    assert notes["max_length"] == 2000 and "values" not in notes
    reflexes = data["sections"][2]["subsections"][2]
    assert reflexes["grid"]["rows"][0] == {
        "key": "biceps",
        "label": "Biceps (C5–6)",
        "left": "exam.reflex.biceps.left",
        "right": "exam.reflex.biceps.right",
    }
    assert data["sections"][0]["grid"] is None and data["sections"][0]["subsections"] == []
    json.dumps(data)


# --- structural validation of the data --------------------------------------------------------------------


def test_minimal_definition_builds():
    checklist = checklist_from_data(minimal_definition())
    assert checklist.codes == ("history.side",)
    assert checklist.item("history.side").section == "history"


def test_duplicate_item_code_is_rejected():
    data = minimal_definition()
    data["sections"][0]["items"].append(dict(data["sections"][0]["items"][0]))
    with pytest.raises(ChecklistDefinitionError, match=r"duplicate code 'history\.side'"):
        checklist_from_data(data)


def test_unknown_type_is_rejected():
    with pytest.raises(ChecklistDefinitionError, match="unknown type 'date'"):
        checklist_from_data(minimal_definition(type="date"))


def test_choice_without_values_is_rejected():
    with pytest.raises(ChecklistDefinitionError, match=r"values: must be a non-empty list"):
        checklist_from_data(minimal_definition(type="choice", values=[]))


def test_multi_without_values_key_is_rejected():
    with pytest.raises(ChecklistDefinitionError, match="missing values"):
        checklist_from_data(minimal_definition(type="multi"))


def test_repeated_choice_value_is_rejected():
    values = [{"value": "left", "label": "Left"}, {"value": "left", "label": "Left again"}]
    with pytest.raises(ChecklistDefinitionError, match="duplicate value 'left'"):
        checklist_from_data(minimal_definition(type="choice", values=values))


def test_integer_minimum_above_maximum_is_rejected():
    with pytest.raises(ChecklistDefinitionError, match="minimum 5 is greater than maximum 0"):
        checklist_from_data(minimal_definition(type="int", minimum=5, maximum=0))


def test_integer_bound_that_is_not_an_integer_is_rejected():
    with pytest.raises(ChecklistDefinitionError, match="maximum: must be an integer"):
        checklist_from_data(minimal_definition(type="int", minimum=0, maximum="10"))


def test_blank_help_is_rejected():
    with pytest.raises(ChecklistDefinitionError, match=r"history\.side\)\.help: must be a non-empty string"):
        checklist_from_data(minimal_definition(help="  "))


def test_missing_label_is_rejected():
    data = minimal_definition()
    del data["sections"][0]["items"][0]["label"]
    with pytest.raises(ChecklistDefinitionError, match="missing label"):
        checklist_from_data(data)


def test_misspelt_key_is_rejected():
    with pytest.raises(ChecklistDefinitionError, match=r"unknown key.*lable"):
        checklist_from_data(minimal_definition(lable="Side"))


def test_key_of_another_type_is_rejected():
    with pytest.raises(ChecklistDefinitionError, match=r"unknown key.*max_length"):
        checklist_from_data(minimal_definition(max_length=10))


def test_grid_naming_an_item_outside_its_section_is_rejected():
    data = minimal_definition()
    data["sections"][0]["grid"] = {
        "rows": [{"key": "x", "label": "X", "left": "history.side", "right": "history.elsewhere"}]
    }
    with pytest.raises(
        ChecklistDefinitionError, match=r"'history\.elsewhere' is not an item of this section"
    ):
        checklist_from_data(data)


def test_section_without_items_is_rejected():
    data = minimal_definition()
    del data["sections"][0]["items"]
    with pytest.raises(ChecklistDefinitionError, match="neither items nor subsections"):
        checklist_from_data(data)


def test_repeated_yaml_key_is_rejected(tmp_path):
    path = tmp_path / "test-1.yaml"
    path.write_text("version: test/1\nversion: test/2\nsections: []\n", encoding="utf-8")
    with pytest.raises(ChecklistDefinitionError, match="repeated key 'version'"):
        load_checklist_file(path)


def test_file_declaring_another_version_is_rejected(tmp_path):
    path = tmp_path / "test-1.yaml"
    path.write_text(json.dumps(minimal_definition()).replace("test/1", "test/2"), encoding="utf-8")
    with pytest.raises(ChecklistDefinitionError, match="declares version 'test/2', expected 'test/1'"):
        load_checklist_file(path, expected_version="test/1")
