"""The shape every benchmark section has: a name, a title and ``run(context) -> result``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.options import BenchOptions
from bench.results import SectionResult
from serving.config import TresorConfig


class SectionUnavailable(Exception):
    """The component a section measures is not built yet or cannot run here.

    The message is a fixed sentence naming the missing part; the run reports the section as
    "not available" instead of failing.
    """


@dataclass(frozen=True)
class SectionContext:
    """What a section gets: the run's options, the Tresor config and a scratch folder."""

    options: BenchOptions
    config: TresorConfig
    work_dir: Path


SectionRunner = Callable[[SectionContext], SectionResult]


@dataclass(frozen=True)
class SectionSpec:
    """A registered section; ``module:function`` is imported only when the section runs."""

    name: str
    title: str
    target: str

    def load(self) -> SectionRunner:
        """Import the section's runner."""
        import importlib

        module_name, function = self.target.split(":")
        runner: SectionRunner = getattr(importlib.import_module(module_name), function)
        return runner
