"""The append-only audit trail: who viewed or changed which record, when, from where."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest, HttpResponse

from workup import login_throttle


@dataclass(frozen=True)
class AuditContext:
    remote_address: str | None = None
    channel: str = ""


_context: contextvars.ContextVar[AuditContext] = contextvars.ContextVar(
    "audit_context", default=AuditContext()
)


class AuditContextMiddleware:
    """Remembers where the current request came from, for every audit event it causes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        channel = "api" if path.startswith("/api/") else "admin" if path.startswith("/admin/") else "web"
        # The client's address as the login throttle sees it: behind NUM_PROXIES proxies, not the proxy's.
        address = login_throttle.client_address(request) or None
        token = _context.set(AuditContext(remote_address=address, channel=channel))
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)


def record(*, actor, action: str, target: models.Model, practice=None, channel: str | None = None) -> None:
    """Append one audit event; `actor` is a User (or None for the system)."""
    from workup.models import AuditEvent

    context = _context.get()
    AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        practice=practice,
        action=action,
        object_type=target._meta.model_name,
        object_id=str(getattr(target, "public_id", target.pk)),
        remote_address=context.remote_address,
        channel=channel or context.channel,
    )


def record_listing(*, actor, targets, practice) -> None:
    """One "list" event per patient-data object shown in a list page, in one insert."""
    from workup.models import AuditEvent

    context = _context.get()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actor if actor is not None and actor.is_authenticated else None,
            practice=practice,
            action="list",
            object_type=target._meta.model_name,
            object_id=str(getattr(target, "public_id", target.pk)),
            remote_address=context.remote_address,
            channel=context.channel,
        )
        for target in targets
    )
