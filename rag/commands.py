"""CLI commands of the retrieval package: ingest, collections, search, eval retrieval.

Local mode: these commands open the Qdrant folder themselves; while the gateway runs it holds
the folder, and ``ingest``, ``collections`` and ``search`` are run by its index service instead
(:mod:`rag.index_client`). With ``rag.qdrant.url`` they open the server any time.
Progress bars go to stderr; results (JSON lines) to stdout or ``--output``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast, get_args

from rag.index_access import HeldIndex, IndexAccess, IngestRequest, SearchRequest
from rag.ingest import IngestReport
from rag.retriever import SearchMode, validate_collection_name
from serving.errors import IndexLocked, TresorError

if TYPE_CHECKING:
    from serving.config import TresorConfig

_SEARCH_MODES: tuple[str, ...] = get_args(SearchMode)


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


def _fail(exc: TresorError) -> int:
    print(f"tresor: {exc.message}", file=sys.stderr)
    return 1


@contextmanager
def open_index(config: TresorConfig) -> Iterator[IndexAccess]:
    """The index to run a command on, released afterwards: opened here, or, while the gateway
    holds the local folder, the gateway's own (its index service runs the command)."""
    index: IndexAccess
    try:
        index = HeldIndex.open(config)
    except IndexLocked as locked:
        from rag.index_client import gateway_index

        index = gateway_index(config.data_dir, locked)
        print("tresor: the running gateway holds the local index; it runs this command",
              file=sys.stderr)
    try:
        yield index
    finally:
        index.close()


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
    if not args.paths and not args.jsonl:
        print("tresor ingest: give PATH... and/or --jsonl FILE", file=sys.stderr)
        return 2
    try:
        request = IngestRequest(
            collection=validate_collection_name(args.collection or config.rag.default_collection),
            groups=tuple(_groups(args.groups)), paths=tuple(args.paths), jsonl=args.jsonl,
            sync=args.sync,
        )  # fmt: skip
        with open_index(config) as index:
            reports = index.ingest(request, TqdmProgress)
    except TresorError as exc:
        return _fail(exc)
    for report in reports:
        print_summary(report, sys.stdout)
        if args.json:
            print(json.dumps(report.as_dict()), file=sys.stdout)
    return 1 if any(r.failed for r in reports) else 0


def _cmd_collections_list(args: argparse.Namespace) -> int:
    config = args._registry.config(args)
    try:
        with open_index(config) as index:
            rows = index.collections()
    except TresorError as exc:
        return _fail(exc)
    for row in rows:
        if args.json:
            print(json.dumps(row))
        else:
            model = f"{row['model']} ({row['dimension']}d)" if row["model"] else "not made by tresor"
            if row["sealed"]:
                model += ", sealed"
            print(f"{row['name']}\t{row['points']} chunks\t{model}\tgroups: {','.join(row['groups']) or '-'}")
    if not rows and not args.json:
        print("no collections", file=sys.stderr)
    return 0


def _cmd_collections_delete(args: argparse.Namespace) -> int:
    config = args._registry.config(args)
    if not args.yes:
        print(f"tresor: this deletes collection '{args.name}' and all its chunks; "
              "repeat with --yes", file=sys.stderr)
        return 2
    try:
        with open_index(config) as index:
            deleted = index.delete(validate_collection_name(args.name))
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


def _cmd_search(args: argparse.Namespace) -> int:
    config = args._registry.config(args)
    if bool(args.query) == bool(args.batch):
        print("tresor search: give either QUERY or --batch FILE", file=sys.stderr)
        return 2
    try:
        queries = [("q", args.query)] if args.query else _read_batch(Path(args.batch))
        request = SearchRequest(
            collection=validate_collection_name(args.collection or config.rag.default_collection),
            queries=tuple(queries), groups=tuple(_groups(args.groups)), top_k=args.top_k,
            mode=args.mode, with_text=args.with_text,
        )  # fmt: skip
        with ExitStack() as stack:
            out = stack.enter_context(_open_output(Path(args.output))) if args.output else sys.stdout
            index = stack.enter_context(open_index(config))
            _search(index, request, out, show_bar=bool(args.batch))
    except TresorError as exc:
        return _fail(exc)
    return 0


def _search(index: IndexAccess, request: SearchRequest, out: TextIO, *, show_bar: bool) -> None:
    """Print one JSON line of hits per query, a progress bar for batches."""
    from tqdm import tqdm

    with tqdm(total=len(request.queries), desc="search", unit="q", file=sys.stderr,
              disable=not show_bar) as bar:

        def on_result(line: dict[str, Any]) -> None:
            print(json.dumps(line, ensure_ascii=False), file=out)
            bar.update(1)

        index.search(request, on_result, lambda notice: print(notice, file=sys.stderr))


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
