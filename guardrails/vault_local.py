"""The embedded vault: one SQLite file in the data directory, safe to share between threads."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from guardrails.vault import NewValue, VaultEntry, scope_key

#: Expired scopes are purged at most this often (seconds).
_PURGE_EVERY_S = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS scopes (
    scope TEXT PRIMARY KEY,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    scope TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    label TEXT NOT NULL,
    idx INTEGER NOT NULL,
    entity_type TEXT NOT NULL,
    sealed BLOB NOT NULL,
    PRIMARY KEY (scope, fingerprint),
    UNIQUE (scope, label, idx)
);
CREATE TABLE IF NOT EXISTS surrogates (
    scope TEXT NOT NULL,
    label TEXT NOT NULL,
    idx INTEGER NOT NULL,
    sealed BLOB NOT NULL,
    PRIMARY KEY (scope, label, idx)
);
"""


class LocalVault:
    """SQLite-backed :class:`~guardrails.vault.PlaceholderVault` (``<data_dir>/vault/``)."""

    def __init__(self, path: Path, ttl_s: float, clock: Callable[[], float] = time.time) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._ttl = float(ttl_s)
        self._clock = clock
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        # WAL + NORMAL: durable across process crashes, fsync only at checkpoints
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        path.chmod(0o600)
        self._next_purge = 0.0

    def assign(
        self, scope: str, fingerprint: str, entity_type: str, label: str, sealed: bytes
    ) -> int:
        """See :meth:`PlaceholderVault.assign`."""
        return self.assign_many(scope, [NewValue(fingerprint, entity_type, label, sealed)])[0]

    def assign_many(self, scope: str, values: Sequence[NewValue]) -> list[int]:
        """See :meth:`PlaceholderVault.assign_many` (one write transaction: each commit costs
        ~50 µs, and a long message holds dozens of values)."""
        if not values:
            return []
        key = scope_key(scope)
        now = self._clock()
        indexes: list[int] = []
        with self._lock:
            self._maybe_purge(now)
            with self._transaction() as db:
                live = db.execute(
                    "SELECT expires_at FROM scopes WHERE scope = ?", (key,)
                ).fetchone()
                if live is not None and live[0] <= now:  # expired: start the scope afresh
                    db.execute("DELETE FROM entries WHERE scope = ?", (key,))
                    db.execute("DELETE FROM surrogates WHERE scope = ?", (key,))
                for value in values:
                    indexes.append(self._assign_one(db, key, value))
                db.execute(
                    "INSERT INTO scopes VALUES (?, ?) ON CONFLICT(scope) DO UPDATE "
                    "SET expires_at = excluded.expires_at",
                    (key, now + self._ttl),
                )
        return indexes

    @staticmethod
    def _assign_one(db: sqlite3.Connection, key: str, value: NewValue) -> int:
        row = db.execute(
            "SELECT idx FROM entries WHERE scope = ? AND fingerprint = ?",
            (key, value.fingerprint),
        ).fetchone()
        if row is not None:
            return int(row[0])
        top = db.execute(
            "SELECT COALESCE(MAX(idx), 0) FROM entries WHERE scope = ? AND label = ?",
            (key, value.label),
        ).fetchone()
        index = int(top[0]) + 1
        db.execute(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)",
            (key, value.fingerprint, value.label, index, value.entity_type, value.sealed),
        )
        return index

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taken at once, so other processes wait); the caller holds
        the lock. Rolled back on any error."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def lookup(self, scope: str, label: str, index: int) -> VaultEntry | None:
        """See :meth:`PlaceholderVault.lookup`."""
        key = scope_key(scope)
        with self._lock:
            row = self._db.execute(
                "SELECT e.entity_type, e.sealed FROM entries e JOIN scopes s ON s.scope = e.scope"
                " WHERE e.scope = ? AND e.label = ? AND e.idx = ? AND s.expires_at > ?",
                (key, label, index, self._clock()),
            ).fetchone()
        if row is None:
            return None
        return VaultEntry(entity_type=row[0], label=label, index=index, sealed=bytes(row[1]))

    def count(self, scope: str, label: str) -> int:
        """See :meth:`PlaceholderVault.count`."""
        key = scope_key(scope)
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*) FROM entries e JOIN scopes s ON s.scope = e.scope"
                " WHERE e.scope = ? AND e.label = ? AND s.expires_at > ?",
                (key, label, self._clock()),
            ).fetchone()
        return int(row[0])

    def surrogate(self, scope: str, label: str, index: int) -> bytes | None:
        """See :meth:`PlaceholderVault.surrogate`."""
        key = scope_key(scope)
        with self._lock:
            row = self._db.execute(
                "SELECT g.sealed FROM surrogates g JOIN scopes s ON s.scope = g.scope"
                " WHERE g.scope = ? AND g.label = ? AND g.idx = ? AND s.expires_at > ?",
                (key, label, index, self._clock()),
            ).fetchone()
        return None if row is None else bytes(row[0])

    def keep_surrogate(self, scope: str, label: str, index: int, sealed: bytes) -> bytes:
        """See :meth:`PlaceholderVault.keep_surrogate`."""
        key = scope_key(scope)
        with self._lock, self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO surrogates VALUES (?, ?, ?, ?)", (key, label, index, sealed)
            )
            row = db.execute(
                "SELECT sealed FROM surrogates WHERE scope = ? AND label = ? AND idx = ?",
                (key, label, index),
            ).fetchone()
        return bytes(row[0])

    def _maybe_purge(self, now: float) -> None:
        if now < self._next_purge:
            return
        self._next_purge = now + _PURGE_EVERY_S
        self._db.execute(
            "DELETE FROM entries WHERE scope IN (SELECT scope FROM scopes WHERE expires_at <= ?)",
            (now,),
        )
        self._db.execute(
            "DELETE FROM surrogates WHERE scope IN"
            " (SELECT scope FROM scopes WHERE expires_at <= ?)",
            (now,),
        )
        self._db.execute("DELETE FROM scopes WHERE expires_at <= ?", (now,))

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
