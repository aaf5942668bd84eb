"""HTML pages of the GP web app: look up through selectors → one service → render.

Every object is found through workup.selectors, so another practice's patient, encounter or referral is a
404 here exactly as in the API. The encounter form is generated from the checklist definition; the live
assessment and autosave run in static/js/encounter.js against the JSON API.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import services as clinic_services
from clinic.models import Clinician
from workup import audit, selectors, services
from workup.api import pdf_response
from workup.encounters.presentation import answered_sections, grade_labels
from workup.errors import (
    EncounterSigned,
    InvalidInput,
    NotPermitted,
    ServiceError,
    SignOffRefused,
    VersionConflict,
)
from workup.forms import AddendumForm, PatientForm, ReferralForm, add_service_errors
from workup.models import Encounter, Referral, Urgency
from workup.pathways import rules, vocabulary
from workup.pathways.checklists import Grid, Item, Section, get_checklist
from workup.referrals import services as referral_services

# --- Access ------------------------------------------------------------------------------


def clinician_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required, and the user must belong to a practice; request.clinician is theirs."""

    @login_required
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        clinician = selectors.clinician_for(request.user)
        if clinician is None:
            raise PermissionDenied("Only clinicians of a practice can use Workup.")
        request.clinician = clinician
        try:
            return view(request, *args, **kwargs)
        except NotPermitted as error:
            raise PermissionDenied(_first_message(error)) from error

    return wrapper


def found(queryset, public_id):
    """The object with this id among those the clinician may see, else 404."""
    obj = selectors.get_or_none(queryset, public_id)
    if obj is None:
        raise Http404
    return obj


def _first_message(error: ServiceError) -> str:
    return next((message for messages_ in error.errors.values() for message in messages_), "")


# --- Login (throttled per address and username) -----------------------------------------

LOGIN_FAILURE_LIMIT = 10
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60


def _login_failure_key(request: HttpRequest) -> str:
    username = str(request.POST.get("username", "")).strip().lower()[:150]
    return f"web-login-failures:{request.META.get('REMOTE_ADDR', '')}:{username}"


class LoginView(auth_views.LoginView):
    """Django's login; failures are counted per (address, username) so guessing one account's password
    is slowed down without locking the rest of the practice out."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (cache.get(_login_failure_key(request)) or 0) >= LOGIN_FAILURE_LIMIT:
            # Refused before authenticating, so the password is not even checked.
            form = self.get_form_class()(request=request)
            context = self.get_context_data(form=form, throttled=True)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        key = _login_failure_key(self.request)
        # add + incr is atomic in Redis, so parallel guesses are all counted.
        cache.add(key, 0, LOGIN_FAILURE_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, LOGIN_FAILURE_WINDOW_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(_login_failure_key(self.request))
        return super().form_valid(form)


# --- Dashboard and patients --------------------------------------------------------------


@require_GET
@clinician_page
def dashboard(request: HttpRequest) -> HttpResponse:
    clinician: Clinician = request.clinician
    encounters = selectors.encounters_for(clinician).filter(clinician=clinician)
    context = {
        "drafts": encounters.filter(status=Encounter.Status.DRAFT),
        "signed": encounters.filter(status=Encounter.Status.SIGNED).order_by("-signed_at")[:10],
        "referrals": selectors.referrals_for(clinician).filter(requested_by=clinician)[:20],
    }
    return render(request, "workup/dashboard.html", context)


@require_http_methods(["GET", "POST"])
@clinician_page
def patient_list(request: HttpRequest) -> HttpResponse:
    # Searched by POST: a name or NHS number must not end up in URLs, access logs or history (spec §7).
    query = request.POST.get("q", "").strip()[:100] if request.method == "POST" else ""
    patients = selectors.patients_for(request.clinician, search=query)[:50] if query else None
    return render(request, "workup/patient_list.html", {"query": query, "patients": patients})


@require_http_methods(["GET", "POST"])
@clinician_page
def patient_create(request: HttpRequest) -> HttpResponse:
    form = PatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            patient = clinic_services.patient_create(clinician=request.clinician, **form.cleaned_data)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{patient.full_name} registered.")
            return redirect("patient", public_id=patient.public_id)
    return render(request, "workup/patient_form.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
@clinician_page
def patient_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    clinician: Clinician = request.clinician
    patient = found(selectors.patients_for(clinician), public_id)
    audit.record(actor=request.user, action="view", target=patient, practice=clinician.practice)
    context = {
        "patient": patient,
        "age": patient.age_on(timezone.localdate()),
        "encounters": selectors.encounters_for(clinician).filter(patient=patient),
        "referrals": selectors.referrals_for(clinician).filter(encounter__patient=patient),
    }
    return render(request, "workup/patient_detail.html", context)


@require_POST
@clinician_page
def encounter_start(request: HttpRequest, public_id: str) -> HttpResponse:
    patient = found(selectors.patients_for(request.clinician), public_id)
    encounter = services.encounter_create(clinician=request.clinician, patient=patient)
    return redirect("encounter", public_id=encounter.public_id)


# --- The encounter form, generated from the checklist --------------------------------------

SELECT_MAX_RANGE = 10  # small integer scales are a drop-down; wider ones a number box


def item_anchor(code: str) -> str:
    """The HTML id of an item's container, e.g. item-red_flag-saddle_anaesthesia (encounter.js agrees)."""
    return "item-" + code.replace(".", "-")


