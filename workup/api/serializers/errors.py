"""Error bodies the schema documents beside the success shapes."""

from __future__ import annotations

from rest_framework import serializers


class ConflictSerializer(serializers.Serializer):
    """A 409: a stale version (version, current_version) or a signed encounter or unready PDF (status)."""

    version = serializers.ListField(child=serializers.CharField(), required=False)
    current_version = serializers.IntegerField(required=False)
    status = serializers.ListField(child=serializers.CharField(), required=False)
