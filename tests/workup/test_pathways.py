"""The pathway registry: versions tie a checklist to a ruleset; rulesets are checked, fingerprinted data."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from workup import pathways
from workup.pathways.rules import Fired, Rule, Ruleset, RulesetDefinitionError, fired_rules
from workup.pathways.rules.findings import Facts
from workup.pathways.rules.records import PathwayPolicy

ROOT = Path(__file__).resolve().parents[2]
RECORDED_FINGERPRINTS = json.loads((Path(__file__).parent / "ruleset_fingerprints.json").read_text())


def a_rule(rule_id: str, *, fires: bool = True, tier: str = "urgent", **changes) -> Rule:
    rule = Rule(
        id=rule_id,
        tier=tier,
        conditions=("spinal_infection",),
        tests=(),
        specialty="spinal_surgery",
        sources=("BMC-SPINE-INF",),
        reason="test rule.",
        predicate=(lambda facts: Fired(("found",))) if fires else (lambda facts: None),
    )
    return replace(rule, **changes)


def no_facts() -> Facts:
    return Facts.gather({}, age=40, policy=PathwayPolicy())


def test_the_current_pathway_is_checklist_1_with_ruleset_1():
    current = pathways.current()

    assert (current.checklist_version, current.ruleset_version) == (
        "nerve-compression/1",
        "nerve-compression-rules/1",
    )
    assert current.checklist.version == "nerve-compression/1"


def test_a_signed_encounters_versions_find_their_pathway_again():
    pathway = pathways.for_versions("nerve-compression/1", "nerve-compression-rules/1")

    assert pathway.ruleset is pathways.ruleset("nerve-compression-rules/1")


@pytest.mark.parametrize(
    ("checklist", "ruleset"),
    [
        ("nerve-compression/9", "nerve-compression-rules/1"),
        ("nerve-compression/1", "nerve-compression-rules/9"),
    ],
)
def test_unknown_versions_are_refused_by_name(checklist, ruleset):
    with pytest.raises(pathways.UnknownPathway, match="/9"):
        pathways.for_versions(checklist, ruleset)


def test_the_pathway_assesses_with_completeness_from_its_checklist():
    assessment = pathways.current().assess({"history.regions": ["cervical_spine"]}, age=40)

    assert assessment.incomplete == (
        "red_flag.history_of_cancer",
        "red_flag.unexplained_weight_loss",
        "red_flag.fever",
        "red_flag.significant_trauma",
        "red_flag.progressive_weakness",
        "red_flag.hand_clumsiness",
        "red_flag.gait_disturbance",
        "history.symptoms",
    )


@pytest.mark.parametrize(
    ("rule_id", "hands_off_to"),
    [("MAL-1", ("MSCC-1",)), ("MAL-2", ("MSCC-1", "MAL-1")), ("INF-1", ("INF-2",)), ("FRAC-1", ("FRAC-2",))],
)
def test_v1_hand_offs_are_declared_in_the_table(rule_id, hands_off_to):
    assert pathways.ruleset("nerve-compression-rules/1").rule(rule_id).stands_down_for == hands_off_to


def test_a_rule_stands_down_when_the_rule_it_hands_off_to_fires():
    ruleset = Ruleset(
        "test/1", (a_rule("HIGH-1", tier="emergency"), a_rule("LOW-1", stands_down_for=("HIGH-1",)))
    )

    assert [rule.id for rule, _ in fired_rules(ruleset, no_facts())] == ["HIGH-1"]


def test_a_rule_keeps_firing_when_the_rule_it_hands_off_to_does_not():
    ruleset = Ruleset("test/1", (a_rule("HIGH-1", fires=False), a_rule("LOW-1", stands_down_for=("HIGH-1",))))

    assert [rule.id for rule, _ in fired_rules(ruleset, no_facts())] == ["LOW-1"]


def test_a_hand_off_counts_only_when_the_sibling_itself_fires():
    # C stands down for B, B for A: when A fires, B stands down, so C fires again.
    ruleset = Ruleset(
        "test/1",
        (a_rule("A-1"), a_rule("B-1", stands_down_for=("A-1",)), a_rule("C-1", stands_down_for=("B-1",))),
    )

    assert [rule.id for rule, _ in fired_rules(ruleset, no_facts())] == ["A-1", "C-1"]


def test_a_hand_off_to_an_unknown_rule_is_refused():
    with pytest.raises(RulesetDefinitionError, match="unknown rule 'GONE-1'"):
        Ruleset("test/1", (a_rule("LOW-1", stands_down_for=("GONE-1",)),))


def test_a_hand_off_cycle_is_refused():
    with pytest.raises(RulesetDefinitionError, match="cycle"):
        Ruleset("test/1", (a_rule("A-1", stands_down_for=("B-1",)), a_rule("B-1", stands_down_for=("A-1",))))


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"tier": "soon"}, "tier 'soon'"),
        ({"conditions": ("back_ache",)}, "condition 'back_ache'"),
        ({"tests": ("pet_scan",)}, "test 'pet_scan'"),
        ({"specialty": "dentistry"}, "specialty 'dentistry'"),
        ({"sources": ("WIKIPEDIA",)}, "source 'WIKIPEDIA'"),
        ({"sources": ()}, "no source"),
    ],
)
def test_a_rule_outside_the_vocabulary_is_refused_by_name(change, named):
    with pytest.raises(RulesetDefinitionError, match=named):
        Ruleset("test/1", (a_rule("X-1", **change),))


def test_a_rule_id_is_defined_once():
    with pytest.raises(RulesetDefinitionError, match="twice"):
        Ruleset("test/1", (a_rule("X-1"), a_rule("X-1")))


@pytest.mark.parametrize("version", sorted(pathways.RULESETS))
def test_a_shipped_ruleset_keeps_the_fingerprint_recorded_for_its_version(version):
    assert version in RECORDED_FINGERPRINTS, (
        f"{version} is new: record it with scripts/ruleset_fingerprints.py {version}"
    )
    current = pathways.ruleset(version).fingerprint()
    recorded = RECORDED_FINGERPRINTS[version]
    changed = sorted(key for key in current.keys() | recorded.keys() if current.get(key) != recorded.get(key))
    assert not changed, (
        f"{version} changed ({', '.join(changed)}) after it shipped. Signed encounters replay with it "
        "(spec §4.8): put the change in a new ruleset version instead."
    )


def test_every_recorded_ruleset_is_still_registered():
    assert set(RECORDED_FINGERPRINTS) <= set(pathways.RULESETS)


@pytest.mark.parametrize(
    "change",
    [
        {"reason": "a reworded reason."},
        {"tier": "emergency"},
        {"tests": ("xray_spine",)},
        {"sources": ("EBSCO-RF",)},
        {"stands_down_for": ("CES-1",)},
        {"predicate": lambda facts: None},
    ],
)
def test_any_change_to_a_rule_changes_its_fingerprint(change):
    ruleset = pathways.ruleset("nerve-compression-rules/1")
    rule = ruleset.rule("MAL-1")

    assert ruleset.rule_fingerprint(replace(rule, **change)) != ruleset.rule_fingerprint(rule)


def test_the_pathways_package_runs_without_django():
    script = (
        "import sys; from workup import pathways; "
        "pathways.current().assess({'history.regions': ['lumbar_spine']}, age=40); "
        "assert 'django' not in sys.modules, 'django was imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )

    assert result.returncode == 0, result.stderr
