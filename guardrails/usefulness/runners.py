"""Run the usefulness measures against the real components.

:func:`over_masking` sends each ordinary text through a guard (``serving.stages.RequestGuard``,
normally :func:`guardrails.gateway.build_guard`) and compares what the model would see.

:func:`restore_rate` asks every prompt in one run, side by side: directly to vLLM, and through
the Tresor gateway once per pseudonym style (typed tokens, realistic surrogates), each
streaming and non-streaming, at temperature 0. The gateway is the real one (keys, pipeline,
guard, restore), served in-process over ASGI; only the model server is reached over HTTP.
"""

from __future__ import annotations

import asyncio
import json
import re
import tempfile
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import httpx
import yaml

from guardrails.usefulness.datasets import OrdinaryCase, RestoreCase
from guardrails.usefulness.scoring import (
    OverMaskingReport,
    RestoreReport,
    over_masking_report,
    score_arm,
)
from serving.errors import TresorError
from serving.stages import CallerContext, RequestGuard

#: The policy key that chooses how pseudonyms look (guardrails.policy).
STYLE_KEY = "pseudonym_style"
#: The gateway's conversation header (serving.api.deps); one conversation per repeat.
CONVERSATION_HEADER = "X-Tresor-Conversation"
EVAL_TEAM = "usefulness-eval"


async def visible_texts(
    guard: RequestGuard, texts: Sequence[str], team: str = EVAL_TEAM
) -> list[str]:
    """What the model would see of each text, each in its own conversation.

    A refused text (``PolicyBlocked``) is reported as an empty string: it is altered.
    """
    seen = []
    for i, text in enumerate(texts):
        ctx = CallerContext(f"usefulness-{i}", "usefulness-eval", team, (), f"usefulness-{i}")
        try:
            call = await guard.guard_input([{"role": "user", "content": text}], ctx)
        except TresorError:
            seen.append("")
            continue
        content = call.messages[0].get("content")
        seen.append(content if isinstance(content, str) else json.dumps(content))
    return seen


def over_masking(
    guard: RequestGuard, cases: Sequence[OrdinaryCase], team: str = EVAL_TEAM
) -> OverMaskingReport:
    """Share of ordinary texts the guard alters (synchronous; starts its own event loop)."""
    seen = asyncio.run(visible_texts(guard, [c.text for c in cases], team))
    return over_masking_report(zip(cases, seen, strict=True))


# --------------------------------------------------------------------------- restore rate


@dataclass(frozen=True)
class Arm:
    """One way of asking: straight to vLLM, or through Tresor with a pseudonym style."""

    via: Literal["direct", "tresor"]
    stream: bool
    style: str | None = None

    @property
    def name(self) -> str:
        mode = "stream" if self.stream else "whole"
        return f"direct/{mode}" if self.via == "direct" else f"tresor-{self.style}/{mode}"

    @property
    def baseline(self) -> str:
        return Arm("direct", self.stream).name


STYLES = ("tokens", "surrogates")
DEFAULT_ARMS: tuple[Arm, ...] = tuple(
    [Arm("direct", s) for s in (False, True)]
    + [Arm("tresor", s, style) for style in STYLES for s in (False, True)]
)


@dataclass(frozen=True)
class RestoreSettings:
    """How the restore comparison asks the model.

    ``repeats``: each prompt is asked this many times per arm, each time in its own
    conversation. Surrogates are drawn per conversation, so one draw is a noisy sample;
    the whole and the streamed arm of one repeat share the conversation (and so the
    surrogates), which isolates streaming from the draw.
    """

    max_tokens: int = 96
    concurrency: int = 8
    timeout_s: float = 300.0
    repeats: int = 1


def repeated(cases: Sequence[RestoreCase], repeats: int) -> list[RestoreCase]:
    """Each case ``repeats`` times, ids suffixed ``#0``, ``#1`` ... (one conversation each)."""
    if repeats <= 1:
        return list(cases)
    return [replace(c, id=f"{c.id}#{r}") for r in range(repeats) for c in cases]


def _body(model: str, prompt: str, stream: bool, settings: RestoreSettings) -> dict[str, Any]:
    return {
        "model": model, "messages": [{"role": "user", "content": prompt}], "temperature": 0,
        "max_tokens": settings.max_tokens, "stream": stream,
    }  # fmt: skip


async def ask(
    client: httpx.AsyncClient, url: str, body: dict[str, Any], headers: dict[str, str] | None = None
) -> str:
    """The answer text of one chat completion, streamed (SSE deltas joined) or whole."""
    if not body.get("stream"):
        response = await client.post(url, json=body, headers=headers)
        response.raise_for_status()
        return str(response.json()["choices"][0]["message"].get("content") or "")
    parts: list[str] = []
    async with client.stream("POST", url, json=body, headers=headers) as response:
        response.raise_for_status()
        async for line in response.aiter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            event = json.loads(line[6:])
            if "error" in event:
                raise RuntimeError("the stream ended with an error event")
            for choice in event.get("choices") or []:
                parts.append((choice.get("delta") or {}).get("content") or "")
    return "".join(parts)


