"""API tokens: issue, list, authenticate and revoke (a token ends at expiry, logout or password change)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from rest_framework import authentication, exceptions

from accounts.models import ApiToken

KEY_BYTES = 20  # 40 hex characters, as v1's tokens had
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def password_fingerprint(user: AbstractBaseUser) -> str:
    """Changes whenever the user's password does (the same idea as Django's session auth hash)."""
    return salted_hmac("accounts.tokens.password", user.password, algorithm="sha256").hexdigest()


@transaction.atomic
def api_token_issue(*, user: AbstractBaseUser) -> tuple[ApiToken, str]:
    """A new token for the user, valid for API_TOKEN_HOURS; the key is returned once and never stored."""
    key = secrets.token_hex(KEY_BYTES)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        digest=_digest(key),
        prefix=key[:8],
        created_at=now,
        expires_at=now + timedelta(hours=settings.API_TOKEN_HOURS),
        password_fingerprint=password_fingerprint(user),
    )
    return token, key


def api_tokens_of(user: AbstractBaseUser) -> QuerySet[ApiToken]:
    """The user's tokens that still work (unexpired, issued under the current password)."""
    return ApiToken.objects.filter(
        user=user, expires_at__gt=timezone.now(), password_fingerprint=password_fingerprint(user)
    )


@transaction.atomic
def api_token_revoke(*, user: AbstractBaseUser, token: ApiToken) -> None:
    """The owner revokes one of their tokens."""
    ApiToken.objects.filter(pk=token.pk, user=user).delete()


@transaction.atomic
def api_tokens_revoke_all(*, user: AbstractBaseUser) -> int:
    """Every token of the user (after a password change or reset); how many there were."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, v1's header, against accounts.ApiToken: expired, revoked and
    pre-password-change tokens are refused with a 401."""

    def authenticate_credentials(self, key: str):
        token = ApiToken.objects.select_related("user").filter(digest=_digest(key)).first()
        if token is None or token.is_expired or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not secrets.compare_digest(token.password_fingerprint, password_fingerprint(token.user)):
            raise exceptions.AuthenticationFailed("Invalid token.")
        # Written at most once a minute (and not in a token's first minute), not at every request.
        now = timezone.now()
        if now - (token.last_used_at or token.created_at) > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
