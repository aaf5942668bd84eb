"""Referral pages: the request from a signed encounter, its progress, and the PDF download."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from clinic.models import Clinician
from core.errors import InvalidInput
from workup import selectors
from workup.downloads import pdf_response
from workup.forms import ReferralForm, add_service_errors
from workup.models import Referral
from workup.referrals import services as referral_services
from workup.web import page_vocabulary
from workup.web.access import clinician_page, found, shown
from workup.web.encounters import encounter_detail_page

REFERRAL_STEPS = [
    (Referral.Status.QUEUED, "Queued"),
    (Referral.Status.RENDERING, "Rendering the PDF"),
    (Referral.Status.READY, "PDF ready"),
    (Referral.Status.SENT, "Sent to the service"),
]


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
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            return redirect("referral", public_id=referral.public_id)
    return encounter_detail_page(request, encounter, referral_form=form, status=400)


@require_GET
@clinician_page
def referral_page(request: HttpRequest, public_id: str) -> HttpResponse:
    referral: Referral = shown(selectors.referral_view(clinician=request.clinician, public_id=public_id))
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
        "banner": page_vocabulary.word("banner", referral.urgency),
        "finished": referral.status in page_vocabulary.FINISHED_REFERRAL_STATUSES,
        "page_data": page_vocabulary.referral_page_data(),
    }
    return render(request, "workup/referral_detail.html", context)


@require_GET
@clinician_page
def referral_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    referral: Referral = shown(selectors.referral_download(clinician=request.clinician, public_id=public_id))
    if not referral.has_pdf:
        raise Http404("The PDF is not ready yet.")
    return pdf_response(referral)
