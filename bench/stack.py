"""Processes the gateway section runs: its own vLLM (or an existing one) and the gateway.

All on loopback, each in its own process group so a stop takes its children with it, and
each bounded by a start-up deadline.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.budget import Deadline
from serving.config import EngineSettings, TresorConfig
from serving.engine.launcher import VllmProcess, stop_process_group
from serving.engine.model_prep import prepare_default_model


class StackStartError(RuntimeError):
    """A process of the benchmark stack exited or did not become ready in time."""


def free_port() -> int:
    """An unused loopback TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_vllm(
    config: TresorConfig, model: str | None, log_path: Path, deadline: Deadline
) -> VllmProcess:
    """A fresh vLLM on a free loopback port with the config's engine settings."""
    engine: EngineSettings = config.engine.model_copy(
        update={"host": "127.0.0.1", "port": free_port()}
    )
    model_dir = model or config.engine.model or str(prepare_default_model(config.data_dir))
    process = VllmProcess(engine, model_dir, log_path)
    process.start()
    try:
        process.wait_ready(timeout_s=max(1.0, deadline.remaining()))
    except BaseException:
        process.stop()
        raise
    return process


def served_model(base_url: str) -> str:
    """The first model an OpenAI-compatible server lists (for ``--engine-url`` without ``--model``)."""
    response = httpx.get(f"{base_url.rstrip('/')}/models", timeout=10.0, trust_env=False)
    response.raise_for_status()
    data = response.json().get("data") or []
    if not data:
        raise StackStartError("the model server lists no model")
    return str(data[0]["id"])


class GatewayProcess:
    """The gateway served by :mod:`bench.gateway_server` in a child process."""

    def __init__(self, config_path: Path, log_path: Path, repo: Path) -> None:
        self.port = free_port()
        self._config_path = config_path
        self._log_path = log_path
        self._repo = repo
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, deadline: Deadline) -> None:
        """Spawn the server and wait until ``/readyz`` says the upstream answers."""
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self._log_path, "ab") as out:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "bench.gateway_server", "--config", str(self._config_path),
                 "--port", str(self.port)],
                cwd=self._repo, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        while not deadline.expired():
            if self._proc.poll() is not None:
                raise StackStartError(
                    f"the gateway exited with status {self._proc.returncode}; see {self._log_path}"
                )
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2.0, trust_env=False).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise StackStartError(f"the gateway was not ready in time; see {self._log_path}")

    def stop(self, grace_s: float = 10.0) -> None:
        """SIGTERM the process group, SIGKILL after ``grace_s``."""
        proc, self._proc = self._proc, None
        stop_process_group(proc, grace_s)
