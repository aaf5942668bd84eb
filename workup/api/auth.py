"""POST /api/v1/auth/token/: a token for a clinician's credentials, failed logins throttled."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from workup import login_throttle, selectors
from workup.api.base import API_PARSERS
from workup.api.serializers.auth import TokenRequestSerializer, TokenSerializer


def _username(request: Request) -> object:
    data = request.data
    return data.get("username", "") if isinstance(data, Mapping) else ""


class LoginRateThrottle(BaseThrottle):
    """The one login throttle (workup.login_throttle) at the token door: only failures count.

    TokenView calls record_failure and forget; DRF answers a refusal with a 429 and Retry-After.
    """

    def allow_request(self, request: Request, view) -> bool:
        return not login_throttle.is_refused(request, _username(request))

    def record_failure(self, request: Request, view) -> None:
        login_throttle.record_failure(request, _username(request))

    def forget(self, request: Request, view) -> None:
        login_throttle.forget(request, _username(request))

    def wait(self) -> float | None:
        rate = login_throttle.login_rate()
        return float(rate.window_seconds) if rate else None


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
