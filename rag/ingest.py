"""Ingestion: files or JSONL records -> chunks -> vectors -> sealed payloads -> Qdrant.

Incremental and safe to re-run: each document's *fingerprint* (content hash plus everything
that shapes its chunks: chunking, embedder, tokeniser, groups, sealing) is stored with its
chunks. Unchanged documents are skipped without parsing; a changed one is written first and
its old chunks removed afterwards, so a failure never leaves it missing; ``sync`` removes
documents that disappeared from the given folders (or JSONL file).

A file that cannot be read is reported and skipped; only a failing embedder or vector store
stops the run. Reports carry paths and reasons, never document text.

With an :class:`~rag.sealing.IndexSealer` (``rag.seal_index``), vectors are computed from the
raw text as always, but the stored payload holds text, title and section only encrypted and
the lexical term indices are keyed hashes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rag.chunking import embedding_text, make_splitter, split_document
from rag.documents import Chunk, SourceDocument, content_hash
from rag.embeddings import Embedder, embed_matrix, late_vectors, neighbourhood_vectors
from rag.lexical import LexicalEncoder, detect_text_language
from rag.loaders import LoadError, is_supported, parse_file, read_file
from rag.records import RecordScan
from rag.sealing import IndexSealer, check_key
from rag.settings import RagSettings
from rag.vectorstore import CollectionSpec, DocumentState, StoredChunk, VectorStore
from serving.errors import InvalidRequest

log = logging.getLogger(__name__)

_POINT_NAMESPACE = uuid.UUID("5b0f7c7e-2d4a-4f53-9d0c-7a1e3c2b9f10")
_LANGUAGE_SAMPLE_CHARS = 4000
#: From about this many chunks the local engine builds a search graph (below it, a search
#: reads every chunk in a few milliseconds and a deferred graph is not worth a note).
UNBUILT_NOTE_POINTS = 5_000


@dataclass(frozen=True)
class Problem:
    """A document that was skipped or failed, with a short reason (no document text)."""

    where: str
    reason: str


@dataclass
class IngestReport:
    """Counts and problems of one ingest run, printed as the summary."""

    collection: str
    documents: int = 0
    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks: int = 0
    skipped: list[Problem] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0

    @property
    def chunks_per_s(self) -> float:
        """Ingestion rate over the whole run."""
        return self.chunks / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for ``--json`` output and benchmarks."""
        return {
            "collection": self.collection,
            "documents": self.documents,
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "chunks": self.chunks,
            "skipped": [p.__dict__ for p in self.skipped],
            "failed": [p.__dict__ for p in self.failed],
            "notes": list(self.notes),
            "elapsed_s": round(self.elapsed_s, 3),
            "chunks_per_s": round(self.chunks_per_s, 2),
        }


class IngestProgress(Protocol):
    """Progress display (tqdm in the CLI); all methods are called from the ingesting thread."""

    def start(self, total_documents: int) -> None: ...

    def advance(self, documents: int, chunks: int) -> None: ...

    def close(self) -> None: ...


class _NoProgress:
    def start(self, total_documents: int) -> None:
        pass

    def advance(self, documents: int, chunks: int) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class _Pending:
    doc: SourceDocument
    fingerprint: str
    chunks: list[Chunk]
    language: str | None


def discover_files(paths: Sequence[Path]) -> tuple[list[tuple[Path, str]], list[Problem], list[Path]]:
    """Files to ingest as ``(file, display path)``, problems, and the roots covered by ``sync``.

    Folders are walked recursively in sorted order; hidden files and folders are ignored;
    unsupported file types are reported as skipped.
    """
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    roots: list[Path] = []
    for given in paths:
        if given.is_file():
            roots.append(given.resolve())
            if is_supported(given):
                found.append((given, given.name))
            else:
                problems.append(Problem(given.as_posix(), "unsupported file type"))
        elif given.is_dir():
            root = given.resolve()
            roots.append(root)
            for file in sorted(root.rglob("*")):
                relative = file.relative_to(root)
                if any(part.startswith(".") for part in relative.parts) or not file.is_file():
                    continue
                display = (Path(root.name) / relative).as_posix()
                if is_supported(file):
                    found.append((file, display))
                else:
                    problems.append(Problem(display, "unsupported file type"))
        else:
            problems.append(Problem(given.as_posix(), "not found"))
    return found, problems, roots


