"""One lockout policy for every door: the login page (which the admin login redirects to), its two-factor
step, and POST /api/v1/auth/token/ (spec §7).

Failed logins are counted per username AND client, in one window shared by every door, so a door cannot
be swapped for a fresh allowance. The client is the browser's device cookie when it carries one issued to
that username at an earlier successful login, otherwise the client address. So a colleague behind the
same practice address (or anyone who knows a GP's username) can exhaust only the allowance of
browsers the GP never logged in from: the GP's own browser keeps its own count and still gets in
(OWASP's "device cookies" defence against lockout by others).

The limit is LOGIN_THROTTLE_RATE (REST_FRAMEWORK DEFAULT_THROTTLE_RATES["login"], e.g. "10/min"): that
many failures in a fixed window started by the first one, then refusal until the window ends (the
cool-off). The counts live in the database (accounts.models.LoginFailureWindow), not in Redis: while
Redis is down the lockout still holds. The client address honours X-Forwarded-For only as far as
NUM_PROXIES trusts it; the audit trail uses the same address.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from rest_framework.settings import api_settings

from core.client import client_address

SCOPE = "login"
PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}  # DRF's rate periods: "10/min", "5/hour"…
MAX_USERNAME_LENGTH = 150
DEVICE_COOKIE = "workup_device"
DEVICE_COOKIE_SALT = "workup.login_throttle.device"
DEVICE_COOKIE_DAYS = 365


@dataclass(frozen=True)
class LoginRate:
    failures: int
    window_seconds: int

    @property
    def window_words(self) -> str:
        """The window as a person says it: "1 minute", "15 minutes", "2 hours"."""
        for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
            if self.window_seconds % size == 0:
                count = self.window_seconds // size
                return f"{count} {unit}{'' if count == 1 else 's'}"
        raise AssertionError("unreachable: every whole number of seconds is a count of seconds")


def parse_rate(rate: str) -> LoginRate:
    failures, period = rate.split("/")
    return LoginRate(failures=int(failures), window_seconds=PERIOD_SECONDS[period[0]])


def login_rate() -> LoginRate | None:
    """The configured rate, read on each call (tests and settings reloads change it); None: no throttle."""
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(SCOPE)
    return None if rate is None else parse_rate(rate)


def _username_digest(username: object) -> str:
    normalised = str(username).strip().lower()[:MAX_USERNAME_LENGTH]
    # Hashed: a key stays short and printable whatever was typed (even unpaired surrogates).
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _known_device(request: HttpRequest, username: object) -> str | None:
    """The id of this browser if it logged in as this username before (a signed cookie), else None."""
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        device = signing.loads(raw, salt=DEVICE_COOKIE_SALT, max_age=timedelta(days=DEVICE_COOKIE_DAYS))
    except signing.BadSignature:
        return None
    if not isinstance(device, dict) or device.get("user") != _username_digest(username):
        return None
    return str(device.get("id", ""))


def failure_key(request: HttpRequest, username: object) -> str:
    """The key counting failures of one username from this client (known device, else address)."""
    device = _known_device(request, username)
    client = f"device:{device}" if device else f"address:{client_address(request)}"
    return hashlib.sha256(f"{client}|{_username_digest(username)}".encode()).hexdigest()


def _is_full(key: str, rate: LoginRate) -> bool:
    from accounts.models import LoginFailureWindow

    return LoginFailureWindow.objects.filter(
        key=key, expires_at__gt=timezone.now(), failures__gte=rate.failures
    ).exists()


@transaction.atomic
def _count(key: str, rate: LoginRate) -> None:
    from accounts.models import LoginFailureWindow

    # Expired windows are deleted as we go, so guesses at many usernames leave no lasting rows.
    now = timezone.now()
    LoginFailureWindow.objects.filter(expires_at__lte=now).delete()
    # The row lock makes parallel guesses count one by one.
    window, _ = LoginFailureWindow.objects.select_for_update().get_or_create(
        key=key,
        defaults={"window_started_at": now, "expires_at": now + timedelta(seconds=rate.window_seconds)},
    )
    window.failures += 1
    window.save(update_fields=["failures"])


def is_refused(request: HttpRequest, username: object) -> bool:
    """Whether this login must be refused before its password (or code) is even checked."""
    rate = login_rate()
    return rate is not None and _is_full(failure_key(request, username), rate)


def record_failure(request: HttpRequest, username: object) -> None:
    """Count one failed password or two-factor code; the first failure starts the window."""
    rate = login_rate()
    if rate is not None:
        _count(failure_key(request, username), rate)


def forget(request: HttpRequest, username: object) -> None:
    """A completed login clears the failures counted against it from this client."""
    from accounts.models import LoginFailureWindow

    LoginFailureWindow.objects.filter(key=failure_key(request, username)).delete()


def remember_device(request: HttpRequest, response: HttpResponse, username: object) -> None:
    """After a completed login: this browser keeps its own count for this username from now on."""
    if _known_device(request, username):
        return
    value = signing.dumps(
        {"user": _username_digest(username), "id": secrets.token_urlsafe(16)}, salt=DEVICE_COOKIE_SALT
    )
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_COOKIE_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# --- Password-reset requests: every request counts (not only failures), per address and per address typed.


def reset_rate() -> LoginRate:
    return parse_rate(settings.PASSWORD_RESET_RATE)


def _reset_keys(request: HttpRequest, email: object) -> list[str]:
    return [
        hashlib.sha256(f"reset-address:{client_address(request)}".encode()).hexdigest(),
        hashlib.sha256(f"reset-email:{_username_digest(email)}".encode()).hexdigest(),
    ]


def reset_is_refused(request: HttpRequest, email: object) -> bool:
    return any(_is_full(key, reset_rate()) for key in _reset_keys(request, email))


def record_reset(request: HttpRequest, email: object) -> None:
    for key in _reset_keys(request, email):
        _count(key, reset_rate())
