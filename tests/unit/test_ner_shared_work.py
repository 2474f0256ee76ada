"""SharedWork: calls on a pool, finished by the thread that needs the results."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest

from guardrails.ner.shared_work import SharedWork


def _named(value: int, ran_on: dict[int, str]) -> int:
    ran_on[value] = threading.current_thread().name
    return value * 10


def _calls(count: int, ran_on: dict[int, str]) -> list[Callable[[], int]]:
    return [partial(_named, v, ran_on) for v in range(count)]


def _append(values: list[int], value: int) -> int:
    values.append(value)
    return len(values)


def test_results_keep_the_order_of_the_calls() -> None:
    ran_on: dict[int, str] = {}
    with ThreadPoolExecutor(2, thread_name_prefix="pool") as pool:
        work = SharedWork(_calls(7, ran_on), pool)
        assert work.results() == [0, 10, 20, 30, 40, 50, 60]
    assert sorted(ran_on) == list(range(7))


def test_without_a_pool_every_call_runs_on_the_asking_thread_when_asked() -> None:
    ran_on: dict[int, str] = {}
    work = SharedWork(_calls(3, ran_on), None)
    assert ran_on == {}  # nothing runs before the results are wanted
    assert work.results() == [0, 10, 20]
    assert set(ran_on.values()) == {threading.current_thread().name}


def test_calls_no_thread_started_run_on_the_asking_thread() -> None:
    """A busy pool (its only thread held by another request) cannot make the caller wait."""
    release = threading.Event()
    ran_on: dict[int, str] = {}
    with ThreadPoolExecutor(1, thread_name_prefix="pool") as pool:
        blocker = pool.submit(release.wait)
        work = SharedWork(_calls(3, ran_on), pool)
        assert work.results() == [0, 10, 20]
        assert set(ran_on.values()) == {threading.current_thread().name}
        release.set()
        blocker.result()


def test_results_are_computed_once() -> None:
    calls: list[int] = []
    work = SharedWork([partial(_append, calls, 1)], None)
    assert work.results() == [1]
    assert work.results() == [1]
    assert calls == [1]


def test_an_error_is_raised_and_calls_not_started_are_dropped() -> None:
    release = threading.Event()
    ran: list[int] = []

    def fail() -> int:
        raise ValueError("broken window")

    with ThreadPoolExecutor(1) as pool:
        blocker = pool.submit(release.wait)
        calls: list[Callable[[], int]] = [partial(_append, ran, 0), fail]
        work = SharedWork(calls, pool)
        with pytest.raises(ValueError, match="broken window"):
            work.results()
        release.set()
        blocker.result()
    assert ran == []  # the first call was still queued: cancelled, never run


def test_an_error_on_a_pool_thread_reaches_the_caller() -> None:
    def fail() -> int:
        raise RuntimeError("engine failed")

    with ThreadPoolExecutor(2) as pool:
        work = SharedWork([fail], pool)
        with pytest.raises(RuntimeError, match="engine failed"):
            work.results()
