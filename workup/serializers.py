"""API shapes (spec §5). Serializers validate and present; services do the writes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clinic.models import Patient, SpecialistService, Specialty
from workup.models import Addendum, Encounter, Referral, Urgency

ASSESSED_SPECIALTIES = [*Specialty.choices, ("none", "None (primary care)")]


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


class ReasonSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="Rule id, e.g. CES-1.")
    tier = serializers.ChoiceField(choices=Urgency.choices)
    text = serializers.CharField(help_text="Why the rule fired, in words for the GP.")
    source = serializers.CharField(help_text="Source keys (spec §8), comma separated.")


class AssessmentSerializer(serializers.Serializer):
    """The computed assessment (spec §3)."""

    urgency = serializers.ChoiceField(choices=Urgency.choices)
    suspected_conditions = serializers.ListField(child=serializers.CharField())
    levels = serializers.ListField(
        child=serializers.CharField(), help_text='Localised roots, e.g. "L5 left".'
    )
    recommended_tests = serializers.ListField(child=serializers.CharField())
    specialty = serializers.ChoiceField(choices=ASSESSED_SPECIALTIES)
    reasons = ReasonSerializer(many=True)
    cts6_score = serializers.FloatField(allow_null=True)
    ruleset = serializers.CharField()
    incomplete = serializers.ListField(
        child=serializers.CharField(), help_text="Item codes the rules need that are not yet assessed."
    )


class AddendumSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    author = serializers.CharField(source="author.display_name", read_only=True)

    class Meta:
        model = Addendum
        fields = ("id", "text", "author", "created_at")
        read_only_fields = ("created_at",)


AnswersField = serializers.DictField(
    help_text="Flat map of checklist item code → value (GET /api/v1/checklist/ lists the codes).",
)


class EncounterSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    patient = serializers.UUIDField(source="patient.public_id", read_only=True)
    clinician = serializers.CharField(source="clinician.display_name", read_only=True)
    signed_by = serializers.CharField(source="signed_by.display_name", read_only=True, allow_null=True)
    answers = serializers.DictField(read_only=True)
    assessment = AssessmentSerializer(read_only=True)
    urgency = serializers.ChoiceField(
        source="effective_urgency",
        choices=Urgency.choices,
        read_only=True,
        help_text="Effective urgency: the override when set, else the computed tier.",
    )
    addenda = AddendumSerializer(many=True, read_only=True)

    class Meta:
        model = Encounter
        fields = (
            "id",
            "patient",
            "clinician",
            "status",
            "checklist_version",
            "answers",
            "assessment",
            "urgency",
            "computed_urgency",
            "urgency_override",
            "override_reason",
            "version",
            "created_at",
            "updated_at",
            "signed_at",
            "signed_by",
            "addenda",
        )
        read_only_fields = fields


class EncounterCreateSerializer(serializers.Serializer):
    patient = serializers.UUIDField(help_text="The patient's id.")
    answers = serializers.DictField(required=False, default=dict, help_text=AnswersField.help_text)
    urgency_override = serializers.ChoiceField(choices=Urgency.choices, required=False, allow_blank=True)
    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class EncounterUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The version this change is based on.")
    answers = serializers.DictField(
        required=False, help_text="Codes to set; a code with value null clears that answer."
    )
    urgency_override = serializers.ChoiceField(
        choices=Urgency.choices,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Clinician's tier; null or blank removes the override.",
    )
    override_reason = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=2000
    )


class AssessRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(required=False, default=dict, help_text="Changes to try, as in PATCH.")


class SignRequestSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, required=False)


class AddendumCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class ConflictSerializer(serializers.Serializer):
    version = serializers.ListField(child=serializers.CharField())
    current_version = serializers.IntegerField()


class SpecialistServiceSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = SpecialistService
        fields = ("id", "name", "specialty", "email", "phone", "address")


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
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
