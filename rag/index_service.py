"""The gateway's index service: runs ``tresor ingest / collections / search`` while it holds
the local index.

Qdrant's local engine admits one process per folder, and the running gateway is that process,
so the CLI cannot open the index itself. Instead the gateway listens on a loopback port (any
free one) and writes the port and a fresh random token to ``<data_dir>/run/index-service.json``
(mode 0600 in a 0700 folder: only the account that owns the data directory can read it, and
only that account could open the index itself). :mod:`rag.index_client` reads the file and
sends the command; the operations are :class:`rag.index_access.HeldIndex`'s, on the gateway's
own store, embedder and sealing key, so the result is the one the CLI would have produced.

Wire format, one JSON object per line: the request ``{"token", "op", "args"}``; replies
``{"progress": "start", "label", "total"}`` / ``{"progress": "advance", "documents",
"chunks"}`` / ``{"progress": "close"}`` while ingesting, ``{"notice"}`` and ``{"result"}``
lines while searching, then ``{"done": VALUE}`` or ``{"error": MESSAGE}``. A client that hangs
up stops an ingest between two batches (what Ctrl-C does to a CLI run); a gateway that stops
does the same and tells the client, before it closes the store. The log records the operation
and its outcome, never paths, queries or text.
"""

from __future__ import annotations

import contextlib
import hmac
import io
import json
import logging
import os
import secrets
import socketserver
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, get_args

from rag.index_access import HeldIndex, IngestRequest, SearchRequest
from rag.ingest import IngestReport, Problem
from rag.retriever import SearchMode
from serving.errors import InvalidRequest, TresorError

log = logging.getLogger(__name__)

SERVICE_FILE = Path("run") / "index-service.json"
#: the operations a client may ask for
OPERATIONS = ("ingest", "collections", "delete", "search")
#: a request line holds at most a search batch; longer ones are refused
MAX_REQUEST_BYTES = 32 * 1024 * 1024


def service_file(data_dir: Path) -> Path:
    """Where the running gateway announces its index service."""
    return data_dir / SERVICE_FILE


class _Hangup(Exception):
    """The client went away; the operation stops."""


class _Stopping(Exception):
    """The gateway is stopping; the operation stops between two batches."""


STOPPING_MESSAGE = (
    "the gateway is stopping: the command stopped between two batches; run it again once the "
    "gateway is back or stopped (re-running an ingest is safe)"
)


class _Reply:
    """Writes reply lines to one client; while the service stops, only the final one."""

    def __init__(self, stream: io.BufferedIOBase, stopping: threading.Event) -> None:
        self._stream = stream
        self._stopping = stopping

    def send(self, message: dict[str, Any], *, final: bool = False) -> None:
        if self._stopping.is_set() and not final:
            raise _Stopping
        try:
            self._stream.write(json.dumps(message, ensure_ascii=False).encode() + b"\n")
            self._stream.flush()
        except OSError:
            raise _Hangup from None


class _WireProgress:
    """:class:`~rag.ingest.IngestProgress` that reports to the client."""

    def __init__(self, reply: _Reply, label: str) -> None:
        self._reply = reply
        self._label = label

    def start(self, total_documents: int) -> None:
        self._reply.send({"progress": "start", "label": self._label, "total": total_documents})

    def advance(self, documents: int, chunks: int) -> None:
        self._reply.send({"progress": "advance", "documents": documents, "chunks": chunks})

    def close(self) -> None:
        # runs in a finally: do not hide what ended the run
        with contextlib.suppress(_Hangup, _Stopping):
            self._reply.send({"progress": "close"})


