"""The gateway's index service and its client, over a real loopback socket, on a fake index."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rag.index_access import IngestRequest, SearchRequest
from rag.index_client import GatewayIndex
from rag.index_service import STOPPING_MESSAGE, IndexService, service_file, start_index_service
from rag.ingest import IngestReport, Problem
from serving.errors import InvalidRequest, TresorError


class FakeIndex:
    """Records requests; ingest reports progress and may wait for a signal between batches."""

    def __init__(self) -> None:
        self.requests: list[Any] = []
        self.batches = 3
        self.between_batches: Callable[[], None] = lambda: None
        self.started = threading.Event()

    def ingest(self, request: IngestRequest, progress: Callable[[str], Any]) -> list[IngestReport]:
        self.requests.append(request)
        bar = progress("ingest")
        bar.start(self.batches)
        try:
            for _ in range(self.batches):
                self.started.set()
                self.between_batches()
                bar.advance(1, 2)
        finally:
            bar.close()
        missing = request.paths[-1]
        return [IngestReport(request.collection, documents=3, indexed=3, chunks=6,
                             failed=[Problem(missing, "not found")], elapsed_s=1.5)]

    def collections(self) -> list[dict[str, Any]]:
        return [{"name": "kb", "points": 6}]

    def delete(self, name: str) -> bool:
        if name == "bad name":
            raise InvalidRequest("Invalid collection name.")
        return name == "kb"

    def search(self, request: SearchRequest, on_result: Callable[[dict[str, Any]], None],
               on_notice: Callable[[str], None]) -> None:
        on_notice("searching as every group")
        for query_id, query in request.queries:
            on_result({"query_id": query_id, "hits": [{"id": query.upper()}]})


class Bar:
    def __init__(self, log: list[Any], label: str) -> None:
        self.log = log
        log.append(("label", label))

    def start(self, total: int) -> None:
        self.log.append(("start", total))

    def advance(self, documents: int, chunks: int) -> None:
        self.log.append(("advance", documents, chunks))

    def close(self) -> None:
        self.log.append("close")


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[FakeIndex, IndexService, GatewayIndex]]:
    index = FakeIndex()
    service = IndexService(index, tmp_path)  # type: ignore[arg-type]
    found = json.loads(service_file(tmp_path).read_text(encoding="utf-8"))
    try:
        yield index, service, GatewayIndex(found["port"], found["token"])
    finally:
        service.close()


def test_ingest_relays_progress_and_rebuilds_the_report_with_paths_as_typed(
    served: tuple[FakeIndex, IndexService, GatewayIndex], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    index, _, client = served
    monkeypatch.chdir(tmp_path)
    log: list[Any] = []
    request = IngestRequest("kb", ("it",), paths=("docs", "missing.md"), sync=True)
    [report] = client.ingest(request, lambda label: Bar(log, label))
    sent = index.requests[0]
    assert sent.paths == (str(tmp_path / "docs"), str(tmp_path / "missing.md"))  # absolute
    assert sent.groups == ("it",) and sent.sync and sent.jsonl is None
    assert log[:5] == [("label", "ingest"), ("start", 3), ("advance", 1, 2), ("advance", 1, 2),
                       ("advance", 1, 2)]
    assert "close" in log
    assert report.indexed == 3 and report.chunks == 6 and report.elapsed_s == 1.5
    assert report.failed == [Problem("missing.md", "not found")]


def test_listing_deleting_and_search_results_in_order(
    served: tuple[FakeIndex, IndexService, GatewayIndex],
) -> None:
    _, _, client = served
    assert client.collections() == [{"name": "kb", "points": 6}]
    assert client.delete("kb") is True and client.delete("other") is False
    with pytest.raises(TresorError, match="Invalid collection name"):
        client.delete("bad name")
    results: list[Any] = []
    notices: list[str] = []
    client.search(SearchRequest("kb", (("a", "vpn"), ("b", "printer"))), results.append, notices.append)
    assert results == [{"query_id": "a", "hits": [{"id": "VPN"}]},
                       {"query_id": "b", "hits": [{"id": "PRINTER"}]}]
    assert notices == ["searching as every group"]


def raw(port: int, line: bytes) -> dict[str, Any]:
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(line)
        reply: dict[str, Any] = json.loads(connection.makefile("rb").readline())
        return reply


def test_malformed_requests_get_a_clear_error(
    served: tuple[FakeIndex, IndexService, GatewayIndex], tmp_path: Path
) -> None:
    _, service, _ = served
    token = json.loads(service_file(tmp_path).read_text(encoding="utf-8"))["token"]
    port = service.port
    assert raw(port, b"{oops\n") == {"error": "request is not JSON"}
    assert raw(port, json.dumps({"token": "x", "op": "collections"}).encode() + b"\n")["error"].startswith(
        "wrong token")
    assert raw(port, json.dumps({"token": token, "op": "drop-all"}).encode() + b"\n") == {
        "error": "unknown operation 'drop-all'"}
    bad_groups = {"token": token, "op": "ingest", "args": {"collection": "kb", "groups": "it"}}
    assert raw(port, json.dumps(bad_groups).encode() + b"\n") == {
        "error": "'groups' must be a list of strings"}
    bad_queries = {"token": token, "op": "search", "args": {"collection": "kb", "queries": ["q"]}}
    assert raw(port, json.dumps(bad_queries).encode() + b"\n") == {
        "error": "'queries' must be a list of [query_id, query] pairs"}


def test_stopping_the_service_stops_a_running_ingest_and_tells_the_client(
    served: tuple[FakeIndex, IndexService, GatewayIndex], tmp_path: Path
) -> None:
    index, service, client = served
    release = threading.Event()
    index.batches = 50
    index.between_batches = lambda: release.wait(5)
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            client.ingest(IngestRequest("kb", ("it",), paths=("x",)), lambda label: Bar([], label))
        except TresorError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    assert index.started.wait(5)
    stopper = threading.Thread(target=service.close)
    stopper.start()
    release.set()
    stopper.join(10)
    worker.join(10)
    assert not stopper.is_alive() and not worker.is_alive()
    assert [str(e) for e in outcome] == [STOPPING_MESSAGE]
    assert not service_file(tmp_path).exists()


def test_a_service_that_cannot_announce_itself_is_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data directory should be", encoding="utf-8")
    stop = start_index_service(FakeIndex(), blocked)  # type: ignore[arg-type]
    stop()  # nothing to stop; the gateway serves on without the service
    assert "index service not started" in caplog.text


def test_the_log_names_known_operations_only(
    served: tuple[FakeIndex, IndexService, GatewayIndex], tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, service, client = served
    token = json.loads(service_file(tmp_path).read_text(encoding="utf-8"))["token"]
    caplog.set_level("INFO", logger="rag.index_service")
    odd = {"token": token, "op": "mail anna.schmidt@example.com"}
    assert "error" in raw(service.port, json.dumps(odd).encode() + b"\n")
    client.collections()
    # the service logs "done" after its reply went out: wait for the handler thread
    deadline = time.monotonic() + 10
    while "collections done" not in caplog.text and time.monotonic() < deadline:
        time.sleep(0.01)
    assert "anna.schmidt" not in caplog.text
    assert "unknown operation refused" in caplog.text and "collections done" in caplog.text
