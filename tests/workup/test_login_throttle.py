"""The one lockout policy at every door: the login page (and its two-factor step), the admin login (which
is that page) and the API token endpoint (spec §7); counts in the database, so Redis down changes nothing."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import LoginFailureWindow
from tests.factories import DEMO_PASSWORD, current_totp

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
CLOSED_PORT_CACHE = {
    "default": {
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens, every call is refused
        "KEY_PREFIX": "workup",
    }
}


def attempt(
    door: str,
    password: str,
    *,
    username: str = "gp.a",
    address: str = "192.0.2.10",
    code: str | None = None,
    browser: Client | None = None,
    **headers,
):
    """One whole login at one door, as a browser (the page, then its two-factor step after a right
    password) or an API client (the token endpoint, with the code) sends it."""
    cache.clear()  # allauth remembers used codes in the cache; each attempt here is a fresh login
    code = current_totp() if code is None else code
    if door == "page":
        browser = browser or Client()
        response = browser.post(
            reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **headers
        )
        if response.status_code == 302 and response.url == reverse("mfa_authenticate"):
            response = browser.post(
                reverse("mfa_authenticate"), {"code": code}, REMOTE_ADDR=address, **headers
            )
        return response
    data = {"username": username, "password": password, "otp": code}
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


@pytest.mark.parametrize("door", DOORS)
def test_wrong_codes_after_a_right_password_count_in_the_same_window(door, gp_a):
    outcomes = [log_in(door, DEMO_PASSWORD, code="000000") for _ in range(ALLOWED_FAILURES)]

    assert outcomes == ["refused"] * ALLOWED_FAILURES
    assert log_in(door, DEMO_PASSWORD) == "throttled"


def test_a_right_password_alone_does_not_clear_the_failures(gp_a):
    """Else knowing the password would buy a fresh allowance of code guesses at every login."""
    for _ in range(ALLOWED_FAILURES - 1):
        log_in("page", "wrong-password")
    Client().post(reverse("login"), {"username": "gp.a", "password": DEMO_PASSWORD}, REMOTE_ADDR="192.0.2.10")

    assert log_in("page", "wrong-password") == "refused"
    assert log_in("page", DEMO_PASSWORD) == "throttled"


def test_the_admin_login_sends_to_the_throttled_login_page(client, staff_a):
    response = client.get(reverse("admin:login") + "?next=/admin/clinic/patient/")

    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=%2Fadmin%2Fclinic%2Fpatient%2F"


def test_the_admins_own_password_form_no_longer_logs_in(client, staff_a):
    response = client.post(
        reverse("admin:login"), {"username": "staff.a", "password": DEMO_PASSWORD}, REMOTE_ADDR="192.0.2.10"
    )

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 302  # still sent to log in


def test_failed_admin_logins_are_throttled_and_the_right_password_then_refused(staff_a):
    admin_login = reverse("login") + "?next=/admin/"
    outcomes = [
        Client()
        .post(admin_login, {"username": "staff.a", "password": "wrong"}, REMOTE_ADDR="192.0.2.10")
        .status_code
        for _ in range(ALLOWED_FAILURES)
    ]

    response = Client().post(
        admin_login, {"username": "staff.a", "password": DEMO_PASSWORD}, REMOTE_ADDR="192.0.2.10"
    )

    assert outcomes == [200] * ALLOWED_FAILURES
    assert response.status_code == 429


def test_the_admin_is_reached_only_after_the_second_factor(staff_a):
    browser = Client()
    password_step = browser.post(
        reverse("login") + "?next=/admin/", {"username": "staff.a", "password": DEMO_PASSWORD}
    )
    before_code = browser.get(reverse("admin:index"))
    code_step = browser.post(reverse("mfa_authenticate"), {"code": current_totp()})

    assert password_step.url == reverse("mfa_authenticate")
    assert before_code.status_code == 302
    assert code_step.url == "/admin/"
    assert browser.get(reverse("admin:index")).status_code == 200


def test_a_colleague_at_the_same_address_cannot_lock_a_gp_out_of_their_own_browser(gp_a):
    gps_browser = Client()
    assert log_in("page", DEMO_PASSWORD, browser=gps_browser) == "ok"  # an earlier day's login
    gps_browser.post(reverse("logout"))

    # Someone else at the practice (same address) guesses at the GP's username until refused.
    guesses = [log_in("page", "wrong-password") for _ in range(ALLOWED_FAILURES + 1)]

    assert guesses[-1] == "throttled"
    assert log_in("page", DEMO_PASSWORD, browser=gps_browser) == "ok"


def test_a_device_cookie_issued_to_another_username_gives_no_fresh_allowance(gp_a, colleague_a):
    colleagues_browser = Client()
    assert log_in("page", DEMO_PASSWORD, username="gp2.a", browser=colleagues_browser) == "ok"
    colleagues_browser.post(reverse("logout"))
    for _ in range(ALLOWED_FAILURES):
        log_in("page", "wrong-password")  # from a browser the GP never used

    assert log_in("page", DEMO_PASSWORD, browser=colleagues_browser) == "throttled"


@pytest.mark.parametrize("door", DOORS)
def test_while_redis_is_down_failures_are_still_counted_and_the_door_stays_shut(door, gp_a, settings):
    settings.CACHES = CLOSED_PORT_CACHE
    outcomes = [log_in(door, "wrong-password") for _ in range(ALLOWED_FAILURES)]

    assert outcomes == ["refused"] * ALLOWED_FAILURES
    assert log_in(door, DEMO_PASSWORD) == "throttled"
    assert LoginFailureWindow.objects.get().failures == ALLOWED_FAILURES


def test_while_redis_is_down_the_admin_login_stays_shut_too(staff_a, settings):
    settings.CACHES = CLOSED_PORT_CACHE
    admin_login = reverse("login") + "?next=/admin/"
    for _ in range(ALLOWED_FAILURES):
        Client().post(admin_login, {"username": "staff.a", "password": "wrong"}, REMOTE_ADDR="192.0.2.10")

    response = Client().post(
        admin_login, {"username": "staff.a", "password": DEMO_PASSWORD}, REMOTE_ADDR="192.0.2.10"
    )

    assert response.status_code == 429


def test_the_window_ends_after_the_cool_off(gp_a):
    for _ in range(ALLOWED_FAILURES):
        log_in("token", "wrong-password")
    LoginFailureWindow.objects.update(expires_at=timezone.now())  # the minute has passed

    assert log_in("token", DEMO_PASSWORD) == "ok"


def test_behind_num_proxies_the_audit_trail_records_the_clients_address_not_the_proxys(gp_a, settings):
    from core.models import AuditEvent
    from tests.api.conftest import client_for

    trusting_proxies(settings, 1)
    patient = {"given_name": "Mary", "family_name": "Seacole", "date_of_birth": "1960-01-01", "sex": "female"}

    response = client_for(gp_a).post(
        "/api/v1/patients/",
        patient,
        format="json",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7",
    )

    assert response.status_code == 201
    assert AuditEvent.objects.get(action="create").remote_address == "198.51.100.7"
