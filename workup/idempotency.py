"""Idempotency-Key for API writes: a retry with the same key by the same user gets the first answer.

The key is stored with the request's fingerprint and the answer, in the transaction that makes the
write, so the two are committed together or not at all: a request that failed leaves no key, and
its retry runs afresh. A concurrent request with the same key waits on the key's unique index until
the first commits, then answers as the first did. Keys expire after IDEMPOTENCY_KEY_HOURS.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from core.errors import ServiceError

HEADER = "Idempotency-Key"
# Printable ASCII without spaces, as the IETF draft and Stripe's keys use (UUIDs fit).
KEY_PATTERN = re.compile(r"^[!-~]{1,255}$")


class IdempotencyKey(models.Model):
    """One Idempotency-Key a user sent, the request it came with, and the answer it got."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_sha256 = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    # The body as first rendered, so a replay answers the same JSON in the same key order.
    response_body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        app_label = "workup"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user")]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"Idempotency-Key {self.key!r} of user {self.user_id}"


class IdempotencyKeyMisused(ServiceError):
    """The key came with another request, or is malformed (a 422)."""


def request_fingerprint(request: Request) -> str:
    """The method, path and parsed body: the same JSON written with other spacing is the same request."""
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _replay(stored: IdempotencyKey, fingerprint: str) -> Response:
    if stored.request_sha256 != fingerprint:
        raise IdempotencyKeyMisused(
            {HEADER: ["This key was sent with a different request; use a new key for a new request."]}
        )
    response = Response(json.loads(stored.response_body), status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(request: Request, answer: Callable[[], Response]) -> Response:
    """answer(), unless this user already sent this Idempotency-Key: then the first answer again."""
    key = request.headers.get(HEADER)
    if key is None:
        return answer()
    if not KEY_PATTERN.match(key):
        raise IdempotencyKeyMisused({HEADER: ["Up to 255 printable ASCII characters, no spaces."]})
    fingerprint = request_fingerprint(request)
    now = timezone.now()
    with transaction.atomic():
        IdempotencyKey.objects.filter(user=request.user, key=key, expires_at__lte=now).delete()
        stored = IdempotencyKey.objects.filter(user=request.user, key=key).first()
        if stored is not None:
            return _replay(stored, fingerprint)
        try:
            with transaction.atomic():
                # Taken first: a concurrent request with the key waits here until this one commits.
                claim = IdempotencyKey.objects.create(
                    user=request.user,
                    key=key,
                    request_sha256=fingerprint,
                    status_code=0,
                    response_body="",
                    expires_at=now + timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS),
                )
        except IntegrityError:
            return _replay(IdempotencyKey.objects.get(user=request.user, key=key), fingerprint)
        response = answer()  # an error raised here rolls the key back with the write
        if 200 <= response.status_code < 300:
            claim.status_code = response.status_code
            claim.response_body = JSONRenderer().render(response.data).decode()
            claim.save(update_fields=["status_code", "response_body"])
        else:
            claim.delete()
        return response


def forget_expired_keys() -> int:
    """Delete the keys past their expiry; the number deleted."""
    deleted, _ = IdempotencyKey.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
