"""Practices, their clinicians and patients, and the specialist service directory."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from clinic.validators import validate_nhs_number
from workup.pathways import vocabulary
from workup.pathways.rules import PathwayPolicy

# Spec §3: where an assessment sends the patient (a service's specialty; never "none").
Specialty = models.TextChoices("Specialty", vocabulary.enum_members(vocabulary.SERVICE_SPECIALTIES))


def weeks_field(default: int, help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        default=default, validators=[MaxValueValidator(520)], help_text=help_text
    )


class Practice(models.Model):
    """A GP practice: the tenancy boundary, and the owner of its pathway policy (spec §4)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)

    # Pathway policy: local thresholds where the sources disagree (spec §4, §8).
    lumbar_conservative_weeks = weeks_field(6, "LRAD-2: weeks of conservative care before referral.")
    cervical_conservative_weeks = weeks_field(6, "CRAD-2: weeks of conservative care before referral.")
    cts_conservative_weeks = weeks_field(12, "CTS-2: weeks of conservative care before referral.")
    cubital_conservative_weeks = weeks_field(12, "CUB-2: weeks of conservative care before referral.")
    radial_review_weeks = weeks_field(6, "RAD-3: weeks without recovery before referral.")
    cts6_threshold = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=12,
        validators=[MinValueValidator(0), MaxValueValidator(26)],
        help_text="CTS-1, CTS-2: CTS-6 score at or above which carpal tunnel syndrome is recognised.",
    )
    ncs_before_cts_referral = models.BooleanField(
        default=False, help_text="CTS-2: always request nerve conduction studies before referral."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def pathway_policy(self) -> PathwayPolicy:
        return PathwayPolicy(
            lumbar_conservative_weeks=self.lumbar_conservative_weeks,
            cervical_conservative_weeks=self.cervical_conservative_weeks,
            cts_conservative_weeks=self.cts_conservative_weeks,
            cubital_conservative_weeks=self.cubital_conservative_weeks,
            radial_review_weeks=self.radial_review_weeks,
            cts6_threshold=float(self.cts6_threshold),
            ncs_before_cts_referral=self.ncs_before_cts_referral,
        )


class Clinician(models.Model):
    """A user's membership of one practice, with their role."""

    class Role(models.TextChoices):
        GP = "gp", "GP"
        ADMIN_STAFF = "admin_staff", "Practice admin staff"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician")
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="clinicians")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.GP)
    registration_number = models.CharField(
        max_length=20, blank=True, help_text="Professional registration number (GMC number for GPs)."
    )

    class Meta:
        ordering = ["practice__name", "user__username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="gp") | ~models.Q(registration_number=""),
                name="gp_has_registration_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.practice})"

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_gp(self) -> bool:
        return self.role == self.Role.GP


class Patient(models.Model):
    Sex = models.TextChoices("Sex", vocabulary.enum_members(vocabulary.SEXES))

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="patients")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=10, choices=Sex.choices)
    nhs_number = models.CharField(
        max_length=10, blank=True, validators=[validate_nhs_number], verbose_name="NHS number"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "nhs_number"],
                condition=~models.Q(nhs_number=""),
                name="unique_nhs_number_per_practice",
            ),
        ]
        indexes = [
            models.Index(Lower("family_name"), "practice", name="patient_family_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.family_name.upper()}, {self.given_name}"

    @property
    def audit_patient(self) -> Patient:
        """Whose data this is, for the audit trail."""
        return self

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - before_birthday


class SpecialistService(models.Model):
    """A receiving team in the directory; practices choose which ones they refer to."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    specialty = models.CharField(max_length=30, choices=Specialty.choices)
    email = models.EmailField()
    phone = models.CharField(max_length=40)
    address = models.TextField(blank=True)
    practices = models.ManyToManyField(Practice, related_name="specialist_services", blank=True)

    class Meta:
        ordering = ["specialty", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "specialty"], name="unique_service_name_specialty")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_specialty_display()})"
