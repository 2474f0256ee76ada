"""``/healthz`` (the process is up) and ``/readyz`` (the model server answers)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from serving.api.deps import GatewayDep

router = APIRouter()


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(gateway: GatewayDep) -> JSONResponse:
    ready = await gateway.upstream.ready()
    return JSONResponse(
        {"status": "ready" if ready else "upstream unavailable"}, status_code=200 if ready else 503
    )
