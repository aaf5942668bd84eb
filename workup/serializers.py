"""API shapes (spec §5). Serializers validate and present; services do the writes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clinic.models import Patient, SpecialistService
from workup.models import Addendum, Encounter, Referral, Urgency
from workup.pathways import vocabulary
from workup.pathways.checklists.definition import ITEM_TYPES

ASSESSED_SPECIALTIES = vocabulary.choices(vocabulary.SPECIALTIES)
MAX_VERSION = 2_147_483_647


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


ANSWER_VALUE_SCHEMA = {
    "oneOf": [
        {"type": "boolean"},
        {"type": "integer"},
        {"type": "string"},
        {"type": "array", "items": {"type": "string"}},
    ]
}


def _unstorable_text(value: object) -> bool:
    """Text PostgreSQL cannot store (NUL) or UTF-8 cannot encode (lone surrogates), anywhere in value."""
    if isinstance(value, str):
        return "\x00" in value or any("\ud800" <= character <= "\udfff" for character in value)
    if isinstance(value, list):
        return any(_unstorable_text(entry) for entry in value)
    if isinstance(value, dict):
        return any(_unstorable_text(key) or _unstorable_text(entry) for key, entry in value.items())
    return False


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {**ANSWER_VALUE_SCHEMA, "nullable": True},
        "description": "Flat map of checklist item code → value (GET /api/v1/checklist/ lists the codes).",
    }
)
class AnswersField(serializers.DictField):
    """A flat map code → value; the checklist itself validates codes and values (in the service).

    Only text that could never be stored is refused here: a NUL character or a lone surrogate would
    otherwise reach PostgreSQL (or the JSON encoder) and fail as a 500 instead of a 400.
    """

    def to_internal_value(self, data):
        answers = super().to_internal_value(data)
        errors: dict[str, list[str]] = {}
        for code, value in answers.items():
            if _unstorable_text(code):
                errors["answers"] = ["Item codes may not contain NUL or unpaired surrogate characters."]
            elif _unstorable_text(value):
                errors[code] = ["Text may not contain NUL or unpaired surrogate characters."]
        if errors:
            raise serializers.ValidationError(errors)
        return answers


class EncounterSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    patient = serializers.UUIDField(source="patient.public_id", read_only=True)
    clinician = serializers.CharField(source="clinician.display_name", read_only=True)
    signed_by = serializers.CharField(source="signed_by.display_name", read_only=True, allow_null=True)
    answers = serializers.SerializerMethodField()
    assessment = AssessmentSerializer(read_only=True)
    urgency = serializers.ChoiceField(
        source="effective_urgency",
        choices=Urgency.choices,
        read_only=True,
        help_text="Effective urgency: the override when set, else the computed tier.",
    )
    # Declared, not generated: a generated read-only field loses allow_blank, and "" (no override)
    # would then be missing from the documented enum.
    urgency_override = serializers.ChoiceField(
        choices=Urgency.choices,
        allow_blank=True,
        read_only=True,
        help_text='The clinician\'s tier; "" if none.',
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

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": ANSWER_VALUE_SCHEMA,
            "description": "Flat map of checklist item code → value; an absent code was not assessed.",
        }
    )
    def get_answers(self, encounter: Encounter) -> dict:
        return encounter.answers


class EncounterCreateSerializer(serializers.Serializer):
    patient = serializers.UUIDField(help_text="The patient's id.")
    answers = AnswersField(required=False, default=dict)
    urgency_override = serializers.ChoiceField(choices=Urgency.choices, required=False, allow_blank=True)
    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class EncounterUpdateSerializer(serializers.Serializer):
    """The body of a PATCH: only the changes, but always the version they are based on."""

    # Never partial, so the version stays required even for PATCH (the schema generator sets
    # partial=True on PATCH bodies and would otherwise document it as optional).
    @property
    def partial(self) -> bool:
        return False

    @partial.setter
    def partial(self, value: bool) -> None:
        pass

    version = serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION, help_text="The version this change is based on (required)."
    )
    answers = AnswersField(
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
    answers = AnswersField(required=False, default=dict, help_text="Changes to try, as in PATCH.")


class SignRequestSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION, required=False, help_text="If given, must be the current version."
    )


class AddendumCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class ConflictSerializer(serializers.Serializer):
    """A 409: a stale version (version, current_version) or a signed encounter or unready PDF (status)."""

    version = serializers.ListField(child=serializers.CharField(), required=False)
    current_version = serializers.IntegerField(required=False)
    status = serializers.ListField(child=serializers.CharField(), required=False)


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


class PatientSearchSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Name, NHS number or id."
    )


class EncounterFilterSerializer(serializers.Serializer):
    patient = serializers.UUIDField(required=False, help_text="Patient id.")
    urgency = serializers.ChoiceField(
        choices=Urgency.choices, required=False, help_text="Effective urgency (the override when set)."
    )
    status = serializers.ChoiceField(choices=Encounter.Status.choices, required=False)


# --- The checklist definition (spec §2): documentation of GET /api/v1/checklist/ ------------------


class ChecklistChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


@extend_schema_field({"type": "string", "enum": list(ITEM_TYPES)})
class ChecklistItemTypeField(serializers.CharField):
    """Documented inline, so the schema has no generically named "TypeEnum" component."""


class ChecklistItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The answer's key, e.g. history.pain_score.")
    type = ChecklistItemTypeField(help_text="bool, int, choice, multi or text.")
    label = serializers.CharField()
    help = serializers.CharField()
    values = ChecklistChoiceSerializer(many=True, required=False, help_text="choice and multi items.")
    minimum = serializers.IntegerField(required=False, help_text="int items.")
    maximum = serializers.IntegerField(required=False, help_text="int items.")
    max_length = serializers.IntegerField(required=False, help_text="text items.")


class ChecklistGridRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    left = serializers.CharField(help_text="Item code for the left side.")
    right = serializers.CharField(help_text="Item code for the right side.")


class ChecklistGridSerializer(serializers.Serializer):
    rows = ChecklistGridRowSerializer(many=True)


class ChecklistSubsectionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    items = ChecklistItemSerializer(many=True)
    subsections = serializers.ListField(child=serializers.DictField(), help_text="Nested sections.")
    grid = ChecklistGridSerializer(allow_null=True)


class ChecklistSectionSerializer(ChecklistSubsectionSerializer):
    subsections = ChecklistSubsectionSerializer(many=True)


class ChecklistSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="e.g. nerve-compression/1.")
    sections = ChecklistSectionSerializer(many=True)
