"""Names in structured data: name fields and name columns (guardrails.recognizers.name_fields)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.person_names import is_known_name
from guardrails.recognizers.fields import fields, folded_field
from guardrails.recognizers.name_fields import NameFieldRecognizer

RECOGNIZER = NameFieldRecognizer(is_known_name, "de")


def found(text: str) -> list[str]:
    return [text[start:end] for start, end, _score in RECOGNIZER.spans(text)]


def test_field_names_compare_without_case_and_separators() -> None:
    assert {folded_field(n) for n in ("lastName", "Last name", "last_name", "LAST-NAME")} == {
        "lastname"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"first_name": "Jonas", "last_name": "Becker", "city": "Leipzig"}', ["Jonas", "Becker"]),
        ("{'surname': 'Okonkwo'}", ["Okonkwo"]),  # any surname under a name part's field
        ('user = User(firstName="Ines", lastName="Brückner")', ["Ines", "Brückner"]),
        ('{"name": "Anna Schmidt", "role": "admin"}', ["Anna Schmidt"]),  # a known name
        ('{"Nachname": "Lange", "Vorname": "Petra"}', ["Lange", "Petra"]),
        ("Vorname: Petra\nNachname: Lange\nAbteilung: Einkauf", ["Petra", "Lange"]),  # a form
        ("first name: Hope\nlast name: Winter", ["Hope", "Winter"]),
        ("- name: Lange\n  team: Einkauf\n- name: Krause", ["Lange", "Krause"]),  # YAML
        ("<lastName>Lange</lastName><city>Bonn</city>", ["Lange"]),  # XML
        ('user.setLastName("Lange");', ["Lange"]),  # a setter
        ("UserNotFound: lastName=Lange and firstName=Petra", ["Lange", "Petra"]),  # a log
        # JSON inside a JSON string (a tool's result passed on as text)
        ('{"result": "{\\"last_name\\": \\"Becker\\", \\"city\\": \\"Bonn\\"}"}', ["Becker"]),
    ],
)
def test_the_value_of_a_name_field(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "prod-cluster", "owner": "platform-team"}',  # no known name
        '{"name": "Berlin", "author": "Data Team"}',
        '{"last_name": null, "first_name": "TBD"}',  # nobody
        '{"last_name": "4711"}',  # no letters: an id
        '{"customer": "Müller GmbH"}',  # a company
        'filename = "report.pdf"',  # no name field
        "name: nginx\nimage: nginx:1.25",
        "name: jordan-api",  # lower case: a service, however known "jordan" is
        "    name: Build and Test\n    runs-on: ubuntu-latest",
        "Name: Projekt Phoenix\nKunde: Siemens AG",
        "Mitarbeiter: Sommer (Vertrieb)",  # more than a name: the tagger's business
    ],
)
def test_other_fields_stay(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Name;Abteilung;Telefon\nSchmidt, Anna;Vertrieb;089 1234\nLange, Petra;Einkauf;089 1235",
            ["Schmidt, Anna", "Lange, Petra"],  # one person per cell
        ),
        (
            "| Mitarbeiter | Standort |\n|---|---|\n| Krause | Köln |\n| Weber | Bonn |",
            ["Krause", "Weber"],
        ),
        (
            'last_name,first_name,team\n"Okafor",Chidi,Ops\nBrandtner,Eva,Dev',
            ["Okafor", "Chidi", "Brandtner", "Eva"],  # any name under a name part's column
        ),
        ("Vorname\tNachname\nAnna\tSchmidt\n\nDanach kommt Text.", ["Anna", "Schmidt"]),
    ],
)
def test_the_cells_of_a_name_column(text: str, expected: list[str]) -> None:
    assert sorted(found(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "| Name | Preis |\n|---|---|\n| Widget Pro | 19,99 € |\n| Gadget | 5 € |",
        "name,version,license\nrequests,2.31.0,Apache-2.0\nnumpy,1.26.4,BSD-3-Clause",
        "Kunde;Umsatz\nSiemens AG;1,2 Mio\nMüller GmbH;0,5 Mio",
        "| Owner | Service |\n|---|---|\n| Platform Team | Kafka |",
        "Name;Abteilung\nein Satz mit mehr Spalten; als der Kopf; hat",  # not a row of it
    ],
)
def test_other_columns_and_tables_stay(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "INSERT INTO employees (first_name, last_name, email) VALUES "
            "('Petra', 'Lange', 'p.lange@example.de');",
            ["Petra", "Lange"],
        ),
        (  # several rows, quoted column names, a doubled quote, NULL and a function call
            'insert into `kunden` (`vorname`, "nachname", erstellt) values\n'
            "  ('Jürgen', 'O''Neill', NOW()),\n  ('Sabine', NULL, DATE('2024-01-02'));",
            ["Jürgen", "O''Neill", "Sabine"],
        ),
        (  # directory entries and calendar invitations
            "CN=Schmidt\\, Anna,OU=Users,OU=Berlin,DC=corp,DC=example,DC=com",
            ["Schmidt\\, Anna"],
        ),
        ("(&(objectClass=user)(cn=Klaus Fischer))", ["Klaus Fischer"]),
        ("ATTENDEE;CN=Nina Krüger:mailto:nina@example.de", ["Nina Krüger"]),
        ('ORGANIZER;CN="Krüger, Nina":mailto:nina@example.de', ["Krüger, Nina"]),
        # a name that is also a word counts beside other names
        ('{"name": "Frank Miller"}', ["Frank Miller"]),
        # a query string's encoded space
        ("GET /api/users?name=Anna%20Schmidt&role=admin", ["Anna%20Schmidt"]),
        ("GET /search?lastName=Lange&firstName=Petra+Maria", ["Lange", "Petra+Maria"]),
    ],
)
def test_names_in_sql_inserts_and_directory_entries(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "INSERT INTO products (name, price) VALUES ('Widget Pro', 9.99), ('Build Server', 120);",
        "INSERT INTO teams (name, owner) VALUES ('Platform', NULL);",
        "INSERT INTO users (first_name, last_name) VALUES ('Petra');",  # not a row of it
        "INSERT INTO users VALUES ('Petra', 'Lange');",  # no columns named
        "CN=Domain Admins,CN=Users,DC=corp,DC=example,DC=com",
        "memberOf: CN=VPN-Users,OU=Groups,DC=firma,DC=local",
        "Subject: CN=www.example.com, O=Example Ltd",
        '{"owner": "Sales Team"}',  # "Sales" is a surname, and a word
        "Please insert into the table the values from last week (cn=3, n=5).",
    ],
)
def test_other_sql_rows_and_directory_entries_stay(text: str) -> None:
    assert found(text) == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["INSERT INTO t (vorname, ort) VALUES ", "(", ")", "'", "''", ",", " ", "NULL",
             "Anna", "\\", "\n", "CN=", '"', "cn=Lange"]
        ),
        max_size=25,
    ).map("".join)
)
def test_any_sql_or_directory_text_reads_without_error(text: str) -> None:
    for field in fields(text, lambda _key: True):
        assert 0 <= field.start < field.end <= len(text)
