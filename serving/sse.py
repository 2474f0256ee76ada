"""Server-sent events in OpenAI's streaming wire format, both directions (pure).

``encode_event`` writes one ``data:`` event as the gateway streams it; ``read_events`` parses
the ``data:`` lines of a stream into JSON events and stops at ``data: [DONE]``. The gateway's
upstream client and the benchmark's load generator read streams with the same parser.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, AsyncIterator
from typing import Any

#: The event that ends an OpenAI stream.
DONE_EVENT = "data: [DONE]\n\n"


def encode_event(payload: dict[str, Any]) -> str:
    """One compact ``data:`` event (UTF-8 kept as is)."""
    return f"data: {json.dumps(payload, ensure_ascii=False, separators=(',', ':'))}\n\n"


async def read_events(lines: AsyncIterable[str]) -> AsyncIterator[dict[str, Any]]:
    """The JSON events of an SSE stream's lines, up to ``[DONE]``; other lines are skipped."""
    async for line in lines:
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        yield json.loads(data)
