"""Detection scoring, the dataset readers and the batch-analysis core."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from guardrails.batch_analyze import analyze_stream
from guardrails.engine import Analysis
from guardrails.eval_datasets import DatasetError, read_dataset, scored_type
from guardrails.evaluation import Span, score
from guardrails.findings import Decision, Finding


def test_scores_per_type_and_overall() -> None:
    gold = [Span(0, 4, "PERSON"), Span(10, 20, "EMAIL_ADDRESS"), Span(30, 35, "PERSON")]
    predicted = [Span(0, 6, "PERSON"), Span(10, 20, "PHONE_NUMBER"), Span(40, 45, "PERSON")]
    report = score([(gold, predicted)], ["PERSON", "EMAIL_ADDRESS"])
    person = report.per_type["PERSON"]
    assert (person.support, person.predicted, person.recall, person.precision) == (2, 2, 0.5, 0.5)
    assert person.char_recall == round(4 / 9, 4) and person.char_precision == round(4 / 11, 4)
    email = report.per_type["EMAIL_ADDRESS"]
    assert (email.recall, email.precision, email.f1) == (0.0, 0.0, 0.0)  # wrong type
    assert report.overall is not None and report.overall.support == 3
    assert report.overall.recall == round(1 / 3, 4)
    assert json.loads(json.dumps(report.as_dict()))["per_type"]["PERSON"]["recall"] == 0.5


def test_any_row_ignores_types() -> None:
    # the dataset calls the town a LOCATION; the guard redacted it as part of an address
    gold = [Span(0, 10, "STREET_ADDRESS"), Span(12, 18, "LOCATION"), Span(30, 34, "PERSON")]
    predicted = [Span(0, 18, "STREET_ADDRESS"), Span(40, 44, "PERSON")]
    report = score([(gold, predicted)], ["STREET_ADDRESS", "LOCATION", "PERSON"])
    assert report.per_type["LOCATION"].recall == 0.0
    assert report.overall is not None and report.overall.char_precision == round(10 / 22, 4)
    assert report.any_type is not None
    assert (report.any_type.recall, report.any_type.precision) == (round(2 / 3, 4), 0.5)
    assert report.any_type.char_precision == round(16 / 22, 4)


def test_personal_locations_are_scored_as_locations() -> None:
    assert scored_type("PERSONAL_LOCATION") == "LOCATION"
    assert scored_type("PERSON") == "PERSON"


def test_empty_inputs_score_zero_not_crash() -> None:
    report = score([], ["PERSON"])
    assert report.examples == 0 and report.per_type["PERSON"].f1 == 0.0


def test_presidio_research_reader_maps_labels(tmp_path: Path) -> None:
    path = tmp_path / "set.json"
    path.write_text(json.dumps([{
        "full_text": "Ann lives at 5 Main St, mail a@b.com, Mr.",
        "spans": [
            {"entity_type": "PERSON", "entity_value": "Ann", "start_position": 0, "end_position": 3},
            {"entity_type": "ADDRESS", "entity_value": "5 Main St", "start_position": 13, "end_position": 22},
            {"entity_type": "EMAIL_ADDRESS", "entity_value": "a@b.com", "start_position": 29, "end_position": 36},
            {"entity_type": "PREFIX", "entity_value": "Mr.", "start_position": 38, "end_position": 41},
        ]}]))  # fmt: skip
    (example,) = read_dataset(path)
    assert [(example.text[s.start : s.end], s.entity_type) for s in example.spans] == [
        ("Ann", "PERSON"),
        ("5 Main St", "STREET_ADDRESS"),
        ("a@b.com", "EMAIL_ADDRESS"),
    ]


def test_germeval_reader_rebuilds_text_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "set.tsv"
    path.write_text(
        "#\thttp://example\t[2010]\n"
        "1\tAngela\tB-PER\tO\n2\tMerkel\tI-PER\tO\n3\tbesucht\tO\tO\n4\tBerlin\tB-LOC\tO\n"
        "5\tund\tO\tO\n6\tdeutsche\tB-LOCderiv\tO\n7\tFirmen\tO\tO\n\n"
        "#\tsecond\n1\tEU-weit\tB-ORGpart\tO\n2\tSiemens\tB-ORG\tO\n"
    )
    first, second = read_dataset(path)
    assert first.text == "Angela Merkel besucht Berlin und deutsche Firmen"
    assert [(first.text[s.start : s.end], s.entity_type) for s in first.spans] == [
        ("Angela Merkel", "PERSON"),
        ("Berlin", "LOCATION"),
    ]
    assert [(second.text[s.start : s.end], s.entity_type) for s in second.spans] == [
        ("Siemens", "ORGANIZATION")
    ]


def test_unknown_formats_and_broken_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="unknown dataset format"):
        read_dataset(tmp_path / "x.csv")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(DatasetError, match="not JSON"):
        read_dataset(bad)
    short = tmp_path / "short.tsv"
    short.write_text("1\tonly-token\n")
    with pytest.raises(DatasetError, match="line 1"):
        read_dataset(short)


def _fake_analyze(text: str, language: str | None) -> Analysis:
    if "boom" in text:
        raise RuntimeError(text)
    start = text.find("@")
    decisions = []
    if start >= 0:
        decisions.append(
            Decision(Finding("EMAIL_ADDRESS", start - 1, start + 6, 1.0, "x"), "pseudonymize")
        )
    allowed = []
    if "Berlin" in text:
        place = Finding("LOCATION", text.find("Berlin"), text.find("Berlin") + 6, 0.9, "tagger")
        allowed.append(Decision(place, "allow"))
    findings = [d.finding for d in decisions + allowed]
    return Analysis(language or "en", findings, decisions, "v1", allowed)


def test_batch_keeps_order_and_reports_bad_lines() -> None:
    lines = [
        json.dumps({"text": "mail a@b.de now in Berlin"}),
        "not json",
        json.dumps({"txt": "wrong field"}),
        "",
        json.dumps({"text": "boom secret-value"}),
        json.dumps({"text": "nothing here"}),
    ]
    out = io.StringIO()
    ticks: list[int] = []
    count, errors = analyze_stream(
        [line + "\n" for line in lines], out, _fake_analyze, "de", on_line=lambda: ticks.append(1)
    )
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (count, errors, len(ticks)) == (6, 4, 6)
    assert records[0] == {
        "entities": [
            {"type": "EMAIL_ADDRESS", "start": 5, "end": 12, "score": 1.0, "action": "pseudonymize"},
            {"type": "LOCATION", "start": 19, "end": 25, "score": 0.9, "action": "allow"},
        ],
        "language": "de",
    }
    assert [("error" in r) for r in records] == [False, True, True, True, True, False]
    assert "secret-value" not in out.getvalue()
    assert records[5] == {"entities": [], "language": "de"}
