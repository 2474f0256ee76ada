"""The SSE reader and writer shared by the gateway, its upstream client and the benchmark."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from serving.sse import DONE_EVENT, encode_event, read_events


async def _lines(*lines: str) -> AsyncIterator[str]:
    for line in lines:
        yield line


async def _collect(lines: AsyncIterator[str]) -> list[dict[str, object]]:
    return [event async for event in read_events(lines)]


def test_reads_data_events_until_done() -> None:
    stream = _lines(": keep-alive", "", 'data: {"a": 1}', "event: x", "data:{\"b\":\"ü\"}", "data: [DONE]", 'data: {"c": 3}')
    assert asyncio.run(_collect(stream)) == [{"a": 1}, {"b": "ü"}]


def test_written_events_read_back() -> None:
    text = encode_event({"x": "Grüße", "n": [1, 2]}) + DONE_EVENT
    assert encode_event({"x": "ü"}) == 'data: {"x":"ü"}\n\n'
    assert asyncio.run(_collect(_lines(*text.splitlines()))) == [{"x": "Grüße", "n": [1, 2]}]
