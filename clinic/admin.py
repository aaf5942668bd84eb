"""Back office. Practice staff see only their own practice; superusers see all."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from clinic.models import Clinician, Patient, Practice, SpecialistService


def practice_of(request: HttpRequest):
    clinician = getattr(request.user, "clinician", None)
    return clinician.practice if clinician else None


class PracticeScopedAdmin(admin.ModelAdmin):
    """Limits a staff user to rows of their practice via `practice_path`."""

    practice_path = "practice"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        practice = practice_of(request)
        if practice is None:
            return queryset.none()
        return queryset.filter(**{self.practice_path: practice}).distinct()


@admin.register(Practice)
class PracticeAdmin(PracticeScopedAdmin):
    practice_path = "pk"
    list_display = ("name", "phone", "email")
    search_fields = ("name",)
    fieldsets = (
        (None, {"fields": ("name", "address", "phone", "email")}),
        (
            "Pathway policy (spec §4: local thresholds where sources disagree)",
            {
                "fields": (
                    "lumbar_conservative_weeks",
                    "cervical_conservative_weeks",
                    "cts_conservative_weeks",
                    "cubital_conservative_weeks",
                    "radial_review_weeks",
                    "cts6_threshold",
                    "ncs_before_cts_referral",
                )
            },
        ),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Clinician)
class ClinicianAdmin(PracticeScopedAdmin):
    list_display = ("user", "practice", "role", "registration_number")
    list_filter = ("role",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "registration_number")
    autocomplete_fields = ("user",)


@admin.register(Patient)
class PatientAdmin(PracticeScopedAdmin):
    list_display = ("family_name", "given_name", "date_of_birth", "nhs_number", "practice")
    search_fields = ("family_name", "given_name", "nhs_number")
    readonly_fields = ("public_id", "created_at", "updated_at")


@admin.register(SpecialistService)
class SpecialistServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "specialty", "email", "phone")
    list_filter = ("specialty",)
    search_fields = ("name", "email")
    filter_horizontal = ("practices",)
