"""The shared vault for several gateway replicas: Redis, one Lua script per assignment.

Keys per scope (the ``{...}`` hash tag keeps a scope on one cluster slot):
``<prefix>:{<scope digest>}:fp`` fingerprint -> "label:index",
``...:val`` "label:index" -> entity type + sealed value, ``...:ctr`` label -> last index,
``...:sur`` "label:index" -> sealed surrogate. All expire together ``ttl`` after the scope
was last written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import redis

from guardrails.vault import NewValue, VaultEntry, scope_key

_ASSIGN = """
local slot = redis.call('HGET', KEYS[1], ARGV[1])
if not slot then
  local n = redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
  slot = ARGV[2] .. ':' .. n
  redis.call('HSET', KEYS[1], ARGV[1], slot)
  redis.call('HSET', KEYS[2], slot, ARGV[3])
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[3], ARGV[4])
redis.call('PEXPIRE', KEYS[4], ARGV[4])
return slot
"""

_KEEP = """
redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return redis.call('HGET', KEYS[1], ARGV[1])
"""

_SEP = b"\x00"


class RedisVault:
    """Redis-backed :class:`~guardrails.vault.PlaceholderVault`."""

    def __init__(self, url: str, ttl_s: float, prefix: str = "tresor:vault") -> None:
        self._client: Any = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self._ttl_ms = int(ttl_s * 1000)
        self._prefix = prefix
        self._assign = self._client.register_script(_ASSIGN)
        self._keep = self._client.register_script(_KEEP)

    def ping(self) -> None:
        """Fail early (at start-up) when Redis cannot be reached."""
        self._client.ping()

    def _keys(self, scope: str) -> tuple[str, str, str, str]:
        base = f"{self._prefix}:{{{scope_key(scope)}}}"
        return f"{base}:fp", f"{base}:val", f"{base}:ctr", f"{base}:sur"

    def assign(
        self, scope: str, fingerprint: str, entity_type: str, label: str, sealed: bytes
    ) -> int:
        """See :meth:`PlaceholderVault.assign`."""
        return self.assign_many(scope, [NewValue(fingerprint, entity_type, label, sealed)])[0]

    def assign_many(self, scope: str, values: Sequence[NewValue]) -> list[int]:
        """See :meth:`PlaceholderVault.assign_many`: one script call per value (each atomic),
        sent in one pipeline."""
        if not values:
            return []
        keys = list(self._keys(scope))
        pipe = self._client.pipeline(transaction=False)
        for value in values:
            payload = value.entity_type.encode("utf-8") + _SEP + value.sealed
            self._assign(
                keys=keys, args=[value.fingerprint, value.label, payload, self._ttl_ms],
                client=pipe,
            )
        slots = pipe.execute()
        return [
            int((s.decode("utf-8") if isinstance(s, bytes) else str(s)).rsplit(":", 1)[1])
            for s in slots
        ]

    def lookup(self, scope: str, label: str, index: int) -> VaultEntry | None:
        """See :meth:`PlaceholderVault.lookup`."""
        _, values, _, _ = self._keys(scope)
        payload = self._client.hget(values, f"{label}:{index}")
        if payload is None:
            return None
        entity_type, _, sealed = bytes(payload).partition(_SEP)
        return VaultEntry(entity_type.decode("utf-8"), label, index, sealed)

    def count(self, scope: str, label: str) -> int:
        """See :meth:`PlaceholderVault.count`."""
        _, _, counters, _ = self._keys(scope)
        value = self._client.hget(counters, label)
        return int(value) if value is not None else 0

    def surrogate(self, scope: str, label: str, index: int) -> bytes | None:
        """See :meth:`PlaceholderVault.surrogate`."""
        kept = self._client.hget(self._keys(scope)[3], f"{label}:{index}")
        return None if kept is None else bytes(kept)

    def keep_surrogate(self, scope: str, label: str, index: int, sealed: bytes) -> bytes:
        """See :meth:`PlaceholderVault.keep_surrogate`."""
        kept = self._keep(
            keys=[self._keys(scope)[3]], args=[f"{label}:{index}", sealed, self._ttl_ms]
        )
        return bytes(kept)

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()
