"""The practice's directory of specialist services."""

from __future__ import annotations

from rest_framework import serializers

from clinic.models import SpecialistService


class SpecialistServiceSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = SpecialistService
        fields = ("id", "name", "specialty", "email", "phone", "address")
