"""GET /api/v1/checklist/: the current checklist definition (spec §2, §5)."""

from __future__ import annotations

import pytest

from tests.spec_codes import RED_FLAG_CODES

CHECKLIST_URL = "/api/v1/checklist/"


@pytest.fixture
def checklist(client_a) -> dict:
    response = client_a.get(CHECKLIST_URL)
    assert response.status_code == 200
    return response.json()


def all_items(sections: list[dict]) -> list[dict]:
    return [
        item for section in sections for item in section["items"] + all_items(section.get("subsections", []))
    ]


def test_the_checklist_names_its_version(checklist):
    assert checklist["version"] == "nerve-compression/1"


def test_the_checklist_sections_follow_the_diagnostic_path(checklist):
    assert [section["code"] for section in checklist["sections"]] == [
        "history",
        "red_flags",
        "examination",
        "plan",
    ]


def test_every_item_has_code_type_label_and_help(checklist):
    for item in all_items(checklist["sections"]):
        assert {"code", "type", "label", "help"} <= set(item), item["code"]
        assert item["type"] in {"bool", "int", "choice", "multi", "text"}


def test_int_items_give_their_range(checklist):
    items = {item["code"]: item for item in all_items(checklist["sections"])}

    assert (items["history.pain_score"]["minimum"], items["history.pain_score"]["maximum"]) == (0, 10)
    assert (items["exam.power.L5.left"]["minimum"], items["exam.power.L5.left"]["maximum"]) == (0, 5)


def test_choice_items_list_their_values(checklist):
    items = {item["code"]: item for item in all_items(checklist["sections"])}

    assert [choice["value"] for choice in items["history.side"]["values"]] == [
        "left",
        "right",
        "bilateral",
        "central",
    ]


def test_the_checklist_holds_every_red_flag(checklist):
    codes = {item["code"] for item in all_items(checklist["sections"])}

    assert set(RED_FLAG_CODES) <= codes
