"""The FastAPI application: routers, request ids, and the single error mapping."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from serving.api import chat, embeddings, health, models
from serving.api.validation import invalid_request_from_errors
from serving.errors import NotFound, RequestTooLarge, TresorError, error_body
from serving.gateway import Gateway
from serving.logging_setup import request_id_var

log = logging.getLogger("tresor.gateway")

REQUEST_ID_HEADER = "x-request-id"


def _error_response(exc: BaseException, request_id: str | None = None) -> JSONResponse:
    status, body = error_body(exc)
    headers = {REQUEST_ID_HEADER: request_id} if request_id else None
    return JSONResponse(body, status_code=status, headers=headers)


def create_app(gateway: Gateway) -> FastAPI:
    """The gateway app around an already-built :class:`Gateway`."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await gateway.aclose()

    app = FastAPI(title="Tresor gateway", version="0.1.0", lifespan=lifespan)
    app.state.gateway = gateway
    for router in (chat.router, models.router, embeddings.router, health.router):
        app.include_router(router)
    max_body = gateway.config.server.max_body_bytes

    @app.middleware("http")
    async def request_context(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        request_id = request.headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex
        request_id = request_id[:64]
        request.state.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > max_body:
                return _error_response(
                    RequestTooLarge(f"The request body exceeds {max_body} bytes."), request_id
                )
            try:
                response = await call_next(request)
            except Exception as exc:  # last resort; domain errors are handled below
                log.exception("unhandled error", extra={"error_type": type(exc).__name__})
                return _error_response(exc, request_id)
            response.headers[REQUEST_ID_HEADER] = request_id
            log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.url.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)

    @app.exception_handler(TresorError)
    async def on_domain_error(request: Request, exc: TresorError) -> JSONResponse:
        return _error_response(exc, getattr(request.state, "request_id", None))

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        error = invalid_request_from_errors(list(exc.errors()))
        return _error_response(error, getattr(request.state, "request_id", None))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        error: TresorError = (
            NotFound("No such route.")
            if exc.status_code == 404
            else TresorError("Request refused.")
        )
        status, body = error_body(error)
        return JSONResponse(body, status_code=exc.status_code if exc.status_code != 404 else status)

    return app
