"""The placeholder vault: a contract every backend passes, the local backend's specifics,
and placeholder stability as a property."""

from __future__ import annotations

import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrails.crypto import GuardKeys, load_or_create_secret
from guardrails.engine import snapshot_for
from guardrails.normalization import normalize_value
from guardrails.policy_store import parse_policy
from guardrails.protector import ScopeVault
from guardrails.vault import NewValue, PlaceholderVault, scope_key
from guardrails.vault_local import LocalVault


class VaultContract:
    """Behaviour every :class:`PlaceholderVault` backend must show.

    Subclasses provide a ``vault`` fixture and ``expire(vault, scope)``, which makes the scope's
    entries expire (a clock jump, a shortened TTL).
    """

    def expire(self, vault: Any, scope: str) -> None:
        raise NotImplementedError

    def test_same_value_same_index_different_values_next_index(
        self, vault: PlaceholderVault
    ) -> None:
        assert vault.assign("s", "fp-a", "PERSON", "PERSON", b"a") == 1
        assert vault.assign("s", "fp-b", "PERSON", "PERSON", b"b") == 2
        assert vault.assign("s", "fp-a", "PERSON", "PERSON", b"other blob") == 1
        assert vault.assign("s", "fp-c", "EMAIL_ADDRESS", "EMAIL", b"c") == 1

    def test_assign_many_matches_one_by_one(self, vault: PlaceholderVault) -> None:
        vault.assign("s", "fp-a", "PERSON", "PERSON", b"a")
        values = [
            NewValue("fp-b", "PERSON", "PERSON", b"b"),
            NewValue("fp-a", "PERSON", "PERSON", b"other blob"),  # known: keeps its index
            NewValue("fp-c", "EMAIL_ADDRESS", "EMAIL", b"c"),
            NewValue("fp-b", "PERSON", "PERSON", b"b"),  # twice in one batch: one index
            NewValue("fp-d", "PERSON", "PERSON", b"d"),
        ]
        assert vault.assign_many("s", values) == [2, 1, 1, 2, 3]
        assert vault.assign_many("s", []) == []
        entry = vault.lookup("s", "PERSON", 3)
        assert entry is not None and entry.sealed == b"d"
        assert vault.count("s", "PERSON") == 3
        assert vault.lookup("other", "PERSON", 2) is None

    def test_lookup_and_count(self, vault: PlaceholderVault) -> None:
        vault.assign("s", "fp-a", "PERSON", "PERSON", b"\x00sealed\xff")
        entry = vault.lookup("s", "PERSON", 1)
        assert entry is not None
        assert (entry.entity_type, entry.label, entry.index, entry.sealed) == (
            "PERSON",
            "PERSON",
            1,
            b"\x00sealed\xff",
        )
        assert vault.lookup("s", "PERSON", 2) is None
        assert vault.lookup("s", "EMAIL", 1) is None
        assert vault.count("s", "PERSON") == 1
        assert vault.count("s", "EMAIL") == 0

    def test_scopes_never_share_entries(self, vault: PlaceholderVault) -> None:
        vault.assign("key1:conv", "fp", "PERSON", "PERSON", b"one")
        assert vault.lookup("key2:conv", "PERSON", 1) is None
        assert vault.assign("key2:conv", "fp-other", "PERSON", "PERSON", b"two") == 1
        entry = vault.lookup("key1:conv", "PERSON", 1)
        assert entry is not None and entry.sealed == b"one"

    def test_concurrent_assignments_are_consistent(self, vault: PlaceholderVault) -> None:
        results: dict[str, set[int]] = {}
        lock = threading.Lock()
        errors: list[BaseException] = []

        def work(worker: int) -> None:
            try:
                for i in range(40):
                    fp = f"fp-{(i * 7 + worker) % 25}"
                    index = vault.assign("busy", fp, "PERSON", "PERSON", fp.encode())
                    with lock:
                        results.setdefault(fp, set()).add(index)
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        assert all(len(indexes) == 1 for indexes in results.values())
        assigned = sorted(next(iter(i)) for i in results.values())
        assert assigned == list(range(1, len(results) + 1))
        for fp, indexes in results.items():
            entry = vault.lookup("busy", "PERSON", next(iter(indexes)))
            assert entry is not None and entry.sealed == fp.encode()

    def test_entries_expire(self, vault: PlaceholderVault) -> None:
        vault.assign("old", "fp", "PERSON", "PERSON", b"x")
        vault.assign("fresh", "fp", "PERSON", "PERSON", b"y")
        self.expire(vault, "old")
        assert vault.lookup("old", "PERSON", 1) is None
        assert vault.count("old", "PERSON") == 0
        assert vault.lookup("fresh", "PERSON", 1) is not None
        # a new value in the expired scope starts from the beginning again
        assert vault.assign("old", "fp2", "PERSON", "PERSON", b"z") == 1

    def test_first_kept_surrogate_wins_per_scope(self, vault: PlaceholderVault) -> None:
        vault.assign("s", "fp-a", "PERSON", "PERSON", b"a")
        assert vault.surrogate("s", "PERSON", 1) is None
        assert vault.keep_surrogate("s", "PERSON", 1, b"first") == b"first"
        assert vault.keep_surrogate("s", "PERSON", 1, b"second") == b"first"
        assert vault.surrogate("s", "PERSON", 1) == b"first"
        assert vault.surrogate("s", "PERSON", 2) is None
        assert vault.surrogate("other", "PERSON", 1) is None

    def test_concurrent_surrogates_agree(self, vault: PlaceholderVault) -> None:
        vault.assign("busy", "fp", "PERSON", "PERSON", b"a")
        kept: list[bytes] = []
        lock = threading.Lock()

        def work(worker: int) -> None:
            got = vault.keep_surrogate("busy", "PERSON", 1, f"w{worker}".encode())
            with lock:
                kept.append(got)

        threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(kept) == 8 and len(set(kept)) == 1

    def test_kept_surrogates_expire_with_the_scope(self, vault: PlaceholderVault) -> None:
        vault.assign("old", "fp", "PERSON", "PERSON", b"x")
        vault.keep_surrogate("old", "PERSON", 1, b"kept")
        vault.assign("fresh", "fp", "PERSON", "PERSON", b"y")
        self.expire(vault, "old")
        assert vault.surrogate("old", "PERSON", 1) is None
        vault.assign("old", "fp2", "PERSON", "PERSON", b"z")
        assert vault.surrogate("old", "PERSON", 1) is None


