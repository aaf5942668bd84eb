"""POST /api/v1/auth/token/ (credentials and a current TOTP code in, a token out, failures throttled),
and the owner's tokens: list, revoke one, log out (revoke the one in use)."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth import authenticate
from django.contrib.auth import logout as session_logout
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from accounts import mfa, tokens
from accounts.models import ApiToken
from workup import login_throttle, selectors
from workup.api.base import API_PARSERS, ClinicianAPIView
from workup.api.schema import PUBLIC_ID
from workup.api.serializers.auth import ApiTokenListItemSerializer, TokenRequestSerializer, TokenSerializer

WRONG_CREDENTIALS = "Unable to log in with these credentials."


def _username(request: Request) -> object:
    data = request.data
    return data.get("username", "") if isinstance(data, Mapping) else ""


class LoginRateThrottle(BaseThrottle):
    """The one login throttle (workup.login_throttle) at the token door: only failures count.

    TokenView records failures and forgets them on success; DRF answers a refusal with a 429 and
    Retry-After.
    """

    def allow_request(self, request: Request, view) -> bool:
        return not login_throttle.is_refused(request, _username(request))

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
        data = serializer.validated_data
        user = authenticate(request, username=data["username"], password=data["password"])
        if user is None or selectors.clinician_for(user) is None:
            login_throttle.record_failure(request, data["username"])
            raise ValidationError({"non_field_errors": [WRONG_CREDENTIALS]})
        if not mfa.has_second_factor(user):
            raise ValidationError(
                {"otp": ["Set up an authenticator app in Workup's web pages first; then send its code here."]}
            )
        if not mfa.totp_code_is_valid(user, data["otp"]):
            login_throttle.record_failure(request, data["username"])
            raise ValidationError({"otp": ["This code is not the current one (or was already used)."]})
        login_throttle.forget(request, data["username"])
        _, key = tokens.api_token_issue(user=user)
        return Response({"token": key})


class TokenListView(ClinicianAPIView):
    """The caller's own tokens that still work (never another user's, never the keys)."""

    @extend_schema(responses={200: ApiTokenListItemSerializer(many=True)})
    def get(self, request: Request) -> Response:
        current = request.auth if isinstance(request.auth, ApiToken) else None
        serializer = ApiTokenListItemSerializer(
            tokens.api_tokens_of(request.user), many=True, context={"current": current}
        )
        return Response(serializer.data)


@extend_schema(parameters=[PUBLIC_ID])
class TokenDetailView(ClinicianAPIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, public_id) -> Response:
        """Revoke one of the caller's tokens (another user's is a 404)."""
        token = self.found(ApiToken.objects.filter(user=request.user), public_id)
        tokens.api_token_revoke(user=request.user, token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(ClinicianAPIView):
    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        """Log out: revoke the token this request carries (or end the session it came with)."""
        if isinstance(request.auth, ApiToken):
            tokens.api_token_revoke(user=request.user, token=request.auth)
        else:
            session_logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
