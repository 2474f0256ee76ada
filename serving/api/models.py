"""``GET /v1/models``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from serving.api.deps import GatewayDep, PrincipalDep

router = APIRouter()


@router.get("/v1/models")
async def list_models(gateway: GatewayDep, _principal: PrincipalDep) -> dict[str, Any]:
    return {"object": "list", "data": await gateway.catalog.list()}
