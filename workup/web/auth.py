"""The login page, throttled by the one login throttle (workup.login_throttle) the token endpoint uses."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from workup import login_throttle


class LoginView(auth_views.LoginView):
    """Django's login; failures are counted per (address, username) so guessing one account's password
    is slowed down without locking the rest of the practice out."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def _username(self) -> str:
        return self.request.POST.get("username", "")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if login_throttle.is_refused(request, self._username()):
            # Refused before authenticating, so the password is not even checked.
            rate = login_throttle.login_rate()
            form = self.get_form_class()(request=request)
            context = self.get_context_data(form=form, throttled=True, retry_after=rate.window_words)
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(rate.window_seconds)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        login_throttle.record_failure(self.request, self._username())
        return super().form_invalid(form)

    def form_valid(self, form):
        login_throttle.forget(self.request, self._username())
        return super().form_valid(form)
