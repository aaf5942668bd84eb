"""Back office. Practice staff see only their own practice; superusers see all.

The admin is one more door: it reads patient data through the selectors (and the audit trail
records what each page shows), and it writes only through the services the API uses. A row out
of the user's reach is a 404, as in the API, never a page that confirms it exists.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from clinic import services
from clinic.models import Clinician, Patient, Practice, SpecialistService
from clinic.selectors import clinician_for, patients_for
from clinic.validators import normalise_nhs_number
from core.errors import InvalidInput
from core.reads import read


def practice_of(request: HttpRequest) -> Practice | None:
    clinician = clinician_for(request.user)
    return clinician.practice if clinician else None


class PracticeScopedAdmin(admin.ModelAdmin):
    """Limits a staff user to rows of their practice via `practice_path` (or the app's selector)."""

    practice_path = "practice"
    # Admins of patient data record what their pages show: list events for a changelist's rows,
    # a view event for the record on a change, history or delete page.
    audits_reads = False

    def scope(self, queryset: QuerySet, clinician: Clinician) -> QuerySet:
        """The rows of queryset within the clinician's practice."""
        return queryset.filter(**{self.practice_path: clinician.practice_id}).distinct()

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        clinician = clinician_for(request.user)
        if clinician is None:
            return queryset.none()
        return self.scope(queryset, clinician)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:  # another practice's row, or none at all: the same answer
            raise Http404
        return obj

    def get_changelist_instance(self, request: HttpRequest):
        changelist = super().get_changelist_instance(request)
        if self.audits_reads and request.method == "GET":
            read(actor=request.user, listed=changelist.result_list)
        return changelist

    def _record_view(self, request: HttpRequest, response, key: str):
        shown = getattr(response, "context_data", None) or {}
        if self.audits_reads and request.method == "GET" and response.status_code == 200 and shown.get(key):
            read(actor=request.user, viewed=[shown[key]])
        return response

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        return self._record_view(request, response, "original")

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        return self._record_view(request, response, "object")

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        return self._record_view(request, response, "object")


POLICY_HEADING = "Pathway policy (spec §4: local thresholds where sources disagree)"


@admin.register(Practice)
class PracticeAdmin(PracticeScopedAdmin):
    practice_path = "pk"
    list_display = ("name", "phone", "email")
    search_fields = ("name",)
    fieldsets = (
        (None, {"fields": services.PRACTICE_CONTACT_FIELDS}),
        (POLICY_HEADING, {"fields": services.PRACTICE_POLICY_FIELDS}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        # The thresholds change urgency tiers: only a superuser may change them (audited).
        return () if request.user.is_superuser else services.PRACTICE_POLICY_FIELDS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def save_model(self, request: HttpRequest, obj: Practice, form, change: bool) -> None:
        """Through clinic.services, which checks who may change what and records it."""
        fields = {key: form.cleaned_data[key] for key in form.cleaned_data if key in form.changed_data}
        if change:
            services.practice_update(user=request.user, practice=obj, **fields)
        else:
            saved = services.practice_create(user=request.user, **form.cleaned_data)
            obj.pk, obj.public_id = saved.pk, saved.public_id  # the admin logs and redirects with obj


@admin.register(Clinician)
class ClinicianAdmin(PracticeScopedAdmin):
    list_display = ("user", "practice", "role", "registration_number")
    list_filter = ("role",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "registration_number")
    autocomplete_fields = ("user",)


class PatientAdminForm(forms.ModelForm):
    """The patient's details, checked by the same rules as the API's (clinic.services)."""

    practice: Practice | None = None  # the staff member's own; set by PatientAdmin.get_form
    nhs_number = forms.CharField(
        required=False,
        max_length=14,
        label="NHS number",
        help_text="10 digits (spaces allowed); the Modulus 11 check digit is validated.",
    )

    class Meta:
        model = Patient
        fields = services.PATIENT_FIELDS

    def clean_nhs_number(self) -> str:
        return normalise_nhs_number(self.cleaned_data["nhs_number"])

    def _post_clean(self) -> None:
        super()._post_clean()
        if self._errors:
            return
        if self.instance._state.adding:
            self.instance.practice = self.practice
        try:
            services.validate_patient(self.instance)
        except InvalidInput as error:
            for field, messages in error.errors.items():
                self.add_error(field if field in self.fields else None, messages)


@admin.register(Patient)
class PatientAdmin(PracticeScopedAdmin):
    form = PatientAdminForm
    audits_reads = True
    list_display = ("family_name", "given_name", "date_of_birth", "nhs_number", "practice")
    search_fields = ("family_name", "given_name", "nhs_number")
    readonly_fields = ("practice", "public_id", "created_at", "updated_at")

    def scope(self, queryset: QuerySet, clinician: Clinician) -> QuerySet:
        return queryset.filter(pk__in=patients_for(clinician).values("pk"))

    def get_fields(self, request: HttpRequest, obj=None):
        fields = [*services.PATIENT_FIELDS]
        # The practice is never a choice: a new patient joins the staff member's own practice.
        return fields if obj is None else [*fields, *self.readonly_fields]

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.practice = practice_of(request)
        return form

    def _member_of(self, request: HttpRequest, obj: Patient | None) -> bool:
        # Writes go through the services, which act for a practice member (as the API does).
        practice = practice_of(request)
        return practice is not None and (obj is None or obj.practice_id == practice.pk)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and self._member_of(request, None)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._member_of(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a patient's record is never deleted; the audit trail refers to it

    def save_model(self, request: HttpRequest, obj: Patient, form, change: bool) -> None:
        """Through clinic.services, as the API: the same checks, and the change is audited."""
        clinician = clinician_for(request.user)
        fields = {key: form.cleaned_data.get(key) for key in services.PATIENT_FIELDS}
        if change:
            services.patient_update(clinician=clinician, patient=obj, **fields)
        else:
            saved = services.patient_create(clinician=clinician, **fields)
            obj.pk, obj.public_id, obj.practice = saved.pk, saved.public_id, saved.practice


@admin.register(SpecialistService)
class SpecialistServiceAdmin(PracticeScopedAdmin):
    practice_path = "practices"
    list_display = ("name", "specialty", "email", "phone")
    list_filter = ("specialty",)
    search_fields = ("name", "email")
    filter_horizontal = ("practices",)

    def get_exclude(self, request: HttpRequest, obj=None):
        # Which other practices refer to a service is theirs to know, not this practice's staff.
        return () if request.user.is_superuser else ("practices",)
