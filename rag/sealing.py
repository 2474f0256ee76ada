"""Index sealing: chunk text, title and section are stored encrypted in the vector store.

Ingestion embeds and BM25-encodes the raw text as before, then replaces the payload's
content fields with one AES-GCM blob (``sealed``) under a key derived from the guardrail
master secret (:class:`guardrails.crypto.GuardKeys`, purpose ``index-payload``). The
associated data binds the blob to its collection, point id and sorted ACL groups: a blob
moved to another point or collection, or a chunk whose ``groups`` were widened in the store,
no longer opens and is never served. Lexical term indices are keyed hashes (purpose
``index-terms``, see :mod:`rag.lexical`). The collection spec records ``sealed`` and a key
check value, so a process holding another secret is refused up front with a clear error.

Retrieval opens the blobs only after the ACL-filtered search returned its hits.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from guardrails.crypto import GuardKeys
from rag.vectorstore import CollectionSpec, SearchHit
from serving.errors import ServiceUnavailable

log = logging.getLogger(__name__)

#: The payload field holding the sealed blob (base64 of nonce + ciphertext + tag).
SEALED_FIELD = "sealed"
#: Content-derived payload fields that are sealed; everything else stays in clear.
SEALED_FIELDS = ("text", "title", "section")
#: Keys of a record's own metadata that repeat sealed fields (JSONL ``metadata.title``).
_SEALED_METADATA = ("title", "section")
_FORMAT = "tresor-index-seal-v1"
_KEY_CHECK_MESSAGE = b"tresor index key check v1"
_NONCE_BYTES = 12


class IndexSealer:
    """Seals and opens chunk payloads; also holds the key of the lexical term hashes."""

    def __init__(self, master: bytes) -> None:
        keys = GuardKeys(master)
        self._aead = AESGCM(keys.index_payload_key)
        #: key of :func:`rag.lexical.term_index` for sealed collections
        self.term_key = keys.index_terms_key
        #: recorded with a sealed collection: tells whether a later process holds the same key
        self.key_check = hmac.new(
            keys.index_payload_key, _KEY_CHECK_MESSAGE, hashlib.sha256
        ).hexdigest()[:16]

    @staticmethod
    def _associated(collection: str, point_id: str, groups: Sequence[str]) -> bytes:
        bound = [_FORMAT, collection, point_id, sorted(str(g) for g in groups)]
        return json.dumps(bound, separators=(",", ":")).encode("utf-8")

    def seal(self, payload: Mapping[str, Any], *, collection: str, point_id: str) -> dict[str, Any]:
        """``payload`` with text, title and section (also in its metadata) replaced by a blob."""
        hidden: dict[str, Any] = {k: payload[k] for k in SEALED_FIELDS if k in payload}
        clear = {k: v for k, v in payload.items() if k not in SEALED_FIELDS}
        metadata = clear.get("metadata")
        if isinstance(metadata, Mapping):
            repeated = {k: metadata[k] for k in _SEALED_METADATA if k in metadata}
            if repeated:
                hidden["metadata"] = repeated
                rest = {k: v for k, v in metadata.items() if k not in repeated}
                if rest:
                    clear["metadata"] = rest
                else:
                    del clear["metadata"]
        plain = json.dumps(hidden, ensure_ascii=False).encode("utf-8")
        nonce = secrets.token_bytes(_NONCE_BYTES)
        aad = self._associated(collection, point_id, clear.get("groups") or ())
        blob = nonce + self._aead.encrypt(nonce, plain, aad)
        clear[SEALED_FIELD] = base64.b64encode(blob).decode("ascii")
        return clear

    def unseal(
        self, payload: Mapping[str, Any], *, collection: str, point_id: str
    ) -> dict[str, Any] | None:
        """The original payload, or None when the blob is missing, altered, moved, bound to
        other groups or sealed with another key."""
        blob = payload.get(SEALED_FIELD)
        if not isinstance(blob, str):
            return None
        aad = self._associated(collection, point_id, payload.get("groups") or ())
        try:
            raw = base64.b64decode(blob, validate=True)
            plain = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], aad)
            hidden = json.loads(plain.decode("utf-8"))
        except (InvalidTag, ValueError, binascii.Error):
            return None
        if not isinstance(hidden, dict):
            return None
        # Clear content fields beside a blob were not written by Tresor: never served.
        opened = {k: v for k, v in payload.items() if k != SEALED_FIELD and k not in SEALED_FIELDS}
        repeated = hidden.pop("metadata", None)
        if isinstance(repeated, dict):
            opened["metadata"] = {**(opened.get("metadata") or {}), **repeated}
        opened.update(hidden)
        return opened


def scratch_sealer(seal_index: bool) -> IndexSealer | None:
    """A sealer with a throwaway key for scratch collections (evaluation, benchmarks), so they
    measure the sealed index when ``rag.seal_index`` is on; None when it is off."""
    return IndexSealer(secrets.token_bytes(32)) if seal_index else None


def check_key(collection: str, spec: CollectionSpec | None, sealer: IndexSealer | None) -> None:
    """Refuse (ServiceUnavailable) a sealed collection this process cannot open."""
    if spec is None or not spec.sealed:
        return
    if sealer is None:
        raise ServiceUnavailable(
            f"Collection '{collection}' is sealed and this process was given no guardrail "
            "secret to open it."
        )
    if spec.key_check is None or not hmac.compare_digest(spec.key_check, sealer.key_check):
        raise ServiceUnavailable(
            f"Collection '{collection}' was sealed with another guardrail secret. Run with the "
            "same secret as at ingestion (the variable named by guardrails.secret_env, "
            "TRESOR_GUARD_SECRET by default, or the same <data_dir>/secrets/guard.key), "
            "or delete the collection and ingest again."
        )


def unseal_hits(
    hits: Sequence[SearchHit], collection: str, spec: CollectionSpec | None, sealer: IndexSealer | None
) -> list[SearchHit]:
    """Hits with their payloads opened; a hit whose blob does not open is dropped (and counted
    in the log, without content). Unsealed collections pass through unchanged."""
    if spec is None or not spec.sealed:
        return list(hits)
    check_key(collection, spec, sealer)
    assert sealer is not None  # check_key refused otherwise
    opened: list[SearchHit] = []
    for hit in hits:
        payload = sealer.unseal(hit.payload, collection=collection, point_id=hit.point_id)
        if payload is not None:
            opened.append(SearchHit(hit.point_id, hit.score, payload))
    if len(opened) < len(hits):
        log.warning(
            "sealed chunks refused (altered, moved or regrouped in the index)",
            extra={"collection": collection, "refused": len(hits) - len(opened)},
        )
    return opened
