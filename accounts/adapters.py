"""django-allauth behind Workup's own login page: no sign-up, and a completed login resets the lockout."""

from __future__ import annotations

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from accounts.mfa import has_second_factor
from workup import login_throttle


def _logged_in_within(request: HttpRequest, seconds: int) -> bool:
    records = get_authentication_records(request, request.user)
    logins = [record["at"] for record in records if record.get("method") == "password"]
    return bool(logins) and time.time() - logins[-1] < seconds


class AccountAdapter(DefaultAccountAdapter):
    REAUTHENTICATION_SECONDS = 300  # allauth's ACCOUNT_REAUTHENTICATION_TIMEOUT default

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False  # accounts are made by the back office

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Changing a second factor asks for the password again, except enrolling the first one (until
        it is done the account reaches nothing else) and within minutes of this session's login, which
        is as fresh as a re-authentication (so the recovery codes shown after enrolment need no second
        password)."""
        request = context.request
        signed_in = request is not None and request.user.is_authenticated
        if (
            app == "allauth.mfa"
            and signed_in
            and (
                not has_second_factor(request.user)
                or _logged_in_within(request, self.REAUTHENTICATION_SECONDS)
            )
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def post_login(self, request: HttpRequest, user, **kwargs):
        """Password and, where enrolled, second factor both passed: clear the failures counted against
        this username from this client and let this browser keep its own count from now on."""
        response = super().post_login(request, user, **kwargs)
        username = user.get_username()
        login_throttle.forget(request, username)
        if response is not None:
            login_throttle.remember_device(request, response, username)
        return response


class MfaAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        return user.get_username()

    def get_totp_issuer(self) -> str:
        return "Workup"
