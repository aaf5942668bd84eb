"""One error shape for the API: {"field or code": ["message", ...]} (spec §5)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.errors import (
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


def _as_lists(errors: dict) -> dict:
    return {
        ("non_field_errors" if key == "__all__" else key): value
        if isinstance(value, list | dict)
        else [value]
        for key, value in errors.items()
    }


def api_exception_handler(exception: Exception, context: dict) -> Response | None:
    if isinstance(exception, ServiceError):
        # A refusal the table does not name is still the caller's input, never a 500.
        code = next(
            (code for kind, code in STATUS_BY_ERROR if isinstance(exception, kind)),
            status.HTTP_400_BAD_REQUEST,
        )
        body = _as_lists(dict(exception.errors))
        if isinstance(exception, VersionConflict):
            body["current_version"] = exception.current_version
        return Response(body, status=code)
    if isinstance(exception, DjangoValidationError):
        # Model validation reached from a service (full_clean) is bad input too.
        errors = exception.message_dict if hasattr(exception, "error_dict") else None
        body = _as_lists(errors) if errors else {"non_field_errors": list(exception.messages)}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    response = exception_handler(exception, context)
    if response is not None and response.status_code == 400:
        if isinstance(response.data, dict):
            # Parse errors arrive as {"detail": "..."}: keep the one shape, a list per key.
            response.data = _as_lists(response.data)
        elif isinstance(response.data, list):
            response.data = {"non_field_errors": response.data}
    return response
