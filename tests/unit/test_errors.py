"""The one error table: every domain error has its status and OpenAI type."""

from __future__ import annotations

import pytest

from serving.errors import (
    AuthenticationFailed,
    InvalidRequest,
    ModelNotFound,
    PolicyBlocked,
    ServiceUnavailable,
    UpstreamFailed,
    UpstreamTimeout,
    UpstreamUnavailable,
    error_body,
)


@pytest.mark.parametrize(
    ("exc", "status", "etype", "code"),
    [
        (InvalidRequest("bad"), 400, "invalid_request_error", None),
        (PolicyBlocked("blocked: CREDIT_CARD"), 400, "invalid_request_error", "pii_blocked"),
        (AuthenticationFailed("no"), 401, "authentication_error", "invalid_api_key"),
        (ModelNotFound("no"), 404, "invalid_request_error", "model_not_found"),
        (UpstreamFailed("x"), 502, "api_error", "upstream_error"),
        (UpstreamUnavailable("x"), 503, "api_error", "upstream_unavailable"),
        (ServiceUnavailable("x"), 503, "api_error", "service_unavailable"),
        (UpstreamTimeout("x"), 504, "api_error", "upstream_timeout"),
    ],
)
def test_table(exc: Exception, status: int, etype: str, code: str | None) -> None:
    got_status, body = error_body(exc)
    assert got_status == status
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert body["error"]["type"] == etype
    assert body["error"]["code"] == code


def test_unknown_exceptions_stay_opaque() -> None:
    status, body = error_body(RuntimeError("secret prompt text Max Mustermann"))
    assert status == 500
    assert "Mustermann" not in body["error"]["message"]
