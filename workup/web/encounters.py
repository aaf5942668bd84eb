"""Encounter pages: the draft form with its live assessment, sign-off, and the signed record with addenda."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from clinic.models import Clinician
from core.errors import EncounterSigned, InvalidInput, SignOffRefused, VersionConflict
from workup import pathways, selectors, services
from workup.encounters.presentation import answered_sections
from workup.forms import AddendumForm, ReferralForm, add_service_errors
from workup.models import Encounter, Urgency
from workup.pathways import rules
from workup.web import page_vocabulary
from workup.web.access import clinician_json, clinician_page, found, shown
from workup.web.encounter_form import form_section, item_anchor
from workup.web.page_vocabulary import item_labels


def blocker_messages(errors: dict[str, list[str]]) -> dict[str, str]:
    """Sign-off errors (spec §4.7) as one message per item code."""
    return {code: " ".join(found_messages) for code, found_messages in errors.items()}


def sign_blockers(encounter: Encounter) -> dict[str, str]:
    """What stops this draft being signed now, code → message, from the stored assessment."""
    if not encounter.assessment:
        return {}
    assessment = rules.Assessment.from_dict(encounter.assessment)
    pathway = pathways.current()  # the pathway a draft is signed with
    return blocker_messages(
        pathway.sign_off_errors(assessment, encounter.answers, encounter.urgency_override or None)
    )


def assessment_context(encounter: Encounter) -> dict[str, Any]:
    """The assessment with the words a GP reads, for the panel and the signed view."""
    assessment = encounter.assessment or {}
    checklist = pathways.for_checklist(encounter.checklist_version).checklist
    labels = item_labels(checklist)
    return {
        "assessment": assessment,
        "effective_urgency": encounter.effective_urgency,
        "banner": page_vocabulary.word("banner", encounter.effective_urgency),
        "computed_banner": page_vocabulary.word("banner", encounter.computed_urgency),
        "conditions": [
            page_vocabulary.word("condition", code) for code in assessment.get("suspected_conditions", [])
        ],
        "tests": [page_vocabulary.word("test", code) for code in assessment.get("recommended_tests", [])],
        "specialty": page_vocabulary.word("specialty", assessment.get("specialty", "")),
        "incomplete": [
            {"code": code, "label": labels.get(code, code), "dom_id": item_anchor(code)}
            for code in assessment.get("incomplete", [])
        ],
    }


def encounter_form_page(
    request: HttpRequest,
    encounter: Encounter,
    *,
    sign_errors: dict[str, list[str]] | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    checklist = pathways.for_checklist(encounter.checklist_version).checklist
    blockers = sign_blockers(encounter)
    if sign_errors:
        blockers = blocker_messages(sign_errors)
    labels = item_labels(checklist)
    context = {
        "encounter": encounter,
        "patient": encounter.patient,
        "age": encounter.patient.age_on(encounter.encounter_date),
        "sections": [form_section(section, encounter.answers, blockers) for section in checklist.sections],
        "blockers": [
            {"code": code, "label": labels.get(code, code), "dom_id": item_anchor(code), "message": message}
            for code, message in blockers.items()
        ],
        "sign_refused": bool(sign_errors),
        "conflict": conflict,
        "urgency_choices": Urgency.choices,
        "page_data": page_vocabulary.encounter_page_data(checklist),
        "override_reason_min_length": page_vocabulary.override_reason_min_length(),
        "text_max_length": page_vocabulary.text_max_length(),
        **assessment_context(encounter),
    }
    return render(request, "workup/encounter_form.html", context, status=status)


def encounter_detail_page(
    request: HttpRequest,
    encounter: Encounter,
    *,
    addendum_form: AddendumForm | None = None,
    referral_form: ReferralForm | None = None,
    status: int = 200,
) -> HttpResponse:
    clinician: Clinician = request.clinician
    checklist = pathways.for_checklist(encounter.checklist_version).checklist
    services_ = selectors.services_for(clinician)
    if referral_form is None:
        specialty = (encounter.assessment or {}).get("specialty")
        preselected = services_.filter(specialty=specialty).order_by("name").first()
        referral_form = ReferralForm(
            services=services_, initial={"service": preselected.public_id if preselected else None}
        )
    context = {
        "encounter": encounter,
        "patient": encounter.patient,
        "age": encounter.patient.age_on(encounter.encounter_date),
        "answered_sections": answered_sections(checklist.sections, encounter.answers),
        "addenda": encounter.addenda.select_related("author__user"),
        "addendum_form": addendum_form or AddendumForm(),
        "referral_form": referral_form,
        "referrals": selectors.encounter_referrals(clinician=clinician, encounter=encounter),
        **assessment_context(encounter),
    }
    return render(request, "workup/encounter_detail.html", context, status=status)


@require_POST
@clinician_page
def encounter_start(request: HttpRequest, public_id: str) -> HttpResponse:
    patient = found(selectors.patients_for(request.clinician), public_id)
    encounter = services.encounter_create(clinician=request.clinician, patient=patient)
    return redirect("encounter", public_id=encounter.public_id)


@require_GET
@clinician_page
def encounter_page(request: HttpRequest, public_id: str) -> HttpResponse:
    encounter = shown(selectors.encounter_view(clinician=request.clinician, public_id=public_id))
    if encounter.is_signed:
        return encounter_detail_page(request, encounter)
    return encounter_form_page(request, encounter)


@require_POST
@clinician_page
def encounter_sign(request: HttpRequest, public_id: str) -> HttpResponse:
    clinician: Clinician = request.clinician
    encounter = found(selectors.encounters_for(clinician), public_id)
    if encounter.is_signed:
        return redirect("encounter", public_id=encounter.public_id)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.encounter_sign(clinician=clinician, encounter=encounter, version=version)
    except SignOffRefused as error:
        encounter.refresh_from_db()
        return encounter_form_page(request, encounter, sign_errors=error.errors, status=400)
    except VersionConflict:
        encounter.refresh_from_db()
        return encounter_form_page(request, encounter, conflict=True, status=409)
    except EncounterSigned:  # signed meanwhile, e.g. from another tab
        return redirect("encounter", public_id=encounter.public_id)
    messages.success(request, "Encounter signed. It can no longer change; add an addendum to correct it.")
    return redirect("encounter", public_id=encounter.public_id)


@require_POST
@clinician_page
def addendum_add(request: HttpRequest, public_id: str) -> HttpResponse:
    clinician: Clinician = request.clinician
    encounter = found(selectors.encounters_for(clinician), public_id)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            services.addendum_create(clinician=clinician, encounter=encounter, text=form.cleaned_data["text"])
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Addendum added.")
            return redirect(reverse("encounter", kwargs={"public_id": encounter.public_id}) + "#addenda")
    if not encounter.is_signed:
        raise Http404
    return encounter_detail_page(request, encounter, addendum_form=form, status=400)


def _json_object(request: HttpRequest) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        body = None
    if not isinstance(body, dict):
        raise InvalidInput({"non_field_errors": ["The body must be a JSON object."]})
    return body


def _text(body: dict, key: str) -> str:
    value = body.get(key) or ""
    if not isinstance(value, str):
        raise InvalidInput({key: ["Must be text."]})
    return value


@require_POST
@clinician_json
def encounter_preview(request: HttpRequest, public_id: str) -> HttpResponse:
    """For the page script: the draft with its unsaved answers and override, as the server judges it."""
    encounter = found(selectors.encounters_for(request.clinician), public_id)
    try:
        body = _json_object(request)
        preview = services.encounter_sign_off_preview(
            encounter=encounter,
            answers=body.get("answers"),
            urgency_override=_text(body, "urgency_override"),
            override_reason=_text(body, "override_reason"),
        )
    except InvalidInput as error:
        return JsonResponse(error.errors, status=400)
    return JsonResponse(
        {
            "assessment": preview.assessment.as_dict(),
            "effective_urgency": preview.effective_urgency,
            "sign_off_blockers": [
                {"code": code, "message": message}
                for code, message in blocker_messages(preview.sign_off_errors).items()
            ],
            "override_errors": preview.override_errors,
        }
    )
