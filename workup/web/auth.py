"""The login page (throttled per address and username)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

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
