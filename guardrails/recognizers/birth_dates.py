"""Dates of birth: a full date right after a birth cue, in German and English.

A date on its own is ordinary content (deadlines, meetings: the policy allows DATE_TIME), but
a date of birth identifies a person together with almost anything else. A date counts as
one only when a cue stands right before it, at most a few connecting words away:
"geb. am 01.02.1980", "Geburtsdatum: 1980-02-01", "geboren den 1. Februar 1980",
"DOB: 02/01/1980", "born on March 12, 1985", "date of birth 12th March 1985", "born in Cork
on 2 May 1979", "wurde am 3. April 1970 in Dresden geboren", a CV's star after a name or a
comma ("Anna Schmidt, * 12.03.1985", "(*3.4.1990)"; not a list's bullet, not "*12.03.2025*"),
the answer to a question about it ("Please tell me your date of birth. It's 3/23/1940"), a
birthday whose year lies years back ("Svenja hat am 12.05.1990 Geburtstag"; not "am
12.05.2026", this year's party).
Day, month and year must all be there (a birthday without a year is left alone); a mistyped
day ("31.02.1980") after a cue is still someone's date of birth.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from guardrails.recognizers.dates import DAY, MONTH, MONTH_NAMES, ORDINAL, YEAR
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: Score of a full date right after a birth cue.
BIRTH_DATE_SCORE = 0.85

#: a full date in the forms people write dates of birth (day, month and year)
FULL_DATE = re.compile(
    "|".join(
        (
            rf"{DAY}\.{MONTH}\.(?:{YEAR}|\d{{2}})",  # 01.02.1980, 1.2.80
            rf"{DAY}/{MONTH}/{YEAR}|{MONTH}/{DAY}/{YEAR}",  # 02/01/1980 either way
            rf"{DAY}-{MONTH}-{YEAR}",  # 01-02-1980
            rf"{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])",  # 1980-02-01
            rf"{DAY}{ORDINAL} ?(?:of )?{MONTH_NAMES},? {YEAR}",  # 1. Februar 1980
            rf"{MONTH_NAMES} {DAY}{ORDINAL},? {YEAR}",  # March 12, 1985
        )
    ),
    re.IGNORECASE,
)
#: a birth cue and the connecting words between it and the date, ending where the date starts
_CUE = re.compile(
    r"(?:\bgeb(?:oren)?\b\.?|\bgeburtsdatum\b(?:\s*/\s*-?\s*ort\b)?|\bgeburtstag\b|\bgeb\.-datum\b"
    r"|\bdate of birth\b|\bbirth ?date\b|\bbirthday\b|\bborn\b|\bd\.o\.b\b\.?|\bdob\b)"
    r"(?:[\s:,(*]|\b(?:am|den|der|ist|war|lautet|on|is|was|the)\b"
    # the answer to a question about it: "your date of birth? It's 3/23/1940"
    r"|[.?!]\s+(?:it[’']?s|it is|that[’']?s|mine is|(?:es|das) ist(?: der)?)\b"
    # the birthplace may come first: "born in Cork on", "geboren in Bad Tölz am"
    r"|\b(?:in|at)\s+[A-ZÄÖÜ][\w.'’-]*(?:\s+[A-ZÄÖÜ][\w.'’-]*)?)*\Z",
    re.IGNORECASE,
)
#: German puts the verb last: "wurde am 3. April 1970 (in Dresden) geboren"
_CUE_AFTER = re.compile(
    r"\A(?:\s+in\s+[A-ZÄÖÜ][\w.'’-]*(?:\s+[A-ZÄÖÜ][\w.'’-]*)?)?\s+geboren\b", re.IGNORECASE
)
#: "hat am 12.05.1990 Geburtstag": a birthday's date with a year long past is the date of birth
_BIRTHDAY_AFTER = re.compile(r"\A[ \t]+(?:(?:seinen|ihren|den|einen)[ \t]+)?Geburtstag\b")
#: a birthday's year this many years back or more is a birth year, not this year's party
_BIRTH_YEARS_BACK = 5
_LAST_NUMBER = re.compile(r"(\d{2}|\d{4})\D*\Z")
#: the genealogical star of a CV or a biography, after a name or a comma ("Anna Schmidt, *
#: 12.03.1985 in Köln", "(*3.4.1990)"); a star opening a line is a list's bullet
_STAR = re.compile(r"(?:[,(]|[^\W\d_])[ \t]*\*[ \t]?\Z")
#: how far before a date its cue may begin (characters)
_CUE_REACH = 40
#: any birth cue at all (most texts have none: then no date is even looked for)
_ANY_CUE = re.compile(r"geb|birth|born|d\.?o\.?b|\*", re.IGNORECASE)


class DateOfBirthRecognizer(SpanRecognizer):
    """DATE_OF_BIRTH: a full date right after a birth cue."""

    ENTITY = "DATE_OF_BIRTH"
    NAME = "DateOfBirthRecognizer"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Dates of birth in ``text``."""
        if not _ANY_CUE.search(text):
            return
        for match in FULL_DATE.finditer(text):
            start, end = match.span()
            glued_before = start > 0 and text[start - 1].isalnum()
            if glued_before or (end < len(text) and text[end].isalnum()):
                continue  # part of a longer token
            before = text[max(0, start - _CUE_REACH) : start]
            after = text[end : end + _CUE_REACH]
            if (
                _CUE.search(before)
                or _CUE_AFTER.match(after)
                or (_BIRTHDAY_AFTER.match(after) and _long_past(match.group()))
                or (_STAR.search(before) and not text.startswith("*", end))  # not "*date*"
            ):
                yield start, end, BIRTH_DATE_SCORE


def _long_past(date: str) -> bool:
    """Whether the year of ``date`` (its last number; two digits are of the last century)
    lies :data:`_BIRTH_YEARS_BACK` years or more before this one."""
    m = _LAST_NUMBER.search(date)
    if m is None:
        return False
    year = int(m.group(1))
    if year < 100:
        year += 1900
    return year <= datetime.date.today().year - _BIRTH_YEARS_BACK
