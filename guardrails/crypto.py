"""The guardrail's secret and what is derived from it: value HMACs and vault encryption.

One master secret (from an environment variable, or generated once into a 0600 file in the
data directory) gives independent sub-keys per purpose, so an audit HMAC can never be turned
into a vault lookup key or a hash-action token and vice versa.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SECRET_FILE = Path("secrets") / "guard.key"
_NONCE_BYTES = 12


def load_or_create_secret(data_dir: Path, env_value: str | None) -> bytes:
    """The master secret: ``env_value`` when given, else ``<data_dir>/secrets/guard.key``.

    The file is created with mode 0600 on first use (exclusive create, so two processes
    starting together agree on one secret).
    """
    if env_value:
        if len(env_value) < 16:
            raise ValueError("the guardrail secret must be at least 16 characters")
        return hashlib.sha256(env_value.encode("utf-8")).digest()
    path = data_dir / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        # Written completely under a temporary name, then linked into place: a concurrent
        # starter either wins the link or reads the complete winner.
        temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_bytes(32).hex())
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
    if len(secret) < 16:
        raise ValueError(f"{path}: guardrail secret file is damaged")
    return secret


def configured_secret(
    data_dir: Path, secret_env: str, environ: Mapping[str, str] | None = None
) -> bytes:
    """The master secret as configured: the environment variable named by
    ``guardrails.secret_env`` when set, else the generated file (guard, vault and index share
    it)."""
    env = os.environ if environ is None else environ
    return load_or_create_secret(data_dir, env.get(secret_env))


class GuardKeys:
    """Keyed functions over values; nothing here ever returns or logs the value itself."""

    def __init__(self, master: bytes) -> None:
        if len(master) < 16:
            raise ValueError("master secret too short")
        self._audit = self._derive(master, b"audit-hmac")
        self._fingerprint = self._derive(master, b"vault-fingerprint")
        self._hash_action = self._derive(master, b"hash-action")
        self.sealer = ValueSealer(self._derive(master, b"vault-encryption"))
        #: seeds the realistic surrogates (guardrails.surrogates): stable per scope, and
        #: unrelated to every other key, so surrogates reveal nothing about the vault
        self.surrogate_key = self._derive(master, b"surrogates")
        #: seals the retrieval index's chunk payloads (rag.sealing)
        self.index_payload_key = self._derive(master, b"index-payload")
        #: keys the index's lexical term hashes, so term indices reveal no words (rag.lexical)
        self.index_terms_key = self._derive(master, b"index-terms")

    @staticmethod
    def _derive(master: bytes, purpose: bytes) -> bytes:
        return hmac.new(master, purpose, hashlib.sha256).digest()

    @staticmethod
    def _mac(key: bytes, *parts: str) -> str:
        message = "\x1f".join(parts).encode("utf-8")
        return hmac.new(key, message, hashlib.sha256).hexdigest()

    def audit_hmac(self, entity_type: str, normalized: str) -> str:
        """Correlates repeats of a value across audit events (not reversible, 16 hex)."""
        return self._mac(self._audit, entity_type, normalized)[:16]

    def fingerprint(self, scope: str, entity_type: str, normalized: str) -> str:
        """The vault's lookup key of a value within one scope."""
        return self._mac(self._fingerprint, scope, entity_type, normalized)[:32]

    def hash_token(self, entity_type: str, normalized: str) -> str:
        """The stable keyed digest the ``hash`` action writes (same value, same digest)."""
        return self._mac(self._hash_action, entity_type, normalized)[:10]


class ValueSealer:
    """AES-GCM encryption of vault values, bound to their scope (associated data)."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, scope: str, value: str) -> bytes:
        """Nonce + ciphertext of ``value``."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, value.encode("utf-8"), scope.encode("utf-8"))

    def open(self, scope: str, sealed: bytes) -> str | None:
        """The value, or None when the blob was not sealed for this scope with this key."""
        try:
            plain = self._aead.decrypt(
                sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], scope.encode("utf-8")
            )
        except (InvalidTag, ValueError):
            return None
        return plain.decode("utf-8")
