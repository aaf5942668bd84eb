"""The OpenAPI document (GET /api/v1/schema/) and the parameters every resource documents alike."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.views import SpectacularAPIView

PUBLIC_ID = OpenApiParameter("public_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The id.")


class SchemaView(SpectacularAPIView):
    """The schema of API v1, generated from the views and serializers."""
