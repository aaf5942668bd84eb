"""GET /api/v1/checklist/: documentation of the checklist definition (spec §2)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workup.pathways.checklists.definition import ITEM_TYPES


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
