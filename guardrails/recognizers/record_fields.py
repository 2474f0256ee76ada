"""Personal values in records and tables, named by their field or column: personnel and
customer numbers, dates of birth, home towns.

An HR export pasted into a chat (``Personalnummer;Name;Geburtsdatum;Wohnort`` over
``004711;Schmidt, Anna;03.04.1985;Köln``) or a record sent as a tool call's arguments
(``{"employee_id": "E-10442", "dob": "1985-04-03"}``) names its values in the header, not
right before them, so the cued-number and birth-date recognizers, which need a cue before the
value, let them through. Here the field's name is the cue (fields and cells as
:mod:`guardrails.recognizers.fields` reads them):

- ``EMPLOYEE_ID``: ``Personalnummer``, ``employee_id``, ``staff no`` ... with a value of the
  cued personnel number's form;
- ``CUSTOMER_ID``: ``Kundennummer``, ``customer_id``, ``Vertragsnummer``, ``member_id``,
  ``Matrikelnummer`` ...;
- ``DATE_OF_BIRTH``: ``Geburtsdatum``, ``dob``, ``birthday``, a contact card's ``BDAY`` ...
  with a full date (also written ``19850403``, as contact cards do);
- ``STREET_ADDRESS``: a contact card's structured address (``ADR;TYPE=HOME:;;Lindenweg
  12;Bonn;;53111;Germany``): from its first part to its postcode, the country left;
- ``PERSONAL_LOCATION``: ``Wohnort``, ``Geburtsort``, ``hometown`` ... always, and ``Ort``,
  ``Stadt``, ``city`` only in a record about a person (a name field or column holds a name,
  see :mod:`guardrails.recognizers.name_fields`; in a table, the person's row):
  ``{"city": "Berlin", "temperature": 3}`` is a weather report, "Siemens AG;München" a
  company's town, also beside "Lange, Petra;Bonn".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from guardrails.recognizers.birth_dates import FULL_DATE
from guardrails.recognizers.cued_numbers import EmployeeIdRecognizer
from guardrails.recognizers.dates import YEAR
from guardrails.recognizers.field_names import (
    ADDRESS_FIELDS,
    BIRTH_DATE_FIELDS,
    CUSTOMER_ID_FIELDS,
    EMPLOYEE_ID_FIELDS,
    HOME_PLACE_FIELDS,
    TOWN_FIELDS,
)
from guardrails.recognizers.fields import Field, fields
from guardrails.recognizers.name_fields import NameFieldRecognizer
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a value under its field's name: as sure as a value right after its cue
RECORD_FIELD_SCORE = 0.8

_ID = re.compile(EmployeeIdRecognizer.VALUE)
#: a full date, also in the basic form without separators a contact card may use (19850403)
_BIRTH_DATE = re.compile(
    rf"{FULL_DATE.pattern}|{YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])", re.IGNORECASE
)
#: a vCard address: post box, extended address, street, town, region, postcode and country,
#: separated by ";" (a backslash escapes one inside a part)
_ADDRESS_PARTS = re.compile(r"(?:\\.|[^;\\])*")
#: the parts of a vCard address that place a person's home (the country alone does not)
_PLACING_PARTS = 6
#: a place's name: one to four capitalised words
_PLACE = re.compile(r"[^\W\d_][\w'’.]*(?:[ \t-]+[^\W\d_][\w'’.]*){0,3}")


class RecordFieldRecognizer(SpanRecognizer):
    """Values of :attr:`KEYS` fields of the form :attr:`VALUE` (and of :attr:`PERSON_KEYS`
    fields in a record that names a person)."""

    #: folded field names (see :func:`~guardrails.recognizers.fields.folded_field`)
    KEYS: ClassVar[frozenset[str]]
    #: fields whose value is personal only in a record about a person
    PERSON_KEYS: ClassVar[frozenset[str]] = frozenset()
    VALUE: ClassVar[re.Pattern[str]]

    def __init__(self, supported_language: str | None = None) -> None:
        super().__init__(supported_language)
        self._keys = self.KEYS | self.PERSON_KEYS

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each value of the recognizer's fields."""
        found = [
            f for f in fields(text, self._keys.__contains__)
            if self.VALUE.fullmatch(text, f.start, f.end) and self.accepts(text[f.start : f.end])
        ]  # fmt: skip
        if any(f.key in self.PERSON_KEYS for f in found):
            rows = self.person_rows(text)
            found = [f for f in found if f.key in self.KEYS or _beside_a_name(f, rows)]
        return [(f.start, f.end, RECORD_FIELD_SCORE) for f in found]

    def accepts(self, value: str) -> bool:
        """A further check of a value of the right form."""
        return True

    def person_rows(self, text: str) -> set[int] | None:
        """Where the record's names stand, for :attr:`PERSON_KEYS`: the starts of the lines
        holding a name (a table's :attr:`PERSON_KEYS` cell counts in such a row, any other
        field when there is one); None when nothing names a person."""
        return None


