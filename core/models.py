"""The append-only audit trail (spec §7): who read or changed which patient's data, when, from where."""

from __future__ import annotations

from django.conf import settings
from django.db import models

USER_AGENT_LENGTH = 300  # enough to tell browsers and scripts apart; longer headers are cut


class AuditEvent(models.Model):
    """One read or change of patient data, or of a practice's clinical policy.

    Written only by core.audit; PostgreSQL refuses UPDATE and DELETE on the table
    (workup/migrations/0002_audit_append_only.py, from before the model moved here).
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        LIST = "list", "Listed"
        DOWNLOAD = "download", "Downloaded the PDF"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        SIGN = "sign", "Signed"
        ADDENDUM = "addendum", "Added an addendum"
        REFER = "refer", "Referred"
        SEND = "send", "Sent to the service"
        RETRY = "retry", "Retried"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The indexes below start with these keys, so the keys need no index of their own.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, db_index=False
    )
    practice = models.ForeignKey(
        "clinic.Practice", on_delete=models.PROTECT, null=True, blank=True, db_index=False
    )
    patient = models.ForeignKey(
        "clinic.Patient",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        related_name="audit_events",
        help_text="The patient whose data was read or changed.",
    )
    action = models.CharField(max_length=40, choices=Action.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    remote_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=USER_AGENT_LENGTH, blank=True)
    channel = models.CharField(max_length=20, blank=True)  # api, web, admin, worker, command

    class Meta:
        db_table = "workup_auditevent"  # the table kept its name when the model moved from workup
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["practice", "-at"], name="audit_by_practice_idx"),
            models.Index(fields=["patient", "-at"], name="audit_by_patient_idx"),
            models.Index(fields=["actor", "-at"], name="audit_by_actor_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_id} {self.action} {self.object_type} {self.object_id}"
        )
