"""/api/v1/referrals/: request a referral of a signed encounter, follow it, download its PDF."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAcceptable, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from core.errors import ConflictError
from workup import selectors
from workup.api.base import ClinicianAPIView, ClinicianListView
from workup.api.schema import PUBLIC_ID
from workup.api.serializers.errors import ConflictSerializer
from workup.api.serializers.referrals import ReferralCreateSerializer, ReferralSerializer
from workup.downloads import pdf_response
from workup.models import Referral
from workup.referrals import services as referral_services


class ReferralListView(ClinicianListView):
    serializer_class = ReferralSerializer
    create_serializer_class = ReferralCreateSerializer

    def get_queryset(self):
        return selectors.referrals_for(self.clinician)

    @extend_schema(operation_id="referrals_list", responses=ReferralSerializer(many=True))
    def get(self, request: Request) -> Response:
        return self.list_response(self.get_queryset(), ReferralSerializer)

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
        referral = referral_services.referral_request(
            clinician=self.clinician, encounter=encounter, service=service, note=data.get("note", "")
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(parameters=[PUBLIC_ID])
class ReferralDetailView(ClinicianAPIView):
    serializer_class = ReferralSerializer

    def get(self, request: Request, public_id) -> Response:
        referral = self.shown(selectors.referral_view(clinician=self.clinician, public_id=public_id))
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
        referral: Referral = self.shown(
            selectors.referral_download(clinician=self.clinician, public_id=public_id)
        )
        if not referral.has_pdf:
            raise ConflictError({"status": [f"The PDF is not ready yet (status: {referral.status})."]})
        return pdf_response(referral)
