"""Referrals: the request and the referral with its progress."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workup.models import Referral
from workup.pathways import vocabulary


class ReferralSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    encounter = serializers.UUIDField(source="encounter.public_id", read_only=True)
    service = serializers.UUIDField(source="service.public_id", read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = (
            "id",
            "encounter",
            "service",
            "note",
            "urgency",
            "status",
            "attempts",
            "pdf_sha256",
            "pages",
            "created_at",
            "ready_at",
            "sent_at",
            "error",
            "pdf_url",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf_url(self, referral: Referral) -> str | None:
        if not referral.has_pdf:
            return None
        return f"/api/v1/referrals/{referral.public_id}/pdf/"


class ReferralCreateSerializer(serializers.Serializer):
    encounter = serializers.UUIDField(help_text="A signed encounter's id.")
    service = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="Specialist service id; defaults to the practice's service for the assessed specialty.",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=vocabulary.REFERRAL_NOTE_MAX_LENGTH, default=""
    )
