"""Request dependencies: the authenticated caller and the gateway services."""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from fastapi import Depends, Request

from serving.errors import AuthenticationFailed, InvalidRequest
from serving.gateway import Gateway
from serving.keys import Principal
from serving.stages import CallerContext

CONVERSATION_HEADER = "x-tresor-conversation"
_CONVERSATION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def get_gateway(request: Request) -> Gateway:
    gateway: Gateway = request.app.state.gateway
    return gateway


def get_principal(request: Request, gateway: Annotated[Gateway, Depends(get_gateway)]) -> Principal:
    """The caller of a ``/v1`` route, from ``Authorization: Bearer <key>``; 401 otherwise."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("Missing API key: send 'Authorization: Bearer <key>'.")
    principal = gateway.keys.verify(token.strip())
    if principal is None:
        raise AuthenticationFailed("Invalid or revoked API key.")
    return principal


def get_caller(
    request: Request, principal: Annotated[Principal, Depends(get_principal)]
) -> CallerContext:
    """The caller context: request id, key, team, groups and conversation scope."""
    conversation = request.headers.get(CONVERSATION_HEADER)
    if conversation is None:
        conversation = f"req-{uuid.uuid4().hex}"
    elif not _CONVERSATION_ID.match(conversation):
        raise InvalidRequest(
            "X-Tresor-Conversation must be 1-128 letters, digits or . _ : -",
            param=CONVERSATION_HEADER,
        )
    return CallerContext(
        request_id=request.state.request_id,
        key_id=principal.key_id,
        team=principal.team,
        groups=principal.groups,
        conversation_id=conversation,
    )


GatewayDep = Annotated[Gateway, Depends(get_gateway)]
CallerDep = Annotated[CallerContext, Depends(get_caller)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
