"""API shapes (spec §5), one module per resource. Serializers validate and present; services do the writes."""
