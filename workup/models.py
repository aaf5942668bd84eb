"""Encounters and their addenda (referrals live in workup.referrals, the audit trail in core)."""

from __future__ import annotations

import uuid

from django.db import models

from clinic.models import Clinician, Patient, Practice
from workup.encounters.urgency import Urgency
from workup.pathways import vocabulary
from workup.referrals.models import Referral

__all__ = ["Addendum", "Encounter", "Referral", "Urgency"]


class Encounter(models.Model):
    """One structured assessment of a patient against a checklist version (spec §1)."""

    Status = models.TextChoices("Status", vocabulary.enum_members(vocabulary.ENCOUNTER_STATUSES))

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="encounters")
    clinician = models.ForeignKey(Clinician, on_delete=models.PROTECT, related_name="encounters")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    checklist_version = models.CharField(max_length=50)
    answers = models.JSONField(default=dict, blank=True)
    # The assessment as computed (spec §3), recomputed on every draft save, frozen at sign-off.
    assessment = models.JSONField(default=dict, blank=True)
    ruleset_version = models.CharField(max_length=50)
    computed_urgency = models.CharField(max_length=15, choices=Urgency.choices)
    urgency_override = models.CharField(max_length=15, choices=Urgency.choices, blank=True)
    override_reason = models.TextField(blank=True)
    # Optimistic concurrency: every write must name the version it was based on.
    version = models.PositiveIntegerField(default=1)
    encounter_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        Clinician, on_delete=models.PROTECT, null=True, blank=True, related_name="signed_encounters"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status="draft", signed_at__isnull=True, signed_by__isnull=True)
                    | models.Q(status="signed", signed_at__isnull=False, signed_by__isnull=False)
                ),
                name="signed_encounter_has_signer_and_time",
            ),
            models.CheckConstraint(
                condition=models.Q(urgency_override="") | ~models.Q(override_reason=""),
                name="override_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "computed_urgency"])]

    def __str__(self) -> str:
        return f"Encounter {self.public_id}"

    @property
    def practice(self) -> Practice:
        return self.patient.practice

    @property
    def audit_patient(self) -> Patient:
        """Whose data this is, for the audit trail."""
        return self.patient

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def effective_urgency(self) -> str:
        return self.urgency_override or self.computed_urgency


class Addendum(models.Model):
    """A correction or note added after sign-off; the signed original stays as it was."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    encounter = models.ForeignKey(Encounter, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(Clinician, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "addenda"

    def __str__(self) -> str:
        return f"Addendum to {self.encounter.public_id} at {self.created_at:%Y-%m-%d %H:%M}"
