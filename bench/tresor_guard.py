"""Load Tresor's guardrail the way the gateway does, or say why it is not available."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.section import SectionUnavailable
from serving.config import TresorConfig
from serving.stages import CallerContext, RequestGuard

GUARD_FACTORY = "guardrails.gateway"


def guard_factory() -> Callable[..., RequestGuard]:
    """``guardrails.gateway.build_guard``; SectionUnavailable while issue 3 has not landed."""
    try:
        from guardrails.gateway import build_guard  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError as exc:
        if exc.name and GUARD_FACTORY.startswith(exc.name):
            raise SectionUnavailable(
                "the guardrail (guardrails.gateway.build_guard, issue 3) is not built yet"
            ) from None
        raise
    except ImportError:
        raise SectionUnavailable(
            "guardrails.gateway has no build_guard (issue 3 not finished)"
        ) from None
    factory: Callable[..., RequestGuard] = build_guard
    return factory


def guard_available() -> bool:
    """True when the guardrail can be imported (the gateway section then runs with it on)."""
    try:
        guard_factory()
    except SectionUnavailable:
        return False
    return True


def build_tresor_guard(config: TresorConfig, data_dir: Path) -> RequestGuard:
    """The guardrail from the config's ``guardrails`` section, state kept under ``data_dir``."""
    return guard_factory()(config.guardrails, data_dir)


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
