"""API tokens that expire and can be revoked, and failed-login counts kept in the database."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """A bearer token for scripts; only its SHA-256 digest is stored, the key is shown once."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # Which key this is, for the owner's list (the first characters only: no use to a thief).
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    # A digest of the password hash when the token was issued: any password change, from any door
    # (reset, change, admin, shell), makes the token fail even before its row is deleted.
    password_fingerprint = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class LoginFailureWindow(models.Model):
    """Failed logins of one username from one client (address or known device) in the current window.

    Kept in the database, not the cache, so the lockout holds while Redis is down (it fails closed).
    """

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    # The end of the window (and of any cool-off it set off); a row past it is deleted.
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.failures} since {self.window_started_at:%Y-%m-%d %H:%M:%S}"
