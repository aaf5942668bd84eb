"""The one login throttle at both doors: the login page and the API token endpoint (spec §7)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

RATE = "3/min"
ALLOWED_FAILURES = 3
DOORS = ["page", "token"]


@pytest.fixture(autouse=True)
def _configured_rate(settings):
    """A rate unlike the default (10/min), so a door that ignores LOGIN_THROTTLE_RATE fails these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"login": RATE}}
    cache.clear()
    yield
    cache.clear()


def trusting_proxies(settings, count: int) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}


OUTCOMES = {
    "page": {302: "ok", 200: "refused", 429: "throttled"},
    "token": {200: "ok", 400: "refused", 429: "throttled"},
}


def attempt(door: str, password: str, *, username: str = "gp.a", address: str = "192.0.2.10", **headers):
    """One login at one door, as a browser (the page) or an API client (the token endpoint) sends it."""
    data = {"username": username, "password": password}
    if door == "page":
        return Client().post(reverse("login"), data, REMOTE_ADDR=address, **headers)
    return APIClient().post(reverse("api-token"), data, format="json", REMOTE_ADDR=address, **headers)


def log_in(door: str, password: str, **options) -> str:
    """'ok', 'refused' (wrong credentials) or 'throttled'."""
    return OUTCOMES[door][attempt(door, password, **options).status_code]


@pytest.mark.parametrize("door", DOORS)
def test_each_door_refuses_after_the_configured_number_of_failures(door, gp_a):
    outcomes = [log_in(door, "wrong-password") for _ in range(ALLOWED_FAILURES)]

    assert outcomes == ["refused"] * ALLOWED_FAILURES
    assert log_in(door, DEMO_PASSWORD) == "throttled"


@pytest.mark.parametrize("door", DOORS)
def test_each_door_allows_a_login_just_below_the_configured_limit(door, gp_a):
    for _ in range(ALLOWED_FAILURES - 1):
        log_in(door, "wrong-password")

    assert log_in(door, DEMO_PASSWORD) == "ok"


@pytest.mark.parametrize("door", DOORS)
def test_each_door_says_when_to_retry_from_the_configured_window(door, gp_a):
    for _ in range(ALLOWED_FAILURES):
        log_in(door, "wrong-password")

    response = attempt(door, DEMO_PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"


def test_the_login_page_names_the_configured_wait(gp_a):
    for _ in range(ALLOWED_FAILURES):
        log_in("page", "wrong-password")

    response = attempt("page", DEMO_PASSWORD)

    assert "Wait 1 minute, then try again." in response.content.decode()


@pytest.mark.parametrize(("failing_door", "other_door"), [("page", "token"), ("token", "page")])
def test_failures_at_one_door_count_at_the_other(failing_door, other_door, gp_a):
    for _ in range(ALLOWED_FAILURES):
        log_in(failing_door, "wrong-password")

    assert log_in(other_door, DEMO_PASSWORD) == "throttled"


@pytest.mark.parametrize("door", DOORS)
def test_a_spoofed_forwarded_for_is_ignored_without_num_proxies(door, gp_a):
    for attempt in range(ALLOWED_FAILURES):
        log_in(door, "wrong-password", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}")

    assert log_in(door, DEMO_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99") == "throttled"


@pytest.mark.parametrize("door", DOORS)
def test_with_num_proxies_the_forwarded_client_is_throttled(door, gp_a, settings):
    trusting_proxies(settings, 1)
    for _ in range(ALLOWED_FAILURES):
        log_in(door, "wrong-password", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert log_in(door, DEMO_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7") == "throttled"


@pytest.mark.parametrize("door", DOORS)
def test_with_num_proxies_another_client_behind_the_proxy_can_log_in(door, gp_a, settings):
    trusting_proxies(settings, 1)
    for _ in range(ALLOWED_FAILURES):
        log_in(door, "wrong-password", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert log_in(door, DEMO_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.8") == "ok"


@pytest.mark.parametrize("door", DOORS)
def test_with_num_proxies_only_the_trusted_hop_counts(door, gp_a, settings):
    trusting_proxies(settings, 1)
    for attempt in range(ALLOWED_FAILURES):
        # The client prepends a different address each time; the proxy appends the one it saw.
        log_in(door, "wrong-password", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}, 198.51.100.7")

    assert log_in(door, DEMO_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.7") == "throttled"


@pytest.mark.parametrize("door", DOORS)
def test_a_successful_login_clears_the_failures(door, gp_a):
    for _ in range(ALLOWED_FAILURES - 1):
        log_in(door, "wrong-password")
    log_in(door, DEMO_PASSWORD)

    outcomes = [log_in(door, "wrong-password") for _ in range(ALLOWED_FAILURES - 1)]

    assert outcomes == ["refused"] * (ALLOWED_FAILURES - 1)
    assert log_in(door, DEMO_PASSWORD) == "ok"
