"""Dates of birth: a full date right after a birth cue (guardrails.recognizers.birth_dates)."""

from __future__ import annotations

import datetime
import random
import re

import pytest

from guardrails.recognizers.birth_dates import BIRTH_DATE_SCORE, DateOfBirthRecognizer
from guardrails.surrogates import generate


def birth_dates(text: str) -> list[str]:
    found = DateOfBirthRecognizer("de").analyze(text, ["DATE_OF_BIRTH"])
    assert all(r.score == BIRTH_DATE_SCORE for r in found)
    return [text[r.start : r.end] for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erika Mustermann, geb. 12.08.1964", "12.08.1964"),
        ("geb. am 1.2.80 in Köln", "1.2.80"),
        ("Geburtsdatum: 1980-02-01", "1980-02-01"),
        ("geboren den 1. Februar 1980", "1. Februar 1980"),
        ("DOB: 02/01/1980", "02/01/1980"),
        ("D.O.B. 12/31/1985", "12/31/1985"),
        ("born on March 12, 1985", "March 12, 1985"),
        ("date of birth 12th March 1985", "12th March 1985"),
        ("She was born on the 3rd of May 1990 in Leeds", "3rd of May 1990"),
        ("dob:1980-02-01", "1980-02-01"),
        # the birthplace before the date
        ("she was born in Cork on 2 May 1979.", "2 May 1979"),
        ("geboren in Bad Tölz am 3. März 1980", "3. März 1980"),
        # German puts the verb last; a CV's combined field
        ("Herr Braun wurde am 3. April 1970 in Dresden geboren.", "3. April 1970"),
        ("Sie ist am 12.08.1964 geboren.", "12.08.1964"),
        ("Geburtsdatum/-ort: 12.08.1964, Köln", "12.08.1964"),
        ("Mein Geburtsdatum ist der 12.03.1985.", "12.03.1985"),  # "ist der", "lautet"
        ("Ihr Geburtsdatum lautet 4. Juli 1979", "4. Juli 1979"),
        # a CV's or a biography's star
        ("Anna Schmidt, * 12.03.1985 in Köln", "12.03.1985"),
        ("Max Muster (*3.4.1990) bewirbt sich.", "3.4.1990"),
        ("Geburtsdatum *12.03.1985", "12.03.1985"),
        ("geb. *12.03.1985", "12.03.1985"),
    ],
)
def test_dates_after_a_birth_cue(text: str, expected: str) -> None:
    assert birth_dates(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Termin am 01.02.2026",  # no cue
        "Mein Geburtstag ist am 12. März",  # no year
        "born in 1980",  # a year alone
        "Release 1.2.80 shipped",
        "geboren. Am Ende des Tages, 12 Jahre später, am 01.02.1999",  # the cue is too far
        "geb. am 01.02.19801",  # part of a longer number
        "born in Cork, she moved on 2 May 1999 to Leeds",  # another clause's date
        "Das Projekt wurde am 3. April 2020 in Berlin gestartet.",
        # stars that are no birth: a list's bullet, emphasis, arithmetic
        "* 12.03.2025: Release",
        "Meilensteine:\n  * 01.04.2025 Abgabe\n* 15.05.2025 Go-Live",
        "Deadline ist *12.03.2025*",
        "**12.03.2025** Kick-off",
        "Budget * 2 = 400 Euro am 12.03.2025",
    ],
)
def test_other_dates_are_left_alone(text: str) -> None:
    assert birth_dates(text) == []


def _form(date: str) -> str:
    return re.sub(r"(?<=\d)(?:st|nd|rd)", "th", re.sub(r"\d", "0", date))


@pytest.mark.parametrize(
    "original", ["01.02.1980", "1.2.80", "1980-02-01", "March 12, 1985", "1st of May 1990"]
)
def test_surrogate_dates_keep_the_form_and_stay_dates(original: str) -> None:
    for seed in range(20):
        made = generate("DATE_OF_BIRTH", original, random.Random(seed), "de", None)  # type: ignore[arg-type]
        assert _form(made) == _form(original)
        numbers = [int(n) for n in re.findall(r"\d+", made)]
        assert all(4 <= n <= 12 or 50 <= n <= 99 or 1950 <= n <= 2004 for n in numbers)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please tell me your date of birth. It's 3/23/1940", "3/23/1940"),
        ("What is your birthday? It is 12 March 1985.", "12 March 1985"),
        ("Wie ist Ihr Geburtsdatum? Das ist der 01.02.1980.", "01.02.1980"),
    ],
)
def test_the_answer_to_a_question_about_the_birth_date(text: str, expected: str) -> None:
    assert birth_dates(text) == [expected]


def test_a_date_in_the_next_sentence_without_an_answer_stays() -> None:
    assert birth_dates("Please tell me your date of birth. The meeting is on 3/23/2026") == []


def test_a_birthday_years_back_is_the_date_of_birth() -> None:
    assert birth_dates("Svenja hat am 12.05.1990 Geburtstag.") == ["12.05.1990"]
    assert birth_dates("Er feiert am 3.4.78 seinen Geburtstag.") == ["3.4.78"]
    this_year = datetime.date.today().year
    assert birth_dates(f"Svenja hat am 12.05.{this_year} Geburtstag.") == []  # this year's party
    assert birth_dates("Die Feier ist am 12.05.1990. Geburtstag hat Svenja.") == []
