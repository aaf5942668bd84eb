"""REST API v1 (spec §5): validate → one service or selector → serialise."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from django.contrib.auth import authenticate
from django.core.files.storage import storages
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import NotAcceptable, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from clinic import services as clinic_services
from clinic.models import Clinician
from workup import audit, selectors, services
from workup.api_parsers import BoundedJSONParser
from workup.errors import ConflictError
from workup.idempotency import HEADER as IDEMPOTENCY_HEADER
from workup.idempotency import idempotent
from workup.models import Addendum, Referral
from workup.pathways.checklists import get_checklist
from workup.referrals import services as referral_services
from workup.serializers import (
    AddendumCreateSerializer,
    AddendumSerializer,
    AssessmentSerializer,
    AssessRequestSerializer,
    ChecklistSerializer,
    ConflictSerializer,
    EncounterCreateSerializer,
    EncounterFilterSerializer,
    EncounterSerializer,
    EncounterUpdateSerializer,
    PatientSearchSerializer,
    PatientSerializer,
    ReferralCreateSerializer,
    ReferralSerializer,
    SignRequestSerializer,
    SpecialistServiceSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)

API_PARSERS = [BoundedJSONParser, FormParser, MultiPartParser]


class LoginRateThrottle(SimpleRateThrottle):
    """Failed logins per (address, username): guessing one login cannot lock out the rest of the practice.

    Only failures count (TokenView calls record_failure), in a fixed window started by the first
    failure and counted with an atomic increment, so parallel guesses cannot slip past the limit.
    """

    scope = "login"

    def get_ident(self, request: Request) -> str:
        # X-Forwarded-For is written by the client unless a trusted proxy count is configured:
        # trusting it would let each guess claim a fresh address.
        if api_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR") or ""
        return super().get_ident(request)

    def get_cache_key(self, request: Request, view) -> str:
        data = request.data
        username = data.get("username", "") if isinstance(data, Mapping) else ""
        username = str(username).strip().lower()[:150]
        # Hashed: a key stays short and printable whatever was typed (even unpaired surrogates).
        digest = hashlib.sha256(username.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": f"{self.get_ident(request)}:{digest}"}

    def allow_request(self, request: Request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        return (self.cache.get(self.key) or 0) < self.num_requests

    def record_failure(self, request: Request, view) -> None:
        if self.rate is None:
            return
        key = self.get_cache_key(request, view)
        self.cache.add(key, 0, self.duration)
        try:
            self.cache.incr(key)
        except ValueError:  # expired between add and incr: start a new window
            self.cache.set(key, 1, self.duration)

    def forget(self, request: Request, view) -> None:
        if self.rate is not None:
            self.cache.delete(self.get_cache_key(request, view))

    def wait(self) -> float:
        return float(self.duration)


class IsClinician(permissions.BasePermission):
    message = "Only clinicians of a practice can use the API."

    def has_permission(self, request: Request, view) -> bool:
        clinician = selectors.clinician_for(request.user)
        request.clinician = clinician
        return clinician is not None


class ClinicianAPIView(APIView):
    # Token first: DRF answers an anonymous request with the first class's challenge, so it gets a
    # 401 with "WWW-Authenticate: Token" rather than a 403 (kept for signed-in non-clinicians).
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.IsAuthenticated, IsClinician]
    parser_classes = API_PARSERS

    @property
    def clinician(self) -> Clinician:
        return self.request.clinician

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Patient data must not linger in a shared browser or proxy cache.
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response

    def found(self, queryset, public_id):
        obj = selectors.get_or_none(queryset, public_id)
        if obj is None:
            raise Http404
        return obj

    def valid_query(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def valid(self, serializer_class, data=None) -> dict:
        serializer = serializer_class(data=self.request.data if data is None else data)
        if not serializer.is_valid():
            errors = dict(serializer.errors)
            if isinstance(errors.get("answers"), dict):
                # Answer problems are keyed by item code, the same shape the services use (spec §2).
                errors.update(errors.pop("answers"))
            raise ValidationError(errors)
        return serializer.validated_data


class ClinicianListView(ClinicianAPIView, generics.GenericAPIView):
    """A paginated list; get_queryset (also used by the browsable API) starts from the practice."""

    create_serializer_class = None

    def get_serializer_class(self):
        # The browsable API builds its POST form from this: offer the fields a create accepts.
        if self.request is not None and self.request.method == "POST" and self.create_serializer_class:
            return self.create_serializer_class
        return self.serializer_class

    audit_listing = True  # lists of patient data are views of each record shown (spec §7)

    def list_response(self, queryset, serializer_class) -> Response:
        page = self.paginate_queryset(queryset)
        if self.audit_listing and page:
            audit.record_listing(actor=self.request.user, targets=page, practice=self.clinician.practice)
        return self.get_paginated_response(serializer_class(page, many=True).data)


PUBLIC_ID = OpenApiParameter("public_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The id.")


# --- Auth and reference data ---------------------------------------------------------


class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes = API_PARSERS
    throttle_classes = [LoginRateThrottle]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer}, auth=[])
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request, **serializer.validated_data)
        if user is None or selectors.clinician_for(user) is None:
            for throttle in self.get_throttles():
                throttle.record_failure(request, self)
            raise ValidationError({"non_field_errors": ["Unable to log in with these credentials."]})
        for throttle in self.get_throttles():
            throttle.forget(request, self)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class ChecklistView(ClinicianAPIView):
    @extend_schema(responses={200: ChecklistSerializer}, description="The checklist definition (spec §2).")
    def get(self, request: Request) -> Response:
        return Response(get_checklist().as_dict())


class ServiceListView(ClinicianListView):
    serializer_class = SpecialistServiceSerializer
    audit_listing = False  # the directory holds no patient data

    def get_queryset(self):
        return selectors.services_for(self.clinician)

    @extend_schema(operation_id="services_list", responses=SpecialistServiceSerializer(many=True))
    def get(self, request: Request) -> Response:
        return self.list_response(self.get_queryset(), SpecialistServiceSerializer)


# --- Patients --------------------------------------------------------------------------


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
    # One query for a whole page's addenda, their authors joined in.
    addenda = Addendum.objects.select_related("author__user")
    return selectors.encounters_for(clinician).prefetch_related(Prefetch("addenda", queryset=addenda))


class EncounterListView(ClinicianListView):
    serializer_class = EncounterSerializer
    create_serializer_class = EncounterCreateSerializer

    def get_queryset(self):
        return encounters_with_addenda(self.clinician)

    @extend_schema(
        operation_id="encounters_list",
        parameters=[EncounterFilterSerializer],
        responses=EncounterSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        filters = self.valid_query(EncounterFilterSerializer)
        patient = filters.get("patient")
        encounters = selectors.filter_encounters(
            self.get_queryset(),
            patient=str(patient) if patient else None,
            urgency=filters.get("urgency"),
            status=filters.get("status"),
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


@extend_schema(parameters=[PUBLIC_ID])
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


@extend_schema(parameters=[PUBLIC_ID])
class EncounterAssessView(ClinicianAPIView):
    @extend_schema(request=AssessRequestSerializer, responses={200: AssessmentSerializer})
    def post(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(AssessRequestSerializer)
        assessment = services.encounter_preview(encounter=encounter, answers=data["answers"])
        return Response(assessment.as_dict())


@extend_schema(parameters=[PUBLIC_ID])
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


@extend_schema(parameters=[PUBLIC_ID])
class EncounterAddendaView(ClinicianAPIView):
    @extend_schema(request=AddendumCreateSerializer, responses={201: AddendumSerializer})
    def post(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(AddendumCreateSerializer)
        addendum = services.addendum_create(clinician=self.clinician, encounter=encounter, text=data["text"])
        return Response(AddendumSerializer(addendum).data, status=status.HTTP_201_CREATED)


# --- Referrals -------------------------------------------------------------------------

IDEMPOTENCY_KEY = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "Any unique string (a UUID). A retry with the same key gets the first answer again; "
        "the same key with a different body is a 422."
    ),
)


class ReferralListView(ClinicianListView):
    serializer_class = ReferralSerializer
    create_serializer_class = ReferralCreateSerializer

    def get_queryset(self):
        return selectors.referrals_for(self.clinician)

    @extend_schema(operation_id="referrals_list", responses=ReferralSerializer(many=True))
    def get(self, request: Request) -> Response:
        return self.list_response(self.get_queryset(), ReferralSerializer)

    @extend_schema(
        request=ReferralCreateSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            202: ReferralSerializer,
            409: OpenApiResponse(
                ConflictSerializer, description="The encounter already has a referral there."
            ),
        },
    )
    def post(self, request: Request) -> Response:
        return idempotent(request, self.request_referral)

    def request_referral(self) -> Response:
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
        referral = referral_services.referral_request(
            clinician=self.clinician, encounter=encounter, service=service, note=data.get("note", "")
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(parameters=[PUBLIC_ID])
class ReferralDetailView(ClinicianAPIView):
    serializer_class = ReferralSerializer

    def get(self, request: Request, public_id) -> Response:
        referral = self.found(selectors.referrals_for(self.clinician), public_id)
        audit.record(actor=request.user, action="view", target=referral, practice=self.clinician.practice)
        return Response(ReferralSerializer(referral).data)


class AnyAcceptNegotiation(DefaultContentNegotiation):
    """A client asking for application/pdf still gets its errors, as JSON, instead of a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except NotAcceptable:
            return renderers[0], renderers[0].media_type


@extend_schema(parameters=[PUBLIC_ID])
class ReferralPdfView(ClinicianAPIView):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = AnyAcceptNegotiation

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The referral PDF."),
            409: OpenApiResponse(ConflictSerializer, description="The PDF is not ready yet."),
        }
    )
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
