"""The Referral model and the table of the status changes it may make (spec §7)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import models
from django.utils import timezone

from clinic.models import Clinician, Patient, SpecialistService
from workup.encounters.urgency import Urgency
from workup.pathways import vocabulary


class IllegalTransition(Exception):
    """A status change the transition table does not allow."""


class ReferralQuerySet(models.QuerySet):
    def move(self, *, source: str | Iterable[str], target: str, **fields) -> int:
        """Move the rows that are in `source` to `target` in one conditional update; the number moved.

        The condition on the current status is what makes a step safe to run twice: a second
        worker finds the row already moved and updates nothing.
        """
        sources = (source,) if isinstance(source, str) else tuple(source)
        for current in sources:
            check_transition(current, target)
        fields.setdefault("updated_at", timezone.now())
        return self.filter(status__in=sources).update(status=target, **fields)


class Referral(models.Model):
    """A signed encounter on its way to a specialist service as a PDF (spec §5–7)."""

    Status = models.TextChoices("Status", vocabulary.enum_members(vocabulary.REFERRAL_STATUSES))

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    encounter = models.ForeignKey("workup.Encounter", on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(SpecialistService, on_delete=models.PROTECT, related_name="referrals")
    requested_by = models.ForeignKey(Clinician, on_delete=models.PROTECT, related_name="referrals")
    note = models.TextField(blank=True)
    urgency = models.CharField(max_length=15, choices=Urgency.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)  # renders started
    delivery_attempts = models.PositiveIntegerField(default=0)  # sends tried since the last retry
    error = models.TextField(blank=True)
    pdf_file = models.CharField(max_length=255, blank=True)  # name in the private storage
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rendering_started_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        app_label = "workup"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"Referral {self.public_id} ({self.status})"

    @property
    def audit_patient(self) -> Patient:
        """Whose data this is, for the audit trail."""
        return self.encounter.patient

    @property
    def has_pdf(self) -> bool:
        return self.status in (self.Status.READY, self.Status.SENT) and bool(self.pdf_file)

    def move_to(self, target: str, **fields) -> list[str]:
        """Change this (locked) row's status as the table allows; the fields to save."""
        check_transition(self.status, target)
        self.status = target
        for name, value in fields.items():
            setattr(self, name, value)
        return ["status", *fields, "updated_at"]


Status = Referral.Status

# Every status change a referral may make, and why. A new status is an entry in
# vocabulary.REFERRAL_STATUSES plus its row here: `cancelled` (from queued, ready or failed: the
# GP withdraws it) and `acknowledged` (from sent: the service confirms receipt) are expected next.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.QUEUED: frozenset({
        Status.RENDERING,  # a worker claims it
        Status.FAILED,  # the sweeper gives up after the render-attempt cap
    }),
    Status.RENDERING: frozenset({
        Status.RENDERING,  # another worker takes over a render abandoned past its deadline
        Status.READY,  # the PDF is stored
        Status.QUEUED,  # the render failed: back to the sweeper
        Status.FAILED,  # the render failed once too often
    }),
    Status.READY: frozenset({
        Status.SENT,  # delivered
        Status.FAILED,  # refused for good, or deferred once too often
        Status.QUEUED,  # the stored PDF was lost: render it again
    }),
    Status.SENT: frozenset(),
    Status.FAILED: frozenset({
        Status.READY,  # back office retry: deliver the stored PDF again
        Status.QUEUED,  # back office retry: no PDF yet, render again
    }),
}  # fmt: skip


def check_transition(source: str, target: str) -> None:
    """Raise IllegalTransition unless the table allows source → target."""
    if target not in TRANSITIONS.get(source, frozenset()):
        raise IllegalTransition(f"A referral cannot go from {source!r} to {target!r}.")
