"""One typed configuration for the whole assistant.

Every section is a frozen pydantic model that rejects unknown keys, so a typo in
``configs/tresor.yaml`` stops start-up instead of silently falling back to a default.
Package-specific sections (guardrails, rag) are owned by their packages and composed here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from guardrails.settings import GuardrailSettings
from rag.settings import RagSettings


class Section(BaseModel):
    """Base for config sections: immutable, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ServerSettings(Section):
    """The OpenAI-compatible gateway."""

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    max_body_bytes: int = Field(4 * 1024 * 1024, gt=0, description="Largest request body accepted.")
    cors_origins: tuple[str, ...] = ()


class UpstreamSettings(Section):
    """Where the gateway sends model calls.

    ``embedded``: ``tresor up`` starts vLLM itself (see ``engine``) and the gateway talks to it
    on loopback. ``external``: an existing OpenAI-compatible server (a vLLM fleet) at ``base_url``.
    """

    mode: Literal["embedded", "external"] = "embedded"
    base_url: str | None = Field(None, description="Base URL ending in /v1 (external mode).")
    api_key_env: str | None = Field(
        None, description="Name of the environment variable holding the upstream API key."
    )
    connect_timeout_s: float = Field(5.0, gt=0)
    read_timeout_s: float = Field(120.0, gt=0, description="Longest wait for the next byte.")
    max_connections: int = Field(256, gt=0)

    @field_validator("base_url")
    @classmethod
    def _base_url_shape(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") if value else value


class EngineSettings(Section):
    """The vLLM server that ``tresor up`` starts in embedded mode."""

    build: Literal["cpu", "cuda"] = "cpu"
    model: str | None = Field(
        None,
        description="Model folder or name. Empty: the packaged SmolLM2-135M-Instruct, "
        "converted once into <data_dir>/models/.",
    )
    served_model_name: str = "smollm2-135m-instruct"
    dtype: str = Field("float32", description="float32 on CPU (bfloat16 gave garbage there).")
    host: str = "127.0.0.1"
    port: int = Field(8001, ge=1, le=65535)
    max_model_len: int = Field(2048, gt=0)
    tensor_parallel_size: int = Field(1, ge=1)
    gpu_memory_utilization: float = Field(0.90, gt=0, le=1)
    cpu_kvcache_space_gib: int = Field(2, ge=1, description="VLLM_CPU_KVCACHE_SPACE on CPU.")
    extra_args: tuple[str, ...] = Field((), description="Passed verbatim to the vLLM server.")
    startup_timeout_s: float = Field(900.0, gt=0)


class UiSettings(Section):
    """The Gradio chat page; it reaches the gateway over HTTP like any API client."""

    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(7860, ge=1, le=65535)
    team: str = Field("web", description="Team of the key the UI uses.")
    groups: tuple[str, ...] = Field(("everyone",), description="Document groups the UI may read.")
    temperature: float = Field(
        0.0, ge=0, le=2, description="Sampling temperature of the chat page's requests."
    )


class LoggingSettings(Section):
    """Structured logs. Prompts, retrieved text and detected values are never logged."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["json", "text"] = "text"


class TresorConfig(Section):
    """The whole configuration, loaded once at start and passed down."""

    data_dir: Path = Field(Path(".data"), description="Model cache, vectors, keys, vault, audit.")
    server: ServerSettings = ServerSettings()
    upstream: UpstreamSettings = UpstreamSettings()
    engine: EngineSettings = EngineSettings()
    ui: UiSettings = UiSettings()
    guardrails: GuardrailSettings = GuardrailSettings()
    rag: RagSettings = RagSettings()
    logging: LoggingSettings = LoggingSettings()

    @property
    def upstream_base_url(self) -> str:
        """Base URL (…/v1) of the model server the gateway forwards to."""
        if self.upstream.mode == "external":
            assert self.upstream.base_url is not None
            return self.upstream.base_url
        return f"http://{self.engine.host}:{self.engine.port}/v1"

    @field_validator("upstream")
    @classmethod
    def _external_needs_url(cls, value: UpstreamSettings) -> UpstreamSettings:
        if value.mode == "external" and not value.base_url:
            raise ValueError("mode 'external' needs base_url")
        return value
