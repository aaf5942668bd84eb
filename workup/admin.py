"""Back office for encounters, referrals and the audit trail (read-mostly by design)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from clinic.admin import PracticeScopedAdmin
from clinic.models import Clinician
from core.errors import ServiceError
from core.models import AuditEvent
from workup.models import Addendum, Encounter, Referral
from workup.referrals.services import referral_retry
from workup.selectors import encounters_for, referrals_for


class ReadOnlyAdmin(PracticeScopedAdmin):
    """Clinical records change only through the services (API and pages), never here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class AddendumInline(admin.TabularInline):
    model = Addendum
    fields = ("created_at", "author", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Encounter)
class EncounterAdmin(ReadOnlyAdmin):
    practice_path = "patient__practice"
    audits_reads = True
    list_display = (
        "public_id",
        "patient",
        "clinician",
        "status",
        "computed_urgency",
        "urgency_override",
        "created_at",
    )
    list_filter = ("status", "computed_urgency")
    search_fields = ("patient__family_name", "patient__nhs_number", "public_id")
    inlines = (AddendumInline,)
    list_select_related = ("patient", "clinician__user")

    def scope(self, queryset: QuerySet, clinician: Clinician) -> QuerySet:
        return queryset.filter(pk__in=encounters_for(clinician).values("pk"))


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    practice_path = "encounter__patient__practice"
    audits_reads = True
    list_display = (
        "public_id",
        "encounter",
        "service",
        "urgency",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    )
    list_filter = ("status", "urgency", "service__specialty")
    search_fields = ("public_id", "encounter__patient__family_name")
    list_select_related = ("encounter__patient", "service")
    readonly_fields = ("error",)
    actions = ("retry_failed",)

    def scope(self, queryset: QuerySet, clinician: Clinician) -> QuerySet:
        return queryset.filter(pk__in=referrals_for(clinician).values("pk"))

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("workup.view_referral")

    @admin.action(description="Retry the selected failed referrals", permissions=["retry"])
    def retry_failed(self, request: HttpRequest, queryset) -> None:
        retried = 0
        for referral in queryset:  # already scoped to the user's practice by get_queryset
            try:
                referral_retry(user=request.user, referral=referral)
                retried += 1
            except ServiceError as error:
                messages.warning(request, f"{referral.public_id}: {error.summary}")
        if retried:
            messages.success(request, f"{retried} referral(s) sent round again.")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id", "channel", "remote_address")
    list_filter = ("action", "object_type", "channel")
    search_fields = ("object_id", "actor__username")
