"""Dates and times (guardrails.recognizers.dates): the formats people write in German and
English, one span per date with its weekday and time, and what is no date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.recognizers.dates import DATE_SCORE, TIME_SCORE, DateTimeRecognizer


def dates(text: str, language: str = "de") -> list[str]:
    found = DateTimeRecognizer(language).analyze(text, ["DATE_TIME"])
    return [text[r.start : r.end] for r in found]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Wir treffen uns am Donnerstag, 3. März 2024 um 14:30 Uhr.", "de",
         ["Donnerstag, 3. März 2024 um 14:30 Uhr"]),
        ("Seit dem 12.05.2019 arbeitet sie bei uns.", "de", ["12.05.2019"]),
        ("Abgabe bis 7.3.24? Nein: bis 07.03.24.", "de", ["07.03.24"]),
        ("Termin: Mai 2024, ab 14 Uhr oder um 9.30 Uhr", "de", ["Mai 2024, ab 14 Uhr", "9.30 Uhr"]),
        ("Bitte bis Freitag antworten", "de", ["Freitag"]),
        ("When: 1993-01-04 14:56:41 Where: Limont Country Club.", "en", ["1993-01-04 14:56:41"]),
        ("It's like that since 11/15/1979", "en", ["11/15/1979"]),
        ("we'll meet sunday at craig, palmer and quinn", "en", ["sunday"]),
        ("Thursday, March 3, 2024 at 9 am works", "en", ["Thursday, March 3, 2024 at 9 am"]),
        ("on the 3rd of March, 2024 or March 3rd at 2 pm", "en", ["3rd of March, 2024", "March 3rd at 2 pm"]),
        ("logged at 2007-03-23T18:43:36Z by the job", "en", ["2007-03-23T18:43:36Z"]),
        ("released 2024/03/07 and 07-03-2024", "en", ["2024/03/07", "07-03-2024"]),
    ],
)  # fmt: skip
def test_dates_and_times_as_people_write_them(text: str, language: str, expected: list[str]) -> None:
    assert dates(text, language) == expected


def test_two_dates_or_a_range_of_times_stay_apart() -> None:
    assert dates("am 12.03.2024, 15.03.2024 von 9:00-17:00") == [
        "12.03.2024", "15.03.2024", "9:00", "17:00",
    ]  # fmt: skip


def test_a_bare_clock_time_scores_lower_than_a_date() -> None:
    text = "Kick-off 14:30, Review 3. März"
    scores = [r.score for r in DateTimeRecognizer("de").analyze(text, ["DATE_TIME"])]
    assert scores == [TIME_SCORE, DATE_SCORE]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Python 3.10.12 ist installiert", "de"),  # a version
        ("Build v1.2.2024 und 1.2.2024.5", "de"),  # glued to letters or more numbers
        ("Wir trainieren freitags und sonntags", "de"),  # adverbs, not weekdays
        ("Es ist 12:30:99 im Log", "de"),  # not a clock
        ("5 may be enough, 3 mar the rest", "en"),  # verbs after a number
        ("I am 5 h late, 42 items, 2024 budget", "en"),  # a duration, a count, a year
        ("Die Quote liegt bei 3:2 und 10/20", "de"),  # a score and a fraction
        ("", "en"),
    ],
)
def test_what_is_no_date(text: str, language: str) -> None:
    assert dates(text, language) == []


_PIECES = ["3.", "März", "2024", " ", ",", "um", "14:30", "Uhr", "Thursday", "12/", "05/", "-",
           "T", "Z", "am", "pm", "9", "0", "31", "Apr", "may", ".", "\n", "Freitag", "x"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_every_span_is_inside_the_text_and_no_part_of_a_longer_token(pieces: list[str]) -> None:
    text = "".join(pieces)
    for language in ("de", "en"):
        for start, end, _score in DateTimeRecognizer(language).spans(text):
            assert 0 <= start < end <= len(text)
            assert not (start > 0 and text[start - 1].isalnum())
            assert not (end < len(text) and text[end].isalnum())
