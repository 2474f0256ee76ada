"""The FastAPI application: routers, request context, and the single error mapping."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from serving.api import chat, embeddings, health, models
from serving.api.request_context import REQUEST_ID_HEADER, RequestContextMiddleware
from serving.api.validation import invalid_request_from_errors
from serving.errors import NotFound, TresorError, error_body
from serving.gateway import Gateway


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

    app.add_middleware(RequestContextMiddleware, max_body=gateway.config.server.max_body_bytes)

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
