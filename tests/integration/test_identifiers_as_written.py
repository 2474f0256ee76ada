"""Identifiers as people write them, through the real engine and the shipped policy: German
document, tax and insurance numbers (a context word lifts a document number over the
threshold, without one it stays untouched), spaced IBANs, glued phone labels, dates of birth
(other dates stay untouched); addresses and phone numbers that overlap another finding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from guardrails.engine import GuardEngine, load_engine
from guardrails.settings import GuardrailSettings

pytestmark = pytest.mark.integration

POLICY = Path(__file__).resolve().parents[2] / "configs" / "policy.yaml"


@pytest.fixture(scope="module")
def engine() -> Iterator[GuardEngine]:
    e = load_engine(GuardrailSettings(policy_file=POLICY, detection_cache_size=0))
    yield e
    e.close()


def protected(engine: GuardEngine, text: str, language: str) -> list[tuple[str, str]]:
    analysis = engine.analyze(text, language=language)
    return [
        (d.finding.entity_type, text[d.finding.start : d.finding.end])
        for d in analysis.decisions
        if d.action != "allow"
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Meine Personalausweisnummer ist T22000129.", "de", ("DE_ID_CARD", "T22000129")),
        ("Personalausweis Nr. T220001293 liegt bei", "de", ("DE_ID_CARD", "T220001293")),
        ("Die Nummer meines Reisepasses: C01X00T47", "de", ("DE_PASSPORT", "C01X00T47")),
        ("my German passport number is C01X00T478", "en", ("DE_PASSPORT", "C01X00T478")),
        ("Steuer-ID: 65 929 970 489", "de", ("DE_TAX_ID", "65 929 970 489")),
        ("Die Steuernummer der Mandantin lautet 21/815/08150.", "de",
         ("DE_TAX_NUMBER", "21/815/08150")),
        ("St.-Nr. 143/234/56789", "de", ("DE_TAX_NUMBER", "143/234/56789")),
        ("Meine KV-Nummer ist T987654321.", "de", ("DE_HEALTH_INSURANCE", "T987654321")),
        ("Rentenversicherungsnummer 12 150485 M 018", "de",
         ("DE_SOCIAL_SECURITY", "12 150485 M 018")),
        ("Sozialversicherungsnummer 65 170839 J 003", "de", ("DE_SOCIAL_SECURITY", "65 170839 J 003")),
        ("IBAN DE 89 3704 0044 0532 0130 00", "de", ("IBAN_CODE", "DE 89 3704 0044 0532 0130 00")),
        ("Tel.-Nr. 030 1234567", "de", ("PHONE_NUMBER", "030 1234567")),
        ("Tel.+49 30 1234567", "de", ("PHONE_NUMBER", "+49 30 1234567")),
        ("Erika Mustermann, geb. am 12.08.1964 in Köln", "de", ("DATE_OF_BIRTH", "12.08.1964")),
        ("DOB: 02/01/1980", "en", ("DATE_OF_BIRTH", "02/01/1980")),
        ("Please tell me your date of birth. It's 3/23/1940", "en", ("DATE_OF_BIRTH", "3/23/1940")),
        ("Mein Geburtsdatum ist der 12.03.1985.", "de", ("DATE_OF_BIRTH", "12.03.1985")),
        ("Svenja hat am 12.05.1990 Geburtstag.", "de", ("DATE_OF_BIRTH", "12.05.1990")),
        ("Anna Schmidt, * 12.03.1985 in Köln", "de", ("DATE_OF_BIRTH", "12.03.1985")),
        ("My website is http://www.visualtrips.hu/", "en", ("PERSONAL_URL", "http://www.visualtrips.hu/")),
        ("Meine private Homepage lautet: anna-schmidt.de.", "de", ("PERSONAL_URL", "anna-schmidt.de")),
        ("She was born on March 12, 1985.", "en", ("DATE_OF_BIRTH", "March 12, 1985")),
        ("Kontakt: anna.schmidt(at)firma.de", "de", ("EMAIL_ADDRESS", "anna.schmidt(at)firma.de")),
        ("write to j.doe [at] example [dot] com", "en", ("EMAIL_ADDRESS", "j.doe [at] example [dot] com")),
        ("My passport number is 533380006.", "en", ("US_PASSPORT", "533380006")),
        ("Frau Krüger (Personalnummer 004711) hat gekündigt.", "de", ("EMPLOYEE_ID", "004711")),
        ("my employee ID is E-482913.", "en", ("EMPLOYEE_ID", "E-482913")),
        ("Meine Kundennummer ist 4711-22, bitte prüfen.", "de", ("CUSTOMER_ID", "4711-22")),
        ("Customer: Siobhan O'Sullivan, policy no. PL-2298471.", "en", ("CUSTOMER_ID", "PL-2298471")),
        ("Kontonummer 1234567890, BLZ 370 400 44", "de", ("BANK_ACCOUNT", "1234567890")),
        ("account number 31926819, sort code 20-00-00", "en", ("BANK_ACCOUNT", "31926819")),
        ("Wire details: account 12345678, routing 021000021", "en", ("BANK_ACCOUNT", "12345678")),
        ("social security number: 536228726", "en", ("US_SSN", "536228726")),
        ("Mein Passwort für das Portal ist Sommer2024!", "de", ("PASSWORD", "Sommer2024!")),
        ("my password is hunter2.", "en", ("PASSWORD", "hunter2")),
        ("password: hunter2", "en", ("PASSWORD", "hunter2")),  # the tagger read a name
        ("Mein Login ist mmueller2, Passwort Sommer2024!", "de", ("PASSWORD", "Sommer2024!")),
        ("Patient Sarah O'Brien (MRN 8812345), 45 y/o", "en", ("MEDICAL_RECORD", "8812345")),
        ("export OPENAI_API_KEY=sk-proj-4fG7hJ2kL9mN3pQ6rS8tU1vW5xY0zA2b", "en",
         ("SECRET", "sk-proj-4fG7hJ2kL9mN3pQ6rS8tU1vW5xY0zA2b")),
        ("Die DB-URL ist postgres://admin:S3cretPa55@db.internal:5432/prod", "de",
         ("SECRET", "S3cretPa55")),
        ("MAC 00:1A:2B:3C:4D:5E is Laura's laptop.", "en", ("MAC_ADDRESS", "00:1A:2B:3C:4D:5E")),
        ("My driver's license number is 425700624", "en", ("US_DRIVER_LICENSE", "425700624")),
        ("My driver's license number is LH329609T", "en", ("US_DRIVER_LICENSE", "LH329609T")),
        ("Meine Führerscheinnummer ist B072RRE2I55.", "de", ("DE_FUEHRERSCHEIN", "B072RRE2I55")),
        ("National Insurance number AB 12 34 56 C", "en", ("UK_NINO", "AB 12 34 56 C")),
        ("card 4111 1111 1111 1111 exp 12/27 cvv 123", "en", ("PASSWORD", "123")),
        ("Kreditkarte 4111 1111 1111 1111, Prüfnummer 123", "de", ("PASSWORD", "123")),
        ("Die MAC-Adresse 00-1a-2b-3c-4d-5e ist gesperrt.", "de", ("MAC_ADDRESS", "00-1a-2b-3c-4d-5e")),
        ("My passport number is X1234567.", "en", ("US_PASSPORT", "X1234567")),
        ("Meine Reisepassnummer lautet C01X00T47.", "de", ("DE_PASSPORT", "C01X00T47")),
        ("The VIN is 1HGCM82633A004352.", "en", ("VEHICLE_ID", "1HGCM82633A004352")),
        ("License plate: ABC-1234 (California).", "en", ("VEHICLE_ID", "ABC-1234")),
        ("Bitcoin address 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 received it.", "en",
         ("CRYPTO", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")),
        ("The GPS coordinates of his home: 52.5200, 13.4050", "en",
         ("GEO_COORDINATES", "52.5200, 13.4050")),
        ("Sie wohnt bei 48.137154, 11.576124, gleich neben dem Park.", "de",
         ("GEO_COORDINATES", "48.137154, 11.576124")),
        # a number read out digit by digit in a transcript
        ("my phone number is five five five one two three four", "en",
         ("PHONE_NUMBER", "five five five one two three four")),
        ("meine Kundennummer ist vier sieben eins eins", "de", ("CUSTOMER_ID", "vier sieben eins eins")),
        ("call me on oh seven seven double nine, one two three four five six", "en",
         ("PHONE_NUMBER", "oh seven seven double nine, one two three four five six")),
        ("my number is 07799123456", "en", ("PHONE_NUMBER", "07799123456")),
        ("Treffpunkt 52°31'12.0\"N 13°24'18.0\"E", "de",
         ("GEO_COORDINATES", "52°31'12.0\"N 13°24'18.0\"E")),
    ],
)
def test_numbers_as_people_write_them_are_protected(
    engine: GuardEngine, text: str, language: str, expected: tuple[str, str]
) -> None:
    assert expected in protected(engine, text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Bestellcode C01X00T47 ist versandt.",
        "Artikel T220001293 ist auf Lager.",
        "Das Meeting ist am 12.08.2026 um 10 Uhr.",  # a date without a birth cue
        "Mein Geburtstag ist am 12. März.",  # no year: a birthday, not a date of birth
        "Führerschein Klasse B seit 2010",  # a class and a year, no number
        "Unsere Webseite ist www.firma.de, Details unter firma.de/karriere.",  # a company's site
        "Die AUC liegt bei 0.91234, 0.87651 im Vorjahr.",  # statistics, not a place
        "Das Paket hat Länge: 12.50 cm, Breite: 48.50 cm.",  # a box's size
    ],
)
def test_codes_and_dates_without_context_stay(engine: GuardEngine, text: str) -> None:
    assert protected(engine, text, "de") == []


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        # the name's span reads "Apt" into it and wins: the rest of the address stays protected
        ("Please forward it to Mrs. Clara Whitfield Apt. 12, 48 Bramble Lane, Denton.", "en",
         "48 Bramble Lane"),
        # a phone word is no part of the address before it
        ("Die Rechnung an Hauptstr. 5, 80331 München Tel. 089 123456", "de", "123456"),
        ("Die Rechnung an Hauptstr. 5, 80331 Teststadt Tel 089 123456", "de", "123456"),
        # the town after a postcode
        ("Bitte an Musterstraße 12, 10115 Berlin schicken.", "de", "Berlin"),
        # a flat's floor between the street and the postcode
        ("Die Wohnung liegt in der Goethestr. 12a, 2. OG links, 60313 Frankfurt am Main.", "de",
         "60313"),
        ("Send it to 12 Oak Street, 2nd Floor, London SW1A 2AA.", "en", "London"),
        # a US address: the quarter after the street type, the zip code before a full stop
        ("My home address is 1600 Pennsylvania Ave NW, Washington, DC 20500.", "en", "NW"),
        ("My home address is 1600 Pennsylvania Ave NW, Washington, DC 20500.", "en", "20500"),
        # a street named by a street-type word, an Irish Eircode, the town after "in"
        ("Ship to: Dr. Samuel Okafor, 12 Harbour View, Cork T12 X8F2, Ireland", "en",
         "12 Harbour View"),
        ("Ship to: Dr. Samuel Okafor, 12 Harbour View, Cork T12 X8F2, Ireland", "en", "T12 X8F2"),
        ("Herr Schmitz wohnt in der Goethestraße 12 in Frankfurt am Main.", "de", "Frankfurt"),
        # a numbered street; a US number with its area code in parentheses
        ("Meet me at 350 5th Ave, New York, NY 10118 tomorrow.", "en", "350 5th Ave"),
        ("Call +1 (415) 555-0134 after lunch", "en", "(415)"),
        # the birthplace after the date of birth, and the date before a German "geboren"
        ("Lebenslauf von Svetlana Ivanova, geb. 1988 in Minsk.", "de", "Minsk"),
        ("Herr Braun wurde am 3. April 1970 in Dresden geboren.", "de", "3. April 1970"),
        ("She was born on 2 May 1979 in Cork.", "en", "Cork"),
        # a place the rules read on into a name keeps what sticks out of it
        ("Sie ist geb. 1988 in Minsk Clara Whitfield hat angerufen", "de", "Minsk"),
        # a post box printed in pairs of digits, a Viennese door number
        ("Bitte an Postfach 10 20 30, 70173 Stuttgart", "de", "20 30"),
        ("Mariahilfer Straße 12/3/14, 1060 Wien", "de", "14"),
        # a postcode with its country's letters, and the town after it
        ("Bitte an: Musterweg 5, D-80331 München", "de", "80331"),
        ("Lieferung an Hauptstraße 1, A-1010 Wien, Österreich", "de", "Wien"),
        # a parcel station's post number; a personal profile link
        ("Bitte an Packstation 123, Postnummer 12345678, 80331 München liefern.", "de",
         "12345678"),
        ("My LinkedIn is https://www.linkedin.com/in/jane-doe-4b2a1/ if you want to connect.",
         "en", "jane-doe-4b2a1"),
        # the country line after the town of an address block
        ("Ship it to:\n24 St Marys Rd\nApt. 389\nWinnipeg\nArgentina\nThanks!", "en", "Argentina"),
        # a one-line address: the ZIP code and town after the street, the town after the unit
        ("Ship to 500 Main St Springfield IL 62704", "en", "62704"),
        ("Ship to 500 Main St Springfield IL 62704", "en", "Springfield"),
        ("I'd like it sent to 07 173 Raycroft Street Apt. 018 Woolston Christchurch", "en", "Woolston"),
        # a Spanish floor and door, a Polish flat, before the postcode and town
        ("Enviar a Javier Ortega Ruiz, Calle de Alcalá 45, 3º B, 28014 Madrid", "en", "28014"),
        ("Wysyłka do: Katarzyna Wójcik, ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa", "en",
         "00-514"),
    ],
)  # fmt: skip
def test_no_part_of_an_address_or_phone_number_goes_out_bare(
    engine: GuardEngine, text: str, language: str, value: str
) -> None:
    analysis = engine.analyze(text, language=language)
    start = text.index(value)
    covered = [
        d for d in analysis.decisions
        if d.action != "allow" and d.finding.start <= start and start + len(value) <= d.finding.end
    ]  # fmt: skip
    assert covered, f"{value!r} is not protected"


def test_a_nine_digit_number_without_a_passport_word_stays(engine: GuardEngine) -> None:
    assert protected(engine, "Order 533380006 shipped on Monday.", "en") == []


def test_an_address_block_in_a_mixed_language_message_stays_protected(engine: GuardEngine) -> None:
    # German, then an English address block and sentence: "Apt." ends no language run, so the
    # address's unit, town and country are read together
    text = (
        "Die Unterlagen sind schon in der Post und kommen bald bei dir an.\nAnna Berger\n"
        "24 St Marys Rd\nApt. 389\nWinnipeg\nArgentina\nThe parcel will be there soon, thanks."
    )
    analysis = engine.analyze(text)
    for value in ("Berger", "389", "Winnipeg", "Argentina"):
        start = text.index(value)
        assert any(
            d.action != "allow" and d.finding.start <= start < d.finding.end
            for d in analysis.decisions
        ), f"{value!r} is not protected"
