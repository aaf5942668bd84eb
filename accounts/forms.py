"""allauth's code and password forms inside the one lockout policy (workup.login_throttle): a wrong code
or re-entered password counts with wrong passwords at the login, so knowing the password buys no fresh
allowance for guessing codes, and a session holder cannot guess the password on the re-authentication page."""

from __future__ import annotations

from allauth.account.forms import ReauthenticateForm
from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as MfaReauthenticateForm
from django import forms

from workup import login_throttle


class ThrottledMixin:
    throttled_field = "code"

    def _throttled_clean(self, clean):
        request = context.request
        username = self.user.get_username()
        if login_throttle.is_refused(request, username):
            rate = login_throttle.login_rate()
            raise forms.ValidationError(
                f"Too many failed attempts for this username. Wait {rate.window_words}, then try again.",
                code="throttled",
            )
        try:
            return clean()
        except forms.ValidationError:
            login_throttle.record_failure(request, username)
            raise


class ThrottledAuthenticateForm(ThrottledMixin, AuthenticateForm):
    """The second step of a login: a TOTP or recovery code."""

    def clean_code(self) -> str:
        return self._throttled_clean(super().clean_code)


class ThrottledMfaReauthenticateForm(ThrottledMixin, MfaReauthenticateForm):
    def clean_code(self) -> str:
        return self._throttled_clean(super().clean_code)


class ThrottledReauthenticateForm(ThrottledMixin, ReauthenticateForm):
    def clean_password(self) -> str:
        return self._throttled_clean(super().clean_password)
