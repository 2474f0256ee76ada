"""Load Tresor's guardrail the way the gateway does, and what the guardrail sections share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from serving.config import TresorConfig
from serving.stages import CallerContext, RequestGuard


def build_tresor_guard(config: TresorConfig, data_dir: Path) -> RequestGuard:
    """The guardrail from the config's ``guardrails`` section, state kept under ``data_dir``."""
    from guardrails.gateway import build_guard  # imports Presidio: only where measured

    return build_guard(config.guardrails, data_dir)


def detection_only(guard: Any) -> Callable[[str], object] | None:
    """The guard's detection step alone (``engine.analyze``: language routing, recognizers,
    the policy's decision), when the guard has one."""
    analyze = getattr(getattr(guard, "engine", None), "analyze", None)
    return analyze if callable(analyze) else None


def close_guard(guard: Any) -> None:
    """Release the guard's threads and files when it has a ``close``."""
    close = getattr(guard, "close", None)
    if callable(close):
        close()


def bench_context(index: int) -> CallerContext:
    """A caller for message ``index``: its own conversation, so vaults do not grow across samples."""
    return CallerContext(
        request_id=f"bench-{index}",
        key_id="bench",
        team="bench",
        groups=(),
        conversation_id=f"bench-{index}",
    )


def protected_text(messages: list[dict[str, Any]]) -> str:
    """All text content of the guarded messages (what the model would read)."""
    parts: list[str] = []
    for message in messages:
        content = message.get("content")
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return "\n".join(parts)
