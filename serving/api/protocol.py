"""Wire models named like OpenAI's. Unknown sampling parameters pass through to the upstream."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Role = Literal["system", "developer", "user", "assistant", "tool", "function"]
EmbeddingFormat = Literal["float", "base64"]


class ChatMessage(BaseModel):
    """One chat message; content is text, a list of content parts, or null (tool calls)."""

    model_config = ConfigDict(extra="allow")

    role: Role
    content: str | list[dict[str, Any]] | None = None
    name: str | None = None
    tool_calls: list[dict[str, Any]] | None = None
    tool_call_id: str | None = None


class RetrievalOptions(BaseModel):
    """Tresor's extra request field ``tresor_rag``: answer from internal documents."""

    model_config = ConfigDict(extra="forbid")

    collection: str | None = Field(None, description="Collection to search (default from config).")
    top_k: int | None = Field(
        None, ge=1, description="Chunks to retrieve; at most rag.max_top_k (checked by the retriever)."
    )


class ChatCompletionRequest(BaseModel):
    """``POST /v1/chat/completions`` body."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(min_length=1)
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: dict[str, Any] | None = None
    n: int = Field(1, ge=1, le=1, description="Only one choice per request is supported.")
    max_tokens: int | None = Field(None, ge=1)
    max_completion_tokens: int | None = Field(None, ge=1)
    tresor_rag: RetrievalOptions | None = None

    @field_validator("stream_options")
    @classmethod
    def _stream_options_shape(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        if value is not None and set(value) - {"include_usage", "continuous_usage_stats"}:
            raise ValueError("only include_usage is supported")
        return value

    def wants_usage_in_stream(self) -> bool:
        return bool(self.stream_options and self.stream_options.get("include_usage"))

    def upstream_payload(self, model: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
        """The body for the model server: the caller's parameters with guarded messages."""
        body = self.model_dump(
            exclude_none=True, exclude={"messages", "tresor_rag", "stream_options"}
        )
        body["model"] = model
        body["messages"] = messages
        if self.stream:
            body["stream_options"] = {"include_usage": True}
        return body

    def message_dicts(self) -> list[dict[str, Any]]:
        return [m.model_dump(exclude_none=True) for m in self.messages]


class EmbeddingRequest(BaseModel):
    """``POST /v1/embeddings`` body."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(min_length=1)
    input: str | list[str] = Field(...)
    encoding_format: EmbeddingFormat = "float"

    def texts(self) -> list[str]:
        return [self.input] if isinstance(self.input, str) else list(self.input)
