"""The dashboard: the clinician's own drafts, recent sign-offs and referrals."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clinic.models import Clinician
from workup import selectors
from workup.models import Encounter
from workup.web.access import clinician_page


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