class _Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class TestLocalVault(VaultContract):
    """The embedded SQLite backend."""

    @pytest.fixture
    def vault(self, tmp_path: Path) -> Iterator[LocalVault]:
        self.clock = _Clock()
        vault = LocalVault(tmp_path / "vault" / "vault.sqlite3", ttl_s=60, clock=self.clock)
        yield vault
        vault.close()

    def expire(self, vault: Any, scope: str) -> None:
        # only "old" must expire: touch the others after the jump
        self.clock.now += 61
        vault.assign("fresh", "fp", "PERSON", "PERSON", b"y")

    def test_entries_survive_a_restart_and_stay_private(self, tmp_path: Path) -> None:
        path = tmp_path / "vault" / "vault.sqlite3"
        scope = "key-4711:conversation-0815"
        first = LocalVault(path, ttl_s=60)
        first.assign(scope, "fp", "PERSON", "PERSON", b"sealed")
        first.close()
        second = LocalVault(path, ttl_s=60)
        entry = second.lookup(scope, "PERSON", 1)
        second.close()
        assert entry is not None and entry.sealed == b"sealed"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        stored = b"".join(p.read_bytes() for p in path.parent.iterdir())
        assert scope.encode() not in stored  # key and conversation ids are stored hashed
        assert scope_key(scope).encode() in stored


def test_sealed_values_open_only_in_their_scope() -> None:
    keys = GuardKeys(b"k" * 32)
    sealed = keys.sealer.seal("scope-a", "Max Mustermann")
    assert keys.sealer.open("scope-a", sealed) == "Max Mustermann"
    assert keys.sealer.open("scope-b", sealed) is None
    assert GuardKeys(b"j" * 32).sealer.open("scope-a", sealed) is None
    assert b"Mustermann" not in sealed


def test_secret_from_env_or_a_private_file(tmp_path: Path) -> None:
    generated = load_or_create_secret(tmp_path, None)
    again = load_or_create_secret(tmp_path, None)
    path = tmp_path / "secrets" / "guard.key"
    assert generated == again and len(generated) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    from_env = load_or_create_secret(tmp_path, "a-long-enough-secret-value")
    assert from_env != generated
    with pytest.raises(ValueError):
        load_or_create_secret(tmp_path, "short")


