"""Real Presidio + spaCy detection under the shipped policy: German and English, ordinary
content untouched, and the unit tests' fake detector checked against the real thing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guardrails.findings import resolve_overlaps
from guardrails.gateway import PolicyGuard, build_guard
from guardrails.settings import GuardrailSettings
from serving.stages import CallerContext
from tests.unit.guard_fakes import FakeDetector

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
POLICY = REPO / "configs" / "policy.yaml"


@pytest.fixture(scope="module")
def guard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PolicyGuard]:
    root = tmp_path_factory.mktemp("guard")
    # the fallback name rules, whatever the tagger's artifact folder holds right now
    settings = GuardrailSettings(policy_file=POLICY, ner_artifact_dir=root / "no-tagger")
    g = build_guard(settings, root / "data", environ={})
    yield g
    g.close()


def seen_by_model(guard: PolicyGuard, text: str, team: str = "web") -> str:
    ctx = CallerContext("r", "k", team, (), f"c-{abs(hash(text))}")
    call = asyncio.run(guard.guard_input([{"role": "user", "content": text}], ctx))
    content = call.messages[0]["content"]
    assert isinstance(content, str)
    return content


PROTECTED = [
    (
        "en",
        "Please email John Smith at john.smith@example.com or call +1 212-555-0199.",
        ["John Smith", "john.smith@example.com", "212-555-0199"],
    ),
    (
        "en",
        "Wire it to IBAN GB82 WEST 1234 5698 7654 32, card 4111 1111 1111 1111.",
        ["GB82 WEST 1234 5698 7654 32", "4111 1111 1111 1111"],
    ),
    (
        "en",
        "She lives at 12 Baker Street, her server is 192.168.10.24.",
        ["12 Baker Street", "192.168.10.24"],
    ),
    ("en", "My SSN is 078-05-1120.", ["078-05-1120"]),
    ("de", "Herr Müller wohnt in der Hauptstraße 5, 10115 Berlin.", ["Müller", "Hauptstraße 5"]),
    (
        "de",
        "Bitte überweisen Sie an DE89 3704 0044 0532 0130 00, Telefon 030 12345678.",
        ["DE89 3704 0044 0532 0130 00", "030 12345678"],
    ),
    (
        "de",
        "Meine Steuer-ID ist 86095742719, E-Mail anna.schmidt@firma.de.",
        ["86095742719", "anna.schmidt@firma.de"],
    ),
    ("de", "Unsere USt-IdNr. lautet DE123456789.", ["DE123456789"]),
    ("de", "Anna Schmidt und Peter Becker kommen morgen.", ["Anna Schmidt", "Peter Becker"]),
    ("de", "Die Kundennummer KD-123456 gehört zum Vertrag.", ["KD-123456"]),
    ("de", "Das Kennzeichen meines Dienstwagens ist M-AB 1234.", ["M-AB 1234"]),
    ("de", "Meine Personalausweisnummer ist T22000129.", ["T22000129"]),
    ("de", "Die Personalnummer von Frau Peters ist 004711.", ["Peters", "004711"]),
    ("en", "Ship it to 12 Elm Rd, Mountain View, CA 94043 (office).", ["12 Elm Rd", "94043"]),
    (
        "en",
        "Thanks for the update, I will check.\n\nThanks,\n\nHope Winter\nSenior Analyst | Finance",
        ["Hope Winter", "Winter"],
    ),
    ("de", "Petra Lange · Lindenweg 12 · 53111 Bonn\n\nSehr geehrte Damen und Herren,", ["53111"]),
    ("de", "Meine Matrikelnummer ist 1234567, die Prüfung ist am Freitag.", ["1234567"]),
]


@pytest.mark.parametrize(("lang", "text", "values"), PROTECTED)
def test_personal_data_never_reaches_the_model(
    guard: PolicyGuard, lang: str, text: str, values: list[str]
) -> None:
    assert guard.engine.languages.detect(text) == lang
    seen = seen_by_model(guard, text)
    for value in values:
        assert value not in seen, (value, seen)


def types_found(guard: PolicyGuard, text: str) -> set[tuple[str, str]]:
    analysis = guard.engine.analyze(text, "web", "en")
    return {(d.finding.entity_type, text[d.finding.start : d.finding.end]) for d in analysis.decisions}


def test_an_nhs_number_is_one_after_its_cue_only(guard: PolicyGuard) -> None:
    # a policy blocking NHS numbers must see one; ten digits alone stay a phone number
    cued = "Her NHS number is 943 476 5919, please update the record."
    assert types_found(guard, cued) == {("UK_NHS", "943 476 5919")}
    bare = "Call me on 943 476 5919 tomorrow."
    assert types_found(guard, bare) == {("PHONE_NUMBER", "943 476 5919")}


def test_an_hr_export_s_columns_are_protected_by_their_names(guard: PolicyGuard) -> None:
    text = (
        "Personalnummer;Name;Geburtsdatum;Wohnort;Eintritt\n"
        "004711;Schmidt, Anna;03.04.1985;Köln;01.02.2019"
    )
    types = {value: kind for kind, value in types_found(guard, text)}
    assert types["004711"] == "EMPLOYEE_ID"
    assert types["03.04.1985"] == "DATE_OF_BIRTH"
    assert types["Köln"] == "PERSONAL_LOCATION"
    assert "01.02.2019" not in types  # a hire date is no one's
    weather = '{"city": "Berlin", "temperature": 3, "date": "2024-03-04"}'
    assert seen_by_model(guard, weather) == weather
    # a town is personal in its person's row only
    mixed = seen_by_model(guard, "Kunde;Stadt;Umsatz\nSiemens AG;München;1,2\nLange, Petra;Bonn;0,1")
    assert "Siemens AG;München" in mixed and "Bonn" not in mixed and "Lange" not in mixed


def test_a_log_s_users_customers_and_encoded_addresses(guard: PolicyGuard) -> None:
    log = (
        "2024-05-03 12:00:07 WARN failed login user=mkoch src=10.0.0.5\n"
        'level=info msg="reset" customer_id=C-100234 lastName=Lange\n'
        "GET /api/users?email=petra.lange%40firma.de 200"
    )
    seen = seen_by_model(guard, log)
    for value in ("mkoch", "C-100234", "Lange", "petra.lange"):
        assert value not in seen, (value, seen)
    assert "WARN failed login user=" in seen and "GET /api/users?email=" in seen


ORDINARY = [
    "Berlin is the capital of Germany and Paris the capital of France.",
    "Siemens AG and Microsoft announced a partnership on Monday, 3 March 2025.",
    "Python 3.12 and Kubernetes 1.30 run on Ubuntu 24.04 in our AWS eu-central-1 region.",
    "The iPhone 15 costs 999 dollars; revenue grew 12 percent in Q3 2024.",
    "Die Deutsche Bahn fährt von München nach Hamburg in sechs Stunden.",
    "Am 1. Januar 2025 tritt die neue Datenschutzrichtlinie der Europäischen Union in Kraft.",
    "Der Umsatz von Volkswagen stieg im Jahr 2023 um 8 Prozent.",
    "See https://docs.python.org/3/library/re.html for the regex syntax.",
    "Die Bestellnummer T22000129 ist unterwegs.",  # ID-card shaped, but no ID-card context
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_content_passes_untouched(guard: PolicyGuard, text: str) -> None:
    assert seen_by_model(guard, text) == text


def test_teams_change_actions(guard: PolicyGuard) -> None:
    from serving.errors import PolicyBlocked

    with pytest.raises(PolicyBlocked, match="CREDIT_CARD"):
        seen_by_model(guard, "card 4111 1111 1111 1111", team="payments")
    seen = seen_by_model(guard, "IBAN DE89 3704 0044 0532 0130 00", team="payments")
    assert seen.endswith("30 00") and "3704" not in seen


STRUCTURED = [
    "mail john.smith@example.com today",
    "IBAN DE89 3704 0044 0532 0130 00 please",
    "IBAN DE89370400440532013000 please",
    "card 4111 1111 1111 1111 ok",
    "card 4111-1111-1111-1111 ok",
    "call +49 30 1234567 now",
    "Telefon 030 12345678 bitte",
]


@pytest.mark.parametrize("text", STRUCTURED)
def test_fake_detector_agrees_with_presidio_on_structured_types(
    guard: PolicyGuard, text: str
) -> None:
    language = guard.engine.languages.detect(text)
    # compared after overlap resolution: what the policy would act on
    real = resolve_overlaps(guard.engine.snapshot.detector.detect_structured(text, language))
    fake = resolve_overlaps(FakeDetector(names=()).detect_structured(text, language))

    def spans(findings: list[Any]) -> set[tuple[str, str]]:
        return {(f.entity_type, text[f.start : f.end]) for f in findings}

    assert spans(fake) == spans(real) - {
        (t, v)
        for t, v in spans(real)
        if t not in {"EMAIL_ADDRESS", "IBAN_CODE", "CREDIT_CARD", "PHONE_NUMBER"}
    }


def test_language_is_detected_per_text(guard: PolicyGuard) -> None:
    # a German chunk inside an English conversation still gets the German recognizers
    ctx = CallerContext("r", "k", "web", (), "mixed")
    call = asyncio.run(
        guard.guard_input(
            [
                {"role": "user", "content": "Please check the following tax record."},
                {"role": "user", "content": "Die Steuer-ID von Frau Schmidt ist 86095742719."},
            ],
            ctx,
        )
    )
    assert "86095742719" not in call.messages[1]["content"]
    assert "Schmidt" not in call.messages[1]["content"]


def test_trained_person_tagger_is_used_when_present(tmp_path: Path) -> None:
    from guardrails.person_names import tagger_folder
    from guardrails.settings import DEFAULT_NER_ARTIFACTS

    if tagger_folder(DEFAULT_NER_ARTIFACTS) is None:
        pytest.skip("no trained person-name tagger in guardrails/ner/artifacts")
    settings = GuardrailSettings(policy_file=POLICY)  # default: the tagger's folder
    guard = build_guard(settings, tmp_path, environ={})
    try:
        text = "Gestern hat Jonas Becker die Unterlagen an Frau Özdemir geschickt."
        analysis = guard.engine.analyze(text, "web")
        people = {
            text[d.finding.start : d.finding.end]: d.finding.recognizer for d in analysis.decisions
        }
        assert "PersonNerRecognizer" in people.values()
        assert "Jonas Becker" in people and "Özdemir" in people
    finally:
        guard.close()


def test_an_address_span_holds_no_words_of_the_sentence(guard: PolicyGuard) -> None:
    # the year of the date before it was read as a house number and took "er wohnt in der"
    text = "Sein Geburtstag ist am 14. Juli 1987, er wohnt in der Gartenstraße 3 in Fulda."
    seen = seen_by_model(guard, text)
    assert "Gartenstraße" not in seen and "Fulda" not in seen
    assert ", er wohnt in der " in seen
    # the house number was read as the start of a street "15, beginnt am 1"
    seen = seen_by_model(guard, "Wohnhaft in 44135 Dortmund, Hoher Wall 15, beginnt am 1.4.")
    assert "Hoher Wall" not in seen and ", beginnt am 1.4." in seen


def test_a_labelled_tax_id_with_a_typo_is_protected(guard: PolicyGuard) -> None:
    seen = seen_by_model(guard, "Meine Steuer-ID ist 12 345 678 901, bitte eintragen.")
    assert "12 345 678 901" not in seen and "Meine Steuer-ID ist " in seen
