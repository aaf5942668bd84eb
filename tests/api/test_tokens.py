"""API tokens expire, are listed and revocable by their owner, and end at logout and password change."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import api_token_issue
from tests.factories import DEMO_PASSWORD, current_totp

PATIENTS_URL = "/api/v1/patients/"
TOKENS_URL = "/api/v1/auth/tokens/"


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_expires_after_api_token_hours(gp_a, settings):
    token, key = api_token_issue(user=gp_a.user)

    assert token.expires_at - token.created_at == timedelta(hours=settings.API_TOKEN_HOURS)
    assert with_token(key).get(PATIENTS_URL).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert with_token(key).get(PATIENTS_URL).status_code == 401


def test_only_a_digest_of_the_key_is_stored(gp_a):
    token, key = api_token_issue(user=gp_a.user)

    assert key not in {token.digest, token.prefix}
    assert not ApiToken.objects.filter(digest=key).exists()


def test_every_login_issues_its_own_token(anonymous, gp_a):
    keys = set()
    for _ in range(2):
        cache.clear()  # a fresh code each time
        body = {"username": "gp.a", "password": DEMO_PASSWORD, "otp": current_totp()}
        keys.add(anonymous.post("/api/v1/auth/token/", body, format="json").json()["token"])

    assert len(keys) == 2


def test_the_owner_lists_their_working_tokens_and_which_one_is_in_use(gp_a):
    _, in_use = api_token_issue(user=gp_a.user)
    other, _ = api_token_issue(user=gp_a.user)
    expired, _ = api_token_issue(user=gp_a.user)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now())

    listing = with_token(in_use).get(TOKENS_URL).json()

    assert {item["id"] for item in listing} == {
        str(other.public_id),
        str(ApiToken.objects.get(prefix=in_use[:8]).public_id),
    }
    assert [item["current"] for item in listing if item["prefix"] == in_use[:8]] == [True]
    assert all("digest" not in item and "key" not in item for item in listing)


def test_the_list_never_shows_another_users_tokens(gp_a, colleague_a):
    api_token_issue(user=colleague_a.user)
    _, key = api_token_issue(user=gp_a.user)

    assert len(with_token(key).get(TOKENS_URL).json()) == 1


def test_the_owner_revokes_a_token(gp_a):
    _, key = api_token_issue(user=gp_a.user)
    lost, lost_key = api_token_issue(user=gp_a.user)

    response = with_token(key).delete(f"{TOKENS_URL}{lost.public_id}/")

    assert response.status_code == 204
    assert with_token(lost_key).get(PATIENTS_URL).status_code == 401
    assert with_token(key).get(PATIENTS_URL).status_code == 200


def test_another_users_token_cannot_be_revoked(gp_a, colleague_a):
    theirs, their_key = api_token_issue(user=colleague_a.user)
    _, key = api_token_issue(user=gp_a.user)

    response = with_token(key).delete(f"{TOKENS_URL}{theirs.public_id}/")

    assert response.status_code == 404
    assert with_token(their_key).get(PATIENTS_URL).status_code == 200


def test_logging_out_revokes_the_token_used_and_only_it(gp_a):
    _, key = api_token_issue(user=gp_a.user)
    _, other_key = api_token_issue(user=gp_a.user)

    response = with_token(key).post("/api/v1/auth/logout/")

    assert response.status_code == 204
    assert with_token(key).get(PATIENTS_URL).status_code == 401
    assert with_token(other_key).get(PATIENTS_URL).status_code == 200


def test_a_password_changed_from_any_door_ends_every_token(gp_a):
    _, key = api_token_issue(user=gp_a.user)

    gp_a.user.set_password("a-new-long-password-77")  # e.g. by the back office
    gp_a.user.save()

    assert with_token(key).get(PATIENTS_URL).status_code == 401
    assert with_token(key).get(TOKENS_URL).status_code == 401
