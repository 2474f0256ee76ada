"""The audit trail: one JSON line per guardrail decision, rotating files, never a value.

An event names who (request, team, conversation), what kind (entity type, recognizer, score),
what was done (action, mode, direction) under which policy version, and a keyed HMAC of the
value so repeats can be correlated without the value ever being written.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol, TextIO

Direction = Literal["input", "context", "output"]

AUDIT_FILE = "audit.jsonl"


@dataclass(frozen=True)
class AuditEvent:
    """One decision, as written to the audit log."""

    time: float
    request_id: str
    team: str
    conversation_id: str
    direction: Direction
    path: str
    entity_type: str
    recognizer: str
    score: float
    action: str
    mode: str
    policy_version: str
    value_hmac: str
    language: str


class AuditSink(Protocol):
    """Where audit events go."""

    def write(self, events: list[AuditEvent]) -> None:
        """Record the events (all or none of a batch in one file)."""
        ...

    def close(self) -> None:
        """Flush and release the file."""
        ...


class NullAudit:
    """Records nothing (audit disabled)."""

    def write(self, events: list[AuditEvent]) -> None:
        """Drop the events."""

    def close(self) -> None:
        """Nothing to close."""


class RotatingAuditLog:
    """JSON lines in ``<directory>/audit.jsonl``, rotated to ``.1`` ... ``.N`` by size."""

    def __init__(self, directory: Path, max_bytes: int, backups: int) -> None:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._path = directory / AUDIT_FILE
        self._max_bytes = max_bytes
        self._backups = backups
        self._lock = threading.Lock()
        self._file = self._open()

    @property
    def path(self) -> Path:
        """The current file."""
        return self._path

    def _open(self) -> TextIO:
        fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, "a", encoding="utf-8")

    def write(self, events: list[AuditEvent]) -> None:
        """Append the events; rotate first when the file would grow past the limit."""
        if not events:
            return
        # the fields are flat values: the instance dict is the record (no deep copy as asdict)
        payload = "".join(json.dumps(vars(e), separators=(",", ":")) + "\n" for e in events)
        with self._lock:
            if self._file.tell() and self._file.tell() + len(payload) > self._max_bytes:
                self._rotate()
            self._file.write(payload)
            self._file.flush()

    def _rotate(self) -> None:
        self._file.close()
        if self._backups == 0:
            self._path.unlink(missing_ok=True)
        else:
            for i in range(self._backups - 1, 0, -1):
                older = self._path.with_name(f"{AUDIT_FILE}.{i}")
                if older.exists():
                    older.replace(self._path.with_name(f"{AUDIT_FILE}.{i + 1}"))
            self._path.replace(self._path.with_name(f"{AUDIT_FILE}.1"))
        self._file = self._open()

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._file.close()


def now() -> float:
    """Event time (seconds since the epoch, millisecond precision)."""
    return round(time.time(), 3)
