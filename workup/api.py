"""REST API v1 (spec §5): validate → one service or selector → serialise."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from clinic import services as clinic_services
from clinic.models import Clinician
from workup import audit, referrals, selectors, services
from workup.checklists import get_checklist
from workup.errors import ConflictError
from workup.models import Referral
from workup.serializers import (
    AddendumCreateSerializer,
    AddendumSerializer,
    AssessmentSerializer,
    AssessRequestSerializer,
    ConflictSerializer,
    EncounterCreateSerializer,
    EncounterSerializer,
    EncounterUpdateSerializer,
    PatientSerializer,
    ReferralCreateSerializer,
    ReferralSerializer,
    SignRequestSerializer,
    SpecialistServiceSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)


class LoginRateThrottle(SimpleRateThrottle):
    """Per (address, username): guessing one login cannot lock out the rest of the practice."""

    scope = "login"

    def get_cache_key(self, request: Request, view) -> str:
        username = str(request.data.get("username", "")).lower()[:150] if hasattr(request, "data") else ""
        return self.cache_format % {"scope": self.scope, "ident": f"{self.get_ident(request)}:{username}"}


class IsClinician(permissions.BasePermission):
    message = "Only clinicians of a practice can use the API."

    def has_permission(self, request: Request, view) -> bool:
        clinician = selectors.clinician_for(request.user)
        request.clinician = clinician
        return clinician is not None


class ClinicianAPIView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsClinician]

    @property
    def clinician(self) -> Clinician:
        return self.request.clinician

    def found(self, queryset, public_id):
        obj = selectors.get_or_none(queryset, public_id)
        if obj is None:
            raise Http404
        return obj

    def valid(self, serializer_class, data=None) -> dict:
        serializer = serializer_class(data=self.request.data if data is None else data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class ClinicianListView(ClinicianAPIView, generics.GenericAPIView):
    def list_response(self, queryset, serializer_class) -> Response:
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True).data)


# --- Auth and reference data ---------------------------------------------------------


class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [LoginRateThrottle]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer}, auth=[])
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request, **serializer.validated_data)
        if user is None or selectors.clinician_for(user) is None:
            raise ValidationError({"non_field_errors": ["Unable to log in with these credentials."]})
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class ChecklistView(ClinicianAPIView):
    @extend_schema(responses={200: OpenApiResponse(description="The checklist definition (spec §2).")})
    def get(self, request: Request) -> Response:
        return Response(get_checklist().as_dict())


class ServiceListView(ClinicianListView):
    serializer_class = SpecialistServiceSerializer

    @extend_schema(operation_id="services_list")
    def get(self, request: Request) -> Response:
        return self.list_response(selectors.services_for(self.clinician), SpecialistServiceSerializer)


# --- Patients --------------------------------------------------------------------------


class PatientListView(ClinicianListView):
    serializer_class = PatientSerializer

    @extend_schema(
        operation_id="patients_list",
        parameters=[OpenApiParameter("q", str, description="Name, NHS number or id.")],
    )
    def get(self, request: Request) -> Response:
        patients = selectors.patients_for(self.clinician, search=request.query_params.get("q", ""))
        return self.list_response(patients, PatientSerializer)

    @extend_schema(request=PatientSerializer, responses={201: PatientSerializer})
    def post(self, request: Request) -> Response:
        data = self.valid(PatientSerializer)
        patient = clinic_services.patient_create(clinician=self.clinician, **data)
        return Response(PatientSerializer(patient).data, status=status.HTTP_201_CREATED)


class PatientDetailView(ClinicianAPIView):
    serializer_class = PatientSerializer

    def get(self, request: Request, public_id) -> Response:
        patient = self.found(selectors.patients_for(self.clinician), public_id)
        audit.record(actor=request.user, action="view", target=patient, practice=self.clinician.practice)
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


# --- Encounters ------------------------------------------------------------------------


def encounters_with_addenda(clinician: Clinician):
    return selectors.encounters_for(clinician).prefetch_related("addenda__author__user")


class EncounterListView(ClinicianListView):
    serializer_class = EncounterSerializer

    @extend_schema(
        operation_id="encounters_list",
        parameters=[
            OpenApiParameter("patient", str, description="Patient id."),
            OpenApiParameter(
                "urgency",
                str,
                enum=["emergency", "urgent", "routine", "conservative"],
                description="Effective urgency.",
            ),
            OpenApiParameter("status", str, enum=["draft", "signed"]),
        ]
    )
    def get(self, request: Request) -> Response:
        encounters = selectors.filter_encounters(
            encounters_with_addenda(self.clinician),
            patient=request.query_params.get("patient"),
            urgency=request.query_params.get("urgency"),
            status=request.query_params.get("status"),
        )
        return self.list_response(encounters, EncounterSerializer)

    @extend_schema(request=EncounterCreateSerializer, responses={201: EncounterSerializer})
    def post(self, request: Request) -> Response:
        data = self.valid(EncounterCreateSerializer)
        patient = selectors.get_or_none(selectors.patients_for(self.clinician), data["patient"])
        if patient is None:
            raise ValidationError({"patient": ["No such patient in your practice."]})
        encounter = services.encounter_create(
            clinician=self.clinician,
            patient=patient,
            answers=data.get("answers", {}),
            urgency_override=data.get("urgency_override", ""),
            override_reason=data.get("override_reason", ""),
        )
        return Response(EncounterSerializer(encounter).data, status=status.HTTP_201_CREATED)


class EncounterDetailView(ClinicianAPIView):
    serializer_class = EncounterSerializer

    def get(self, request: Request, public_id) -> Response:
        encounter = self.found(encounters_with_addenda(self.clinician), public_id)
        audit.record(actor=request.user, action="view", target=encounter, practice=self.clinician.practice)
        return Response(EncounterSerializer(encounter).data)

    @extend_schema(
        request=EncounterUpdateSerializer,
        responses={200: EncounterSerializer, 409: ConflictSerializer},
    )
    def patch(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(EncounterUpdateSerializer)
        changes = {key: data[key] for key in ("urgency_override", "override_reason") if key in data}
        encounter = services.encounter_update(
            clinician=self.clinician,
            encounter=encounter,
            version=data["version"],
            answers=data.get("answers"),
            **changes,
        )
        encounter = encounters_with_addenda(self.clinician).get(pk=encounter.pk)
        return Response(EncounterSerializer(encounter).data)


class EncounterAssessView(ClinicianAPIView):
    @extend_schema(request=AssessRequestSerializer, responses={200: AssessmentSerializer})
    def post(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(AssessRequestSerializer)
        assessment = services.encounter_preview(encounter=encounter, answers=data["answers"])
        return Response(assessment.as_dict())


class EncounterSignView(ClinicianAPIView):
    @extend_schema(
        request=SignRequestSerializer, responses={200: EncounterSerializer, 409: ConflictSerializer}
    )
    def post(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(SignRequestSerializer)
        encounter = services.encounter_sign(
            clinician=self.clinician, encounter=encounter, version=data.get("version")
        )
        encounter = encounters_with_addenda(self.clinician).get(pk=encounter.pk)
        return Response(EncounterSerializer(encounter).data)


class EncounterAddendaView(ClinicianAPIView):
    @extend_schema(request=AddendumCreateSerializer, responses={201: AddendumSerializer})
    def post(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(AddendumCreateSerializer)
        addendum = services.addendum_create(clinician=self.clinician, encounter=encounter, text=data["text"])
        return Response(AddendumSerializer(addendum).data, status=status.HTTP_201_CREATED)


# --- Referrals -------------------------------------------------------------------------


class ReferralListView(ClinicianListView):
    serializer_class = ReferralSerializer

    @extend_schema(operation_id="referrals_list")
    def get(self, request: Request) -> Response:
        return self.list_response(selectors.referrals_for(self.clinician), ReferralSerializer)

    @extend_schema(request=ReferralCreateSerializer, responses={202: ReferralSerializer})
    def post(self, request: Request) -> Response:
        data = self.valid(ReferralCreateSerializer)
        errors: dict[str, list[str]] = {}
        encounter = selectors.get_or_none(selectors.encounters_for(self.clinician), data["encounter"])
        if encounter is None:
            errors["encounter"] = ["No such encounter in your practice."]
        service = None
        if data.get("service"):
            service = selectors.get_or_none(selectors.services_for(self.clinician), data["service"])
            if service is None:
                errors["service"] = ["No such service in your practice's directory."]
        if errors:
            raise ValidationError(errors)
        referral = referrals.referral_request(
            clinician=self.clinician, encounter=encounter, service=service, note=data.get("note", "")
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_202_ACCEPTED)


class ReferralDetailView(ClinicianAPIView):
    serializer_class = ReferralSerializer

    def get(self, request: Request, public_id) -> Response:
        referral = self.found(selectors.referrals_for(self.clinician), public_id)
        return Response(ReferralSerializer(referral).data)


class ReferralPdfView(ClinicianAPIView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="The referral PDF.")})
    def get(self, request: Request, public_id) -> FileResponse:
        referral: Referral = self.found(selectors.referrals_for(self.clinician), public_id)
        if not referral.has_pdf:
            raise ConflictError({"status": [f"The PDF is not ready yet (status: {referral.status})."]})
        audit.record(actor=request.user, action="download", target=referral, practice=self.clinician.practice)
        return pdf_response(referral)


def pdf_response(referral: Referral) -> FileResponse:
    """The stored PDF as an attachment named by the referral's opaque id only."""
    handle = storages["private"].open(referral.pdf_file, "rb")
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"referral-{referral.public_id}.pdf",
    )
    response["Cache-Control"] = "no-store"
    return response
