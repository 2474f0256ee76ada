"""Shared fixtures: repository paths, free ports, the real vLLM server, gateway servers."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("TRESOR_SHARED_DATA", REPO.parent / "shared" / "data"))
MODEL_DATA_DIR = Path(os.environ.get("TRESOR_MODEL_DATA_DIR", REPO / ".data"))


def free_port() -> int:
    """An unused loopback TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """Runs an ASGI app with uvicorn on a loopback port in a background thread."""

    def __init__(self, app: object, port: int | None = None) -> None:
        import uvicorn

        self.port = port or free_port()
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_config=None, access_log=False)  # type: ignore[arg-type]
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/healthz", timeout=1)
                return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("test server did not start")

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)


@pytest.fixture(scope="session")
def default_model_dir() -> Path:
    """The packaged SmolLM2 converted for vLLM (cached under .data; `make test` prepares it)."""
    from serving.engine.model_prep import prepare_default_model

    return prepare_default_model(MODEL_DATA_DIR)


@pytest.fixture(scope="session")
def vllm_server(default_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real vLLM (CPU build) serving the default model; yields its /v1 base URL."""
    from serving.config import EngineSettings
    from serving.engine.launcher import VllmProcess

    engine = EngineSettings(port=free_port())
    log_path = tmp_path_factory.mktemp("vllm") / "vllm.log"
    process = VllmProcess(engine, str(default_model_dir), log_path)
    process.start()
    try:
        process.wait_ready(timeout_s=900)
        yield process.base_url
    except Exception:
        print(log_path.read_text()[-4000:])
        raise
    finally:
        process.stop()
