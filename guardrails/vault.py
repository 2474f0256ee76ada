"""The placeholder vault: which value stands behind ``[PERSON_1]`` in which scope.

A scope is one caller's conversation (API key + conversation id), so one caller can never
resolve another's placeholders. Values are stored sealed (AES-GCM, bound to the scope) and
found by a keyed fingerprint of their normalized form, never by the value itself. Entries
expire ``ttl`` after the scope was last written.

Backends: :class:`guardrails.vault_local.LocalVault` (SQLite in the data directory, the
embedded default) and :class:`guardrails.vault_redis.RedisVault` (shared by replicas). Both
pass the same contract tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class VaultEntry:
    """One stored value: its type, the label and index of its placeholder, the sealed value."""

    entity_type: str
    label: str
    index: int
    sealed: bytes


class PlaceholderVault(Protocol):
    """Thread-safe store of placeholder assignments."""

    def assign(
        self, scope: str, fingerprint: str, entity_type: str, label: str, sealed: bytes
    ) -> int:
        """The index of this value's placeholder in ``scope``; a new one if unseen.

        Atomic: concurrent calls for the same value get the same index, for different values
        different indexes. Renews the scope's expiry.
        """
        ...

    def lookup(self, scope: str, label: str, index: int) -> VaultEntry | None:
        """The entry behind ``label``/``index`` in ``scope``, None if unknown or expired."""
        ...

    def count(self, scope: str, label: str) -> int:
        """How many values of ``label`` the scope holds (restoring ``[PERSON]`` needs 1)."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...


def scope_key(scope: str) -> str:
    """The stored name of a scope: a digest, so key ids and conversation ids stay out."""
    return hashlib.sha256(scope.encode("utf-8")).hexdigest()[:32]
