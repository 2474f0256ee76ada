"""The one client the gateway uses to reach the model server (vLLM or any OpenAI-compatible API).

Transport failures become domain errors here, so routes never see httpx: connection refused ->
UpstreamUnavailable (503), timeouts -> UpstreamTimeout (504), an error answer -> a mapped error
whose message is Tresor's own (upstream messages may quote the prompt, so they are not relayed).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx

from serving.errors import (
    InvalidRequest,
    ModelNotFound,
    UpstreamFailed,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from serving.sse import read_events

log = logging.getLogger(__name__)


class UpstreamClient:
    """Async OpenAI-wire client with pooled connections and explicit timeouts."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 120.0,
        max_connections: int = 256,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers=headers,
            timeout=httpx.Timeout(read_timeout_s, connect=connect_timeout_s),
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=64),
            transport=transport,
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def list_models(self) -> list[dict[str, Any]]:
        """The upstream's ``/models`` data list."""
        response = await self._send("GET", "/models")
        return list(response.json().get("data", []))

    async def ready(self) -> bool:
        """True when the upstream answers ``/models``."""
        try:
            await self.list_models()
        except (UpstreamUnavailable, UpstreamTimeout, UpstreamFailed):
            return False
        return True

    async def chat(self, payload: dict[str, Any]) -> dict[str, Any]:
        """A non-streaming chat completion."""
        response = await self._send("POST", "/chat/completions", json={**payload, "stream": False})
        return dict(response.json())

    async def embeddings(self, payload: dict[str, Any]) -> dict[str, Any]:
        response = await self._send("POST", "/embeddings", json=payload)
        return dict(response.json())

    async def chat_stream(self, payload: dict[str, Any]) -> AsyncIterator[dict[str, Any]]:
        """Stream chat completion chunks (parsed SSE ``data:`` events, without ``[DONE]``)."""
        request = self._client.build_request(
            "POST", "/chat/completions", json={**payload, "stream": True}
        )
        try:
            response = await self._client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise UpstreamTimeout("The model server did not answer in time.") from exc
        except httpx.TransportError as exc:
            raise UpstreamUnavailable("The model server is not reachable.") from exc
        try:
            if response.status_code >= 400:
                await response.aread()
                raise _status_error(response)
            async for event in read_events(response.aiter_lines()):
                if "error" in event:
                    raise UpstreamFailed("The model server reported an error while streaming.")
                yield event
        except httpx.TimeoutException as exc:
            raise UpstreamTimeout("The model server stopped sending in time.") from exc
        except httpx.TransportError as exc:
            raise UpstreamUnavailable("The connection to the model server broke.") from exc
        finally:
            await response.aclose()

    async def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = await self._client.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise UpstreamTimeout("The model server did not answer in time.") from exc
        except httpx.TransportError as exc:
            raise UpstreamUnavailable("The model server is not reachable.") from exc
        if response.status_code >= 400:
            raise _status_error(response)
        return response


def _status_error(response: httpx.Response) -> Exception:
    """Map an upstream error status to a domain error without relaying its text."""
    status = response.status_code
    log.warning("upstream answered an error", extra={"upstream_status": status})
    if status == 404:
        return ModelNotFound("The requested model is not served.", param="model")
    if status in (400, 422):
        return InvalidRequest(
            "The model server rejected the request parameters (for example the context length)."
        )
    if status in (502, 503):
        return UpstreamUnavailable("The model server is not ready.")
    if status == 504:
        return UpstreamTimeout("The model server did not answer in time.")
    return UpstreamFailed(f"The model server failed with status {status}.")
