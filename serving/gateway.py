"""Composition of the gateway's services from the config: keys, upstream, guard, retrieval."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any, Protocol

from serving.config import TresorConfig
from serving.keys import KeyStore
from serving.models import ModelCatalog
from serving.pipeline import ChatPipeline, RetrievalStage
from serving.stages import PassThroughGuard, RequestGuard
from serving.upstream import UpstreamClient

log = logging.getLogger(__name__)

RAG_ALIAS = "tresor-rag"


class Embedder(Protocol):
    """What ``/v1/embeddings`` needs of the retrieval package's embedder."""

    @property
    def model_name(self) -> str: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


@dataclass
class Gateway:
    """Everything a request handler needs, built once at start."""

    config: TresorConfig
    keys: KeyStore
    upstream: UpstreamClient
    catalog: ModelCatalog
    guard: RequestGuard
    pipeline: ChatPipeline
    embedder: Embedder | None = None
    closers: list[Any] = field(default_factory=list)

    async def aclose(self) -> None:
        await self.upstream.close()
        for closer in self.closers:
            closer()
        self.keys.close()


def build_upstream(config: TresorConfig) -> UpstreamClient:
    """The upstream client; its API key is read from the environment variable the config names."""
    api_key = os.environ.get(config.upstream.api_key_env) if config.upstream.api_key_env else None
    return UpstreamClient(
        config.upstream_base_url,
        api_key=api_key,
        connect_timeout_s=config.upstream.connect_timeout_s,
        read_timeout_s=config.upstream.read_timeout_s,
        max_connections=config.upstream.max_connections,
    )


def build_gateway(
    config: TresorConfig,
    *,
    guard: RequestGuard | None = None,
    upstream: UpstreamClient | None = None,
    retrieval: RetrievalStage | None = None,
    embedder: Embedder | None = None,
) -> Gateway:
    """Wire the gateway; pieces can be injected (tests) or are built from the config."""
    closers: list[Any] = []
    upstream = upstream or build_upstream(config)
    if guard is None:
        guard, closer = _build_guard(config)
        if closer is not None:
            closers.append(closer)
    if retrieval is None and embedder is None and config.rag.enabled:
        retrieval, embedder, closer = _build_retrieval(config, guard)
        if closer is not None:
            closers.append(closer)
    catalog = ModelCatalog(
        upstream,
        rag_alias=RAG_ALIAS if retrieval else None,
        embedding_model=embedder.model_name if embedder is not None else None,
    )
    keys = KeyStore(config.data_dir / "keys.sqlite3")
    pipeline = ChatPipeline(upstream, catalog, guard, retrieval)
    return Gateway(config, keys, upstream, catalog, guard, pipeline, embedder, closers)


def _build_guard(config: TresorConfig) -> tuple[RequestGuard, Any]:
    if not config.guardrails.enabled:
        log.warning("guardrail disabled by config: requests reach the model unprotected")
        return PassThroughGuard(), None
    from guardrails.gateway import build_guard

    guard = build_guard(config.guardrails, config.data_dir)
    return guard, guard.close


def _build_retrieval(
    config: TresorConfig, guard: RequestGuard
) -> tuple[RetrievalStage | None, Embedder | None, Any]:
    try:
        from rag.prompting import build_context, estimate_tokens
        from rag.retriever import build_retriever
    except ModuleNotFoundError:  # retrieval package not installed in this build
        return None, None, None
    from guardrails.crypto import configured_secret

    secret = configured_secret(config.data_dir, config.guardrails.secret_env)
    retriever = build_retriever(config.rag, config.data_dir, secret=secret)
    # the embedded engine's window is known; an external model's is not (the budget applies)
    window = config.engine.max_model_len if config.upstream.mode == "embedded" else None
    stage = RetrievalStage(retriever, build_context, config.rag.context_budget_tokens,
                           model_context_tokens=window, estimate_tokens=estimate_tokens)
    if not retriever.store.is_local:
        return stage, retriever.embedder, retriever.close
    # this process holds the local index folder: `tresor ingest/collections/search` run here
    from rag.index_access import HeldIndex
    from rag.index_service import start_index_service

    held = HeldIndex.of_retriever(retriever, config.rag)
    held.build_search_graphs()  # what ingests through the running gateway left for its start
    stop_service = start_index_service(held, config.data_dir)

    def close() -> None:
        stop_service()
        retriever.close()

    return stage, retriever.embedder, close
