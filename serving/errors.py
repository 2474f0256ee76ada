"""Domain errors and the one table that maps every error to an OpenAI error response.

Routes and stages raise these; nothing else decides a status code. Messages are fixed,
human-readable sentences: they never include prompt text, retrieved text or detected values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class TresorError(Exception):
    """Base of every error Tresor reports to a caller."""

    def __init__(self, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param


class InvalidRequest(TresorError):
    """The request body or parameters are unusable."""


class AuthenticationFailed(TresorError):
    """Missing, unknown or revoked API key."""


class PermissionDenied(TresorError):
    """The key is valid but may not do this (e.g. read a collection outside its groups)."""


class NotFound(TresorError):
    """A named resource (collection, route) does not exist."""


class ModelNotFound(NotFound):
    """The requested model is not served."""


class RequestTooLarge(TresorError):
    """The body exceeds the configured limit."""


class UpstreamUnavailable(TresorError):
    """The model server cannot be reached or is not ready."""


class UpstreamTimeout(TresorError):
    """The model server did not answer in time."""


class UpstreamFailed(TresorError):
    """The model server answered with an error of its own."""


class ServiceUnavailable(TresorError):
    """A stage Tresor relies on (guardrail, vector store) cannot serve; fail closed."""


class IndexLocked(ServiceUnavailable):
    """The local vector index folder is held by another process (normally the running
    gateway, whose index service then runs the command: :mod:`rag.index_client`)."""


class PolicyBlocked(TresorError):
    """The privacy policy refuses this request (e.g. a blocked entity type)."""

    def __init__(self, message: str, *, code: str = "pii_blocked", param: str | None = None):
        super().__init__(message, param=param)
        self.code = code


@dataclass(frozen=True)
class ErrorSpec:
    """HTTP status, OpenAI error ``type`` and default ``code`` for one error class."""

    status: int
    type: str
    code: str | None


ERROR_TABLE: dict[type[Exception], ErrorSpec] = {
    InvalidRequest: ErrorSpec(400, "invalid_request_error", None),
    PolicyBlocked: ErrorSpec(400, "invalid_request_error", "pii_blocked"),
    AuthenticationFailed: ErrorSpec(401, "authentication_error", "invalid_api_key"),
    PermissionDenied: ErrorSpec(403, "permission_error", "permission_denied"),
    NotFound: ErrorSpec(404, "invalid_request_error", "not_found"),
    ModelNotFound: ErrorSpec(404, "invalid_request_error", "model_not_found"),
    RequestTooLarge: ErrorSpec(413, "invalid_request_error", "request_too_large"),
    UpstreamFailed: ErrorSpec(502, "api_error", "upstream_error"),
    UpstreamUnavailable: ErrorSpec(503, "api_error", "upstream_unavailable"),
    ServiceUnavailable: ErrorSpec(503, "api_error", "service_unavailable"),
    UpstreamTimeout: ErrorSpec(504, "api_error", "upstream_timeout"),
}

INTERNAL = ErrorSpec(500, "api_error", "internal_error")


def spec_for(exc: BaseException) -> ErrorSpec:
    """The table entry of the nearest class in ``exc``'s hierarchy (internal error otherwise)."""
    for cls in type(exc).__mro__:
        if cls in ERROR_TABLE:
            return ERROR_TABLE[cls]
    return INTERNAL


def error_body(exc: BaseException) -> tuple[int, dict[str, Any]]:
    """Status code and OpenAI error JSON for any exception; unknown ones stay opaque."""
    spec = spec_for(exc)
    if isinstance(exc, TresorError):
        message, param = exc.message, exc.param
        code = getattr(exc, "code", None) or spec.code
    else:
        message, param, code = (
            "Internal error; see the gateway log for the request id.",
            None,
            spec.code,
        )
    return spec.status, {
        "error": {"message": message, "type": spec.type, "param": param, "code": code}
    }
