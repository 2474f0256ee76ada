"""`tresor up` as a user meets it: one command starts vLLM, the gateway and the chat page;
a real browser asks a question; Ctrl-C stops everything."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from tests.conftest import REPO, free_port

pytestmark = [pytest.mark.e2e, pytest.mark.vllm]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def wait_for(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 900) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"tresor up exited early with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} not up in time")


@pytest.fixture(scope="module")
def running_stack(
    tmp_path_factory: pytest.TempPathFactory, default_model_dir: Path
) -> Iterator[dict[str, object]]:
    data_dir = tmp_path_factory.mktemp("up")
    models = data_dir / "models"
    models.mkdir()
    (models / default_model_dir.name).symlink_to(default_model_dir)  # reuse the converted model
    ports = {"gateway": free_port(), "engine": free_port(), "ui": free_port()}
    config = data_dir / "tresor.yaml"
    config.write_text(
        f"data_dir: {data_dir}\n"
        f"server: {{port: {ports['gateway']}}}\n"
        f"engine: {{port: {ports['engine']}}}\n"
        f"ui: {{port: {ports['ui']}}}\n"
        f"guardrails: {{policy_file: {REPO / 'configs' / 'policy.yaml'}}}\n"
    )
    log_path = data_dir / "up.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "serving.cli", "--config", str(config), "up"],
            cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{ports['gateway']}/healthz", proc)
        wait_for(f"http://127.0.0.1:{ports['ui']}/", proc)
        key = subprocess.run(
            [sys.executable, "-m", "serving.cli", "--config", str(config), "keys", "create", "--team", "e2e"],
            cwd=REPO, check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        yield {"proc": proc, "ports": ports, "key": key, "log": log_path, "data_dir": data_dir}
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
        print(log_path.read_text()[-3000:])


def test_gateway_answers_through_the_sdk(running_stack: dict[str, object]) -> None:
    ports = running_stack["ports"]
    assert isinstance(ports, dict)
    client = openai.OpenAI(
        base_url=f"http://127.0.0.1:{ports['gateway']}/v1",
        api_key=str(running_stack["key"]),
        max_retries=0,
    )
    answer = client.chat.completions.create(
        model="smollm2-135m-instruct", temperature=0, max_tokens=30,
        messages=[{"role": "user", "content": "What is the capital of France?"}],
    )  # fmt: skip
    assert "Paris" in (answer.choices[0].message.content or "")
    assert httpx.get(f"http://127.0.0.1:{ports['gateway']}/readyz").status_code == 200


@pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian chromium not installed (make system-packages)"
)
def test_browser_chat_page_answers(running_stack: dict[str, object], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    ports = running_stack["ports"]
    assert isinstance(ports, dict)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )  # fmt: skip
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{ports['ui']}/")
        box = page.get_by_role("textbox").first
        box.fill("What is the capital of France?")
        box.press("Enter")
        page.wait_for_function("() => document.body.innerText.includes('Paris')", timeout=120_000)
        page.screenshot(path=str(tmp_path / "chat.png"))
        browser.close()


def test_documents_ingested_while_it_runs_are_cited(running_stack: dict[str, object], tmp_path: Path) -> None:
    ports, data_dir = running_stack["ports"], running_stack["data_dir"]
    assert isinstance(ports, dict) and isinstance(data_dir, Path)
    (tmp_path / "handbook").mkdir()
    (tmp_path / "handbook" / "canteen.md").write_text(
        "# Canteen\n\nThe canteen opens at 11:30 and serves a vegetarian dish every day.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "serving.cli", "--config", str(data_dir / "tresor.yaml"), "ingest",
         "handbook", "--collection", "handbook", "--groups", "everyone"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "the running gateway holds the local index; it runs this command" in done.stderr
    log = running_stack["log"]
    assert isinstance(log, Path) and "documents: `tresor ingest PATH..." in log.read_text()
    assert "collection handbook: 1 documents (1 indexed" in done.stdout
    key = subprocess.run(
        [sys.executable, "-m", "serving.cli", "--config", str(data_dir / "tresor.yaml"), "keys",
         "create", "--team", "staff", "--groups", "everyone"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[0]  # fmt: skip
    client = openai.OpenAI(
        base_url=f"http://127.0.0.1:{ports['gateway']}/v1", api_key=key, max_retries=0
    )
    answer = client.chat.completions.create(
        model="tresor-rag", temperature=0, max_tokens=20,
        messages=[{"role": "user", "content": "When does the canteen open?"}],
        extra_body={"tresor_rag": {"collection": "handbook"}},
    )  # fmt: skip
    sources = (answer.model_extra or {}).get("tresor_sources") or []
    assert [s["path"] for s in sources] == ["handbook/canteen.md"]


def test_ctrl_c_stops_everything(running_stack: dict[str, object]) -> None:
    proc = running_stack["proc"]
    ports = running_stack["ports"]
    assert isinstance(proc, subprocess.Popen) and isinstance(ports, dict)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=90) == 0
    for port in ports.values():
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
    data_dir = running_stack["data_dir"]
    assert isinstance(data_dir, Path)
    assert not (data_dir / "run" / "index-service.json").exists()  # the index service is gone
