"""``tresor keys create|list|revoke``: per-team API keys (stored hashed)."""

from __future__ import annotations

import argparse
import json
import sys
import time

from serving.cli import CommandRegistry
from serving.keys import KeyStore


def _store(args: argparse.Namespace) -> KeyStore:
    config = CommandRegistry.config(args)
    return KeyStore(config.data_dir / "keys.sqlite3")


def _groups(raw: str) -> tuple[str, ...]:
    return tuple(g.strip() for g in raw.split(",") if g.strip())


def _create(args: argparse.Namespace) -> int:
    store = _store(args)
    issued = store.create(args.team, _groups(args.groups), name=args.name or "")
    if args.json:
        print(json.dumps({"key": issued.key, "key_id": issued.record.key_id, "team": args.team,
                          "groups": list(issued.record.groups)}))  # fmt: skip
    else:
        print(issued.key)
        print(f"(key id {issued.record.key_id}, team {args.team}; shown once, store it now)",
              file=sys.stderr)  # fmt: skip
    return 0


def _list(args: argparse.Namespace) -> int:
    records = _store(args).list(include_revoked=args.all)
    if args.json:
        print(json.dumps([r.__dict__ for r in records]))
        return 0
    print(f"{'KEY ID':<14}{'TEAM':<16}{'GROUPS':<28}{'CREATED':<22}STATUS")
    for r in records:
        created = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(r.created_at))
        status = "revoked" if r.revoked_at else "active"
        print(f"{r.key_id:<14}{r.team:<16}{','.join(r.groups):<28}{created:<22}{status}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    if _store(args).revoke(args.key_id):
        print(f"revoked {args.key_id}")
        return 0
    print(f"tresor: no active key with id {args.key_id}", file=sys.stderr)
    return 1


def register(registry: CommandRegistry) -> None:
    keys = registry.group("keys", "Create, list and revoke per-team API keys.")
    create = registry.add("create", _create, "Create a key (printed once).", parent=keys)
    create.add_argument("--team", required=True)
    create.add_argument("--groups", default="", help="Comma-separated document groups.")
    create.add_argument("--name", default="", help="A label for the key.")
    create.add_argument("--json", action="store_true", help="Print JSON.")
    lst = registry.add("list", _list, "List keys (never their secrets).", parent=keys)
    lst.add_argument("--all", action="store_true", help="Include revoked keys.")
    lst.add_argument("--json", action="store_true")
    revoke = registry.add("revoke", _revoke, "Revoke a key by id.", parent=keys)
    revoke.add_argument("key_id")
