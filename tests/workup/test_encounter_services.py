"""Encounter services: validation, optimistic concurrency, sign-off, addenda, override."""

from dataclasses import replace

import pytest

from core.errors import EncounterSigned, InvalidInput, NotPermitted, SignOffRefused, VersionConflict
from core.models import AuditEvent
from tests.workup.rules_v1 import RULESET_VERSION
from workup import pathways
from workup.demo_cases import CARPAL_TUNNEL, CAUDA_EQUINA, L5_FOOT_DROP
from workup.models import Encounter
from workup.pathways.rules import Ruleset
from workup.services import (
    addendum_create,
    encounter_create,
    encounter_preview,
    encounter_sign,
    encounter_update,
)


def test_a_new_encounter_is_a_draft_assessed_from_its_answers(gp_a, patient_a):
    encounter = encounter_create(clinician=gp_a, patient=patient_a, answers=CAUDA_EQUINA.answers)

    assert encounter.status == "draft"
    assert encounter.checklist_version == "nerve-compression/1"
    assert encounter.computed_urgency == "emergency"
    assert encounter.assessment["ruleset"] == RULESET_VERSION == encounter.ruleset_version
    assert encounter.version == 1


def test_invalid_answers_name_every_offending_code_and_save_nothing(gp_a, patient_a):
    answers = {"history.pain_score": 11, "exam.gait": "hopping", "history.nonsense": True}

    with pytest.raises(InvalidInput) as refused:
        encounter_create(clinician=gp_a, patient=patient_a, answers=answers)

    assert set(refused.value.errors) == {"history.pain_score", "exam.gait", "history.nonsense"}
    assert not Encounter.objects.exists()


def test_an_update_merges_answers_and_null_clears_one(gp_a, patient_a):
    encounter = encounter_create(clinician=gp_a, patient=patient_a, answers={"history.pain_score": 4})

    encounter = encounter_update(
        clinician=gp_a,
        encounter=encounter,
        version=1,
        answers={"history.pain_score": None, "history.regions": ["lumbar_spine"]},
    )

    assert encounter.answers == {"history.regions": ["lumbar_spine"]}
    assert encounter.version == 2


def test_an_update_recomputes_the_assessment(gp_a, patient_a):
    encounter = encounter_create(
        clinician=gp_a, patient=patient_a, answers={"history.regions": ["lumbar_spine"]}
    )

    encounter = encounter_update(
        clinician=gp_a, encounter=encounter, version=1, answers={"red_flag.saddle_anaesthesia": True}
    )

    assert encounter.computed_urgency == "emergency"


def test_a_stale_version_is_refused_and_changes_nothing(gp_a, patient_a):
    encounter = encounter_create(clinician=gp_a, patient=patient_a, answers={"history.pain_score": 4})
    encounter_update(clinician=gp_a, encounter=encounter, version=1, answers={"history.pain_score": 5})

    with pytest.raises(VersionConflict) as conflict:
        encounter_update(clinician=gp_a, encounter=encounter, version=1, answers={"history.pain_score": 9})

    encounter.refresh_from_db()
    assert conflict.value.current_version == 2
    assert encounter.answers == {"history.pain_score": 5}


def test_a_rejected_update_keeps_what_was_saved(gp_a, patient_a):
    encounter = encounter_create(clinician=gp_a, patient=patient_a, answers={"history.pain_score": 4})

    with pytest.raises(InvalidInput):
        encounter_update(clinician=gp_a, encounter=encounter, version=1, answers={"history.pain_score": 99})

    encounter.refresh_from_db()
    assert (encounter.answers, encounter.version) == ({"history.pain_score": 4}, 1)


def test_preview_assesses_changes_without_saving_them(gp_a, patient_a):
    encounter = encounter_create(
        clinician=gp_a, patient=patient_a, answers={"history.regions": ["lumbar_spine"]}
    )

    assessment = encounter_preview(encounter=encounter, answers={"red_flag.bladder_dysfunction": True})

    encounter.refresh_from_db()
    assert assessment.urgency == "emergency"
    assert encounter.computed_urgency == "conservative"
    assert encounter.version == 1


def test_signing_is_refused_while_the_screen_is_incomplete(gp_a, patient_a):
    encounter = encounter_create(
        clinician=gp_a, patient=patient_a, answers={"history.regions": ["lumbar_spine"]}
    )

    with pytest.raises(SignOffRefused) as refused:
        encounter_sign(clinician=gp_a, encounter=encounter)

    assert "red_flag.saddle_anaesthesia" in refused.value.errors
    assert Encounter.objects.get().status == "draft"


def test_signing_a_routine_encounter_needs_safety_netting(gp_a, patient_a):
    answers = {**CARPAL_TUNNEL.answers, "plan.safety_net_given": False}
    encounter = encounter_create(clinician=gp_a, patient=patient_a, answers=answers)

    with pytest.raises(SignOffRefused) as refused:
        encounter_sign(clinician=gp_a, encounter=encounter)

    assert list(refused.value.errors) == ["plan.safety_net_given"]


def test_a_signed_encounter_cannot_change(gp_a, patient_a):
    encounter = encounter_sign(
        clinician=gp_a,
        encounter=encounter_create(clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers),
    )

    with pytest.raises(EncounterSigned):
        encounter_update(clinician=gp_a, encounter=encounter, version=encounter.version, answers={})


