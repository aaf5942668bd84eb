"""What every API view shares: clinician-only access, practice-scoped lookups, the one error shape."""

from __future__ import annotations

from django.http import Http404
from rest_framework import generics, permissions
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.tokens import ApiTokenAuthentication
from clinic.models import Clinician
from workup import selectors
from workup.api.parsers import BoundedJSONParser

API_PARSERS = [BoundedJSONParser, FormParser, MultiPartParser]


class IsClinician(permissions.BasePermission):
    message = "Only clinicians of a practice can use the API."

    def has_permission(self, request: Request, view) -> bool:
        clinician = selectors.clinician_for(request.user)
        request.clinician = clinician
        return clinician is not None


class ClinicianAPIView(APIView):
    # Token first: DRF answers an anonymous request with the first class's challenge, so it gets a
    # 401 with "WWW-Authenticate: Token" rather than a 403 (kept for signed-in non-clinicians).
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
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

    def shown(self, obj):
        """What a selector read for this response, else 404."""
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
        if self.audit_listing:
            page = selectors.listed(clinician=self.clinician, rows=page)
        return self.get_paginated_response(serializer_class(page, many=True).data)
