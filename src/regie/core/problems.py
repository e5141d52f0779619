"""API errors as RFC 9457 problem details (application/problem+json)."""

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_TYPE_BASE = "https://regie.example/problems/"

_TITLES = {
    400: "Invalid request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Internal error",
}

_TYPES = {
    400: "invalid-request",
    401: "authentication-required",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    415: "unsupported-media-type",
    429: "too-many-requests",
    500: "internal-error",
}


def problem(status_code: int, detail: str, instance: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": PROBLEM_TYPE_BASE + _TYPES.get(status_code, "error"),
        "title": _TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        "instance": instance,
        **extra,
    }


def _field_errors(data: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested validation errors into [{"field": "a.b", "message": ...}]."""
    errors: list[dict[str, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            errors.extend(_field_errors(value, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, dict | list):
                errors.extend(_field_errors(value, f"{prefix}[{index}]"))
            else:
                errors.append({"field": prefix or "non_field_errors", "message": str(value)})
    else:
        errors.append({"field": prefix or "non_field_errors", "message": str(data)})
    return errors


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    instance = request.path if request is not None else ""
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        body = problem(status.HTTP_400_BAD_REQUEST, detail, instance, errors=errors)
    else:
        detail_value = getattr(exc, "detail", str(exc))
        body = problem(response.status_code, str(detail_value), instance)
    response.data = body
    response.content_type = "application/problem+json"
    return response


def problem_response(request: HttpRequest, status_code: int, detail: str) -> JsonResponse:
    return JsonResponse(
        problem(status_code, detail, request.path),
        status=status_code,
        content_type="application/problem+json",
    )
