"""Session lifetime (idle and absolute), the two-factor rule, and no caching of what a page shows."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from accounts.mfa import has_second_factor

LOGGED_IN_AT = "workup.logged_in_at"
SEEN_AT = "workup.seen_at"
# The last-seen time is written at most this often, not on every request (each write is a session save).
SEEN_RESOLUTION_SECONDS = 30


class SessionLifetimeMiddleware:
    """Ends a session after SESSION_IDLE_MINUTES without a request or SESSION_MAX_HOURS after its login;
    the request then goes on as anonymous, so pages send it to log in and scripts get a 401."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            logged_in_at = session.setdefault(LOGGED_IN_AT, now)
            seen_at = session.get(SEEN_AT, now)
            idle = now - seen_at > settings.SESSION_IDLE_MINUTES * 60
            too_old = now - logged_in_at > settings.SESSION_MAX_HOURS * 3600
            if idle or too_old:
                logout(request)
                messages.info(
                    request,
                    f"You were logged out after {settings.SESSION_IDLE_MINUTES} minutes without activity."
                    if idle
                    else f"Sessions last at most {settings.SESSION_MAX_HOURS} hours: please log in again.",
                )
            elif now - seen_at >= SEEN_RESOLUTION_SECONDS or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)


class MfaRequiredMiddleware:
    """Every account has a second factor: a signed-in user without one reaches only the enrolment pages
    (allauth's, under /accounts/) and logout, never patient data, the API or the admin."""

    ENROLMENT_PREFIXES = ("/accounts/", "/static/", "/healthz/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.ENROLMENT_PREFIXES)
            and request.path != reverse("logout")
            and not has_second_factor(user)
        ):
            if request.path.startswith("/api/") or request.headers.get("Accept", "").startswith(
                "application/json"
            ):
                return JsonResponse(
                    {"detail": "Set up two-factor authentication (Workup's web pages) before going on."},
                    status=403,
                )
            messages.info(
                request, "Set up two-factor authentication (an authenticator app or a passkey) first."
            )
            return redirect("mfa_index")
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages, API answers and PDF downloads may carry patient data: no browser or proxy may keep a copy.
    (Static files are answered by WhiteNoise before this runs and stay cacheable.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True)
        return response
