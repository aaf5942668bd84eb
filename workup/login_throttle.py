"""One login throttle for both doors, the login page and POST /api/v1/auth/token/ (spec §7).

Failed logins are counted per (client address, username), so guessing one account's password is slowed
down without locking the rest of the practice out, and a door cannot be swapped for a fresh allowance:
both count into the same window. The limit is LOGIN_THROTTLE_RATE (REST_FRAMEWORK
DEFAULT_THROTTLE_RATES["login"], e.g. "10/min"): that many failures in a fixed window started by the
first one. The client address honours X-Forwarded-For only as far as NUM_PROXIES trusts it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from rest_framework.settings import api_settings

SCOPE = "login"
PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}  # DRF's rate periods: "10/min", "5/hour"…
MAX_USERNAME_LENGTH = 150


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


def login_rate() -> LoginRate | None:
    """The configured rate, read on each call (tests and settings reloads change it); None: no throttle."""
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(SCOPE)
    if rate is None:
        return None
    failures, period = rate.split("/")
    return LoginRate(failures=int(failures), window_seconds=PERIOD_SECONDS[period[0]])


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with NUM_PROXIES trusted proxies the address the outermost of them saw."""
    remote_address = request.META.get("REMOTE_ADDR") or ""
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR")
    proxies = api_settings.NUM_PROXIES
    # Without a configured proxy count X-Forwarded-For is written by the client: trusting it would let
    # each guess claim a fresh address.
    if proxies is None or proxies == 0 or forwarded_for is None:
        return remote_address
    addresses = forwarded_for.split(",")
    return addresses[-min(proxies, len(addresses))].strip()


def failure_key(address: str, username: object) -> str:
    """The cache key counting failures of one username from one address."""
    normalised = str(username).strip().lower()[:MAX_USERNAME_LENGTH]
    # Hashed: a key stays short and printable whatever was typed (even unpaired surrogates).
    digest = hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"login-failures:{address}:{digest}"


def is_refused(request: HttpRequest, username: object) -> bool:
    """Whether this login must be refused before its password is even checked."""
    rate = login_rate()
    if rate is None:
        return False
    return (cache.get(failure_key(client_address(request), username)) or 0) >= rate.failures


def record_failure(request: HttpRequest, username: object) -> None:
    """Count one failed login; the first failure starts the window."""
    rate = login_rate()
    if rate is None:
        return
    key = failure_key(client_address(request), username)
    # add + incr is atomic in Redis, so parallel guesses are all counted.
    cache.add(key, 0, rate.window_seconds)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr: start a new window
        cache.set(key, 1, rate.window_seconds)


def forget(request: HttpRequest, username: object) -> None:
    """A successful login clears the failures counted against it."""
    cache.delete(failure_key(client_address(request), username))