def policy_with_style(base: Path, style: str, out: Path) -> Path:
    """A copy of the policy file ``base`` with ``pseudonym_style`` set to ``style``."""
    data = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    data[STYLE_KEY] = style
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


class TresorUnderTest:
    """The real gateway (keys, pipeline, guard) in-process, forwarding to ``engine_url``."""

    def __init__(self, config: Any) -> None:
        from serving.api.app import create_app
        from serving.gateway import build_gateway

        self.gateway = build_gateway(config)
        self.key = self.gateway.keys.create(EVAL_TEAM, (), name="usefulness-eval").key
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(self.gateway)),
            base_url="http://tresor.eval", timeout=None,
        )  # fmt: skip

    @classmethod
    def for_style(
        cls, base_config: Any, engine_url: str, policy_file: Path, style: str, work_dir: Path
    ) -> TresorUnderTest:
        """A gateway whose policy is ``policy_file`` with the given pseudonym style."""
        guard_settings = base_config.guardrails.model_copy(update={
            "policy_file": policy_with_style(policy_file, style, work_dir / f"policy-{style}.yaml"),
            "policy_reload_interval_s": 3600.0,
        })  # fmt: skip
        upstream = base_config.upstream.model_copy(
            update={"mode": "external", "base_url": engine_url}
        )
        rag = base_config.rag.model_copy(update={"enabled": False})
        config = base_config.model_copy(update={
            "data_dir": work_dir / style, "upstream": upstream, "guardrails": guard_settings,
            "rag": rag,
        })  # fmt: skip
        return cls(config)

    async def ask(self, body: dict[str, Any], conversation: str | None = None) -> str:
        headers = {"Authorization": f"Bearer {self.key}"}
        if conversation is not None:
            headers[CONVERSATION_HEADER] = conversation
        return await ask(self.client, "/v1/chat/completions", body, headers)

    async def aclose(self) -> None:
        await self.client.aclose()
        await self.gateway.aclose()


async def served_model(client: httpx.AsyncClient, engine_url: str) -> str:
    """The id of the (first) model vLLM serves."""
    response = await client.get(f"{engine_url}/models")
    response.raise_for_status()
    return str(response.json()["data"][0]["id"])


async def collect_answers(
    cases: Sequence[RestoreCase],
    engine_url: str,
    base_config: Any,
    policy_file: Path,
    arms: Sequence[Arm] = DEFAULT_ARMS,
    settings: RestoreSettings | None = None,
    work_dir: Path | None = None,
) -> dict[str, dict[str, str | None]]:
    """Every arm's answer to every case (None where the request failed), asked concurrently."""
    settings = settings or RestoreSettings()
    answers: dict[str, dict[str, str | None]] = {arm.name: {} for arm in arms}
    async with AsyncExitStack() as stack:
        tmp = work_dir or Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="tresor-restore-"))
        )
        direct = await stack.enter_async_context(httpx.AsyncClient(timeout=settings.timeout_s))
        model = await served_model(direct, engine_url)
        gateways: dict[str, TresorUnderTest] = {}
        for style in sorted({a.style for a in arms if a.via == "tresor" and a.style}):
            gateways[style] = TresorUnderTest.for_style(
                base_config, engine_url, policy_file, style, tmp
            )
            stack.push_async_callback(gateways[style].aclose)
        limit = asyncio.Semaphore(settings.concurrency)

        async def one(arm: Arm, case: RestoreCase) -> None:
            body = _body(model, case.prompt, arm.stream, settings)
            async with limit:
                try:
                    if arm.via == "direct":
                        text = await ask(direct, f"{engine_url}/chat/completions", body)
                    else:
                        assert arm.style is not None
                        conversation = "usefulness-" + re.sub(r"[^A-Za-z0-9._:-]", "-", case.id)
                        text = await gateways[arm.style].ask(body, conversation)
                except (httpx.HTTPError, RuntimeError, KeyError, ValueError):
                    text = None
            answers[arm.name][case.id] = text

        await asyncio.gather(*(one(arm, case) for case in cases for arm in arms))
    return answers


def restore_report(
    cases: Sequence[RestoreCase], answers: dict[str, dict[str, str | None]], arms: Sequence[Arm]
) -> RestoreReport:
    """Score collected answers; every Tresor arm is compared with direct vLLM in its mode."""
    scores = tuple(score_arm(arm.name, cases, answers[arm.name]) for arm in arms)
    names = {arm.name for arm in arms}
    comparisons = tuple(
        (arm.name, arm.baseline) for arm in arms if arm.via == "tresor" and arm.baseline in names
    )
    return RestoreReport(scores, comparisons)


def restore_rate(
    cases: Sequence[RestoreCase],
    engine_url: str,
    base_config: Any,
    policy_file: Path,
    arms: Sequence[Arm] = DEFAULT_ARMS,
    settings: RestoreSettings | None = None,
) -> tuple[RestoreReport, dict[str, dict[str, str | None]]]:
    """Ask, score and compare (synchronous; starts its own event loop)."""
    settings = settings or RestoreSettings()
    asked = repeated(cases, settings.repeats)
    answers = asyncio.run(
        collect_answers(asked, engine_url, base_config, policy_file, arms, settings)
    )
    return restore_report(asked, answers, arms), answers
