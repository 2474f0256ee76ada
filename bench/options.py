"""How big a run is: the quick smoke profile and the full profile, plus command-line choices."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Profile:
    """Workload sizes and time budgets of one run mode (all loops are bounded by both)."""

    name: str
    concurrency: tuple[int, ...]
    rounds: int
    max_tokens: int
    requests_per_stream: int
    min_batch_requests: int
    gateway_budget_s: float
    guard_sizes: tuple[int, ...]
    guard_samples: int
    guard_cell_budget_s: float
    restore_chunk_chars: int
    detection_samples: int
    detection_budget_s: float
    retrieval_sizes: tuple[int, ...]
    retrieval_queries: int
    retrieval_embed_sample: int
    retrieval_pdf_pages: int
    retrieval_budget_s: float

    def per_stream(self, concurrency: int) -> int:
        """Requests each stream sends in a row per batch: at least ``requests_per_stream``, and
        enough that a batch holds ``min_batch_requests`` (one stream alone gives few samples)."""
        return max(self.requests_per_stream, math.ceil(self.min_batch_requests / concurrency))


QUICK = Profile(
    name="quick",
    concurrency=(1, 8),
    rounds=2,
    max_tokens=16,
    requests_per_stream=1,
    min_batch_requests=2,
    gateway_budget_s=240.0,
    guard_sizes=(100, 1000),
    guard_samples=6,
    guard_cell_budget_s=8.0,
    restore_chunk_chars=4,
    detection_samples=20,
    detection_budget_s=60.0,
    retrieval_sizes=(1000,),
    retrieval_queries=20,
    retrieval_embed_sample=16,
    retrieval_pdf_pages=0,
    retrieval_budget_s=240.0,
)

FULL = Profile(
    name="full",
    concurrency=(1, 8, 32),
    rounds=4,
    max_tokens=32,
    requests_per_stream=2,
    min_batch_requests=8,
    gateway_budget_s=600.0,
    guard_sizes=(100, 1000, 5000),
    guard_samples=200,
    guard_cell_budget_s=25.0,
    restore_chunk_chars=4,
    detection_samples=100,
    detection_budget_s=120.0,
    retrieval_sizes=(10_000, 100_000),
    retrieval_queries=50,
    retrieval_embed_sample=64,
    retrieval_pdf_pages=100,  # issue 5's target: a 100-page PDF in under a minute
    retrieval_budget_s=1200.0,
)


@dataclass(frozen=True)
class BenchOptions:
    """Everything a section needs to know about this run besides the Tresor config."""

    profile: Profile
    out: Path
    repo: Path
    config_path: Path | None = None
    engine_url: str | None = None
    model: str | None = None
    only: tuple[str, ...] = ()

    def with_concurrency(self, levels: tuple[int, ...]) -> BenchOptions:
        """The same options with other concurrency levels (``--concurrency``)."""
        return replace(self, profile=replace(self.profile, concurrency=levels))

    def with_max_tokens(self, max_tokens: int) -> BenchOptions:
        """The same options with another generation length (``--max-tokens``)."""
        return replace(self, profile=replace(self.profile, max_tokens=max_tokens))
