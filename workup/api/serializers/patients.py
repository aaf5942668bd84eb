"""Patients: the record and the search query."""

from __future__ import annotations

from rest_framework import serializers

from clinic.models import Patient


class PatientSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    nhs_number = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=14,
        help_text="10 digits (spaces allowed); the Modulus 11 check digit is validated.",
    )

    class Meta:
        model = Patient
        fields = ("id", "given_name", "family_name", "date_of_birth", "sex", "nhs_number", "created_at")
        read_only_fields = ("created_at",)
        extra_kwargs = {"nhs_number": {"validators": []}}


class PatientSearchSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Name, NHS number or id."
    )