def test_signing_freezes_the_assessment_with_signer_and_time(gp_a, patient_a):
    encounter = encounter_create(clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers)

    signed = encounter_sign(clinician=gp_a, encounter=encounter)

    assert (signed.status, signed.signed_by, signed.computed_urgency) == ("signed", gp_a, "urgent")
    assert signed.signed_at is not None


def test_an_addendum_keeps_the_signed_original(gp_a, patient_a):
    encounter = encounter_sign(
        clinician=gp_a,
        encounter=encounter_create(clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers),
    )
    answers_before = dict(encounter.answers)

    addendum = addendum_create(clinician=gp_a, encounter=encounter, text="MRI booked for Tuesday.")

    encounter.refresh_from_db()
    assert encounter.addenda.get() == addendum
    assert encounter.answers == answers_before


def test_an_addendum_to_a_draft_is_refused(gp_a, patient_a):
    encounter = encounter_create(clinician=gp_a, patient=patient_a)

    with pytest.raises(InvalidInput):
        addendum_create(clinician=gp_a, encounter=encounter, text="Too early")


def test_an_override_needs_a_reason_of_ten_characters(gp_a, patient_a):
    encounter = encounter_create(clinician=gp_a, patient=patient_a)

    with pytest.raises(InvalidInput) as refused:
        encounter_update(
            clinician=gp_a,
            encounter=encounter,
            version=1,
            urgency_override="urgent",
            override_reason="worried",
        )

    assert "override_reason" in refused.value.errors


def test_an_override_keeps_both_tiers_and_sets_the_effective_urgency(gp_a, patient_a):
    encounter = encounter_create(clinician=gp_a, patient=patient_a, answers=CARPAL_TUNNEL.answers)

    encounter = encounter_update(
        clinician=gp_a,
        encounter=encounter,
        version=1,
        urgency_override="urgent",
        override_reason="Rapidly progressive numbness over two weeks.",
    )

    assert (encounter.computed_urgency, encounter.effective_urgency) == ("routine", "urgent")


def test_admin_staff_cannot_write_encounters(staff_a, patient_a):
    with pytest.raises(NotPermitted):
        encounter_create(clinician=staff_a, patient=patient_a)


def test_a_gp_cannot_start_an_encounter_for_another_practices_patient(gp_b, patient_a):
    with pytest.raises(NotPermitted):
        encounter_create(clinician=gp_b, patient=patient_a)


def test_every_change_is_in_the_audit_trail(gp_a, patient_a):
    encounter = encounter_create(clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers)
    encounter_sign(clinician=gp_a, encounter=encounter)

    actions = list(
        AuditEvent.objects.filter(object_id=str(encounter.public_id)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "sign"]


def test_the_audit_trail_cannot_be_edited_in_postgresql(gp_a, patient_a):
    from django.db import DatabaseError, transaction

    encounter_create(clinician=gp_a, patient=patient_a)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(action="tampered")


def test_the_practices_pathway_policy_sets_the_thresholds(gp_a, patient_a):
    answers = {
        **L5_FOOT_DROP.answers,
        "exam.power.L5.left": 5,
        "exam.gait": "normal",
        "history.conservative_weeks": 4,
    }
    before = encounter_create(clinician=gp_a, patient=patient_a, answers=answers)
    gp_a.practice.lumbar_conservative_weeks = 4
    gp_a.practice.save()
    patient_a.refresh_from_db()

    after = encounter_create(clinician=gp_a, patient=patient_a, answers=answers)

    assert (before.computed_urgency, after.computed_urgency) == ("conservative", "routine")


def test_a_changed_ruleset_never_changes_a_signed_assessment(gp_a, patient_a, monkeypatch):
    signed = encounter_sign(
        clinician=gp_a,
        encounter=encounter_create(clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers),
    )
    stored = dict(signed.assessment)
    # Ship a new ruleset that says something else about every rule, and make it current.
    v1 = pathways.current()
    changed_rules = tuple(replace(rule, reason="a changed reason.") for rule in v1.ruleset.rules)
    newer = replace(v1, ruleset=Ruleset("nerve-compression-rules/99", changed_rules))
    monkeypatch.setattr(pathways.registry, "PATHWAYS", (newer,))

    addendum_create(clinician=gp_a, encounter=signed, text="Seen again; unchanged.")
    draft = encounter_create(clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers)

    signed.refresh_from_db()
    assert signed.assessment == stored
    assert signed.ruleset_version == RULESET_VERSION
    assert draft.ruleset_version == "nerve-compression-rules/99"  # the new ruleset really was in force
    assert draft.assessment["reasons"][0]["text"].endswith("a changed reason.")


def test_removing_the_override_removes_its_reason(gp_a, patient_a):
    encounter = encounter_create(
        clinician=gp_a,
        patient=patient_a,
        urgency_override="urgent",
        override_reason="Rapidly progressive numbness over two weeks.",
    )

    encounter = encounter_update(clinician=gp_a, encounter=encounter, version=1, urgency_override=None)

    assert (encounter.urgency_override, encounter.override_reason) == ("", "")
