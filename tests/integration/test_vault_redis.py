"""The Redis vault against a real ``redis-server`` on loopback: the same contract as the
local vault, plus what only a shared store must show (two gateway replicas agree)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from guardrails.crypto import GuardKeys
from guardrails.vault_redis import RedisVault
from tests.conftest import free_port
from tests.unit.guard_fakes import make_guard
from tests.unit.test_vault import VaultContract

pytestmark = pytest.mark.integration

REDIS_SERVER = shutil.which("redis-server")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        for _ in range(200):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None:
                    pytest.fail("redis-server exited at start")
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not answer")
        yield url
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=10)


class TestRedisVault(VaultContract):
    """The shared backend passes the same contract as the local one."""

    @pytest.fixture
    def vault(self, redis_url: str) -> Iterator[RedisVault]:
        redis.Redis.from_url(redis_url).flushdb()
        vault = RedisVault(redis_url, ttl_s=3600, prefix="test:vault")
        yield vault
        vault.close()

    def expire(self, vault: Any, scope: str) -> None:
        keys = vault._keys(scope)  # noqa: SLF001 - the test shortens this scope's TTL only
        client = vault._client  # noqa: SLF001
        for key in keys:
            ttl = client.pttl(key)
            if ttl == -2:  # no such key: this scope has kept no surrogate
                continue
            assert 0 < ttl <= 3600 * 1000  # every key of a scope carries the TTL
            client.pexpire(key, 1)
        for _ in range(500):  # wait until Redis has dropped them
            if not any(client.exists(k) for k in keys):
                break
            time.sleep(0.01)


def test_two_replicas_share_placeholders(tmp_path: Path, redis_url: str) -> None:
    """Two gateway replicas (two guards, one Redis, one secret) give and restore the same tokens."""
    import asyncio

    from guardrails.vault_redis import RedisVault as Vault
    from serving.stages import CallerContext

    redis.Redis.from_url(redis_url).flushdb()
    guards = []
    for name in ("a", "b"):
        root = tmp_path / name
        root.mkdir()
        guard = make_guard(root)
        guard.vault.close()
        guard.vault = Vault(redis_url, ttl_s=600, prefix="test:replicas")
        guard.keys = GuardKeys(b"shared-secret-of-the-deployment")
        guards.append(guard)
    ctx = CallerContext("r1", "key1", "team", (), "conv")
    msg = [{"role": "user", "content": "I am Max Mustermann, max@firma.de"}]
    try:
        first = asyncio.run(guards[0].guard_input(msg, ctx))
        assert first.messages[0]["content"] == "I am [PERSON_1], [EMAIL_1]"
        # the next turn lands on the other replica: it continues the numbering ...
        second = asyncio.run(
            guards[1].guard_input([{"role": "user", "content": "Erika Musterfrau"}], ctx)
        )
        assert second.messages[0]["content"] == "[PERSON_2]"
        # ... and restores what the first replica issued (from Redis, not from a local cache)
        assert second.restore("[PERSON_1] / [EMAIL_1]") == "Max Mustermann / max@firma.de"
        again = asyncio.run(guards[1].guard_input(msg, ctx))
        assert again.messages[0]["content"] == first.messages[0]["content"]
    finally:
        for guard in guards:
            guard.close()
