"""The append-only audit trail: who read or changed which patient's data, when, from where.

Changes are recorded by the services that make them; reads by the selectors that serve them
(core.reads), so no door records — or forgets to record — an event of its own.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest, HttpResponse

from core.client import client_address
from core.models import USER_AGENT_LENGTH, AuditEvent

Action = AuditEvent.Action


@dataclass(frozen=True)
class AuditContext:
    """Where the current request came from: stamped on every event it causes."""

    remote_address: str | None = None
    user_agent: str = ""
    channel: str = ""


_context: contextvars.ContextVar[AuditContext] = contextvars.ContextVar(
    "audit_context", default=AuditContext()
)


def channel_of(path: str) -> str:
    return "api" if path.startswith("/api/") else "admin" if path.startswith("/admin/") else "web"


class AuditContextMiddleware:
    """Remembers where the current request came from, for every audit event it causes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = AuditContext(
            # The client's address as the login throttle sees it: behind NUM_PROXIES proxies, not the proxy's.
            remote_address=client_address(request) or None,
            user_agent=str(request.META.get("HTTP_USER_AGENT", ""))[:USER_AGENT_LENGTH],
            channel=channel_of(request.path),
        )
        token = _context.set(context)
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)


def _event(*, actor, action: str, target: models.Model, practice, channel: str | None) -> AuditEvent:
    context = _context.get()
    # An object of patient data names its patient (Patient, Encounter, Referral: audit_patient).
    patient = getattr(target, "audit_patient", None)
    if practice is None and patient is not None:
        practice = patient.practice_id
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        practice_id=getattr(practice, "pk", practice),
        patient=patient,
        action=Action(action),  # an action outside the enum is a programming error: refuse it
        object_type=target._meta.model_name,
        object_id=str(getattr(target, "public_id", target.pk)),
        remote_address=context.remote_address,
        user_agent=context.user_agent,
        channel=channel or context.channel,
    )


def record(*, actor, action: str, target: models.Model, practice=None, channel: str | None = None) -> None:
    """Append one audit event; `actor` is a User (or None for the system).

    The practice defaults to the target's patient's practice.
    """
    _event(actor=actor, action=action, target=target, practice=practice, channel=channel).save()


def record_many(
    *, actor, events: Iterable[tuple[str, models.Model]], practice=None, channel: str | None = None
) -> None:
    """Append one event per (action, target) pair, all in one insert."""
    rows = [
        _event(actor=actor, action=action, target=target, practice=practice, channel=channel)
        for action, target in events
    ]
    if rows:
        AuditEvent.objects.bulk_create(rows)
