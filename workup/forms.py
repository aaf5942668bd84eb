"""HTML forms of the GP web app: they validate shapes; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from clinic.models import Patient, SpecialistService
from core.errors import ServiceError


class PatientForm(forms.Form):
    given_name = forms.CharField(label="Given name", max_length=100)
    family_name = forms.CharField(label="Family name", max_length=100)
    date_of_birth = forms.DateField(
        label="Date of birth", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sex = forms.ChoiceField(label="Sex", choices=[("", "— choose —"), *Patient.Sex.choices])
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        max_length=14,
        required=False,
        help_text="10 digits; spaces are allowed.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A correction or note; the signed record stays as it was.",
    )


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(
        label="Specialist service",
        queryset=SpecialistService.objects.none(),
        to_field_name="public_id",
        empty_label="— choose a service —",
    )
    note = forms.CharField(
        label="Note to the specialist (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, services: QuerySet[SpecialistService], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["service"].label_from_instance = lambda service: (
            f"{service.name} — {service.get_specialty_display()}"
        )


def add_service_errors(form: forms.Form, error: ServiceError) -> None:
    """Show a service's refusal on the form: beside the field it names, else at the top."""
    for key, messages in error.errors.items():
        field = key if key in form.fields else None
        for message in messages:
            form.add_error(field, message)
