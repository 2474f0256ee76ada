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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from guardrails.crypto import ValueSealer


@dataclass(frozen=True)
class VaultEntry:
    """One stored value: its type, the label and index of its placeholder, the sealed value."""

    entity_type: str
    label: str
    index: int
    sealed: bytes


@dataclass(frozen=True)
class NewValue:
    """A value to give a placeholder: its keyed fingerprint, type, label and sealed form."""

    fingerprint: str
    entity_type: str
    label: str
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

    def assign_many(self, scope: str, values: Sequence[NewValue]) -> list[int]:
        """The index of each value's placeholder, as :meth:`assign` called for one after the
        other would give them, in one transaction (local) or round trip (Redis)."""
        ...

    def lookup(self, scope: str, label: str, index: int) -> VaultEntry | None:
        """The entry behind ``label``/``index`` in ``scope``, None if unknown or expired."""
        ...

    def count(self, scope: str, label: str) -> int:
        """How many values of ``label`` the scope holds (restoring ``[PERSON]`` needs 1)."""
        ...

    def surrogate(self, scope: str, label: str, index: int) -> bytes | None:
        """The sealed surrogate kept for ``label``/``index`` in ``scope``, None if none yet."""
        ...

    def keep_surrogate(self, scope: str, label: str, index: int, sealed: bytes) -> bytes:
        """Keep ``sealed`` as the entry's surrogate unless one is kept; return the kept one.

        Atomic, first writer wins: concurrent requests of a conversation agree on one
        surrogate. Expires with the scope.
        """
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...


def scope_key(scope: str) -> str:
    """The stored name of a scope: a digest, so key ids and conversation ids stay out."""
    return hashlib.sha256(scope.encode("utf-8")).hexdigest()[:32]


class KeptSurrogates:
    """A scope's surrogates as the vault keeps them, so a value keeps its surrogate all along.

    A surrogate is made collision-free against the text of the request that first needs it;
    a later turn mentioning, say, another ``Becker`` would make a different one. Keeping the
    first one (sealed, like the values) makes the conversation's pseudonyms stable.
    """

    def __init__(self, vault: PlaceholderVault, sealer: ValueSealer, scope: str) -> None:
        self._vault = vault
        self._sealer = sealer
        self._scope = scope

    def recall(self, label: str, index: int) -> str | None:
        """The surrogate kept for ``label``/``index``, None if none was kept yet."""
        sealed = self._vault.surrogate(self._scope, label, index)
        return None if sealed is None else self._sealer.open(self._scope, sealed)

    def keep(self, label: str, index: int, surrogate: str) -> str:
        """Keep ``surrogate`` unless another request kept one first; return the kept one."""
        sealed = self._sealer.seal(self._scope, surrogate)
        kept = self._vault.keep_surrogate(self._scope, label, index, sealed)
        return self._sealer.open(self._scope, kept) or surrogate
