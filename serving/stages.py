"""The pluggable stages of the chat pipeline and the context that flows through them.

request -> guard input -> retrieve -> guard context -> LLM -> restore/guard output -> response

The gateway only knows these protocols; the guardrail (``guardrails``) and retrieval (``rag``)
packages provide the implementations, and :class:`PassThroughGuard` stands in where no
guardrail is configured (tests of the bare skeleton).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class CallerContext:
    """Who asks, in which conversation; passed to every stage.

    ``conversation_id`` comes from the ``X-Tresor-Conversation`` header (scoped to the key, so
    two callers never share placeholders); without the header each request is its own scope.
    """

    request_id: str
    key_id: str
    team: str
    groups: tuple[str, ...]
    conversation_id: str

    @property
    def vault_scope(self) -> str:
        """The namespace of this caller's placeholders: key and conversation together."""
        return f"{self.key_id}:{self.conversation_id}"


@dataclass(frozen=True)
class SourceRef:
    """One retrieved source as cited to the caller (title, path, page)."""

    index: int
    title: str | None = None
    path: str | None = None
    page: int | None = None
    collection: str | None = None
    chunk_id: str | None = None
    score: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class RetrievedChunk:
    """A chunk of a document the caller may read, with its citation."""

    text: str
    source: SourceRef


class StreamRestorer(Protocol):
    """Turns model deltas into caller deltas, holding back only a possible partial placeholder."""

    def feed(self, delta: str) -> str: ...

    def flush(self) -> str: ...


class GuardedCall(Protocol):
    """One request after the input guard: what the model sees, and how to map answers back."""

    messages: list[dict[str, Any]]

    def restore(self, text: str) -> str:
        """Map a whole model answer back for the caller (and apply the output policy)."""
        ...

    def stream_restorer(self, json_escape: bool = False) -> StreamRestorer:
        """A fresh restorer for one streamed choice; ``json_escape`` for tool-call arguments
        (restored values are escaped so the streamed JSON stays valid)."""
        ...

    def restore_json(self, text: str) -> str:
        """Restore placeholders inside tool-call arguments (a JSON string)."""
        ...


class RequestGuard(Protocol):
    """The privacy guardrail as the gateway sees it."""

    async def guard_input(self, messages: list[dict[str, Any]], ctx: CallerContext) -> GuardedCall:
        """Protect every message; raise PolicyBlocked or ServiceUnavailable (fail closed)."""
        ...

    async def guard_context(
        self, call: GuardedCall, chunks: list[RetrievedChunk], ctx: CallerContext
    ) -> list[RetrievedChunk]:
        """Protect retrieved text with the same vault as the request."""
        ...


class ContextRetriever(Protocol):
    """Retrieval as the gateway sees it; access control is applied inside."""

    async def retrieve(
        self, query: str, ctx: CallerContext, *, collection: str | None, top_k: int | None
    ) -> list[RetrievedChunk]: ...


class _IdentityRestorer:
    def feed(self, delta: str) -> str:
        return delta

    def flush(self) -> str:
        return ""


@dataclass
class _UnguardedCall:
    messages: list[dict[str, Any]] = field(default_factory=list)

    def restore(self, text: str) -> str:
        return text

    def stream_restorer(self, json_escape: bool = False) -> StreamRestorer:
        return _IdentityRestorer()

    def restore_json(self, text: str) -> str:
        return text


class PassThroughGuard:
    """A guard that changes nothing: only for running the bare gateway without a guardrail."""

    async def guard_input(self, messages: list[dict[str, Any]], ctx: CallerContext) -> GuardedCall:
        return _UnguardedCall(messages)

    async def guard_context(
        self, call: GuardedCall, chunks: list[RetrievedChunk], ctx: CallerContext
    ) -> list[RetrievedChunk]:
        return chunks
