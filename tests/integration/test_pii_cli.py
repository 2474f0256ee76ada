"""The guardrail's CLI with real Presidio: policy check/test, pii analyze, eval pii."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from serving.cli import main

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SHARED_PII = REPO.parent / "shared" / "data" / "pii"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "tresor.yaml"
    path.write_text(
        f"data_dir: {tmp_path / 'data'}\n"
        f"guardrails:\n  policy_file: {REPO / 'configs' / 'policy.yaml'}\n"
        f"  ner_artifact_dir: {tmp_path / 'no-tagger'}\n"
    )
    return path


def test_policy_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "check", str(REPO / "configs" / "policy.yaml")]) == 0
    assert "valid (version " in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  PERSON: {action: pseudonymise}\n")
    assert main(["policy", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: entities.PERSON.action:" in err


def test_policy_test_shows_findings_and_the_model_view(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Herr Becker, IBAN DE89 3704 0044 0532 0130 00, Mail anna@firma.de"
    assert main(["--config", str(config), "policy", "test", text, "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert "language de" in out
    for kind in ("PERSON", "IBAN_CODE", "EMAIL_ADDRESS"):
        assert kind in out
    assert "Herr [PERSON_1], IBAN [IBAN_1], Mail [EMAIL_1]" in out
    assert (
        main(
            [
                "--config",
                str(config),
                "policy",
                "test",
                "card 4111 1111 1111 1111",
                "--team",
                "payments",
            ]
        )
        == 0
    )
    assert "BLOCKED (HTTP 400 pii_blocked): CREDIT_CARD" in capsys.readouterr().out


def test_policy_test_lists_the_protected_rest_of_a_split_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "tresor.yaml"  # the shipped name tagger reads "Apt" into the name
    config.write_text(
        f"data_dir: {tmp_path / 'data'}\n"
        f"guardrails:\n  policy_file: {REPO / 'configs' / 'policy.yaml'}\n"
    )
    text = "Please forward it to Mrs. Clara Whitfield Apt. 12, 48 Bramble Lane, Denton."
    assert main(["--config", str(config), "policy", "test", text, "--lang", "en"]) == 0
    rows = {line.split("'")[1]: line for line in capsys.readouterr().out.splitlines() if "'" in line}
    assert "(split)" in rows["Apt. 12, 48 Bramble Lane"]
    assert "pseudonymize" in rows["12, 48 Bramble Lane"]


def test_pii_analyze_one_line_per_input_in_order(config: Path, tmp_path: Path) -> None:
    texts = [
        "Please email john.smith@example.com today.",
        None,  # a broken line
        "Meine IBAN ist DE89 3704 0044 0532 0130 00.",
        "Nothing personal here.",
    ]
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join("{broken" if t is None else json.dumps({"text": t}) for t in texts) + "\n"
    )
    target = tmp_path / "out" / "result.jsonl"
    rc = main(
        ["--config", str(config), "pii", "analyze", "--input", str(source), "--output", str(target)]
    )
    assert rc == 1  # one line failed, the others were analysed
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert len(records) == 4
    assert "error" in records[1]
    (email,) = records[0]["entities"]
    assert texts[0][email["start"] : email["end"]] == "john.smith@example.com"  # type: ignore[index]
    assert (email["type"], email["action"]) == ("EMAIL_ADDRESS", "pseudonymize")
    (iban,) = records[2]["entities"]
    assert texts[2][iban["start"] : iban["end"]] == "DE89 3704 0044 0532 0130 00"  # type: ignore[index]
    assert records[2]["language"] == "de"
    assert records[3]["entities"] == []


def test_pii_analyze_shows_progress_on_stderr_for_large_inputs(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps({"text": f"Ticket {i} is closed."}) + "\n" for i in range(60)))
    target = tmp_path / "many-out.jsonl"
    assert main(["--config", str(config), "pii", "analyze", "--input", str(source), "--output", str(target)]) == 0
    err = capsys.readouterr().err
    assert "60/60" in err and "line" in err  # a progress bar with counts, never the texts
    assert "Ticket" not in err
    assert len(target.read_text().splitlines()) == 60


@pytest.mark.skipif(not SHARED_PII.is_dir(), reason="shared PII datasets not present")
@pytest.mark.parametrize("dataset", ["presidio-generated-large-en.json", "germeval2014-de-dev.tsv"])
def test_eval_pii_reports_per_type_scores(
    config: Path, tmp_path: Path, dataset: str, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    assert (
        main(
            [
                "--config",
                str(config),
                "eval",
                "pii",
                "--dataset",
                str(SHARED_PII / dataset),
                "--limit",
                "40",
                "--json",
                str(report),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "PERSON" in out and "ALL" in out and "ANY" in out
    assert "REWRITTEN" in out  # what the guard rewrites, allowed detections left out
    data = json.loads(report.read_text())
    assert data["any_type"]["support"] == data["overall"]["support"]
    assert data["rewritten"]["predicted"] <= data["any_type"]["predicted"]
    assert data["examples"] == 40
    person = data["per_type"]["PERSON"]
    assert person["support"] > 0 and 0.0 < person["recall"] <= 1.0
    assert set(person) >= {"recall", "precision", "f1", "char_precision", "char_recall"}


def test_commands_with_a_broken_policy_refuse_with_the_reason(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nentities:\n  PERSON: {action: explode}\n", encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "Hallo Anna"}\n', encoding="utf-8")
    for command in (
        ["policy", "test", "Hallo Anna", "--policy", str(bad)],
        ["pii", "analyze", "--input", str(source), "--output", str(tmp_path / "out.jsonl"),
         "--policy", str(bad)],
    ):  # fmt: skip
        assert main(["--config", str(config), *command]) == 2
        err = capsys.readouterr().err
        assert "invalid policy" in err and "entities.PERSON.action" in err
        assert "Anna" not in err