def _beside_a_name(field: Field, rows: set[int] | None) -> bool:
    """Whether a name stands in the field's row (a table's cell) or anywhere (a record)."""
    if rows is None:
        return False
    return field.row is None or field.row in rows


class EmployeeIdFieldRecognizer(RecordFieldRecognizer):
    """``EMPLOYEE_ID`` under a personnel number's field name."""

    ENTITY = "EMPLOYEE_ID"
    NAME = "EmployeeIdFieldRecognizer"
    KEYS = EMPLOYEE_ID_FIELDS
    VALUE = _ID


class CustomerIdFieldRecognizer(RecordFieldRecognizer):
    """``CUSTOMER_ID`` under a customer's, contract's, member's or student's number field."""

    ENTITY = "CUSTOMER_ID"
    NAME = "CustomerIdFieldRecognizer"
    KEYS = CUSTOMER_ID_FIELDS
    VALUE = _ID


class BirthDateFieldRecognizer(RecordFieldRecognizer):
    """``DATE_OF_BIRTH`` under a birth date's field name."""

    ENTITY = "DATE_OF_BIRTH"
    NAME = "BirthDateFieldRecognizer"
    KEYS = BIRTH_DATE_FIELDS
    VALUE = _BIRTH_DATE


class CardAddressRecognizer(SpanRecognizer):
    """``STREET_ADDRESS``: the value of a contact card's ``ADR`` line, from its first part
    to its postcode (a value with fewer than two ";" is no card's address: "ADR: Klasse 3"
    is the dangerous-goods rule)."""

    ENTITY = "STREET_ADDRESS"
    NAME = "CardAddressRecognizer"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each card address's placing parts, as one span."""
        if "ADR" not in text and "adr" not in text:
            return
        for field in fields(text, ADDRESS_FIELDS.__contains__):
            if text.count(";", field.start, field.end) < 2:
                continue
            parts = [
                m.span()
                for m in _ADDRESS_PARTS.finditer(text, field.start, field.end)
                if m.start() == field.start or text[m.start() - 1] == ";"
            ][:_PLACING_PARTS]
            filled = [(s, e) for s, e in parts if text[s:e].strip()]
            if filled:
                yield filled[0][0], filled[-1][1], RECORD_FIELD_SCORE


class HomePlaceFieldRecognizer(RecordFieldRecognizer):
    """``PERSONAL_LOCATION`` under a home town's field name (a town's in a person's record)."""

    def __init__(self, supported_language: str, names: NameFieldRecognizer) -> None:
        """``names``: finds the names of the record's name fields."""
        super().__init__(supported_language)
        self._names = names

    ENTITY = "PERSONAL_LOCATION"
    NAME = "HomePlaceFieldRecognizer"
    KEYS = HOME_PLACE_FIELDS
    PERSON_KEYS = TOWN_FIELDS
    VALUE = _PLACE

    def accepts(self, value: str) -> bool:
        """A place's name is capitalised ("Köln", "Frankfurt am Main")."""
        return value[:1].isupper()

    def person_rows(self, text: str) -> set[int] | None:
        """The lines where a name field holds a person's name (not "Siemens AG" under
        ``Kunde``): a table's town counts in its person's row only."""
        rows = {text.rfind("\n", 0, start) + 1 for start, _end, _score in self._names.spans(text)}
        return rows or None

