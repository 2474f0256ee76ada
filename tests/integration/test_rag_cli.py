"""The retrieval commands through the real ``tresor`` entry point (local mode, real embedder),
also while the gateway runs: it holds the local index, so its index service runs them (real
``tresor`` processes, real qdrant-edge folder lock; the model is the recording fake, so what
reaches the prompt can be checked)."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rag.index_client import GatewayIndex, gateway_index
from rag.index_service import service_file
from rag.store_edge import EdgeStore
from serving.api.app import create_app
from serving.cli import main
from serving.config_loader import load_config
from serving.errors import IndexLocked, TresorError
from serving.gateway import Gateway, build_gateway
from serving.stages import PassThroughGuard
from serving.upstream import UpstreamClient
from tests.conftest import REPO
from tests.fakes import FakeUpstream

pytestmark = pytest.mark.integration


@pytest.fixture()
def config(tmp_path: Path) -> Path:
    path = tmp_path / "tresor.yaml"
    path.write_text(f"data_dir: {tmp_path / 'data'}\nrag:\n  default_collection: kb\n", encoding="utf-8")
    return path


def run(config: Path, *argv: str) -> int:
    return main(["--config", str(config), *argv])


def test_ingest_list_search_delete(tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "vpn.md").write_text("# VPN\n\nThe VPN client is updated every month.\n", encoding="utf-8")
    (docs / "bad.pdf").write_bytes(b"not a pdf")
    records = tmp_path / "r.jsonl"
    records.write_text('{"id": "r-1", "text": "Printers are on every floor.", "metadata": {"title": "Printing"}}\n',
                       encoding="utf-8")

    assert run(config, "ingest", str(docs), "--jsonl", str(records), "--groups", "it,staff") == 1
    out = capsys.readouterr()
    assert "collection kb: 2 documents (1 indexed, 0 unchanged, 0 skipped, 1 failed" in out.out
    assert "failed  docs/bad.pdf: unreadable PDF" in out.out
    assert "The VPN client" not in out.out + out.err  # summaries never echo document text

    assert run(config, "collections", "list", "--json") == 0
    row = json.loads(capsys.readouterr().out.strip())
    assert row["name"] == "kb" and row["points"] == 2 and row["groups"] == ["it", "staff"]

    batch = tmp_path / "q.jsonl"
    batch.write_text('{"query_id": "a", "query": "printer location"}\n{"query_id": "b", "query": "VPN updates"}\n',
                     encoding="utf-8")
    output = tmp_path / "hits.jsonl"
    assert run(config, "search", "--batch", str(batch), "--top-k", "1", "--output", str(output)) == 0
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [line["query_id"] for line in lines] == ["a", "b"]
    assert lines[0]["hits"][0]["id"] == "r-1" and lines[0]["hits"][0]["metadata"]["title"] == "Printing"
    assert lines[1]["hits"][0]["metadata"]["path"] == "docs/vpn.md" and "text" not in lines[1]["hits"][0]

    assert run(config, "search", "printer", "--groups", "sales", "--collection", "kb") == 0
    assert json.loads(capsys.readouterr().out) == {"query_id": "q", "hits": []}

    assert run(config, "collections", "delete", "kb") == 2
    assert run(config, "collections", "delete", "kb", "--yes") == 0
    capsys.readouterr()
    assert run(config, "search", "printer") == 1
    assert capsys.readouterr().err.strip() == (
        "tresor: Unknown collection 'kb'; run `tresor collections list` to see the collections.")


def test_ingest_requires_a_source(config: Path) -> None:
    assert run(config, "ingest", "--groups", "it") == 2


def test_eval_retrieval_on_a_tiny_dataset(tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentences = [
        ["The Rhine flows into the North Sea.", "It is 1,230 kilometres long."],
        ["Oxygen was discovered by Scheele.", "Priestley published first."],
    ]
    paragraphs = []
    for i, pair in enumerate(sentences):
        context = " ".join(pair)
        breaks = [[0, len(pair[0])], [len(pair[0]) + 1, len(context)]]
        paragraphs.append({"context": context, "sentences": pair, "sentence_breaks": breaks, "qas": [
            {"id": f"q{i}a", "question": ["Where does the Rhine end?", "Who discovered oxygen?"][i],
             "answers": [{"answer_start": 5, "text": "x"}]},
            {"id": f"q{i}b", "question": ["How long is the Rhine?", "Who published first on oxygen?"][i],
             "answers": [{"answer_start": len(pair[0]) + 2, "text": "x"}]},
        ]})
    dataset = tmp_path / "tiny.json"
    dataset.write_text(json.dumps({"data": [{"title": "Mixed", "paragraphs": paragraphs}]}), encoding="utf-8")
    out_json = tmp_path / "eval.json"
    assert run(config, "eval", "retrieval", "--dataset", str(dataset), "--json", str(out_json)) == 0
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert report["sentences"] == 4 and report["queries"] == 4
    assert set(report["metrics"]) == {"dense", "hybrid"}
    for values in report["metrics"].values():
        assert values["R@10"] == 1.0 and values["R@1"] >= 0.5
    assert "hybrid" in capsys.readouterr().out


def test_sync_with_an_unreadable_line_is_skipped_and_says_so(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "r.jsonl"
    records.write_text('{"id": "r-1", "text": "Printers are on every floor."}\n'
                       '{"id": "r-2", "text": "The canteen opens at noon."}\n', encoding="utf-8")
    assert run(config, "ingest", "--jsonl", str(records), "--groups", "it") == 0
    records.write_text('{"id": "r-1", "text": "Printers are on every floor."\n', encoding="utf-8")
    capsys.readouterr()

    assert run(config, "ingest", "--jsonl", str(records), "--groups", "it", "--sync") == 1
    out = capsys.readouterr().out
    assert "0 removed" in out and "failed  r.jsonl:1: invalid JSON" in out
    assert f"note    sync skipped for {records.as_posix()}: 1 unreadable line" in out
    assert "Printers" not in out


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    """The one stderr line a failed command printed (a traceback would fail the test first)."""
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_unreadable_batch_files_and_unwritable_outputs_are_one_line_errors(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.jsonl"
    assert run(config, "search", "--batch", str(missing)) == 1
    assert _error(capsys) == f"tresor: cannot read {missing}: No such file or directory"

    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes('{"query_id": "a", "query": "Gebühr"}\n'.encode("latin-1"))
    assert run(config, "search", "--batch", str(latin1)) == 1
    assert _error(capsys) == f"tresor: cannot read {latin1}: not UTF-8 text"

    nowhere = tmp_path / "no-such-folder" / "hits.jsonl"
    assert run(config, "search", "printer", "--output", str(nowhere)) == 1
    assert _error(capsys) == f"tresor: cannot write {nowhere}: No such file or directory"

    dataset = tmp_path / "tiny.json"
    assert run(config, "eval", "retrieval", "--dataset", str(dataset), "--json", str(nowhere)) == 1
    assert _error(capsys) == f"tresor: cannot write {nowhere}: no such folder {nowhere.parent}"


def test_eval_retrieval_refuses_unknown_modes(tmp_path: Path, config: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config, "eval", "retrieval", "--dataset", str(tmp_path / "x.json"), "--modes", "dense,hybird") == 2
    assert _error(capsys) == ("tresor eval retrieval: --modes takes a comma-separated list of "
                              "dense, hybrid; got 'dense,hybird'")


# -- while the gateway runs ----------------------------------------------------------------


def start_gateway(config: Path, fake: FakeUpstream) -> Gateway:
    """The gateway as `tresor up` builds it (guard left out: retrieval is under test)."""
    return build_gateway(
        load_config(config),
        guard=PassThroughGuard(),
        upstream=UpstreamClient("http://upstream.test/v1", transport=fake.transport()),
    )


@pytest.fixture()
def running(config: Path) -> Iterator[tuple[Gateway, TestClient, FakeUpstream]]:
    fake = FakeUpstream()
    gateway = start_gateway(config, fake)
    with TestClient(create_app(gateway)) as client:
        yield gateway, client, fake


def tresor(config: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "serving.cli", "--config", str(config), *argv],
        cwd=cwd, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip


def ask(client: TestClient, key: str, question: str) -> Any:
    body = {"model": "tresor-rag", "messages": [{"role": "user", "content": question}]}
    return client.post("/v1/chat/completions", headers={"Authorization": f"Bearer {key}"}, json=body)


def test_commands_run_by_the_gateway_and_chat_sees_the_new_documents(
    tmp_path: Path, config: Path, running: tuple[Gateway, TestClient, FakeUpstream]
) -> None:
    gateway, client, fake = running
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "vpn.md").write_text("# VPN\n\nThe VPN client is updated every month.\n", encoding="utf-8")
    (docs / "bad.pdf").write_bytes(b"not a pdf")
    key = gateway.keys.create("it", ("it",)).key
    assert ask(client, key, "How often is the VPN client updated?").status_code == 404  # no kb yet

    done = tresor(config, "ingest", "docs", "missing.md", "--groups", "it,staff", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # two sources failed
    assert "the running gateway holds the local index; it runs this command" in done.stderr
    assert "collection kb: 2 documents (1 indexed, 0 unchanged, 0 skipped, 2 failed" in done.stdout
    assert "  failed  docs/bad.pdf: unreadable PDF" in done.stdout
    assert "  failed  missing.md: not found" in done.stdout  # as typed, not the absolute path
    assert "The VPN client" not in done.stdout + done.stderr

    fake.answer = lambda messages: "Every month [1]."
    answer = ask(client, key, "How often is the VPN client updated?")
    assert answer.status_code == 200, answer.text
    assert "updated every month" in json.dumps(fake.seen[-1]), "the new excerpt reached the prompt"
    assert answer.json()["tresor_sources"][0]["path"] == "docs/vpn.md"

    listed = tresor(config, "collections", "list", "--json", cwd=tmp_path)
    row = json.loads(listed.stdout.strip())
    assert row["name"] == "kb" and row["points"] == 1 and row["groups"] == ["it", "staff"]

    found = tresor(config, "search", "VPN updates", "--top-k", "1", "--with-text", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    hit = json.loads(found.stdout)["hits"][0]
    assert hit["metadata"]["path"] == "docs/vpn.md" and "updated every month" in hit["text"]
    assert "searching as every group of 'kb' (2)" in found.stderr

    assert tresor(config, "collections", "delete", "kb", "--yes", cwd=tmp_path).returncode == 0
    assert ask(client, key, "How often is the VPN client updated?").status_code == 404
    gone = tresor(config, "search", "VPN", cwd=tmp_path)
    assert gone.returncode == 1
    assert gone.stderr.strip().endswith(
        "tresor: Unknown collection 'kb'; run `tresor collections list` to see the collections.")


def test_the_gateway_leaves_the_search_graph_of_its_ingests_to_its_next_start(
    tmp_path: Path, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, bool]] = []
    finish = EdgeStore.finish_ingest

    def recorded(store: EdgeStore, name: str, *, build_index: bool = True) -> None:
        calls.append((name, build_index))
        finish(store, name, build_index=build_index)

    monkeypatch.setattr(EdgeStore, "finish_ingest", recorded)
    monkeypatch.setattr("rag.ingest.UNBUILT_NOTE_POINTS", 1)  # the ingest runs in this process
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "vpn.md").write_text("# VPN\n\nThe VPN client is updated monthly.\n",
                                              encoding="utf-8")  # fmt: skip
    with TestClient(create_app(start_gateway(config, FakeUpstream()))):
        done = tresor(config, "ingest", "docs", "--groups", "it", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert calls == [("kb", False)]  # building the graph would pause every request
        assert ("note    the search graph of 'kb' (1 chunks) is built when the gateway next "
                "starts") in done.stdout
    calls.clear()
    with TestClient(create_app(start_gateway(config, FakeUpstream()))):
        assert calls == [("kb", True)]  # built before the restarted gateway serves


def test_the_service_file_is_private_and_withdrawn_when_the_gateway_stops(config: Path) -> None:
    config = load_config(config)
    gateway = build_gateway(config, guard=PassThroughGuard(),
                            upstream=UpstreamClient("http://upstream.test/v1",
                                                    transport=FakeUpstream().transport()))
    path = service_file(config.data_dir)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with TestClient(create_app(gateway)):
        pass  # leaving the app closes the gateway
    assert not path.exists()


def test_wrong_token_and_a_client_that_hangs_up_leave_the_service_serving(
    tmp_path: Path, config: Path, running: tuple[Gateway, TestClient, FakeUpstream]
) -> None:
    config = load_config(config)
    found = json.loads(service_file(config.data_dir).read_text(encoding="utf-8"))
    with pytest.raises(TresorError, match="wrong token"):
        GatewayIndex(found["port"], "not-the-token").collections()

    records = tmp_path / "many.jsonl"
    records.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Record number {i}."}) + "\n"
                               for i in range(400)), encoding="utf-8")  # fmt: skip
    request = {"token": found["token"], "op": "ingest",
               "args": {"collection": "bulk", "groups": ["it"], "jsonl": str(records)}}
    with socket.create_connection(("127.0.0.1", found["port"])) as hasty:
        hasty.sendall(json.dumps(request).encode() + b"\n")
        assert json.loads(hasty.makefile("rb").readline())["progress"] == "start"
    # the hung-up ingest stops between batches; the service answers the next caller
    names = [row["name"] for row in GatewayIndex(found["port"], found["token"]).collections()]
    assert names in ([], ["bulk"])


def test_without_a_live_service_the_lock_message_stands(tmp_path: Path) -> None:
    locked = IndexLocked("The local vector index is open in another process")
    with pytest.raises(IndexLocked):
        gateway_index(tmp_path, locked)  # no service file: another program holds the folder
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
    path = service_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"port": 9, "token": "t", "pid": int(finished.stdout)}), encoding="utf-8")
    with pytest.raises(IndexLocked):
        gateway_index(tmp_path, locked)  # left behind by a gateway that is gone
