"""``tresor pii analyze`` (real Presidio, shipped policy) finds phone numbers, addresses and
IBANs in the forms people write them, in English and German, and leaves look-alikes alone.
All values are invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from serving.cli import main

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]

# text, language, the (type, text) pairs that must be found
CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("He is not answering at 12-34-56-78.", "en", [("PHONE_NUMBER", "12-34-56-78")]),
    (
        "Call (555) 123-4567 ext. 12 after lunch.",
        "en",
        [("PHONE_NUMBER", "(555) 123-4567 ext. 12")],
    ),
    (
        "Bitte unter +49 (0) 30 1234567 zurückrufen.",
        "de",
        [("PHONE_NUMBER", "+49 (0) 30 1234567")],
    ),
    ("Mein Handy: 0171-1234567", "de", [("PHONE_NUMBER", "0171-1234567")]),
    (
        "Ship it to 350 Fifth Avenue, Suite 3300, please.",
        "en",
        [("STREET_ADDRESS", "350 Fifth Avenue, Suite 3300")],
    ),
    (
        "Die neue Anschrift ist Hauptstr. 5a, 10115 Berlin.",
        "de",
        [("STREET_ADDRESS", "Hauptstr. 5a, 10115 Berlin")],
    ),
    ("My zip code is 90210.", "en", [("STREET_ADDRESS", "90210")]),
    (
        "Send the refund to iban gb82 west 1234 5698 7654 32.",
        "en",
        [("IBAN_CODE", "gb82 west 1234 5698 7654 32")],
    ),
    ("The release is due on 2026-03-15 at 10:30, version 3.11.4.", "en", []),
    ("Bestellung 12345678 über 1 234,50 € ist unterwegs.", "de", []),
    ("We met on Cloud Street.", "en", []),
]


def test_pii_analyze_finds_written_formats(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": text}) + "\n" for text, _, _ in CASES))
    target = tmp_path / "out.jsonl"
    config, policy = REPO / "configs" / "tresor.yaml", REPO / "configs" / "policy.yaml"
    rc = main(
        ["--config", str(config), "pii", "analyze", "--policy", str(policy)]
        + ["--input", str(source), "--output", str(target)]
    )
    assert rc == 0
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert len(records) == len(CASES)
    wanted_types = {"PHONE_NUMBER", "STREET_ADDRESS", "IBAN_CODE"}
    for (text, language, expected), record in zip(CASES, records, strict=True):
        found = [
            (e["type"], text[e["start"] : e["end"]])
            for e in record["entities"]
            if e["type"] in wanted_types
        ]
        assert record["language"] == language, text
        assert found == expected, text


def test_pii_analyze_reads_escaped_json_and_reports_raw_offsets(tmp_path: Path) -> None:
    # a record as Python's json.dumps writes it: the offsets are into the text as given
    text = json.dumps({"kunde": "Jürgen Müller", "notiz": "Rückruf\nBjörn Ström, Köln"})
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": text}) + "\n")
    target = tmp_path / "out.jsonl"
    config, policy = REPO / "configs" / "tresor.yaml", REPO / "configs" / "policy.yaml"
    rc = main(
        ["--config", str(config), "pii", "analyze", "--policy", str(policy), "--language", "de"]
        + ["--input", str(source), "--output", str(target)]
    )
    assert rc == 0
    (record,) = [json.loads(line) for line in target.read_text().splitlines()]
    persons = [text[e["start"] : e["end"]] for e in record["entities"] if e["type"] == "PERSON"]
    assert persons == ["J\\u00fcrgen M\\u00fcller", "Bj\\u00f6rn Str\\u00f6m"]
