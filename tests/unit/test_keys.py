"""API keys are shown once, stored hashed, verified in constant time and revocable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from serving.cli import main
from serving.keys import KeyStore, split_key


def test_create_verify_revoke(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.sqlite3")
    issued = store.create("finance", ("ledger", "hr"), name="bot")
    principal = store.verify(issued.key)
    assert principal is not None
    assert principal.team == "finance" and principal.groups == ("ledger", "hr")
    assert store.revoke(issued.record.key_id)
    assert store.verify(issued.key) is None
    assert not store.revoke(issued.record.key_id)


def test_secret_is_not_stored_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "keys.sqlite3"
    store = KeyStore(path)
    issued = store.create("t")
    store.close()
    _, secret = split_key(issued.key) or ("", "")
    dump = "\n".join(sqlite3.connect(path).iterdump())
    assert secret and secret not in dump
    assert issued.key not in dump


@pytest.mark.parametrize("bad", ["", "tr-", "tr--x", "sk-abc", "tr-unknown-secret", "Bearer x"])
def test_malformed_or_unknown_keys_fail(tmp_path: Path, bad: str) -> None:
    store = KeyStore(tmp_path / "keys.sqlite3")
    store.create("t")
    assert store.verify(bad) is None


def test_wrong_secret_with_right_id_fails(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.sqlite3")
    issued = store.create("t")
    key_id, secret = split_key(issued.key) or ("", "")
    assert store.verify(f"tr-{key_id}-{secret[:-1]}x") is None


def test_keys_cli_roundtrip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRESOR_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert main(["keys", "create", "--team", "ops", "--groups", "a, b", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["team"] == "ops" and created["groups"] == ["a", "b"]
    assert created["key"].startswith("tr-")
    assert main(["keys", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [k["team"] for k in listed] == ["ops"]
    assert created["key"] not in json.dumps(listed)
    assert main(["keys", "revoke", created["key_id"]]) == 0
    assert main(["keys", "revoke", created["key_id"]]) == 1
    assert KeyStore(tmp_path / "keys.sqlite3").verify(created["key"]) is None
