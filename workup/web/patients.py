"""Patient pages: search, registration and the patient's record."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from clinic import services as clinic_services
from core.errors import InvalidInput
from workup import selectors
from workup.forms import PatientForm, add_service_errors
from workup.web.access import clinician_page, shown


@require_http_methods(["GET", "POST"])
@clinician_page
def patient_list(request: HttpRequest) -> HttpResponse:
    # Searched by POST: a name or NHS number must not end up in URLs, access logs or history (spec §7).
    query = request.POST.get("q", "").strip()[:100] if request.method == "POST" else ""
    patients = selectors.patient_search(clinician=request.clinician, query=query) if query else None
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
    record = shown(selectors.patient_record(clinician=request.clinician, public_id=public_id))
    context = {
        "patient": record.patient,
        "age": record.patient.age_on(timezone.localdate()),
        "encounters": record.encounters,
        "referrals": record.referrals,
    }
    return render(request, "workup/patient_detail.html", context)
