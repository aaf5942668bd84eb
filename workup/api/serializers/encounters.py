"""Encounters: answers, the computed assessment, addenda, and the bodies of each write."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workup.models import Addendum, Encounter, Urgency
from workup.pathways import vocabulary

ASSESSED_SPECIALTIES = vocabulary.choices(vocabulary.SPECIALTIES)
MAX_VERSION = 2_147_483_647


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
    override_reason = serializers.CharField(
        required=False, allow_blank=True, max_length=vocabulary.TEXT_MAX_LENGTH
    )


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
        required=False, allow_blank=True, allow_null=True, max_length=vocabulary.TEXT_MAX_LENGTH
    )


class AssessRequestSerializer(serializers.Serializer):
    answers = AnswersField(required=False, default=dict, help_text="Changes to try, as in PATCH.")


class SignRequestSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_VERSION,
        help_text="The version being signed (required): signing fails if a colleague changed it since.",
    )


class AddendumCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=vocabulary.ADDENDUM_MAX_LENGTH)


class EncounterFilterSerializer(serializers.Serializer):
    patient = serializers.UUIDField(required=False, help_text="Patient id.")
    urgency = serializers.ChoiceField(
        choices=Urgency.choices, required=False, help_text="Effective urgency (the override when set)."
    )
    status = serializers.ChoiceField(choices=Encounter.Status.choices, required=False)


class ReplaySerializer(serializers.Serializer):
    """POST /encounters/{id}/replay/ (spec §4.8): the stored assessment against a fresh evaluation."""

    ruleset = serializers.CharField(help_text="The ruleset version the encounter was signed with.")
    matches = serializers.BooleanField(help_text="True when recomputing gives exactly the stored assessment.")
    differences = serializers.DictField(
        child=serializers.DictField(),
        help_text='Per assessment field that differs: {"stored": …, "replayed": …}; empty when it matches.',
    )
