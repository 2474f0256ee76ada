"""Usefulness measures (pure) and the shipped development sets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from guardrails.checksums import iban_valid
from guardrails.usefulness.datasets import (
    DatasetError,
    ExpectedValue,
    OrdinaryCase,
    RestoreCase,
    load_ordinary,
    load_restore,
)
from guardrails.usefulness.scoring import (
    RestoreReport,
    over_masking_report,
    present_lenient,
    present_verbatim,
    score_arm,
)


def case(i: int, lang: str = "en", topic: str = "t") -> OrdinaryCase:
    return OrdinaryCase(f"c{i}", lang, f"text {i}", topic)


def test_any_change_counts_as_altered() -> None:
    cases = [case(1), case(2, "de"), case(3, "de", "u")]
    seen = ["text 1", "text  2", "text [X]"]
    report = over_masking_report(zip(cases, seen, strict=True))
    assert (report.altered.hits, report.altered.total) == (2, 3)
    assert report.altered_ids == ("c2", "c3")
    assert report.by_lang["de"].share == 1.0 and report.by_lang["en"].share == 0.0
    assert report.by_topic["u"].hits == 1


@pytest.mark.parametrize(("altered", "meets"), [(2, True), (3, False)])
def test_target_is_two_percent_inclusive(altered: int, meets: bool) -> None:
    cases = [case(i) for i in range(100)]
    seen = [c.text + ("!" if i < altered else "") for i, c in enumerate(cases)]
    report = over_masking_report(zip(cases, seen, strict=True))
    assert report.meets_target is meets
    assert report.as_dict()["meets_target"] is meets


def test_verbatim_and_lenient_presence() -> None:
    answer = "Kontakt: ANNA SCHMIDT, Tel. 069/90009123, IBAN DE48209284977399108922."
    assert not present_verbatim(answer, "Anna Schmidt")
    assert present_lenient(answer, "PERSON", "Anna Schmidt")
    assert present_lenient(answer, "PHONE_NUMBER", "069 90009 123")
    assert present_lenient(answer, "IBAN_CODE", "DE48 2092 8497 7399 1089 22")
    assert not present_lenient(answer, "PHONE_NUMBER", "069 90009 124")
    assert present_verbatim("Hi Anna Schmidt!", "Anna Schmidt")


RESTORE_CASES = [
    RestoreCase("a", "en", "p", (ExpectedValue("PERSON", "Anna Schmidt"),)),
    RestoreCase(
        "b",
        "de",
        "p",
        (ExpectedValue("PERSON", "Eva Braun"), ExpectedValue("EMAIL_ADDRESS", "e@x.de")),
    ),
]


def test_score_arm_counts_values_and_failed_requests() -> None:
    score = score_arm("x", RESTORE_CASES, {"a": "Dear Anna Schmidt", "b": None})
    assert (score.verbatim.hits, score.verbatim.total) == (1, 3)
    assert score.failed_requests == 1 and score.missed == ("b",)
    assert score.by_type["PERSON"].hits == 1 and score.by_type["PERSON"].total == 2
    missing = score_arm("y", RESTORE_CASES, {})
    assert missing.rate == 0.0 and missing.failed_requests == 2


def test_report_compares_each_tresor_arm_with_direct_in_the_same_mode() -> None:
    direct = score_arm("direct/whole", RESTORE_CASES, {"a": "Anna Schmidt", "b": "Eva Braun"})
    better = score_arm(
        "tresor-s/whole", RESTORE_CASES, {"a": "Anna Schmidt", "b": "Eva Braun e@x.de"}
    )
    worse = score_arm("tresor-t/whole", RESTORE_CASES, {"a": "", "b": ""})
    report = RestoreReport(
        (direct, better, worse),
        (("tresor-s/whole", "direct/whole"), ("tresor-t/whole", "direct/whole")),
    )
    assert report.verdicts() == {"tresor-s/whole": True, "tresor-t/whole": False}
    payload = report.as_dict()
    assert payload["comparisons"][0]["tresor_rate"] == 1.0
    json.dumps(payload)  # JSON-able for the CLI and the benchmark report


# ------------------------------------------------------------------- the shipped datasets

PERSONAL = re.compile(
    r"[\w.+-]+@[\w-]+\.\w+"  # e-mail
    r"|\+?\d[\d /-]{7,}\d"  # phone-like digit runs
    r"|\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,}"  # IBAN-like
    r"|\b(?:Herr|Frau|Mr|Mrs|Ms|Dr)\.? [A-Z]"  # titled names
)


def test_ordinary_dev_set_is_large_bilingual_and_free_of_identifiers() -> None:
    cases = load_ordinary()
    assert len(cases) >= 200
    assert len({c.id for c in cases}) == len(cases)
    german = sum(c.lang == "de" for c in cases) / len(cases)
    assert 0.4 <= german <= 0.6
    assert len({c.topic for c in cases}) >= 8
    offenders = [c.id for c in cases if PERSONAL.search(c.text)]
    assert offenders == []


def test_restore_dev_set_values_are_in_their_prompts_and_valid() -> None:
    cases = load_restore()
    assert len(cases) >= 30
    kinds = {v.entity_type for c in cases for v in c.values}
    assert {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE"} <= kinds
    assert {c.lang for c in cases} == {"de", "en"}
    for c in cases:
        for v in c.values:
            assert v.value in c.prompt, c.id
            if v.entity_type == "IBAN_CODE":
                assert iban_valid(v.value), c.id


def test_malformed_lines_name_file_and_line_not_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"lang": "en", "text": "fine"}\n{"lang": "en", "text": "secret Anna\n', encoding="utf-8"
    )
    with pytest.raises(DatasetError) as info:
        load_ordinary(path)
    assert f"{path}:2" in str(info.value) and "Anna" not in str(info.value)
    path.write_text('{"lang": "en", "prompt": "p", "values": []}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="values"):
        load_restore(path)
