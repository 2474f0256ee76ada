"""``SharedWork``: calls handed to a thread pool, finished by whoever needs their results.

The name tagger hands a text's windows to its threads as soon as the text is known, so they
run while the request's own thread does the rest of detection (onnxruntime and OpenVINO
release the GIL while they compute). When the results are wanted, calls no thread has
started yet run on the asking thread, last first while the pool works from the front: a
request never waits in the queue behind other requests' windows, and a pool of any size
(even a busy one) cannot deadlock it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from typing import Generic, TypeVar

T = TypeVar("T")


class SharedWork(Generic[T]):
    """Run ``calls`` on ``pool`` (None: all on the thread that asks for the results)."""

    def __init__(self, calls: Sequence[Callable[[], T]], pool: Executor | None) -> None:
        self._calls = list(calls)
        self._jobs: list[Future[T] | None] = (
            [pool.submit(call) for call in self._calls] if pool is not None else
            [None] * len(self._calls)
        )  # fmt: skip
        self._results: list[T] | None = None

    def results(self) -> list[T]:
        """Every call's result, in the order of ``calls``; the first error is raised (and
        calls not yet started are dropped)."""
        if self._results is None:
            try:
                self._results = self._collect()
            except BaseException:
                for job in self._jobs:
                    if job is not None:
                        job.cancel()
                raise
        return self._results

    def _collect(self) -> list[T]:
        done: dict[int, T] = {}
        for i in reversed(range(len(self._calls))):
            job = self._jobs[i]
            if job is None or job.cancel():
                done[i] = self._calls[i]()
        return [
            done[i] if i in done else _finished(job)
            for i, job in enumerate(self._jobs)
        ]


def _finished(job: Future[T] | None) -> T:
    assert job is not None  # a call without a job ran on the asking thread
    return job.result()
