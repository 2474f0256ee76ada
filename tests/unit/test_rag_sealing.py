"""Index sealing (rag.sealing) and keyed lexical term indices (pure)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rag.lexical import LexicalEncoder, term_index, tokenize
from rag.sealing import SEALED_FIELD, IndexSealer, check_key, unseal_hits
from rag.vectorstore import CollectionSpec, SearchHit, check_spec
from serving.errors import InvalidRequest, ServiceUnavailable

MASTER = b"m" * 32
OTHER = b"o" * 32
POINT = "8f9d1c4e-0000-4000-8000-000000000001"


def _payload() -> dict[str, Any]:
    return {
        "text": "Wilhelmina Quastenberg, wq@example.org, IBAN DE89370400440532013000",
        "title": "Personalakte Quastenberg",
        "section": "Kontakt Quastenberg",
        "groups": ["hr", "managers"],
        "source": "/docs/a.md",
        "fingerprint": "f" * 32,
        "chunk_index": 3,
        "path": "docs/a.md",
        "metadata": {"title": "Akte Quastenberg", "team": "hr"},
    }


def test_seal_round_trip_hides_content_and_keeps_the_rest() -> None:
    sealer = IndexSealer(MASTER)
    original = _payload()
    sealed = sealer.seal(original, collection="kb", point_id=POINT)
    stored = json.dumps(sealed, ensure_ascii=False)
    assert "Quastenberg" not in stored and "example.org" not in stored and "DE8937" not in stored
    assert {"text", "title", "section"}.isdisjoint(sealed)
    assert sealed["groups"] == ["hr", "managers"] and sealed["path"] == "docs/a.md"
    assert sealed["metadata"] == {"team": "hr"}  # a record's own title is sealed as well
    assert sealer.unseal(sealed, collection="kb", point_id=POINT) == original


def test_a_new_sealer_from_the_same_secret_opens_the_blob() -> None:
    sealed = IndexSealer(MASTER).seal(_payload(), collection="kb", point_id=POINT)
    assert IndexSealer(MASTER).unseal(sealed, collection="kb", point_id=POINT) == _payload()


@pytest.mark.parametrize(
    ("change", "collection", "point_id"),
    [
        ({"groups": ["everyone", "hr", "managers"]}, "kb", POINT),  # ACL widened in the store
        ({"groups": ["everyone"]}, "kb", POINT),  # ACL replaced
        ({}, "other", POINT),  # blob moved to another collection
        ({}, "kb", "8f9d1c4e-0000-4000-8000-000000000002"),  # ... or another point
        ({"text": "injected"}, "kb", POINT),  # clear text beside the blob is not served either
    ],
)
def test_tampered_or_moved_blobs_do_not_open(
    change: dict[str, Any], collection: str, point_id: str
) -> None:
    sealer = IndexSealer(MASTER)
    sealed = {**sealer.seal(_payload(), collection="kb", point_id=POINT), **change}
    opened = sealer.unseal(sealed, collection=collection, point_id=point_id)
    if "text" in change:  # the blob still opens, the injected field is replaced by the sealed one
        assert opened is not None and opened["text"] == _payload()["text"]
    else:
        assert opened is None


def test_wrong_key_or_damaged_blob_does_not_open() -> None:
    sealed = IndexSealer(MASTER).seal(_payload(), collection="kb", point_id=POINT)
    assert IndexSealer(OTHER).unseal(sealed, collection="kb", point_id=POINT) is None
    blob = sealed[SEALED_FIELD]
    flipped = blob[:20] + ("A" if blob[20] != "A" else "B") + blob[21:]
    for bad in (flipped, "not base64!", "", None):
        assert IndexSealer(MASTER).unseal({**sealed, SEALED_FIELD: bad}, collection="kb", point_id=POINT) is None
    plain = {k: v for k, v in _payload().items()}
    assert IndexSealer(MASTER).unseal(plain, collection="kb", point_id=POINT) is None


def _spec(sealer: IndexSealer | None) -> CollectionSpec:
    return CollectionSpec(
        384, "m", "bm25", True, sealed=sealer is not None,
        key_check=sealer.key_check if sealer else None,
    )


def test_spec_records_sealing_and_refuses_another_secret_by_name() -> None:
    sealer = IndexSealer(MASTER)
    spec = CollectionSpec.from_metadata(_spec(sealer).as_metadata())
    assert spec == _spec(sealer) and spec is not None and spec.sealed
    assert MASTER.hex() not in json.dumps(spec.as_metadata())
    check_key("kb", spec, sealer)  # same secret: fine
    with pytest.raises(ServiceUnavailable) as wrong:
        check_key("kb", spec, IndexSealer(OTHER))
    assert "'kb'" in wrong.value.message and "TRESOR_GUARD_SECRET" in wrong.value.message
    assert "ingest again" in wrong.value.message
    with pytest.raises(ServiceUnavailable, match="no guardrail secret"):
        check_key("kb", spec, None)
    check_key("kb", _spec(None), None)  # an unsealed collection needs no key


def test_sealed_and_unsealed_collections_do_not_mix() -> None:
    with pytest.raises(InvalidRequest, match="without index sealing"):
        check_spec(_spec(None), _spec(IndexSealer(MASTER)))
    with pytest.raises(InvalidRequest, match="with index sealing"):
        check_spec(_spec(IndexSealer(MASTER)), _spec(None))


def test_unseal_hits_drops_what_does_not_open() -> None:
    sealer = IndexSealer(MASTER)
    good = SearchHit(POINT, 0.9, sealer.seal(_payload(), collection="kb", point_id=POINT))
    widened = SearchHit(POINT, 0.8, {**good.payload, "groups": ["everyone"]})
    opened = unseal_hits([good, widened], "kb", _spec(sealer), sealer)
    assert [h.payload["text"] for h in opened] == [_payload()["text"]]
    assert unseal_hits([good], "kb", _spec(None), None) == [good]  # unsealed: as stored


# -- keyed term indices ---------------------------------------------------------------------

KEY = b"k" * 32


def test_keyed_term_indices_differ_from_crc32_and_between_keys() -> None:
    terms = tokenize("Wilhelmina Quastenberg arbeitet in der Personalabteilung", language="german")
    plain = {term_index(t) for t in terms}
    keyed = {term_index(t, KEY) for t in terms}
    other = {term_index(t, b"x" * 32) for t in terms}
    assert plain.isdisjoint(keyed) and keyed.isdisjoint(other)
    assert all(0 <= i < 2**32 for i in keyed)
    assert term_index("quastenberg", KEY) == term_index("quastenberg", KEY)


def test_keyed_document_and_query_vectors_match() -> None:
    encoder = LexicalEncoder().with_key(KEY)
    doc = encoder.encode_document("Wilhelmina Quastenberg leitet die Abteilung.", language="german")
    query = encoder.encode_query("Quastenberg", language="german")
    assert set(query.indices) <= set(doc.indices)
    plain_query = LexicalEncoder().encode_query("Quastenberg", language="german")
    assert set(plain_query.indices).isdisjoint(doc.indices)
    # same weights as the plain encoder: retrieval quality does not change
    plain_doc = LexicalEncoder().encode_document("Wilhelmina Quastenberg leitet die Abteilung.", language="german")
    assert sorted(doc.values) == sorted(plain_doc.values)


def test_keyed_encoder_records_another_lexical_version() -> None:
    assert LexicalEncoder().version == LexicalEncoder.VERSION
    keyed = LexicalEncoder().with_key(KEY)
    assert keyed.keyed and keyed.version != LexicalEncoder.VERSION
    with pytest.raises(ValueError):
        LexicalEncoder(term_key=b"short")
