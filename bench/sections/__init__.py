"""The registered benchmark sections, in the order a run executes them.

Each capability issue adds its section here (a module with ``run(context) -> SectionResult``).
Sections whose component is not built yet report "not available" instead of failing.
"""

from __future__ import annotations

from bench.section import SectionSpec

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "guardrail",
        "Guardrail: per-message latency vs default Presidio",
        "bench.sections.guardrail:run",
    ),
    SectionSpec(
        "detection", "Detection: 200-character message on one core", "bench.sections.detection:run"
    ),
    SectionSpec(
        "retrieval", "Retrieval: ingestion and query latency", "bench.sections.retrieval:run"
    ),
    SectionSpec(
        "usefulness", "Usefulness: over-masking and restore rate", "bench.sections.usefulness:run"
    ),
    SectionSpec(
        "gateway",
        "Gateway overhead: direct vLLM vs gateway with guardrail",
        "bench.sections.gateway:run",
    ),
)


def section_names() -> tuple[str, ...]:
    """Names accepted by ``--only``."""
    return tuple(spec.name for spec in SECTIONS)


def select(only: tuple[str, ...]) -> tuple[SectionSpec, ...]:
    """The sections to run; all of them when ``only`` is empty. Unknown names raise ValueError."""
    if not only:
        return SECTIONS
    unknown = sorted(set(only) - set(section_names()))
    if unknown:
        raise ValueError(
            f"unknown section(s): {', '.join(unknown)}; known: {', '.join(section_names())}"
        )
    return tuple(spec for spec in SECTIONS if spec.name in only)
