"""/api/v1/patients/: search, register, read and correct the practice's patients."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from clinic import services as clinic_services
from workup import selectors
from workup.api.base import ClinicianAPIView, ClinicianListView
from workup.api.schema import PUBLIC_ID
from workup.api.serializers.patients import PatientSearchSerializer, PatientSerializer


class PatientListView(ClinicianListView):
    serializer_class = PatientSerializer

    def get_queryset(self):
        return selectors.patients_for(self.clinician)

    @extend_schema(
        operation_id="patients_list",
        parameters=[PatientSearchSerializer],
        responses=PatientSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        search = self.valid_query(PatientSearchSerializer).get("q", "")
        patients = selectors.patients_for(self.clinician, search=search)
        return self.list_response(patients, PatientSerializer)

    @extend_schema(request=PatientSerializer, responses={201: PatientSerializer})
    def post(self, request: Request) -> Response:
        data = self.valid(PatientSerializer)
        patient = clinic_services.patient_create(clinician=self.clinician, **data)
        return Response(PatientSerializer(patient).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PUBLIC_ID])
class PatientDetailView(ClinicianAPIView):
    serializer_class = PatientSerializer

    def get(self, request: Request, public_id) -> Response:
        patient = self.shown(selectors.patient_view(clinician=self.clinician, public_id=public_id))
        return Response(PatientSerializer(patient).data)

    @extend_schema(request=PatientSerializer, responses={200: PatientSerializer})
    def patch(self, request: Request, public_id) -> Response:
        patient = self.found(selectors.patients_for(self.clinician), public_id)
        serializer = PatientSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        patient = clinic_services.patient_update(
            clinician=self.clinician, patient=patient, **serializer.validated_data
        )
        return Response(PatientSerializer(patient).data)
