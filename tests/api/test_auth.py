"""Token and session authentication, and the login throttle (spec §5, §7)."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.api.conftest import client_for
from tests.factories import DEMO_PASSWORD, current_totp
from workup import login_throttle

TOKEN_URL = "/api/v1/auth/token/"
ALLOWED_FAILURES = login_throttle.login_rate().failures  # LOGIN_THROTTLE_RATE, 10/min by default
PATIENTS_URL = "/api/v1/patients/"


def login(client: APIClient, username: str, password: str, address: str = "192.0.2.10", **extra):
    """A token request with the cast's current TOTP code (made fresh: allauth refuses a code used twice)."""
    cache.clear()
    body = {"username": username, "password": password, "otp": current_totp()}
    return client.post(TOKEN_URL, body, format="json", REMOTE_ADDR=address, **extra)


def test_token_endpoint_returns_a_token_for_a_clinician(anonymous, gp_a):
    response = login(anonymous, "gp.a", DEMO_PASSWORD)

    assert response.status_code == 200
    assert set(response.json()) == {"token"}
    assert len(response.json()["token"]) == 40


def test_token_authenticates_api_requests(anonymous, gp_a):
    token = login(anonymous, "gp.a", DEMO_PASSWORD).json()["token"]

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(PATIENTS_URL).status_code == 200


def test_token_endpoint_refuses_a_wrong_password_with_a_400(anonymous, gp_a):
    response = login(anonymous, "gp.a", "not-the-password")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with these credentials."]}


def test_token_endpoint_refuses_a_user_outside_every_practice(anonymous, superuser):
    response = login(anonymous, "root", DEMO_PASSWORD)

    assert response.status_code == 400


def test_token_endpoint_names_missing_fields(anonymous, db):
    response = anonymous.post(TOKEN_URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"username", "password", "otp"}


def test_token_endpoint_answers_a_json_array_body_with_a_400(anonymous, db):
    response = anonymous.post(TOKEN_URL, "[1, 2]", content_type="application/json")

    assert response.status_code == 400


def test_a_username_with_an_unpaired_surrogate_is_a_400(anonymous, db):
    body = json.dumps({"username": "gp\ud800", "password": "x", "otp": "123456"})

    response = anonymous.post(TOKEN_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["username"]


def test_an_invalid_token_is_refused(anonymous, db):
    anonymous.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    assert anonymous.get(PATIENTS_URL).status_code == 401


def test_failed_logins_are_throttled_per_address_and_username(anonymous, gp_a):
    for _ in range(ALLOWED_FAILURES):
        assert login(anonymous, "gp.a", "wrong-password").status_code == 400

    response = login(anonymous, "gp.a", DEMO_PASSWORD)

    assert response.status_code == 429


def test_a_throttled_username_does_not_lock_out_a_colleague_at_the_same_address(anonymous, gp_a, colleague_a):
    for _ in range(ALLOWED_FAILURES):
        login(anonymous, "gp.a", "wrong-password")

    assert login(anonymous, "gp.a", DEMO_PASSWORD).status_code == 429
    assert login(anonymous, "gp2.a", DEMO_PASSWORD).status_code == 200


def test_a_throttled_username_can_still_log_in_from_another_address(anonymous, gp_a):
    for _ in range(ALLOWED_FAILURES):
        login(anonymous, "gp.a", "wrong-password", address="192.0.2.66")

    assert login(anonymous, "gp.a", DEMO_PASSWORD, address="192.0.2.10").status_code == 200


def test_the_throttle_ignores_a_client_supplied_forwarded_for_header(anonymous, gp_a):
    for attempt in range(ALLOWED_FAILURES):
        login(anonymous, "gp.a", "wrong-password", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}")

    response = login(anonymous, "gp.a", DEMO_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99")

    assert response.status_code == 429


def test_the_throttle_treats_username_case_variants_as_one_login(anonymous, gp_a):
    for attempt in range(ALLOWED_FAILURES):
        login(anonymous, "GP.A" if attempt % 2 else "gp.a", "wrong-password")

    assert login(anonymous, "Gp.A", "wrong-password").status_code == 429


def test_successful_logins_do_not_count_towards_the_throttle(anonymous, gp_a):
    for _ in range(ALLOWED_FAILURES + 2):
        assert login(anonymous, "gp.a", DEMO_PASSWORD).status_code == 200


def test_an_anonymous_request_is_challenged_for_a_token(anonymous, db):
    response = anonymous.get(PATIENTS_URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_signed_in_user_outside_every_practice_is_forbidden(superuser):
    client = APIClient()
    client.force_login(superuser)

    response = client.get(PATIENTS_URL)

    assert response.status_code == 403
    assert response.json() == {"detail": "Only clinicians of a practice can use the API."}


def test_session_authentication_works_for_reads(gp_a):
    client = APIClient()
    assert client.login(username="gp.a", password=DEMO_PASSWORD)

    assert client.get(PATIENTS_URL).status_code == 200


def test_session_writes_without_a_csrf_token_are_refused(gp_a):
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="gp.a", password=DEMO_PASSWORD)

    response = client.post(
        PATIENTS_URL,
        {"given_name": "Mary", "family_name": "Seacole", "date_of_birth": "1960-01-01", "sex": "female"},
        format="json",
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_session_writes_with_the_csrf_token_are_accepted(gp_a):
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="gp.a", password=DEMO_PASSWORD)
    csrf_token = "k" * 32  # the cookie holds the secret; the header may repeat it unmasked
    client.cookies[settings.CSRF_COOKIE_NAME] = csrf_token

    response = client.post(
        PATIENTS_URL,
        {"given_name": "Mary", "family_name": "Seacole", "date_of_birth": "1960-01-01", "sex": "female"},
        format="json",
        HTTP_X_CSRFTOKEN=csrf_token,
    )

    assert response.status_code == 201


def test_token_writes_need_no_csrf_token(gp_a):
    client = client_for(gp_a)
    client.handler.enforce_csrf_checks = True

    response = client.post(
        PATIENTS_URL,
        {"given_name": "Mary", "family_name": "Seacole", "date_of_birth": "1960-01-01", "sex": "female"},
        format="json",
    )

    assert response.status_code == 201
