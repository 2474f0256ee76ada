"""``tresor up``: start the whole assistant (vLLM, gateway, UI) and stop it cleanly on Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import logging
import subprocess
import sys
import time
from typing import Any

import uvicorn

from serving.api.app import create_app
from serving.cli import CommandRegistry
from serving.config import TresorConfig
from serving.engine.launcher import EngineStartError, VllmProcess
from serving.engine.model_prep import default_model_dir, is_prepared, prepare_default_model
from serving.gateway import build_gateway
from serving.logging_setup import configure_logging

log = logging.getLogger("tresor.up")

UI_KEY_NAME = "ui-session"


def _say(message: str) -> None:
    print(f"tresor: {message}", file=sys.stderr, flush=True)


def start_engine(config: TresorConfig) -> VllmProcess:
    """Prepare the model if needed, start vLLM and wait until it serves."""
    model = config.engine.model
    if model is None:
        if not is_prepared(default_model_dir(config.data_dir)):
            _say("preparing the packaged SmolLM2-135M-Instruct model (once, about a minute)")
        model = str(prepare_default_model(config.data_dir))
    engine = VllmProcess(config.engine, model, config.data_dir / "logs" / "vllm.log")
    _say(
        f"starting vLLM ({config.engine.build} build) on {engine.base_url}; log: {engine.log_path}"
    )
    engine.start()
    started = time.monotonic()
    last = [started]

    def tick() -> None:
        if time.monotonic() - last[0] >= 15:
            last[0] = time.monotonic()
            _say(
                f"  still waiting for vLLM ({time.monotonic() - started:.0f} s; the first start compiles)"
            )

    try:
        engine.wait_ready(on_tick=tick)
    except BaseException:
        engine.stop()
        raise
    _say(f"vLLM ready after {time.monotonic() - started:.0f} s")
    return engine


def _start_ui(config: TresorConfig, gateway: Any, model: str) -> Any:
    from ui.chat_page import build_chat_page

    gateway.keys.revoke_named(UI_KEY_NAME)  # keys of earlier runs
    issued = gateway.keys.create(config.ui.team, config.ui.groups, name=UI_KEY_NAME)
    page = build_chat_page(
        f"http://{config.server.host}:{config.server.port}/v1",
        issued.key,
        model,
        temperature=config.ui.temperature,
    )
    page.queue().launch(
        server_name=config.ui.host, server_port=config.ui.port, prevent_thread_lock=True,
        quiet=True, show_error=False,
    )  # fmt: skip
    return page


def _prepare_embedder(config: TresorConfig) -> bool:
    """Build the packaged embedding model once (normally done by ``make setup``).

    In a child process: building imports torch, which the gateway process does not need.
    """
    if not config.rag.enabled or config.rag.embedder.kind != "e5-onnx":
        return True
    from rag.e5_onnx_model import default_model_dir as embedder_dir
    from rag.e5_onnx_model import is_built

    if is_built(embedder_dir(config.data_dir)):
        return True
    done = subprocess.run([sys.executable, "-m", "rag.e5_onnx_model", str(config.data_dir)])
    if done.returncode != 0:
        _say("error: building the embedding model failed (see above)")
        return False
    return True


def _up(args: argparse.Namespace) -> int:
    config = CommandRegistry.config(args)
    configure_logging(config.logging.level, config.logging.format)
    config.data_dir.mkdir(parents=True, exist_ok=True)
    engine = None
    page = None
    try:
        if config.upstream.mode == "embedded":
            try:
                engine = start_engine(config)
            except EngineStartError as exc:
                _say(f"error: {exc}")
                return 1
        if not _prepare_embedder(config):
            return 1
        gateway = build_gateway(config)
        app = create_app(gateway)
        if config.ui.enabled and not args.no_ui:
            page = _start_ui(config, gateway, config.engine.served_model_name)
        _say(f"gateway:  http://{config.server.host}:{config.server.port}/v1  (OpenAI-compatible)")
        if page is not None:
            _say(f"chat UI:  http://{config.ui.host}:{config.ui.port}")
        if config.rag.enabled and not config.rag.qdrant.url:
            _say("documents: `tresor ingest PATH... --groups G1,G2` in another shell; this "
                 "gateway runs it")
        _say("press Ctrl-C to stop")
        server = uvicorn.Server(
            uvicorn.Config(app, host=config.server.host, port=config.server.port,
                           log_config=None, access_log=False, timeout_graceful_shutdown=10)
        )  # fmt: skip
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises the Ctrl-C it handled
            server.run()
        return 0
    finally:
        if page is not None:
            page.close()
        if engine is not None:
            _say("stopping vLLM")
            engine.stop()
        _say("stopped")


def register(registry: CommandRegistry) -> None:
    sub = registry.add("up", _up, "Start the whole assistant: vLLM, gateway and chat UI.")
    sub.add_argument("--no-ui", action="store_true", help="Start without the Gradio page.")
