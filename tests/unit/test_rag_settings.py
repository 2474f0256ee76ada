"""The ``rag`` config section: defaults, validation, composition into TresorConfig."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rag.settings import ChunkingSettings, EmbedderSettings, QdrantSettings, RagSettings
from serving.config import TresorConfig


def test_defaults_run_offline_with_hybrid_search() -> None:
    s = RagSettings()
    assert s.enabled and s.hybrid and s.embedder.kind == "e5-onnx" and s.qdrant.url is None


@pytest.mark.parametrize(
    ("build", "where"),
    [
        (lambda: RagSettings(unknown=1), "unknown"),
        (lambda: EmbedderSettings(kind="openai"), "base_url"),
        (lambda: EmbedderSettings(kind="sentence-transformers"), "model"),
        (lambda: ChunkingSettings(chunk_size=200, chunk_overlap=200), "chunk_overlap"),
        (lambda: RagSettings(top_k=60, max_top_k=50), "top_k"),
        (lambda: QdrantSettings(url="qdrant:6333"), "http"),
    ],
)
def test_invalid_settings_are_rejected(build, where: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as info:
        build()
    assert where in str(info.value)


def test_rag_section_composes_into_the_whole_config() -> None:
    cfg = TresorConfig.model_validate(
        {"rag": {"qdrant": {"url": "https://qdrant.internal:6333/"}, "top_k": 3,
                 "embedder": {"kind": "openai", "base_url": "http://127.0.0.1:8001/v1", "model": "e5"}}}
    )
    assert cfg.rag.qdrant.url == "https://qdrant.internal:6333" and cfg.rag.top_k == 3
    with pytest.raises(ValidationError):
        TresorConfig.model_validate({"rag": {"qdrant": {"urll": "x"}}})