def test_keyed_functions_are_stable_and_separate() -> None:
    keys = GuardKeys(b"k" * 32)
    assert keys.audit_hmac("EMAIL_ADDRESS", "a@b.de") == keys.audit_hmac("EMAIL_ADDRESS", "a@b.de")
    assert keys.audit_hmac("EMAIL_ADDRESS", "a@b.de") != GuardKeys(b"j" * 32).audit_hmac(
        "EMAIL_ADDRESS", "a@b.de"
    )
    assert keys.fingerprint("s", "EMAIL_ADDRESS", "a@b.de") != keys.fingerprint(
        "t", "EMAIL_ADDRESS", "a@b.de"
    )
    assert keys.hash_token("EMAIL_ADDRESS", "a@b.de")[:8] not in keys.audit_hmac(
        "EMAIL_ADDRESS", "a@b.de"
    )


# --- placeholder stability (property) ------------------------------------------------------

_POLICY = parse_policy(b"entities: {PERSON: {action: pseudonymize}}\n", "p.yaml")
_SNAPSHOT = snapshot_for(_POLICY, lambda _l: None)  # type: ignore[arg-type,return-value]

_SPELLINGS: dict[str, list[Callable[[str], str]]] = {
    "IBAN_CODE": [lambda v: v, lambda v: v.replace(" ", ""), lambda v: v.lower()],
    "EMAIL_ADDRESS": [lambda v: v, lambda v: v.upper(), lambda v: v.title()],
    "PERSON": [lambda v: v, lambda v: v.replace(" ", "  ")],
}
_VALUES = {
    "IBAN_CODE": ["DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32"],
    "EMAIL_ADDRESS": ["max@firma.de", "erika@firma.de", "max@firma.com"],
    "PERSON": ["Max Mustermann", "Erika Musterfrau", "Max Muster"],
}


#: (entity type, which value, which spelling) uses of the values above
_USES = st.lists(
    st.tuples(st.sampled_from(sorted(_VALUES)), st.integers(0, 2), st.integers(0, 2)),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_USES)
def test_placeholders_are_stable_and_never_collide(
    tmp_path: Path, uses: list[tuple[str, int, int]]
) -> None:
    vault = LocalVault(tmp_path / f"v{id(uses)}.sqlite3", ttl_s=60)
    keys = GuardKeys(b"k" * 32)
    seen: dict[tuple[str, str], str] = {}
    try:
        # two requests of one conversation: the second must reproduce the first's tokens
        for _request in range(2):
            scoped = ScopeVault(vault, keys, "key:conv", _SNAPSHOT)
            for kind, which, spelling in uses:
                values = _VALUES[kind]
                value = values[which % len(values)]
                written = _SPELLINGS[kind][spelling % len(_SPELLINGS[kind])](value)
                token = scoped.placeholder(kind, written)
                key = (kind, normalize_value(kind, value))
                assert seen.setdefault(key, token) == token
        tokens = list(seen.values())
        assert len(set(tokens)) == len(tokens)
    finally:
        vault.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_USES, st.integers(0, 25))
def test_reserved_placeholders_equal_one_by_one(
    tmp_path: Path, uses: list[tuple[str, int, int]], already: int
) -> None:
    """A request's placeholders assigned in one batch (``reserve``) are the tokens
    ``placeholder`` gives one value after the other, also after earlier requests."""
    keys = GuardKeys(b"k" * 32)
    written = [
        (kind, _SPELLINGS[kind][spelling % len(_SPELLINGS[kind])](
            _VALUES[kind][which % len(_VALUES[kind])]
        ))
        for kind, which, spelling in uses
    ]
    tokens: list[list[str]] = []
    for batched in (False, True):
        vault = LocalVault(tmp_path / f"v{id(uses)}-{batched}.sqlite3", ttl_s=60)
        try:
            earlier = ScopeVault(vault, keys, "key:conv", _SNAPSHOT)
            for kind, value in written[:already]:  # an earlier request of the conversation
                earlier.placeholder(kind, value)
            scoped = ScopeVault(vault, keys, "key:conv", _SNAPSHOT)
            if batched:
                scoped.reserve(written)
            tokens.append([scoped.placeholder(kind, value) for kind, value in written])
        finally:
            vault.close()
    assert tokens[0] == tokens[1]
