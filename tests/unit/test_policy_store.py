"""Hot reload: valid changes apply, invalid ones are refused with file/key/reason, old stays."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest

from guardrails.policy import LoadedPolicy
from guardrails.policy_store import PolicyError, PolicyStore

GOOD = "entities:\n  PERSON: {action: pseudonymize}\n"
BETTER = "entities:\n  PERSON: {action: redact}\n"
BAD = "entities:\n  PERSON: {action: pseudonymise}\n"


def _write(path: Path, text: str) -> None:
    # a new mtime even on file systems with coarse timestamps
    stat = path.stat() if path.exists() else None
    path.write_text(text, encoding="utf-8")
    if stat is not None:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_valid_change_applies_at_the_next_check(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    _write(path, GOOD)
    store = PolicyStore(path)
    first = store.current.version
    _write(path, BETTER)
    assert store.check() is True
    rule = store.current.for_team("").rule_for("PERSON")
    assert rule is not None and rule.action == "redact"
    assert store.current.version != first
    assert store.check() is False  # unchanged file: nothing to do


def test_invalid_change_is_logged_and_the_old_policy_stays(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "policy.yaml"
    _write(path, GOOD)
    store = PolicyStore(path)
    before = store.current
    _write(path, BAD)
    with caplog.at_level(logging.ERROR, logger="guardrails.policy_store"):
        assert store.check() is False
    assert store.current is before
    message = caplog.text
    assert str(path) in message and "entities.PERSON.action" in message
    assert "Input should be" in message


def test_rebuild_failure_refuses_the_change(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    _write(path, GOOD)
    seen: list[str] = []

    def on_change(loaded: LoadedPolicy) -> None:
        if seen:
            raise RuntimeError("recognizer cannot be built")
        seen.append(loaded.version)

    store = PolicyStore(path, on_change=on_change)
    _write(path, BETTER)
    assert store.check() is False
    assert store.current.version == seen[0]


def test_missing_file_at_start_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="file not found"):
        PolicyStore(tmp_path / "absent.yaml")


def test_deleted_file_keeps_the_policy(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    _write(path, GOOD)
    store = PolicyStore(path)
    before = store.current
    path.unlink()
    assert store.check() is False
    assert store.current is before


def test_watcher_thread_picks_up_a_change(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    _write(path, GOOD)
    changed = threading.Event()
    versions: list[str] = []

    def on_change(loaded: LoadedPolicy) -> None:
        versions.append(loaded.version)
        if len(versions) > 1:
            changed.set()

    store = PolicyStore(path, on_change=on_change)
    store.start_watching(0.01)
    try:
        _write(path, BETTER)
        assert changed.wait(10), "watcher did not reload the changed file"
    finally:
        store.close()
    assert store.current.version == versions[-1]
