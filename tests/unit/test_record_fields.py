"""Personal values named by their field or column (guardrails.recognizers.record_fields)."""

from __future__ import annotations

import pytest

from guardrails.person_names import is_known_name
from guardrails.recognizers.name_fields import NameFieldRecognizer
from guardrails.recognizers.record_fields import (
    BirthDateFieldRecognizer,
    CardAddressRecognizer,
    CustomerIdFieldRecognizer,
    EmployeeIdFieldRecognizer,
    HomePlaceFieldRecognizer,
    RecordFieldRecognizer,
)

EMPLOYEES = EmployeeIdFieldRecognizer("de")
CUSTOMERS = CustomerIdFieldRecognizer("de")
BIRTHS = BirthDateFieldRecognizer("de")
PLACES = HomePlaceFieldRecognizer("de", NameFieldRecognizer(is_known_name, "de"))

HR_EXPORT = (
    "Personalnummer;Name;Geburtsdatum;Wohnort;Eintritt\n"
    "004711;Schmidt, Anna;03.04.1985;Köln;01.02.2019\n"
    "004712;Lange, Petra;17.11.1979;Bonn;15.08.2021"
)


def found(recognizer: RecordFieldRecognizer, text: str) -> list[str]:
    return [text[start:end] for start, end, _score in recognizer.spans(text)]


def test_a_town_counts_in_its_person_s_row_only() -> None:
    text = "Kunde;Stadt;Umsatz\nSiemens AG;München;1,2 Mio\nLange, Petra;Bonn;0,1 Mio"
    assert found(PLACES, text) == ["Bonn"]


def test_an_hr_export_s_columns() -> None:
    assert found(EMPLOYEES, HR_EXPORT) == ["004711", "004712"]
    assert found(BIRTHS, HR_EXPORT) == ["03.04.1985", "17.11.1979"]  # not the hire date
    assert found(PLACES, HR_EXPORT) == ["Köln", "Bonn"]


@pytest.mark.parametrize(
    ("recognizer", "text", "expected"),
    [
        (EMPLOYEES, '{"employee_id": "E-10442", "name": "Anna Schmidt"}', ["E-10442"]),
        (CUSTOMERS, "| Kundennummer | Kunde |\n|---|---|\n| KD-88213 | Petra Lange |", ["KD-88213"]),
        (CUSTOMERS, "matrikelnummer: 1234567", ["1234567"]),
        (CUSTOMERS, 'level=info msg="reset" customer_id=C-100234 ok', ["C-100234"]),  # a log
        (BIRTHS, '{"dob": "1985-04-03", "hired": "2019-02-01"}', ["1985-04-03"]),
        (BIRTHS, "<birthDate>3. April 1985</birthDate>", ["3. April 1985"]),
        (BIRTHS, "BEGIN:VCARD\nFN:Anna Schmidt\nBDAY:19850403\nEND:VCARD", ["19850403"]),
        (BIRTHS, "BDAY;VALUE=date:1985-04-03", ["1985-04-03"]),  # a card's parameters
        (PLACES, '{"first_name": "Jonas", "city": "Leipzig"}', ["Leipzig"]),  # a person's record
        (PLACES, "Geburtsort: Frankfurt am Main", ["Frankfurt am Main"]),  # personal anyway
    ],
)
def test_values_under_their_field(
    recognizer: RecordFieldRecognizer, text: str, expected: list[str]
) -> None:
    assert found(recognizer, text) == expected


@pytest.mark.parametrize(
    ("recognizer", "text"),
    [
        (PLACES, '{"city": "Berlin", "temperature": 3}'),  # no person: a weather report
        (PLACES, "Kunde;Stadt\nSiemens AG;München"),  # a company's town
        (PLACES, "Kunde;Stadt\nSiemens AG;München\nWeber GmbH;Bonn"),
        (PLACES, "| Datum | Ort | Thema |\n|---|---|---|\n| 12.05. | Köln | Kickoff |"),
        (PLACES, '{"name": "Anna Schmidt", "city": "berlin-1"}'),  # no place's name
        (BIRTHS, '{"birthday": "03.04."}'),  # no year: a birthday, not a date of birth
        (EMPLOYEES, '{"employee_id": null}'),
        (EMPLOYEES, "Personalnummer;Name\nunbekannt;Anna Schmidt"),  # no digit
    ],
)
def test_no_value_of_the_kind(recognizer: RecordFieldRecognizer, text: str) -> None:
    assert found(recognizer, text) == []


def test_an_sql_insert_s_columns_row_by_row() -> None:
    text = (
        "INSERT INTO kunden (kundennummer, name, geburtsdatum, ort) VALUES\n"
        "  ('KD-88213', 'Petra Lange', '1979-11-17', 'Bonn'),\n"
        "  ('KD-88214', 'Siemens AG', NULL, 'München');"
    )
    assert found(CUSTOMERS, text) == ["KD-88213", "KD-88214"]
    assert found(BIRTHS, text) == ["1979-11-17"]
    assert found(PLACES, text) == ["Bonn"]  # the company's town stays


CARDS = CardAddressRecognizer("de")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ADR;TYPE=HOME:;;Lindenweg 12;Bonn;;53111;Germany", ["Lindenweg 12;Bonn;;53111"]),
        ("item1.ADR;type=HOME:Postfach 12;;Hauptstr. 5\\;HH;Berlin;;10115;", ["Postfach 12;;Hauptstr. 5\\;HH;Berlin;;10115"]),
        ("adr:;;;Köln;;;", ["Köln"]),
        ("ADR;TYPE=WORK:;;;;;;Germany", []),  # a country alone places no one
        ("ADR: Klasse 3", []),  # no card's address: the dangerous-goods rule
    ],
)
def test_a_contact_card_s_address(text: str, expected: list[str]) -> None:
    assert found(CARDS, text) == expected
