"""Logging in (password, then the second factor), logging out, changing and resetting a password.

Every door to an account passes the one lockout policy (workup.login_throttle): this login page (the admin
login redirects here), allauth's two-factor step (accounts.forms) and the API token endpoint.
"""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode

from accounts import tokens
from workup import login_throttle


def _too_many(
    view, request: HttpRequest, form, rate: login_throttle.LoginRate, **context: Any
) -> HttpResponse:
    response = view.render_to_response(
        view.get_context_data(form=form, throttled=True, retry_after=rate.window_words, **context), status=429
    )
    response["Retry-After"] = str(rate.window_seconds)
    return response


class LoginView(auth_views.LoginView):
    """The password step; a correct password goes on to allauth's two-factor step (or, for an account
    without a second factor yet, in and straight to enrolment: accounts.middleware.MfaRequiredMiddleware)."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def _username(self) -> str:
        return self.request.POST.get("username", "")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if login_throttle.is_refused(request, self._username()):
            # Refused before authenticating, so the password is not even checked.
            return _too_many(
                self, request, self.get_form_class()(request=request), login_throttle.login_rate()
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        login_throttle.record_failure(self.request, self._username())
        return super().form_invalid(form)

    def form_valid(self, form):
        # The failures are forgotten only once the second factor passed too (accounts.adapters), so a
        # known password gives no fresh allowance for guessing codes.
        user = form.get_user()
        login = Login(user=user, redirect_url=self.get_success_url())
        return perform_password_login(self.request, {"username": user.get_username()}, login)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's login is this site's: the same throttle and the same two-factor step."""
    return redirect(
        f"{reverse('login')}?{urlencode({'next': request.GET.get('next') or reverse('admin:index')})}"
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing the password keeps this session, ends the others (Django) and revokes every API token."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password-change-done")

    def form_valid(self, form):
        response = super().form_valid(form)
        tokens.api_tokens_revoke_all(user=form.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """A reset link by email. The answer is the same whether or not the address has an account (no user
    enumeration), and requests are limited per client address and per address typed."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = request.POST.get("email", "")
        if login_throttle.reset_is_refused(request, email):
            return _too_many(self, request, self.get_form_class()(), login_throttle.reset_rate())
        login_throttle.record_reset(request, email)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the emailed link revokes every API token; it does not log in (the
    second factor is still asked for at the next login)."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        tokens.api_tokens_revoke_all(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
