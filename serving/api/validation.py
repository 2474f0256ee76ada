"""Turn pydantic validation errors into a 400 that names the parameter, never its value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from serving.errors import InvalidRequest


def _param(loc: tuple[object, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if item in ("body",):
            continue
        parts.append(f"[{item}]" if isinstance(item, int) else ("." if parts else "") + str(item))
    return "".join(parts)


def invalid_request_from(exc: ValidationError) -> InvalidRequest:
    """The first problem as an OpenAI ``invalid_request_error``."""
    return invalid_request_from_errors(exc.errors(include_input=False, include_url=False))


def invalid_request_from_errors(errors: Sequence[Any]) -> InvalidRequest:
    """Like :func:`invalid_request_from`, for FastAPI's list of error dicts."""
    if not errors:
        return InvalidRequest("The request is invalid.")
    first = errors[0]
    param = _param(tuple(first["loc"]))
    reason = "unknown field" if first["type"] == "extra_forbidden" else first["msg"]
    return InvalidRequest(f"Invalid parameter '{param}': {reason}.", param=param or None)
