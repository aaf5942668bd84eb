"""POST /api/v1/auth/token/: a token for a clinician's credentials, failed logins throttled."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from workup import selectors
from workup.api.base import API_PARSERS
from workup.api.serializers.auth import TokenRequestSerializer, TokenSerializer


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
