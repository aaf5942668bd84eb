"""One error shape for the API: {"field or code": ["message", ...]} (spec §5)."""

from __future__ import annotations

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from workup.errors import (
    ConflictError,
    EncounterSigned,
    InvalidInput,
    NotPermitted,
    ServiceError,
    SignOffRefused,
    VersionConflict,
)

STATUS_BY_ERROR = (
    (VersionConflict, status.HTTP_409_CONFLICT),
    (EncounterSigned, status.HTTP_409_CONFLICT),
    (ConflictError, status.HTTP_409_CONFLICT),
    (NotPermitted, status.HTTP_403_FORBIDDEN),
    (SignOffRefused, status.HTTP_400_BAD_REQUEST),
    (InvalidInput, status.HTTP_400_BAD_REQUEST),
)


def api_exception_handler(exception: Exception, context: dict) -> Response | None:
    if isinstance(exception, ServiceError):
        code = next(code for kind, code in STATUS_BY_ERROR if isinstance(exception, kind))
        body = dict(exception.errors)
        if isinstance(exception, VersionConflict):
            body["current_version"] = exception.current_version
        return Response(body, status=code)
    response = exception_handler(exception, context)
    if response is not None and response.status_code == 400 and isinstance(response.data, dict):
        # Parse errors arrive as {"detail": "..."}: keep the one shape, a list per key.
        response.data = {
            key: value if isinstance(value, list | dict) else [value] for key, value in response.data.items()
        }
    return response
