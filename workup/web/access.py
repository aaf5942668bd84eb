"""Who may open a page: a logged-in clinician of a practice, and only the objects of that practice."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from core.errors import NotPermitted, ServiceError
from workup import selectors


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
            raise PermissionDenied(first_message(error)) from error

    return wrapper


def clinician_json(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """clinician_page for the page scripts' JSON: a 401 or 403 as JSON instead of a login redirect."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return JsonResponse({"detail": "Log in again to continue."}, status=401)
        clinician = selectors.clinician_for(request.user)
        if clinician is None:
            return JsonResponse({"detail": "Only clinicians of a practice can use Workup."}, status=403)
        request.clinician = clinician
        try:
            return view(request, *args, **kwargs)
        except NotPermitted as error:
            return JsonResponse({"detail": first_message(error)}, status=403)

    return wrapper


def found(queryset, public_id):
    """The object with this id among those the clinician may see, else 404."""
    obj = selectors.get_or_none(queryset, public_id)
    if obj is None:
        raise Http404
    return obj


def shown(obj):
    """What a selector read for this page, else 404."""
    if obj is None:
        raise Http404
    return obj


def first_message(error: ServiceError) -> str:
    return next((message for messages_ in error.errors.values() for message in messages_), "")