def _under(key: str, roots: Sequence[Path]) -> bool:
    for root in roots:
        prefix = root.as_posix()
        if key == prefix or key.startswith(prefix.rstrip("/") + "/"):
            return True
    return False


class Ingestor:
    """Writes documents into a collection: chunk, embed, seal, upsert, replace, sync.

    ``sealer``: seal payloads and key the lexical terms (the CLI passes one when
    ``rag.seal_index`` is on). Writing in clear (None) is refused while the settings ask for
    a sealed index, so no code path can put chunk text into the index unprotected by
    forgetting the sealer. ``build_index``: False leaves the search graph of the written
    collection to a later :meth:`~rag.vectorstore.VectorStore.finish_ingest` (the running
    gateway, which must not pause for it; it builds at its next start).
    """

    def __init__(
        self,
        store: VectorStore,
        embedder: Embedder,
        settings: RagSettings,
        *,
        lexical: LexicalEncoder | None = None,
        sealer: IndexSealer | None = None,
        build_index: bool = True,
    ) -> None:
        if settings.seal_index and sealer is None:
            raise ValueError(
                "rag.seal_index is on: the ingestor needs the index sealer "
                "(rag.sealing.IndexSealer from the guardrail secret)"
            )
        self._store = store
        self._embedder = embedder
        self._settings = settings
        base = lexical or LexicalEncoder(settings.lexical)
        self._lexical = base.with_key(sealer.term_key) if sealer is not None else base
        self._sealer = sealer
        self._build_index = build_index
        self._splitter = make_splitter(settings.chunking)

    # -- entry points ----------------------------------------------------------------------

    def ingest_paths(
        self,
        paths: Sequence[Path],
        collection: str,
        groups: Sequence[str],
        *,
        sync: bool = False,
        progress: IngestProgress | None = None,
    ) -> IngestReport:
        """Ingest files and folders; with ``sync``, drop documents gone from these paths."""
        files, problems, roots = discover_files(paths)
        report = IngestReport(collection)
        report.skipped.extend(p for p in problems if p.reason == "unsupported file type")
        report.failed.extend(p for p in problems if p.reason != "unsupported file type")

        def documents(states: dict[str, DocumentState], seen: set[str]) -> Iterator[tuple[SourceDocument | None, str, str | None]]:
            for file, display in files:
                key = file.resolve().as_posix()
                seen.add(key)
                try:
                    data = read_file(file)
                    digest = content_hash(data)
                    fingerprint = self._fingerprint(digest, groups)
                    state = states.get(key)
                    if state is not None and state.fingerprint == fingerprint:
                        yield None, display, None
                        continue
                    yield parse_file(file, data, display_path=display), display, None
                except LoadError as exc:
                    yield None, display, exc.reason
                except Exception as exc:  # a parser's surprise must not end the run
                    yield None, display, f"cannot parse ({type(exc).__name__})"

        def stale(states: dict[str, DocumentState], seen: set[str]) -> list[str]:
            return [k for k in states if k not in seen and _under(k, roots)] if sync else []

        return self._run(report, len(files), documents, stale, collection, groups, progress)

    def ingest_jsonl(
        self,
        jsonl: Path,
        collection: str,
        groups: Sequence[str],
        *,
        sync: bool = False,
        progress: IngestProgress | None = None,
    ) -> IngestReport:
        """Ingest ``{"id", "text", "metadata"}`` lines; the id is kept and returned by search.

        A repeated id fails and the first line with it wins. ``sync`` removes records gone
        from the file, but nothing while a line's id cannot be read: that line's record must
        not be deleted for being broken (the report notes the skipped sync).
        """
        report = IngestReport(collection)
        try:
            lines = jsonl.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            report.failed.append(Problem(jsonl.as_posix(), f"cannot read ({type(exc).__name__})"))
            return report
        origin = jsonl.resolve().as_posix()
        scan = RecordScan()

        def documents(states: dict[str, DocumentState], seen: set[str]) -> Iterator[tuple[SourceDocument | None, str, str | None]]:
            for number, line in enumerate(lines, start=1):
                where = f"{jsonl.name}:{number}"
                if not line.strip():
                    continue
                try:
                    doc = scan.document(line, number, origin)
                except LoadError as exc:
                    yield None, where, exc.reason
                    continue
                state = states.get(doc.key)
                if state is not None and state.fingerprint == self._fingerprint(doc.content_hash, groups):
                    yield None, where, None
                    continue
                yield doc, where, None

        def stale(states: dict[str, DocumentState], seen: set[str]) -> list[str]:
            if not sync:
                return []
            if scan.unknown:
                report.notes.append(
                    f"sync skipped for {jsonl.as_posix()}: {scan.unknown} unreadable "
                    f"line{'s' if scan.unknown > 1 else ''} (record id unknown); nothing removed"
                )
                return []
            return [k for k, s in states.items() if s.origin == origin and k not in scan.first_line]

        total = sum(1 for line in lines if line.strip())
        return self._run(report, total, documents, stale, collection, groups, progress)

    def ingest_documents(
        self,
        docs: Iterable[SourceDocument],
        collection: str,
        groups: Sequence[str],
        *,
        total: int | None = None,
        progress: IngestProgress | None = None,
    ) -> IngestReport:
        """Ingest documents built in code (evaluation corpora, connectors)."""
        items = list(docs)

        def documents(states: dict[str, DocumentState], seen: set[str]) -> Iterator[tuple[SourceDocument | None, str, str | None]]:
            for doc in items:
                seen.add(doc.key)
                state = states.get(doc.key)
                if state is not None and state.fingerprint == self._fingerprint(doc.content_hash, groups):
                    yield None, doc.key, None
                else:
                    yield doc, doc.key, None

        return self._run(
            IngestReport(collection), total or len(items), documents, lambda _s, _k: [],
            collection, groups, progress,
        )

    # -- the run ---------------------------------------------------------------------------

    def collection_spec(self) -> CollectionSpec:
        """The spec new collections get from this ingestor's embedder and settings."""
        return CollectionSpec(
            dimension=self._embedder.dimension,
            model_name=self._embedder.model_name,
            lexical_version=self._lexical.version,
            context_vector=self._settings.context_vector,
            late_vector=self._settings.late_vector,
            sealed=self._sealer is not None,
            key_check=self._sealer.key_check if self._sealer is not None else None,
        )

    def _fingerprint(self, digest: str, groups: Sequence[str]) -> str:
        recipe = {
            "content": digest,
            "chunking": self._settings.chunking.model_dump(),
            "lexical": [self._lexical.version, self._settings.lexical.model_dump()],
            "model": self._embedder.model_name,
            "context": self._settings.context_vector,
            "late": [self._settings.late_vector, self._settings.late_max_tokens],
            "groups": validate_groups(groups),
            "sealed": self._sealer is not None,
        }
        return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:32]

    def _run(
        self,
        report: IngestReport,
        total: int,
        documents: Callable[[dict[str, DocumentState], set[str]], Iterator[tuple[SourceDocument | None, str, str | None]]],
        stale: Callable[[dict[str, DocumentState], set[str]], list[str]],
        collection: str,
        groups: Sequence[str],
        progress: IngestProgress | None,
    ) -> IngestReport:
        clean_groups = validate_groups(groups)
        started = time.perf_counter()
        bar = progress or _NoProgress()
        spec = self._store.ensure_collection(collection, self.collection_spec())
        check_key(collection, spec, self._sealer)
        states = self._store.document_states(collection)
        seen: set[str] = set()
        pending: list[_Pending] = []
        pending_chunks = 0
        languages: Counter[str] = Counter()
        bar.start(total)
        try:
            for doc, where, problem in documents(states, seen):
                report.documents += 1
                if problem is not None:
                    report.failed.append(Problem(where, problem))
                    bar.advance(1, 0)
                    continue
                if doc is None:
                    report.unchanged += 1
                    bar.advance(1, 0)
                    continue
                chunks = split_document(doc, self._settings.chunking, self._splitter)
                if not chunks:
                    report.skipped.append(Problem(where, "no text"))
                    bar.advance(1, 0)
                    continue
                sample = " ".join(u.text for u in doc.units)[:_LANGUAGE_SAMPLE_CHARS]
                language = detect_text_language(sample)
                languages[language or "unknown"] += 1
                pending.append(_Pending(doc, self._fingerprint(doc.content_hash, clean_groups), chunks, language))
                pending_chunks += len(chunks)
                if pending_chunks >= self._settings.upsert_batch:
                    self._flush(pending, spec, collection, clean_groups, report, bar)
                    pending, pending_chunks = [], 0
            self._flush(pending, spec, collection, clean_groups, report, bar)
            gone = stale(states, seen)
            if gone:
                self._store.delete_documents(collection, gone)
                report.removed = len(gone)
            if languages:
                self._store.record_ingest(collection, languages, clean_groups)
            if report.indexed or report.removed:
                self._store.finish_ingest(collection, build_index=self._build_index)
                if not self._build_index:
                    self._note_unbuilt(collection, report)
        finally:
            bar.close()
            report.elapsed_s = time.perf_counter() - started
        log.info(
            "ingest finished",
            extra={"collection": collection, "documents": report.documents, "chunks": report.chunks,
                   "failed": len(report.failed), "skipped": len(report.skipped)},
        )
        return report

    def _note_unbuilt(self, collection: str, report: IngestReport) -> None:
        """Say when a large collection's search graph waits for the gateway's next start."""
        points = self._store.info(collection).points
        if points >= UNBUILT_NOTE_POINTS:
            report.notes.append(
                f"the search graph of '{collection}' ({points} chunks) is built when the gateway "
                "next starts; until then each search reads every chunk (slower, exact)"
            )

    def _flush(
        self,
        pending: list[_Pending],
        spec: CollectionSpec,
        collection: str,
        groups: list[str],
        report: IngestReport,
        bar: IngestProgress,
    ) -> None:
        """Embed, encode and write the pending documents' chunks with the vectors ``spec`` has."""
        if not pending:
            return
        texts: list[str] = []
        payloads: list[dict[str, Any]] = []
        spans: list[tuple[int, int]] = []
        for item in pending:
            start = len(texts)
            for chunk in item.chunks:
                texts.append(chunk.text)
                payloads.append(
                    _payload(item, chunk, title=item.doc.title, section=chunk.section or None,
                             groups=groups)
                )
            spans.append((start, len(texts)))
        vectors = embed_matrix(
            self._embedder,
            [embedding_text(p.get("title"), p.get("section"), p["text"]) for p in payloads],
        )
        context = neighbourhood_vectors(vectors, spans) if spec.context_vector else None
        late = None
        if spec.late_vector:
            documents = [(i.doc.title, [c.text for c in i.chunks]) for i in pending]
            late = late_vectors(self._embedder, documents, vectors,
                                max_tokens=self._settings.late_max_tokens)
        points = []
        for row, payload in enumerate(payloads):
            item_language = payload.get("language")
            point_id = str(uuid.uuid5(_POINT_NAMESPACE, f"{payload['source']}|{payload['fingerprint']}|{payload['chunk_index']}"))
            stored = payload
            if self._sealer is not None:
                stored = self._sealer.seal(payload, collection=collection, point_id=point_id)
            points.append(
                StoredChunk(
                    point_id=point_id,
                    text_vector=vectors[row].tolist(),
                    context_vector=context[row].tolist() if context is not None else None,
                    late_vector=late[row].tolist() if late is not None else None,
                    lexical=self._lexical.encode_document(payload["text"], language=item_language),
                    payload=stored,
                )
            )
        self._store.upsert(collection, points)
        for item in pending:
            self._store.delete_stale(collection, item.doc.key, item.fingerprint)
            report.indexed += 1
            report.chunks += len(item.chunks)
        bar.advance(len(pending), len(points))


def _payload(
    item: _Pending, chunk: Chunk, *, title: str, section: str | None, groups: list[str]
) -> dict[str, Any]:
    doc = item.doc
    payload: dict[str, Any] = {
        "text": chunk.text,
        "groups": groups,
        "source": doc.key,
        "fingerprint": item.fingerprint,
        "chunk_index": chunk.index,
        "title": title,
        "path": doc.path,
        "page": chunk.page,
        "section": section,
        "origin": doc.origin,
        "record_id": chunk.chunk_id or doc.record_id,
        "language": item.language,
        "metadata": doc.metadata or None,
    }
    return {k: v for k, v in payload.items() if v is not None}


def validate_groups(groups: Sequence[str]) -> list[str]:
    """Sorted unique group names; at least one (a chunk without groups could never be read)."""
    clean = sorted({g.strip() for g in groups if g and g.strip()})
    if not clean:
        raise InvalidRequest("At least one group is required.", param="groups")
    return clean
