"""Gateway-overhead section (issue 6): the same workload direct to vLLM and via the gateway.

Starts its own vLLM on a free loopback port (or uses ``--engine-url``, e.g. a GPU server) and
the real gateway with the guardrail on in a child process, then sends the fixed workload at
each concurrency in rounds that alternate which path goes first, so drift on the shared
machine hits both paths alike. Reports gateway/direct ratios of TTFT and throughput.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from bench.budget import Deadline
from bench.child_config import write_child_config
from bench.load import Endpoint, make_client, run_batch
from bench.options import Profile
from bench.overhead import (
    RoundPair,
    RoundPairs,
    levels_from_rounds,
    overhead_charts,
    overhead_checks,
    overhead_data,
    overhead_tables,
)
from bench.results import SectionResult
from bench.section import SectionContext
from bench.stack import GatewayProcess, served_model, start_vllm
from bench.workload import PROMPTS, chat_payload
from serving.keys import KeyStore

NAME = "gateway"
TITLE = "Gateway overhead: direct vLLM vs gateway with guardrail"
VLLM_START_S = 900.0
GATEWAY_START_S = 300.0
BATCH_TIMEOUT_S = 300.0
WARMUP_TOKENS = 4


async def measure_rounds(
    direct: Endpoint, gateway: Endpoint, model: str, profile: Profile, deadline: Deadline
) -> tuple[RoundPairs, list[str]]:
    """Interleaved rounds at every concurrency; each level gets an equal share of the time."""
    notes: list[str] = []
    rounds: RoundPairs = {}
    levels = profile.concurrency
    async with make_client(max(levels)) as client:
        for endpoint in (direct, gateway):  # first requests (compilation, guard models) excluded
            await run_batch(client, endpoint, lambda i: chat_payload(i, model, WARMUP_TOKENS),
                            min(8, max(levels)), 1, BATCH_TIMEOUT_S)  # fmt: skip
        for position, concurrency in enumerate(levels):
            level_deadline = deadline.sub(deadline.remaining() / (len(levels) - position))
            rounds[concurrency] = []
            for index in range(profile.rounds):
                if index > 0 and level_deadline.expired():
                    notes.append(
                        f"{concurrency} streams: time budget reached after {index} of {profile.rounds} rounds"
                    )
                    break
                order = (direct, gateway) if index % 2 == 0 else (gateway, direct)
                batches = {}
                for endpoint in order:
                    batches[endpoint.name] = await run_batch(
                        client, endpoint, lambda i: chat_payload(i, model, profile.max_tokens),
                        concurrency, profile.per_stream(concurrency), BATCH_TIMEOUT_S,
                    )  # fmt: skip
                rounds[concurrency].append(RoundPair(batches[direct.name], batches[gateway.name]))
    return rounds, notes


def build_result(rounds: RoundPairs, notes: list[str], guard_on: bool) -> SectionResult:
    """Tables, charts, checks and JSON data of the section (pure)."""
    levels = levels_from_rounds(rounds)
    ratios, absolute = overhead_tables(levels)
    reason = "" if guard_on else "guardrail disabled in the config: measured the gateway WITHOUT it"
    return SectionResult(
        NAME, TITLE, "ok", reason,
        tables=(ratios, absolute), charts=overhead_charts(levels), checks=overhead_checks(levels),
        notes=tuple(notes), data={"levels": overhead_data(levels), "guardrail": guard_on},
    )  # fmt: skip


def _gateway_config(ctx: SectionContext, base_url: str, guard_on: bool) -> tuple[Path, str]:
    data_dir = ctx.work_dir / "gateway"
    keys = KeyStore(data_dir / "keys.sqlite3")
    try:
        key = keys.create("bench", (), name="bench").key
    finally:
        keys.close()
    path = write_child_config(
        ctx.config, ctx.work_dir / "gateway-config.json",
        data_dir=str(data_dir),
        upstream={"mode": "external", "base_url": base_url, "api_key_env": None},
        guardrails={"enabled": guard_on},
        rag={"enabled": False},
        ui={"enabled": False},
    )  # fmt: skip
    return path, key


def run(ctx: SectionContext) -> SectionResult:
    """Start vLLM (unless ``--engine-url``) and the gateway, measure, stop both."""
    options, profile = ctx.options, ctx.options.profile
    guard_on = ctx.config.guardrails.enabled
    engine = None
    started = time.monotonic()
    if options.engine_url:
        base_url = options.engine_url.rstrip("/")
        model = options.model or served_model(base_url)
        engine_note = f"existing model server at {base_url}"
    else:
        engine = start_vllm(
            ctx.config, options.model, ctx.work_dir / "vllm.log", Deadline(VLLM_START_S)
        )
        base_url, model = engine.base_url, ctx.config.engine.served_model_name
        engine_note = f"own vLLM ({ctx.config.engine.build} build, dtype {ctx.config.engine.dtype}) on a free port"
    engine_ready_s = time.monotonic() - started
    gateway = None
    try:
        config_path, key = _gateway_config(ctx, base_url, guard_on)
        gateway = GatewayProcess(config_path, ctx.work_dir / "gateway.log", options.repo)
        started = time.monotonic()
        gateway.start(Deadline(GATEWAY_START_S))
        gateway_ready_s = time.monotonic() - started
        direct = Endpoint("direct", f"{base_url}/chat/completions", {})
        via = Endpoint(
            "gateway", f"{gateway.url}/v1/chat/completions", {"Authorization": f"Bearer {key}"}
        )
        rounds, notes = asyncio.run(
            measure_rounds(direct, via, model, profile, Deadline(profile.gateway_budget_s))
        )
    finally:
        if gateway is not None:
            gateway.stop()
        if engine is not None:
            engine.stop()
    notes = [
        f"Engine: {engine_note}; model {model}. Guardrail {'ON' if guard_on else 'OFF (disabled in the config)'}.",
        f"Workload: {len(PROMPTS)} fixed prompts (names, e-mails; German and English), temperature 0, "
        f"max_tokens {profile.max_tokens} with ignore_eos; requests per stream and batch: "
        + ", ".join(f"{profile.per_stream(c)} at {c} streams" for c in profile.concurrency)
        + "; rounds alternate which path goes first.",
        "Load generator, gateway and vLLM share this machine's cores; ratios are what to compare.",
        f"Start-up: model server ready after {engine_ready_s:.0f} s, gateway after {gateway_ready_s:.0f} s.",
        *notes,
    ]
    result = build_result(rounds, notes, guard_on)
    data: dict[str, Any] = {**result.data, "model": model, "engine": engine_note,
                            "max_tokens": profile.max_tokens, "engine_ready_s": engine_ready_s,
                            "gateway_ready_s": gateway_ready_s}  # fmt: skip
    return SectionResult(result.name, result.title, result.status, result.reason, result.tables,
                         result.charts, result.checks, result.notes, data)  # fmt: skip
