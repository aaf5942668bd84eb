"""GET /api/v1/services/: the practice's directory of specialist services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from workup import selectors
from workup.api.base import ClinicianListView
from workup.api.serializers.services import SpecialistServiceSerializer


class ServiceListView(ClinicianListView):
    serializer_class = SpecialistServiceSerializer
    audit_listing = False  # the directory holds no patient data

    def get_queryset(self):
        return selectors.services_for(self.clinician)

    @extend_schema(operation_id="services_list", responses=SpecialistServiceSerializer(many=True))
    def get(self, request: Request) -> Response:
        return self.list_response(self.get_queryset(), SpecialistServiceSerializer)
