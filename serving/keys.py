"""API keys: issued once, stored as SHA-256 hashes in SQLite, never in clear.

A key looks like ``tr-<id>-<secret>``. The id locates the row; the secret is compared by hash
in constant time. Keys are random 256-bit tokens, so a fast hash is the right tool (a password
KDF would only slow every request).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

KEY_PREFIX = "tr"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's id, its team and the document groups it may read."""

    key_id: str
    team: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class KeyRecord:
    """A stored key's metadata (never the secret)."""

    key_id: str
    team: str
    groups: tuple[str, ...]
    name: str
    created_at: float
    revoked_at: float | None


@dataclass(frozen=True)
class IssuedKey:
    """A freshly created key; ``key`` is shown once and not stored."""

    key: str
    record: KeyRecord


def hash_secret(secret: str) -> str:
    """Hex SHA-256 of a key's secret part."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def split_key(key: str) -> tuple[str, str] | None:
    """``(key_id, secret)`` of a well-formed key, else None."""
    parts = key.strip().split("-", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


class KeyStore:
    """SQLite-backed key registry, safe to share between threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS api_keys (key_id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL,"
            " team TEXT NOT NULL, groups_json TEXT NOT NULL, name TEXT NOT NULL,"
            " created_at REAL NOT NULL, revoked_at REAL)"
        )
        self._db.commit()

    def create(self, team: str, groups: tuple[str, ...] = (), name: str = "") -> IssuedKey:
        """Issue a new key for ``team`` with read access to ``groups``."""
        if not team.strip():
            raise ValueError("team must not be empty")
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        record = KeyRecord(key_id, team, tuple(groups), name, time.time(), None)
        with self._lock:
            self._db.execute(
                "INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?, NULL)",
                (
                    key_id,
                    hash_secret(secret),
                    team,
                    json.dumps(list(groups)),
                    name,
                    record.created_at,
                ),
            )
            self._db.commit()
        return IssuedKey(f"{KEY_PREFIX}-{key_id}-{secret}", record)

    def verify(self, key: str) -> Principal | None:
        """The principal of a valid, unrevoked key; None for anything else."""
        parts = split_key(key)
        if parts is None:
            return None
        key_id, secret = parts
        with self._lock:
            row = self._db.execute(
                "SELECT secret_hash, team, groups_json, revoked_at FROM api_keys WHERE key_id = ?",
                (key_id,),
            ).fetchone()
        if row is None or row[3] is not None:
            return None
        if not hmac.compare_digest(row[0], hash_secret(secret)):
            return None
        return Principal(key_id, row[1], tuple(json.loads(row[2])))

    def list(self, include_revoked: bool = False) -> list[KeyRecord]:
        """All keys, oldest first."""
        query = "SELECT key_id, team, groups_json, name, created_at, revoked_at FROM api_keys"
        if not include_revoked:
            query += " WHERE revoked_at IS NULL"
        with self._lock:
            rows = self._db.execute(query + " ORDER BY created_at").fetchall()
        return [KeyRecord(r[0], r[1], tuple(json.loads(r[2])), r[3], r[4], r[5]) for r in rows]

    def revoke(self, key_id: str) -> bool:
        """Revoke a key by id (or full key); True if a live key was revoked."""
        parts = split_key(key_id)
        ident = parts[0] if parts else key_id
        with self._lock:
            cur = self._db.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL",
                (time.time(), ident),
            )
            self._db.commit()
        return cur.rowcount > 0

    def revoke_named(self, name: str) -> int:
        """Revoke every live key with this name (used for the UI's per-start key)."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                (time.time(), name),
            )
            self._db.commit()
        return cur.rowcount

    def close(self) -> None:
        with self._lock:
            self._db.close()