@dataclass
class Option:
    value: str
    label: str
    selected: bool


@dataclass
class FormItem:
    item: Item
    widget: str  # yesno, radio, select, number, checkboxes, textarea
    value: Any
    options: list[Option] = field(default_factory=list)
    blocker: str = ""

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def dom_id(self) -> str:
        return item_anchor(self.item.code)

    @property
    def text_value(self) -> str:
        return "" if self.value is None else str(self.value)


@dataclass
class FormRow:
    key: str
    label: str
    help: str
    left: FormItem
    right: FormItem


@dataclass
class FormSection:
    section: Section
    depth: int
    rows: list[FormRow]
    items: list[FormItem]
    subsections: list[FormSection]

    @property
    def dom_id(self) -> str:
        return "section-" + self.section.code.replace(".", "-")


def form_item(item: Item, answers: dict, blockers: dict[str, str], *, in_grid: bool) -> FormItem:
    value = answers.get(item.code)
    entry = FormItem(item=item, widget="", value=value, blocker=blockers.get(item.code, ""))
    if item.type == "bool":
        entry.widget = "yesno"
        entry.options = [
            Option("true", "Yes", value is True),
            Option("false", "No", value is False),
        ]
    elif item.type == "int":
        if item.maximum - item.minimum <= SELECT_MAX_RANGE:
            entry.widget = "select"
            labels = grade_labels(item)
            entry.options = [
                Option(str(number), labels.get(number, str(number)), value == number)
                for number in range(item.minimum, item.maximum + 1)
            ]
        else:
            entry.widget = "number"
    elif item.type == "choice":
        entry.widget = "select" if in_grid else "radio"
        entry.options = [Option(choice.value, choice.label, value == choice.value) for choice in item.choices]
    elif item.type == "multi":
        entry.widget = "checkboxes"
        chosen = value if isinstance(value, list) else []
        entry.options = [
            Option(choice.value, choice.label, choice.value in chosen) for choice in item.choices
        ]
    else:
        entry.widget = "textarea"
    return entry


def form_section(section: Section, answers: dict, blockers: dict[str, str], depth: int = 0) -> FormSection:
    grid: Grid | None = section.grid
    gridded = set(grid.codes) if grid else set()
    by_code = {item.code: item for item in section.items}
    rows = [
        FormRow(
            key=row.key,
            label=row.label,
            help=by_code[row.left].help,
            left=form_item(by_code[row.left], answers, blockers, in_grid=True),
            right=form_item(by_code[row.right], answers, blockers, in_grid=True),
        )
        for row in (grid.rows if grid else ())
    ]
    items = [
        form_item(item, answers, blockers, in_grid=False)
        for item in section.items
        if item.code not in gridded
    ]
    subsections = [form_section(sub, answers, blockers, depth + 1) for sub in section.subsections]
    return FormSection(section=section, depth=depth, rows=rows, items=items, subsections=subsections)


def sign_blockers(encounter: Encounter) -> dict[str, str]:
    """What stops this draft being signed now (spec §4.7), code → message, from the stored assessment."""
    if not encounter.assessment:
        return {}
    assessment = rules.Assessment.from_dict(encounter.assessment)
    errors = rules.sign_off_errors(assessment, encounter.answers, encounter.urgency_override or None)
    return {code: " ".join(found_messages) for code, found_messages in errors.items()}


def item_labels(checklist) -> dict[str, str]:
    return {item.code: item.label for item in checklist.items}


def assessment_context(encounter: Encounter) -> dict[str, Any]:
    """The assessment with the words a GP reads (vocabulary.py), for the panel and the signed view."""
    assessment = encounter.assessment or {}
    checklist = get_checklist(encounter.checklist_version)
    labels = item_labels(checklist)
    return {
        "assessment": assessment,
        "effective_urgency": encounter.effective_urgency,
        "banner": vocabulary.URGENCY_BANNERS.get(encounter.effective_urgency, ""),
        "computed_banner": vocabulary.URGENCY_BANNERS.get(encounter.computed_urgency, ""),
        "conditions": [
            vocabulary.CONDITIONS.get(code, code) for code in assessment.get("suspected_conditions", [])
        ],
        "tests": [vocabulary.TESTS.get(code, code) for code in assessment.get("recommended_tests", [])],
        "specialty": vocabulary.SPECIALTIES.get(assessment.get("specialty", ""), ""),
        "incomplete": [
            {"code": code, "label": labels.get(code, code), "dom_id": item_anchor(code)}
            for code in assessment.get("incomplete", [])
        ],
    }


