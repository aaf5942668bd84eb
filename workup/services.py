"""The writes. Every door (API, pages, admin, commands) calls these, never the models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from clinic.models import Clinician, Patient
from core import audit
from core.errors import EncounterSigned, InvalidInput, NotPermitted, SignOffRefused, VersionConflict
from workup import pathways
from workup.models import Addendum, Encounter
from workup.pathways import rules, vocabulary
from workup.pathways.checklists import validate_answers
from workup.pathways.replay import ReplayResult, replay

UNCHANGED: Any = object()
MAX_ADDENDUM_LENGTH = vocabulary.ADDENDUM_MAX_LENGTH


def _require_gp(clinician: Clinician) -> None:
    if not clinician.is_gp:
        raise NotPermitted("Only a GP can write encounters.")


def _require_same_practice(clinician: Clinician, patient: Patient) -> None:
    # Selectors already scope every lookup; this is the second lock on the door.
    if patient.practice_id != clinician.practice_id:
        raise NotPermitted("This patient belongs to another practice.")


def compute_assessment(*, patient: Patient, answers: dict, on_date) -> rules.Assessment:
    """The current pathway's assessment of answers for patient, with the practice's pathway policy."""
    return pathways.current().assess(
        answers, age=patient.age_on(on_date), policy=patient.practice.pathway_policy
    )


def _validated_answers(answers: Any, *, allow_null: bool, version: str | None = None) -> dict:
    pathway = pathways.for_checklist(version) if version else pathways.current()
    errors = validate_answers(pathway.checklist, answers, allow_null=allow_null)
    if errors:
        raise InvalidInput(errors)
    return answers


def _merge(current: dict, changes: dict) -> dict:
    merged = dict(current)
    for code, value in changes.items():
        if value is None:
            merged.pop(code, None)
        else:
            merged[code] = value
    return merged


def _store_assessment(encounter: Encounter, assessment: rules.Assessment) -> None:
    encounter.assessment = assessment.as_dict()
    encounter.ruleset_version = assessment.ruleset
    encounter.computed_urgency = assessment.urgency


def _checked_override(urgency_override: str, override_reason: str) -> tuple[str, str]:
    """The override and its reason as stored: a reason without an override is dropped."""
    if not urgency_override:
        return "", ""
    errors = pathways.current().override_errors(urgency_override, override_reason or None)
    if errors:
        raise InvalidInput(errors)
    return urgency_override, override_reason


@transaction.atomic
def encounter_create(
    *,
    clinician: Clinician,
    patient: Patient,
    answers: dict | None = None,
    urgency_override: str = "",
    override_reason: str = "",
) -> Encounter:
    """Start a draft encounter for patient, assessed from the first answers."""
    _require_gp(clinician)
    _require_same_practice(clinician, patient)
    answers = _validated_answers(answers if answers is not None else {}, allow_null=False)
    urgency_override, override_reason = _checked_override(
        urgency_override or "", (override_reason or "").strip()
    )
    encounter = Encounter(
        patient=patient,
        clinician=clinician,
        checklist_version=pathways.current().checklist_version,
        answers=answers,
        encounter_date=timezone.localdate(),
        urgency_override=urgency_override,
        override_reason=override_reason,
    )
    _store_assessment(
        encounter, compute_assessment(patient=patient, answers=answers, on_date=encounter.encounter_date)
    )
    encounter.save()
    audit.record(actor=clinician.user, action="create", target=encounter, practice=patient.practice)
    return encounter


@transaction.atomic
def encounter_update(
    *,
    clinician: Clinician,
    encounter: Encounter,
    version: int,
    answers: dict | None = None,
    urgency_override: str | None = UNCHANGED,
    override_reason: str | None = UNCHANGED,
) -> Encounter:
    """Merge answer changes (None clears a code) and override, if `version` is current."""
    _require_gp(clinician)
    _require_same_practice(clinician, encounter.patient)
    # Lock the row so two concurrent saves of the same draft serialise on the version check.
    locked = Encounter.objects.select_for_update().select_related("patient__practice").get(pk=encounter.pk)
    if locked.is_signed:
        raise EncounterSigned()
    if version != locked.version:
        raise VersionConflict(locked.version)
    changes = _validated_answers(answers or {}, allow_null=True, version=locked.checklist_version)
    if urgency_override is not UNCHANGED or override_reason is not UNCHANGED:
        new_override = locked.urgency_override if urgency_override is UNCHANGED else (urgency_override or "")
        new_reason = (
            locked.override_reason if override_reason is UNCHANGED else (override_reason or "").strip()
        )
        locked.urgency_override, locked.override_reason = _checked_override(new_override, new_reason)
    locked.answers = _merge(locked.answers, changes)
    _store_assessment(
        locked,
        compute_assessment(patient=locked.patient, answers=locked.answers, on_date=locked.encounter_date),
    )
    locked.version += 1
    locked.save()
    audit.record(actor=clinician.user, action="update", target=locked, practice=locked.patient.practice)
    return locked


def _previewed_answers(encounter: Encounter, answers: dict | None) -> dict:
    changes = _validated_answers(answers or {}, allow_null=True, version=encounter.checklist_version)
    return _merge(encounter.answers, changes)


def encounter_preview(*, encounter: Encounter, answers: dict | None) -> rules.Assessment:
    """The assessment the encounter would have with these answer changes; saves nothing."""
    merged = _previewed_answers(encounter, answers)
    return compute_assessment(patient=encounter.patient, answers=merged, on_date=encounter.encounter_date)


@dataclass(frozen=True)
class SignOffPreview:
    """A draft as it would stand with unsaved changes: what the encounter page shows while the GP types."""

    assessment: rules.Assessment
    effective_urgency: str
    override_errors: dict[str, list[str]]  # why the override as typed cannot be saved yet; {} if it can
    sign_off_errors: dict[str, list[str]]


def encounter_sign_off_preview(
    *, encounter: Encounter, answers: dict | None, urgency_override: str, override_reason: str
) -> SignOffPreview:
    """Assessment, effective urgency and sign-off blockers with these changes and override; saves nothing."""
    merged = _previewed_answers(encounter, answers)
    assessment = compute_assessment(
        patient=encounter.patient, answers=merged, on_date=encounter.encounter_date
    )
    pathway = pathways.current()  # the pathway drafts are assessed and signed with
    override_errors = pathway.override_errors(urgency_override, override_reason)
    # Only an override that could be saved is in force, exactly as it would be once saved.
    override = urgency_override if urgency_override and not override_errors else None
    return SignOffPreview(
        assessment=assessment,
        effective_urgency=pathway.effective_urgency(assessment, override),
        override_errors=override_errors,
        sign_off_errors=pathway.sign_off_errors(assessment, merged, override),
    )


@transaction.atomic
def encounter_sign(*, clinician: Clinician, encounter: Encounter, version: int | None = None) -> Encounter:
    """Sign the draft (spec §4.7): freezes answers and the assessment as computed."""
    _require_gp(clinician)
    _require_same_practice(clinician, encounter.patient)
    locked = Encounter.objects.select_for_update().select_related("patient__practice").get(pk=encounter.pk)
    if locked.is_signed:
        raise EncounterSigned()
    if version is not None and version != locked.version:
        raise VersionConflict(locked.version)
    # Recompute rather than trust the stored copy, so the frozen assessment is exactly
    # what the current ruleset says about the answers being signed.
    assessment = compute_assessment(
        patient=locked.patient, answers=locked.answers, on_date=locked.encounter_date
    )
    errors = pathways.current().sign_off_errors(assessment, locked.answers, locked.urgency_override or None)
    if errors:
        raise SignOffRefused(errors)
    _store_assessment(locked, assessment)
    locked.status = Encounter.Status.SIGNED
    locked.signed_at = timezone.now()
    locked.signed_by = clinician
    locked.version += 1
    locked.save()
    audit.record(actor=clinician.user, action="sign", target=locked, practice=locked.patient.practice)
    return locked


@transaction.atomic
def addendum_create(*, clinician: Clinician, encounter: Encounter, text: str) -> Addendum:
    """Add a correction or note to a signed encounter, keeping the original."""
    _require_gp(clinician)
    _require_same_practice(clinician, encounter.patient)
    text = (text or "").strip()
    if not text:
        raise InvalidInput({"text": ["An addendum needs some text."]})
    if len(text) > MAX_ADDENDUM_LENGTH:
        raise InvalidInput({"text": [f"At most {MAX_ADDENDUM_LENGTH} characters."]})
    if not encounter.is_signed:
        raise InvalidInput({"encounter": ["Addenda are for signed encounters; edit the draft instead."]})
    addendum = Addendum.objects.create(encounter=encounter, author=clinician, text=text)
    audit.record(
        actor=clinician.user, action="addendum", target=encounter, practice=encounter.patient.practice
    )
    return addendum


def encounter_replay(*, encounter: Encounter) -> ReplayResult:
    """Recompute a signed encounter's assessment with its own checklist and ruleset (spec §4.8)."""
    if not encounter.is_signed:
        raise InvalidInput(
            {"status": ["Only a signed encounter can be replayed; a draft is reassessed as it changes."]}
        )
    # The practice's policy as it stands: a practice that changed a threshold since signing is told so by
    # the differences (the encounter does not yet record the policy it was signed under).
    return replay(
        checklist_version=encounter.checklist_version,
        ruleset_version=encounter.ruleset_version,
        answers=encounter.answers,
        age=encounter.patient.age_on(encounter.encounter_date),
        policy=encounter.patient.practice.pathway_policy,
        stored=encounter.assessment,
    )
