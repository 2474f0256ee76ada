"""The CLI's side of the gateway's index service (:mod:`rag.index_service`).

When ``tresor ingest / collections / search`` find the local index held by the running
gateway (:class:`~serving.errors.IndexLocked`), :func:`gateway_index` reads the service file
and returns an :class:`~rag.index_access.IndexAccess` that sends the command there. Paths
travel as absolute paths (the gateway runs elsewhere in the file system), and what the reply
says about them is shown as the user typed them.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.index_access import IngestRequest, ProgressFactory, SearchRequest
from rag.index_service import report_from_wire, service_file
from rag.ingest import IngestProgress, IngestReport
from serving.errors import IndexLocked, ServiceUnavailable, TresorError

CONNECT_TIMEOUT_S = 5.0


class GatewayIndex:
    """:class:`~rag.index_access.IndexAccess` through the running gateway's index service."""

    def __init__(self, port: int, token: str) -> None:
        self._port = port
        self._token = token

    def _call(self, op: str, args: dict[str, Any], on_line: Callable[[dict[str, Any]], None]) -> Any:
        """Send one request; pass every intermediate reply to ``on_line``; return ``done``."""
        try:
            connection = socket.create_connection(("127.0.0.1", self._port), timeout=CONNECT_TIMEOUT_S)
        except OSError:
            raise ServiceUnavailable(
                "The gateway holds the local vector index but its index service does not answer; "
                "stop the gateway to run this command."
            ) from None
        with connection:
            connection.settimeout(None)  # an ingest takes as long as it takes
            request = {"token": self._token, "op": op, "args": args}
            connection.sendall(json.dumps(request, ensure_ascii=False).encode() + b"\n")
            with connection.makefile("rb") as replies:
                for raw in replies:
                    try:
                        line = json.loads(raw)
                    except ValueError:
                        raise ServiceUnavailable("The gateway's index service sent an unreadable reply.") from None
                    if "done" in line:
                        return line["done"]
                    if "error" in line:
                        raise TresorError(str(line["error"]))
                    on_line(line)
        raise ServiceUnavailable("The gateway closed the connection before the command finished.")

    def ingest(self, request: IngestRequest, progress: ProgressFactory) -> list[IngestReport]:
        typed = {str(Path(p).absolute()): p for p in request.paths}
        args = {
            "collection": request.collection,
            "groups": list(request.groups),
            "paths": list(typed),
            "jsonl": str(Path(request.jsonl).absolute()) if request.jsonl else None,
            "sync": request.sync,
        }
        shown: list[IngestProgress] = []

        def on_line(line: dict[str, Any]) -> None:
            event = line.get("progress")
            if event == "start":
                shown.append(progress(str(line.get("label", "ingest"))))
                shown[-1].start(int(line["total"]))
            elif event == "advance" and shown:
                shown[-1].advance(int(line["documents"]), int(line["chunks"]))
            elif event == "close" and shown:
                shown[-1].close()

        try:
            reports = self._call("ingest", args, on_line)
        finally:
            for bar in shown:
                bar.close()
        return [report_from_wire(r, typed) for r in reports]

    def collections(self) -> list[dict[str, Any]]:
        rows = self._call("collections", {}, _ignore)
        return [dict(row) for row in rows]

    def delete(self, name: str) -> bool:
        return bool(self._call("delete", {"name": name}, _ignore))

    def search(
        self, request: SearchRequest, on_result: Callable[[dict[str, Any]], None],
        on_notice: Callable[[str], None],
    ) -> None:
        args = {
            "collection": request.collection,
            "queries": [list(q) for q in request.queries],
            "groups": list(request.groups),
            "top_k": request.top_k,
            "mode": request.mode,
            "with_text": request.with_text,
        }

        def on_line(line: dict[str, Any]) -> None:
            if "result" in line:
                on_result(line["result"])
            elif "notice" in line:
                on_notice(str(line["notice"]))

        self._call("search", args, on_line)

    def close(self) -> None:
        """Nothing is held between calls."""


def _ignore(_line: dict[str, Any]) -> None:
    pass


def gateway_index(data_dir: Path, locked: IndexLocked) -> GatewayIndex:
    """The running gateway's index service; ``locked`` is raised again when there is none
    (another process, not a gateway, holds the folder)."""
    path = service_file(data_dir)
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        port, token, pid = int(found["port"]), str(found["token"]), int(found.get("pid", 0))
    except FileNotFoundError:
        raise locked from None
    except PermissionError:
        raise ServiceUnavailable(
            f"The gateway holds the local vector index, and {path} is not readable by this "
            "account (run the command as the gateway's user)."
        ) from None
    except (OSError, ValueError, KeyError, TypeError):
        raise ServiceUnavailable(f"The gateway's index service file {path} is damaged.") from None
    if pid and not _alive(pid):
        raise locked
    return GatewayIndex(port, token)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