def panel_vocabulary(checklist) -> str:
    """Everything the panel script needs to put codes into words, as one JSON attribute."""
    return json.dumps(
        {
            "conditions": vocabulary.CONDITIONS,
            "tests": vocabulary.TESTS,
            "specialties": vocabulary.SPECIALTIES,
            "banners": vocabulary.URGENCY_BANNERS,
            "items": item_labels(checklist),
            "safetyNetTiers": ["conservative", "routine"],
        }
    )


def _encounter_form_page(
    request: HttpRequest,
    encounter: Encounter,
    *,
    sign_errors: dict[str, list[str]] | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    checklist = get_checklist(encounter.checklist_version)
    blockers = sign_blockers(encounter)
    if sign_errors:
        blockers = {code: " ".join(found_messages) for code, found_messages in sign_errors.items()}
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
        "vocabulary_json": panel_vocabulary(checklist),
        **assessment_context(encounter),
    }
    return render(request, "workup/encounter_form.html", context, status=status)


def _encounter_detail_page(
    request: HttpRequest,
    encounter: Encounter,
    *,
    addendum_form: AddendumForm | None = None,
    referral_form: ReferralForm | None = None,
    status: int = 200,
) -> HttpResponse:
    clinician: Clinician = request.clinician
    checklist = get_checklist(encounter.checklist_version)
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
        "referrals": selectors.referrals_for(clinician).filter(encounter=encounter),
        **assessment_context(encounter),
    }
    return render(request, "workup/encounter_detail.html", context, status=status)


@require_GET
@clinician_page
def encounter_page(request: HttpRequest, public_id: str) -> HttpResponse:
    clinician: Clinician = request.clinician
    encounter = found(selectors.encounters_for(clinician), public_id)
    audit.record(actor=request.user, action="view", target=encounter, practice=clinician.practice)
    if encounter.is_signed:
        return _encounter_detail_page(request, encounter)
    return _encounter_form_page(request, encounter)


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
        return _encounter_form_page(request, encounter, sign_errors=error.errors, status=400)
    except VersionConflict:
        encounter.refresh_from_db()
        return _encounter_form_page(request, encounter, conflict=True, status=409)
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
    return _encounter_detail_page(request, encounter, addendum_form=form, status=400)


@require_POST
@clinician_page
def referral_create(request: HttpRequest, public_id: str) -> HttpResponse:
    clinician: Clinician = request.clinician
    encounter = found(selectors.encounters_for(clinician), public_id)
    if not encounter.is_signed:
        messages.error(request, "Sign the encounter before referring.")
        return redirect("encounter", public_id=encounter.public_id)
    form = ReferralForm(request.POST, services=selectors.services_for(clinician))
    if form.is_valid():
        try:
            referral = referral_services.referral_request(
                clinician=clinician,
                encounter=encounter,
                service=form.cleaned_data["service"],
                note=form.cleaned_data["note"],
            )
        except referral_services.ReferralAlreadyActive as already:
            # A double-click (or a second tab): both land on the one referral.
            return redirect("referral", public_id=already.referral.public_id)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            return redirect("referral", public_id=referral.public_id)
    return _encounter_detail_page(request, encounter, referral_form=form, status=400)


# --- Referrals ------------------------------------------------------------------------------

REFERRAL_STEPS = [
    (Referral.Status.QUEUED, "Queued"),
    (Referral.Status.RENDERING, "Rendering the PDF"),
    (Referral.Status.READY, "PDF ready"),
    (Referral.Status.SENT, "Sent to the service"),
]


@require_GET
@clinician_page
def referral_page(request: HttpRequest, public_id: str) -> HttpResponse:
    clinician: Clinician = request.clinician
    referral: Referral = found(selectors.referrals_for(clinician), public_id)
    audit.record(actor=request.user, action="view", target=referral, practice=clinician.practice)
    order = [status for status, _ in REFERRAL_STEPS]
    reached = order.index(referral.status) if referral.status in order else -1
    steps = [
        {"status": status, "label": label, "done": index <= reached, "current": index == reached}
        for index, (status, label) in enumerate(REFERRAL_STEPS)
    ]
    context = {
        "referral": referral,
        "encounter": referral.encounter,
        "patient": referral.encounter.patient,
        "steps": steps,
        "banner": vocabulary.URGENCY_BANNERS.get(referral.urgency, ""),
        "finished": referral.status in (Referral.Status.SENT, Referral.Status.FAILED),
    }
    return render(request, "workup/referral_detail.html", context)


@require_GET
@clinician_page
def referral_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    clinician: Clinician = request.clinician
    referral: Referral = found(selectors.referrals_for(clinician), public_id)
    if not referral.has_pdf:
        raise Http404("The PDF is not ready yet.")
    audit.record(actor=request.user, action="download", target=referral, practice=clinician.practice)
    return pdf_response(referral)
