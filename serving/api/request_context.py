"""Per-request context as a plain ASGI middleware: request id, body-size limit, access log.

A plain ASGI wrapper (not Starlette's ``BaseHTTPMiddleware``) so that streamed answers pass
straight through: no extra task and memory stream per response, no added latency per chunk.
"""

from __future__ import annotations

import json
import logging
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from serving.errors import RequestTooLarge, error_body
from serving.logging_setup import request_id_var

log = logging.getLogger("tresor.gateway")

REQUEST_ID_HEADER = "x-request-id"
MAX_REQUEST_ID_CHARS = 64


class RequestContextMiddleware:
    """Gives every HTTP request an id (the caller's ``X-Request-Id`` or a new one), refuses
    bodies over ``max_body`` bytes before reading them, and logs method, path, status and
    duration (never bodies)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        given = headers.get(REQUEST_ID_HEADER.encode(), b"").decode("latin-1")
        request_id = (given or uuid.uuid4().hex)[:MAX_REQUEST_ID_CHARS]
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        try:
            length = headers.get(b"content-length", b"").decode("latin-1")
            if length.isdigit() and int(length) > self.max_body:
                too_large = RequestTooLarge(f"The request body exceeds {self.max_body} bytes.")
                status = await self._error(send, too_large, request_id)
                return

            async def send_with_id(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    message["headers"] = [
                        *message.get("headers", []),
                        (REQUEST_ID_HEADER.encode(), request_id.encode("latin-1")),
                    ]
                await send(message)

            try:
                await self.app(scope, receive, send_with_id)
            except Exception as exc:  # last resort; domain errors are mapped by the app
                log.exception("unhandled error", extra={"error_type": type(exc).__name__})
                status = await self._error(send, exc, request_id)
        finally:
            log.info(
                "request",
                extra={
                    "method": scope.get("method"),
                    "path": scope.get("path"),
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            request_id_var.reset(token)

    async def _error(self, send: Send, exc: BaseException, request_id: str) -> int:
        status, payload = error_body(exc)
        body = json.dumps(payload).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (REQUEST_ID_HEADER.encode(), request_id.encode("latin-1")),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
        return status

