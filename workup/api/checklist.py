"""GET /api/v1/checklist/: the checklist definition (spec §2)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from workup import pathways
from workup.api.base import ClinicianAPIView
from workup.api.serializers.checklist import ChecklistSerializer


class ChecklistView(ClinicianAPIView):
    @extend_schema(responses={200: ChecklistSerializer}, description="The checklist definition (spec §2).")
    def get(self, request: Request) -> Response:
        return Response(pathways.current().checklist.as_dict())
