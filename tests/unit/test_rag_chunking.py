"""Chunking, embedding text and neighbourhood vectors (pure)."""

from __future__ import annotations

import numpy as np
import pytest

from rag.chunking import embedding_text, split_document
from rag.documents import DocumentUnit, SourceDocument, title_from_name
from rag.embeddings import neighbourhood_vectors, normalize_rows
from rag.settings import ChunkingSettings


def doc(*units: DocumentUnit, presplit: bool = False, ids: list[str] | None = None) -> SourceDocument:
    return SourceDocument(key="k", title="T", units=list(units), content_hash="h",
                          presplit=presplit, unit_ids=ids)


def test_chunks_keep_page_and_section_and_stay_within_size() -> None:
    settings = ChunkingSettings(chunk_size=200, chunk_overlap=20)
    page1 = " ".join(f"Satz {i} über Urlaub." for i in range(40))
    chunks = split_document(doc(DocumentUnit(page1, page=1, section="Urlaub"),
                                DocumentUnit("Kurz.", page=2)), settings)
    assert len(chunks) > 3
    assert all(len(c.text) <= 200 for c in chunks)
    assert {c.page for c in chunks} == {1, 2}
    assert chunks[0].section == "Urlaub" and chunks[-1].section is None
    assert [c.index for c in chunks] == list(range(len(chunks)))


def test_sentence_boundaries_are_preferred() -> None:
    settings = ChunkingSettings(chunk_size=120, chunk_overlap=0)
    text = "Erster Satz ist hier. " * 3 + "Zweiter Absatz beginnt. " * 3
    chunks = split_document(doc(DocumentUnit(text)), settings)
    assert all(c.text.endswith(".") for c in chunks)


def test_presplit_units_are_chunks_with_their_ids() -> None:
    chunks = split_document(doc(DocumentUnit("a"), DocumentUnit("b"), presplit=True, ids=["x", "y"]),
                            ChunkingSettings())
    assert [(c.text, c.chunk_id, c.index) for c in chunks] == [("a", "x", 0), ("b", "y", 1)]


@pytest.mark.parametrize(
    ("title", "section", "text", "expected"),
    [
        ("Handbook", "Leave", "30 days.", "Handbook / Leave. 30 days."),
        ("Handbook", None, "30 days.", "Handbook. 30 days."),
        (None, None, "30 days.", "30 days."),
        ("Intro", None, "Intro to the topic", "Intro to the topic"),
    ],
)
def test_embedding_text(title: str | None, section: str | None, text: str, expected: str) -> None:
    assert embedding_text(title, section, text) == expected


def test_title_from_name() -> None:
    assert title_from_name("quarterly_report-2024") == "quarterly report 2024"


def test_neighbourhood_vectors_mix_only_within_a_document() -> None:
    m = normalize_rows(np.eye(4, dtype=np.float32))
    out = neighbourhood_vectors(m, [(0, 3), (3, 4)])
    np.testing.assert_allclose(out[0], normalize_rows(np.array([[1, 1, 0, 0]], dtype=np.float32))[0])
    np.testing.assert_allclose(out[1], normalize_rows(np.array([[1, 1, 1, 0]], dtype=np.float32))[0])
    np.testing.assert_allclose(out[3], [0, 0, 0, 1])  # a one-chunk document keeps its vector
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-6)
