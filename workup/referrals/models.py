"""The Referral model and the table of the status changes it may make (spec §7)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import models
from django.utils import timezone

from clinic.models import Clinician, Patient, SpecialistService
from workup.encounters.urgency import Urgency
from workup.pathways import vocabulary

# The statuses a referral moves through (spec §5); the class is Referral.Status.
Status = models.TextChoices("Status", vocabulary.enum_members(vocabulary.REFERRAL_STATUSES))

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


def _active_statuses() -> frozenset[str]:
    """The statuses in which a referral stands for its encounter at its service.

    Read off the table: every status from which the pipeline alone can still reach `sent`, and
    every status after it. Failed is excluded: it waits for a person, and a new request must not
    be blocked by it (nor, when it comes, by a cancelled one, which cannot reach sent). The back
    office retry, the one move from failed back to an active status, checks the constraint.
    """

    def reaches_sent(status: str, seen: frozenset[str] = frozenset()) -> bool:
        if status == Status.SENT:
            return True
        return any(
            reaches_sent(target, seen | {status})
            for target in TRANSITIONS[status] - seen - {Status.FAILED, status}
        )

    def after_sent(status: str) -> set[str]:
        return {status}.union(*(after_sent(target) for target in TRANSITIONS[status] - {status}))

    on_the_way = {status for status in TRANSITIONS if status != Status.FAILED and reaches_sent(status)}
    return frozenset(on_the_way | after_sent(Status.SENT))


ACTIVE_STATUSES = _active_statuses()


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

    Status = Status

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    encounter = models.ForeignKey("workup.Encounter", on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(SpecialistService, on_delete=models.PROTECT, related_name="referrals")
    requested_by = models.ForeignKey(Clinician, on_delete=models.PROTECT, related_name="referrals")
    note = models.TextField(blank=True)
    urgency = models.CharField(max_length=15, choices=Urgency.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)  # renders started
    delivery_attempts = models.PositiveIntegerField(default=0)  # sends tried since the last retry
    # Set, and committed, before a send talks to the mail server; cleared once its outcome is known.
    # Still set on a later attempt means the last send ended unseen (its worker died mid-send).
    delivery_started_at = models.DateTimeField(null=True, blank=True)
    # Sends that may have reached the service without our hearing so: the message was handed over
    # and the answer lost (timeout, dropped connection, dead worker). Each is a possible copy.
    uncertain_deliveries = models.PositiveIntegerField(default=0)
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
        constraints = [
            # A double-click, a client's retry or twenty concurrent requests make one referral.
            models.UniqueConstraint(
                fields=["encounter", "service"],
                condition=models.Q(status__in=sorted(ACTIVE_STATUSES)),
                name="one_active_referral_per_encounter_and_service",
            )
        ]

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
