"""CLI commands of the retrieval package: ingest, collections, search, eval retrieval.

Local mode: these commands open the Qdrant folder themselves, so they run while the gateway
is stopped (it holds the folder while it runs); with ``rag.qdrant.url`` they run any time.
Progress bars go to stderr; results (JSON lines) to stdout or ``--output``.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast, get_args

from rag.embeddings import build_embedder
from rag.ingest import Ingestor, IngestReport
from rag.retriever import Retriever, SearchMode, validate_collection_name
from rag.sealing import IndexSealer
from rag.vectorstore import SearchHit, open_store
from serving.errors import TresorError

if TYPE_CHECKING:
    from serving.config import TresorConfig

_QUERY_BATCH = 64
_SEARCH_MODES: tuple[str, ...] = get_args(SearchMode)
_HIT_FIELDS = ("title", "path", "page", "section", "chunk_index", "record_id", "source",
               "language", "metadata")


class TqdmProgress:
    """Ingest progress on stderr: documents done, chunks written and their rate."""

    def __init__(self, description: str) -> None:
        self._description = description
        self._bar: Any = None
        self._chunks = 0

    def start(self, total_documents: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total_documents, desc=self._description, unit="doc",
                         file=sys.stderr, dynamic_ncols=True)

    def advance(self, documents: int, chunks: int) -> None:
        if self._bar is None:
            return
        self._chunks += chunks
        elapsed = self._bar.format_dict.get("elapsed") or 0
        rate = self._chunks / elapsed if elapsed else 0.0
        self._bar.set_postfix(chunks=self._chunks, chunks_s=f"{rate:.1f}", refresh=False)
        self._bar.update(documents)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _groups(value: str | None) -> list[str]:
    return [g.strip() for g in (value or "").split(",") if g.strip()]


def _sealer(config: TresorConfig, *, for_writing: bool) -> IndexSealer | None:
    """The index sealer from the guardrail secret (the gateway's, see
    :func:`guardrails.crypto.configured_secret`): always for reading, since sealed collections need
    it; for writing only when ``rag.seal_index`` is on. A bad secret is a TresorError."""
    if for_writing and not config.rag.seal_index:
        return None
    from guardrails.crypto import configured_secret

    try:
        return IndexSealer(configured_secret(config.data_dir, config.guardrails.secret_env))
    except ValueError as exc:  # too short or a damaged key file; the message holds no secret
        raise TresorError(f"cannot load the guardrail secret: {exc}") from None


def _fail(exc: TresorError) -> int:
    print(f"tresor: {exc.message}", file=sys.stderr)
    return 1


def print_summary(report: IngestReport, out: TextIO) -> None:
    """The end-of-run summary: counts, rate, then every skipped or failed document with reason."""
    print(
        f"collection {report.collection}: {report.documents} documents "
        f"({report.indexed} indexed, {report.unchanged} unchanged, {len(report.skipped)} skipped, "
        f"{len(report.failed)} failed, {report.removed} removed), {report.chunks} chunks in "
        f"{report.elapsed_s:.1f} s ({report.chunks_per_s:.1f} chunks/s)",
        file=out,
    )
    for problem in report.skipped:
        print(f"  skipped {problem.where}: {problem.reason}", file=out)
    for problem in report.failed:
        print(f"  failed  {problem.where}: {problem.reason}", file=out)
    for note in report.notes:
        print(f"  note    {note}", file=out)


def _cmd_ingest(args: argparse.Namespace) -> int:
    config = args._registry.config(args)
    rag = config.rag
    if not args.paths and not args.jsonl:
        print("tresor ingest: give PATH... and/or --jsonl FILE", file=sys.stderr)
        return 2
    try:
        collection = validate_collection_name(args.collection or rag.default_collection)
        groups = _groups(args.groups)
        sealer = _sealer(config, for_writing=True)
        store = open_store(rag.qdrant, config.data_dir)
    except TresorError as exc:
        return _fail(exc)
    reports: list[IngestReport] = []
    try:
        ingestor = Ingestor(store, build_embedder(rag.embedder, data_dir=config.data_dir), rag, sealer=sealer)
        if args.paths:
            reports.append(ingestor.ingest_paths(
                [Path(p) for p in args.paths], collection, groups, sync=args.sync,
                progress=TqdmProgress("ingest")))
        if args.jsonl:
            reports.append(ingestor.ingest_jsonl(
                Path(args.jsonl), collection, groups, sync=args.sync,
                progress=TqdmProgress("records")))
    except TresorError as exc:
        return _fail(exc)
    finally:
        store.close()
    for report in reports:
        print_summary(report, sys.stdout)
        if args.json:
            print(json.dumps(report.as_dict()), file=sys.stdout)
    return 1 if any(r.failed for r in reports) else 0


def _cmd_collections_list(args: argparse.Namespace) -> int:
    config = args._registry.config(args)
    try:
        store = open_store(config.rag.qdrant, config.data_dir)
        try:
            infos = store.list_collections()
        finally:
            store.close()
    except TresorError as exc:
        return _fail(exc)
    for info in infos:
        spec = info.spec
        row = {
            "name": info.name,
            "points": info.points,
            "model": spec.model_name if spec else None,
            "dimension": spec.dimension if spec else None,
            "sealed": spec.sealed if spec else None,
            "languages": info.languages,
            "groups": info.groups,
        }
        if args.json:
            print(json.dumps(row))
        else:
            model = f"{row['model']} ({row['dimension']}d)" if spec else "not made by tresor"
            if spec and spec.sealed:
                model += ", sealed"
            print(f"{info.name}\t{info.points} chunks\t{model}\tgroups: {','.join(info.groups) or '-'}")
    if not infos and not args.json:
        print("no collections", file=sys.stderr)
    return 0


def _cmd_collections_delete(args: argparse.Namespace) -> int:
    config = args._registry.config(args)
    if not args.yes:
        print(f"tresor: this deletes collection '{args.name}' and all its chunks; "
              "repeat with --yes", file=sys.stderr)
        return 2
    try:
        store = open_store(config.rag.qdrant, config.data_dir)
        try:
            deleted = store.delete_collection(validate_collection_name(args.name))
        finally:
            store.close()
    except TresorError as exc:
        return _fail(exc)
    if not deleted:
        print(f"tresor: no collection '{args.name}'", file=sys.stderr)
        return 1
    print(f"deleted collection {args.name}")
    return 0


def _read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file named on the command line (TresorError naming it otherwise)."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise TresorError(f"cannot read {path}: not UTF-8 text") from None
    except OSError as exc:
        raise TresorError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None


def _open_output(path: Path) -> TextIO:
    """``path`` opened for writing (TresorError naming it if that fails)."""
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise TresorError(f"cannot write {path}: {exc.strerror or type(exc).__name__}") from None


def _read_batch(path: Path) -> list[tuple[str, str]]:
    queries: list[tuple[str, str]] = []
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            queries.append((str(item["query_id"]), str(item["query"])))
        except (json.JSONDecodeError, KeyError, TypeError):
            raise TresorError(f"{path.name}:{number}: expected {{\"query_id\", \"query\"}}") from None
    return queries


def hit_json(hit: SearchHit, *, with_text: bool = False) -> dict[str, Any]:
    """One search hit as an output object: the record id if it has one, score, citation metadata.

    ``hit`` comes from :class:`Retriever`, which has already opened sealed payloads."""
    payload = hit.payload
    out: dict[str, Any] = {
        "id": payload.get("record_id", hit.point_id),
        "score": round(hit.score, 6),
        "metadata": {k: payload[k] for k in _HIT_FIELDS if k in payload},
    }
    if with_text:
        out["text"] = payload.get("text", "")
    return out


def _cmd_search(args: argparse.Namespace) -> int:
    config = args._registry.config(args)
    rag = config.rag
    if bool(args.query) == bool(args.batch):
        print("tresor search: give either QUERY or --batch FILE", file=sys.stderr)
        return 2
    try:
        collection = validate_collection_name(args.collection or rag.default_collection)
        queries = [("q", args.query)] if args.query else _read_batch(Path(args.batch))
        sealer = _sealer(config, for_writing=False)
        with ExitStack() as stack:
            out = stack.enter_context(_open_output(Path(args.output))) if args.output else sys.stdout
            store = open_store(rag.qdrant, config.data_dir)
            retriever = Retriever(
                store, build_embedder(rag.embedder, data_dir=config.data_dir), rag, sealer=sealer
            )
            stack.callback(retriever.close)
            _search_queries(retriever, collection, queries, args, out)
    except TresorError as exc:
        return _fail(exc)
    return 0


def _search_queries(
    retriever: Retriever,
    collection: str,
    queries: list[tuple[str, str]],
    args: argparse.Namespace,
    out: TextIO,
) -> None:
    """Run the queries in batches and print one JSON line of hits per query."""
    info = retriever.store.info(collection)
    groups = _groups(args.groups) or list(info.groups)
    if not args.groups:
        print(f"searching as every group of '{collection}' ({len(groups)}); "
              "--groups narrows it to a caller's view", file=sys.stderr)
    from tqdm import tqdm

    with tqdm(total=len(queries), desc="search", unit="q", file=sys.stderr,
              disable=not args.batch) as bar:
        for start in range(0, len(queries), _QUERY_BATCH):
            batch = queries[start : start + _QUERY_BATCH]
            prepared = retriever.prepare([q for _, q in batch], collection=collection)
            for (query_id, _), vectors in zip(batch, prepared, strict=True):
                hits = retriever.search_prepared(
                    vectors, groups=groups, collection=collection, top_k=args.top_k, mode=args.mode
                )
                line = {"query_id": query_id, "hits": [hit_json(h, with_text=args.with_text) for h in hits]}
                print(json.dumps(line, ensure_ascii=False), file=out)
            bar.update(len(batch))


def _eval_modes(value: str) -> tuple[SearchMode, ...] | None:
    """The ``--modes`` list, or None if it names a mode that does not exist."""
    modes = tuple(m.strip() for m in value.split(",") if m.strip())
    if not modes or any(m not in _SEARCH_MODES for m in modes):
        return None
    return cast("tuple[SearchMode, ...]", modes)


def _cmd_eval_retrieval(args: argparse.Namespace) -> int:
    from rag.evaluation import DatasetError, evaluate_retrieval

    modes = _eval_modes(args.modes)
    if modes is None:
        print(f"tresor eval retrieval: --modes takes a comma-separated list of "
              f"{', '.join(_SEARCH_MODES)}; got '{args.modes}'", file=sys.stderr)
        return 2
    config = args._registry.config(args)
    output = Path(args.json) if args.json else None
    if output is not None and not output.parent.is_dir():
        return _fail(TresorError(f"cannot write {output}: no such folder {output.parent}"))
    try:
        report = evaluate_retrieval(
            Path(args.dataset), config.rag, data_dir=config.data_dir,
            modes=modes, progress=TqdmProgress("corpus"),
        )
        print(f"{report.dataset}: {report.sentences} sentences, {report.queries} questions, "
              f"model {report.model}")
        print(report.table())
        if output is not None:
            with _open_output(output) as handle:
                handle.write(json.dumps(report.as_dict(), indent=2) + "\n")
    except DatasetError as exc:
        print(f"tresor: {exc}", file=sys.stderr)
        return 2
    except TresorError as exc:
        return _fail(exc)
    return 0


def register(registry: Any) -> None:
    """Add ``ingest``, ``collections``, ``search`` and ``eval retrieval`` to the CLI."""

    def bind(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.set_defaults(_registry=registry)
        return parser

    ingest = bind(registry.add("ingest", _cmd_ingest, "Index files, folders or JSONL records."))
    ingest.add_argument("paths", nargs="*", metavar="PATH", help="Files or folders (PDF, DOCX, HTML, Markdown, text).")
    ingest.add_argument("--collection", help="Target collection (default: rag.default_collection).")
    ingest.add_argument("--groups", required=True, help="Comma-separated groups allowed to read these documents.")
    ingest.add_argument("--sync", action="store_true", help="Remove documents that disappeared from the given paths.")
    ingest.add_argument("--jsonl", metavar="FILE", help='Records {"id", "text", "metadata"}, one per line.')
    ingest.add_argument("--json", action="store_true", help="Also print the summary as JSON.")

    collections = registry.group("collections", "List or delete document collections.")
    listing = bind(registry.add("list", _cmd_collections_list, "List collections.", parent=collections))
    listing.add_argument("--json", action="store_true", help="One JSON object per line.")
    delete = bind(registry.add("delete", _cmd_collections_delete, "Delete a collection.", parent=collections))
    delete.add_argument("name", help="Collection to delete.")
    delete.add_argument("--yes", action="store_true", help="Confirm the deletion.")

    search = bind(registry.add("search", _cmd_search, "Search a collection (JSON lines out)."))
    search.add_argument("query", nargs="?", metavar="QUERY", help="One query.")
    search.add_argument("--batch", metavar="QUERIES.jsonl", help='Lines {"query_id", "query"}.')
    search.add_argument("--collection", help="Collection (default: rag.default_collection).")
    search.add_argument("--top-k", type=int, default=10, dest="top_k", help="Hits per query.")
    search.add_argument("--output", metavar="FILE", help="Write JSON lines here instead of stdout.")
    search.add_argument("--groups", help="Search as a caller with these groups (default: all groups).")
    search.add_argument("--mode", choices=_SEARCH_MODES, help="Override rag.hybrid.")
    search.add_argument("--with-text", action="store_true", dest="with_text", help="Include chunk text.")

    retrieval = bind(registry.add("retrieval", _cmd_eval_retrieval,
                                  "Sentence retrieval on XQuAD-R data: dense vs hybrid.",
                                  parent=registry.eval))
    retrieval.add_argument("--dataset", required=True, metavar="FILE", help="XQuAD-R JSON file.")
    retrieval.add_argument("--json", metavar="OUT", help="Write the metrics as JSON here.")
    retrieval.add_argument("--modes", default=",".join(_SEARCH_MODES),
                           help=f"Comma-separated: {', '.join(_SEARCH_MODES)}.")