def _strings(value: Any, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidRequest(f"'{field}' must be a list of strings")
    return tuple(value)


def ingest_request(args: dict[str, Any]) -> IngestRequest:
    """The ingest request a client sent (InvalidRequest naming the bad field)."""
    jsonl = args.get("jsonl")
    if jsonl is not None and not isinstance(jsonl, str):
        raise InvalidRequest("'jsonl' must be a path")
    return IngestRequest(
        collection=str(args.get("collection", "")),
        groups=_strings(args.get("groups", []), "groups"),
        paths=_strings(args.get("paths", []), "paths"),
        jsonl=jsonl,
        sync=bool(args.get("sync", False)),
    )


def search_request(args: dict[str, Any]) -> SearchRequest:
    """The search request a client sent (InvalidRequest naming the bad field)."""
    queries = args.get("queries")
    if not isinstance(queries, list) or not all(
        isinstance(q, list) and len(q) == 2 and all(isinstance(x, str) for x in q) for q in queries
    ):
        raise InvalidRequest("'queries' must be a list of [query_id, query] pairs")
    top_k = args.get("top_k", 10)
    if not isinstance(top_k, int):
        raise InvalidRequest("'top_k' must be an integer")
    mode = args.get("mode")
    if mode is not None and mode not in get_args(SearchMode):
        raise InvalidRequest(f"'mode' must be one of {', '.join(get_args(SearchMode))}")
    return SearchRequest(
        collection=str(args.get("collection", "")),
        queries=tuple((q[0], q[1]) for q in queries),
        groups=_strings(args.get("groups", []), "groups"),
        top_k=top_k,
        mode=mode,
        with_text=bool(args.get("with_text", False)),
    )


def _run(index: HeldIndex, op: str, args: dict[str, Any], reply: _Reply) -> Any:
    """Run one operation; its value goes into the ``done`` reply."""
    if op == "ingest":
        request = ingest_request(args)
        reports = index.ingest(request, lambda label: _WireProgress(reply, label))
        return [report_to_wire(r) for r in reports]
    if op == "collections":
        return index.collections()
    if op == "delete":
        return index.delete(str(args.get("name", "")))
    if op == "search":
        index.search(
            search_request(args),
            lambda line: reply.send({"result": line}),
            lambda text: reply.send({"notice": text}),
        )
        return None
    raise InvalidRequest(f"unknown operation '{op}'")


def report_to_wire(report: IngestReport) -> dict[str, Any]:
    """An ingest report as sent: every field, so :func:`report_from_wire` rebuilds it."""
    return asdict(report)


def report_from_wire(data: dict[str, Any], typed: dict[str, str]) -> IngestReport:
    """The report :func:`report_to_wire` sent; a problem about a path the client sent shows
    that path as the user typed it (``typed``: absolute -> typed)."""

    def problems(key: str) -> list[Problem]:
        return [Problem(typed.get(p["where"], p["where"]), p["reason"]) for p in data.get(key, [])]

    return IngestReport(
        collection=data["collection"],
        documents=data["documents"],
        indexed=data["indexed"],
        unchanged=data["unchanged"],
        removed=data["removed"],
        chunks=data["chunks"],
        skipped=problems("skipped"),
        failed=problems("failed"),
        notes=list(data.get("notes", [])),
        elapsed_s=float(data["elapsed_s"]),
    )


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    #: seconds a client may take to send its request or to read a reply
    timeout = 60.0

    def handle(self) -> None:
        reply = _Reply(self.wfile, self.server.stopping)
        line = self.rfile.readline(MAX_REQUEST_BYTES + 1)
        shown = "request"  # what the log names: a known operation, never client text
        try:
            if len(line) > MAX_REQUEST_BYTES:
                raise InvalidRequest("request too large")
            try:
                request = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise InvalidRequest("request is not JSON") from None
            if not isinstance(request, dict) or not isinstance(request.get("args", {}), dict):
                raise InvalidRequest("request must be an object with 'op' and 'args'")
            token = request.get("token")
            if not isinstance(token, str) or not hmac.compare_digest(token, self.server.token):
                log.warning("index service: request with a wrong token refused")
                reply.send({"error": "wrong token: the gateway was restarted; run the command again"},
                           final=True)
                return
            op = str(request.get("op", ""))
            shown = op if op in OPERATIONS else "unknown operation"
            value = _run(self.server.index, op, request.get("args", {}), reply)
            reply.send({"done": value}, final=True)
            log.info("index service: %s done", shown)
        except _Hangup:
            log.info("index service: client left during %s; stopped", shown)
        except _Stopping:
            log.info("index service: %s stopped, the gateway is stopping", shown)
            self._try_send(reply, {"error": STOPPING_MESSAGE})
        except TresorError as exc:  # messages name collections and reasons, never text
            log.info("index service: %s refused (%s)", shown, type(exc).__name__)
            self._try_send(reply, {"error": exc.message})
        except Exception as exc:
            log.error("index service: %s failed (%s)", shown, type(exc).__name__)
            self._try_send(reply, {"error": f"the gateway failed to run it ({type(exc).__name__}); see its log"})

    @staticmethod
    def _try_send(reply: _Reply, message: dict[str, Any]) -> None:
        with contextlib.suppress(_Hangup):
            reply.send(message, final=True)


class _Server(socketserver.ThreadingTCPServer):
    # server_close() waits for running commands, which stop at their next batch
    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, index: HeldIndex, token: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.index = index
        self.token = token
        self.stopping = threading.Event()


class IndexService:
    """A running index service; :meth:`close` stops it and withdraws the service file."""

    def __init__(self, index: HeldIndex, data_dir: Path) -> None:
        self._token = secrets.token_urlsafe(32)
        self._server = _Server(index, self._token)
        self.port = int(self._server.server_address[1])
        self._file = service_file(data_dir)
        try:
            _announce(self._file, {"port": self.port, "token": self._token, "pid": os.getpid()})
        except OSError:
            self._server.server_close()
            raise
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="tresor-index-service", daemon=True
        )
        self._thread.start()
        log.info("index service listening on 127.0.0.1:%d", self.port)

    def close(self) -> None:
        """Stop accepting commands, let running ones stop at their next batch, withdraw the
        file (before the gateway closes the store they use)."""
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        _withdraw(self._file, self._token)


def _announce(path: Path, content: dict[str, Any]) -> None:
    """Write the service file so that only the data directory's owner can read it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.parent.chmod(0o700)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # a leftover file keeps its mode through O_TRUNC
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(content, handle)
    temporary.replace(path)


def _withdraw(path: Path, token: str) -> None:
    """Remove the service file if it is still this service's."""
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("token") == token:
            path.unlink()
    except (OSError, ValueError):
        pass


def start_index_service(index: HeldIndex, data_dir: Path) -> Callable[[], None]:
    """Start the service for a held local index; returns what stops it. A service that
    cannot start (no loopback port, an unwritable data directory) is logged and left out:
    the gateway serves without it, and the CLI reports the held index as before."""
    try:
        service = IndexService(index, data_dir)
    except OSError as exc:
        log.warning("index service not started (%s): index commands need the gateway stopped",
                    type(exc).__name__)
        return lambda: None
    return service.close
