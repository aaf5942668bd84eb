"""The dashboard: the clinician's own drafts, recent sign-offs and referrals."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from workup import selectors
from workup.web.access import clinician_page


@require_GET
@clinician_page
def dashboard(request: HttpRequest) -> HttpResponse:
    board = selectors.dashboard(clinician=request.clinician)
    context = {"drafts": board.drafts, "signed": board.signed, "referrals": board.referrals}
    return render(request, "workup/dashboard.html", context)
