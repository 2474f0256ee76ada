"""Dates and times (DATE_TIME) in German and English, as people write them.

The shipped policy allows DATE_TIME (deadlines and meetings are what people ask about), but a
team may protect dates, and ``tresor pii analyze`` reports them either way. Presidio's own
date recognizer reads numeric dates only, and German text has no statistical model that tags
dates, so "Donnerstag, 3. März 2024 um 14:30 Uhr" went unseen. This one reads:

* numeric dates: ``2024-03-07`` (with a time: ``2024-03-07 14:56:41``, ``...T14:56:41Z``),
  ``07.03.2024``, ``7.3.24``, ``3/7/2024`` (either order), ``2024/03/07``, ``07-03-2024``;
* dates with a month name: ``3. März 2024``, ``3rd of March, 2024``, ``March 3, 2024``,
  ``März 2024``, ``7 Mar``;
* weekdays: ``Donnerstag``, ``Thursday`` (English ones also in lower case: ``see you sunday``);
* times: ``14:30``, ``14:30:05``, ``2:30 pm``, ``9 am``, ``14 Uhr``, ``14.30 Uhr``.

Neighbours joined by a comma or "um"/"at"/"on"/"the"/"den" become one span ("Donnerstag,
3. März 2024 um 14:30", "Thursday, March 3rd at 2 pm"). A match glued to letters or digits
("v1.2.2024", "ID 12.03.2024x") is no date. Years, durations and words such as "tomorrow" are
not dates here.

The pieces (:data:`DAY`, :data:`MONTH`, :data:`YEAR`, :data:`MONTH_NAMES`, :data:`ORDINAL`)
are shared with :mod:`guardrails.recognizers.birth_dates`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.recognizers.span_recognizer import SpanRecognizer

DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH = r"(?:0?[1-9]|1[0-2])"
#: a four-digit year of a birth date (1900-2099)
YEAR = r"(?:19|20)\d{2}"
#: month names and abbreviations, German and English, grouped by first letter (an alternation
#: of 37 words tried at every word start cost 10x more)
MONTH_NAMES = (
    r"(?:j(?:anuary?|änner|u(?:ni|ne|li|ly|n|l)|an)|feb(?:ruary?)?|m(?:ärz|ai|arch|ay|är|ar)"
    r"|a(?:pril|ugust|pr|ug)|sep(?:tember|t)?|o(?:ktober|ctober|kt|ct)|nov(?:ember)?"
    r"|de(?:zember|cember|z|c))\.?"
)
ORDINAL = r"(?:st|nd|rd|th|\.)?"

#: score of a date or of a time with its unit ("14 Uhr", "2 pm")
DATE_SCORE = 0.6
#: score of a bare clock time ("14:30"), which may also be a ratio or a verse
TIME_SCORE = 0.5

_ANY_YEAR = r"(?:1[89]|20)\d{2}"
_MM = r"(?:0[1-9]|1[0-2])"
_DD = r"(?:0[1-9]|[12]\d|3[01])"
_CLOCK = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
_ZONE = r"(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)"
_UNIT = r"(?:[ap]\.m\.|[ap]m\b|uhr\b)"
_WEEKDAYS = (
    r"(?:mon(?:day|tag)|t(?:uesday|hursday)|wednesday|fr(?:iday|eitag)"
    r"|s(?:a(?:turday|mstag)|unday|onn(?:abend|tag))|d(?:ienstag|onnerstag)|mittwoch)"
)

_PATTERNS = (
    # 2024-03-07, 2024-03-07 14:56:41, 2024-03-07T14:56:41.5Z
    ("iso", rf"{_ANY_YEAR}-{_MM}-{_DD}(?:[T ]{_CLOCK}{_ZONE}?)?", DATE_SCORE),
    # 07.03.2024, 7.3.2024, 07.03.24 (not "3.10.12": versions)
    ("dotted", rf"{DAY}\.{MONTH}\.{_ANY_YEAR}|{_DD}\.{_MM}\.\d{{2}}", DATE_SCORE),
    ("slashed", rf"{DAY}/{DAY}/(?:{_ANY_YEAR}|\d{{2}})|{_ANY_YEAR}/{MONTH}/{DAY}", DATE_SCORE),
    ("dashed", rf"{DAY}-{MONTH}-{_ANY_YEAR}", DATE_SCORE),  # 07-03-2024
    # 3. März 2024, 3rd of March, 2024, 7 Mar
    ("day month", rf"{DAY}{ORDINAL} ?(?:of )?{MONTH_NAMES}(?:,? {_ANY_YEAR})?", DATE_SCORE),
    # March 3, 2024, March 3rd, März 2024
    (
        "month first",
        rf"{MONTH_NAMES}(?: {DAY}(?!\d)(?:st|nd|rd|th)?(?:,? {_ANY_YEAR})?|,? {_ANY_YEAR})",
        DATE_SCORE,
    ),
    ("weekday", _WEEKDAYS, DATE_SCORE),
    # 2:30 pm, 14:30 Uhr, 14.30 Uhr, 9 am, 14 Uhr
    ("time with unit", rf"(?:{_CLOCK}|(?:[01]?\d|2[0-3])(?:\.[0-5]\d)?) ?{_UNIT}", DATE_SCORE),
    ("clock", _CLOCK, TIME_SCORE),
)
_LETTER_LED = ("month first", "weekday")


def _alternatives(letter_led: bool) -> str:
    return "|".join(
        f"(?P<p{i}>{pattern})"
        for i, (name, pattern, _score) in enumerate(_PATTERNS)
        if (name in _LETTER_LED) == letter_led
    )


_DATE_TIME = re.compile(
    # every part begins a word with a digit or a month's or weekday's first letter: checked
    # first, so the alternatives are only tried there (8x faster on prose)
    rf"(?<!\w)(?:(?=\d)(?:{_alternatives(False)})|(?=[jfmasondtw])(?:{_alternatives(True)}))",
    re.IGNORECASE,
)
_SCORES = {f"p{i}": score for i, (_name, _pattern, score) in enumerate(_PATTERNS)}
_NAMES = [name for name, _pattern, _score in _PATTERNS]
_WEEKDAY_GROUP = f"p{_NAMES.index('weekday')}"
#: a day and month without a year, whose month must be capitalised ("5 may be", "mar 3")
_DAY_AND_MONTH = {f"p{_NAMES.index('day month')}", f"p{_NAMES.index('month first')}"}
_LOWER_MONTH = re.compile(rf"\b(?=(?-i:[a-zäö])){MONTH_NAMES}", re.IGNORECASE)
_HAS_YEAR = re.compile(rf"{_ANY_YEAR}\Z")
#: the order in which the parts of one date are written: weekday, date, time
_RANK = {
    f"p{i}": {"weekday": 0, "time with unit": 2, "clock": 2}.get(n, 1) for i, n in enumerate(_NAMES)
}
#: what may stand between two parts of one date ("Donnerstag, 3. März um 14:30")
_JOINER = re.compile(r"\s*(?:,\s*)?(?:(?:um|at|on|the|den|ab|from)\s+)?", re.IGNORECASE)
#: text worth scanning: a digit, or a weekday's ending
_WORTH = re.compile(r"\d|day\b|tag\b|abend\b|woch", re.IGNORECASE)


class DateTimeRecognizer(SpanRecognizer):
    """DATE_TIME: dates, weekdays and clock times (see the module docstring)."""

    ENTITY = "DATE_TIME"
    NAME = "DateTimeRecognizer"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language, [])
        self._lower_weekdays = supported_language == "en"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Dates and times in ``text``, neighbours of one date joined."""
        if not _WORTH.search(text):
            return []
        parts: list[tuple[int, int, float, int]] = []
        for match in _DATE_TIME.finditer(text):
            start, end = match.span()
            # the pattern starts at a word's start ("v1.2.2024" is skipped there)
            if end < len(text) and (text[end].isalnum() or _continues_number(text, end)):
                continue  # part of a longer token: "12.03.2024x", "1.2.2024.5"
            group = match.lastgroup or ""
            if group == _WEEKDAY_GROUP and not (self._lower_weekdays or text[start].isupper()):
                continue  # German weekdays are nouns; "freitags" is no date
            value = match.group()
            if (
                group in _DAY_AND_MONTH
                and not _HAS_YEAR.search(value)
                and _LOWER_MONTH.search(value)
            ):
                continue  # "5 may be", "um 3 mär"
            parts.append((start, end, _SCORES[group], _RANK[group]))
        return _joined(text, parts)


def _continues_number(text: str, end: int) -> bool:
    """A full stop or colon that goes on with a digit ("1.2.2024.5", "12:30:99:1")."""
    return text[end] in ".:/" and end + 1 < len(text) and text[end + 1].isdigit()


def _joined(text: str, parts: list[tuple[int, int, float, int]]) -> list[tuple[int, int, float]]:
    """Parts written in the order weekday, date, time with only a joiner between them as one
    span; two dates or two times in a row stay apart ("12.03.2024, 15.03.2024")."""
    joined: list[tuple[int, int, float, int]] = []
    for start, end, score, rank in parts:
        if joined:
            last_start, last_end, last_score, last_rank = joined[-1]
            gap = _JOINER.match(text, last_end)
            if rank > last_rank and gap is not None and gap.end() == start:
                joined[-1] = (last_start, end, max(score, last_score), rank)
                continue
        joined.append((start, end, score, rank))
    return [(start, end, score) for start, end, score, _rank in joined]
