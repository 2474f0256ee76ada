"""Tresor's own recognizers (phone, street address, IBAN, e-mail), table-driven over written
formats.

All values are invented for these tests. A case names the exact text that must be found
(``None``: nothing may be found at or above the type's usual threshold).
"""

from __future__ import annotations

import pytest

from guardrails.findings import Finding
from guardrails.presidio_detector import (
    _without_lone_names_on_tagged_places,
    _without_ner_over_identifiers,
    _without_tail,
)
from guardrails.presidio_recognizers import OfflineEmailRecognizer, SpelledOutEmailRecognizer
from guardrails.recognizers.address import find_addresses
from guardrails.recognizers.iban import IbanCodeRecognizer, checksum_ok, iban_span
from guardrails.recognizers.phone import SSN_SHAPE_SCORE, PhoneNumberRecognizer

PHONE_THRESHOLD = 0.4  # configs/policy.yaml
ADDRESS_THRESHOLD = 0.5  # the default threshold
ADDRESS_CONTEXT_BOOST = 0.35  # ContextWindow's boost for a nearby context word


def phones(text: str) -> list[str]:
    found = PhoneNumberRecognizer("en").analyze(text, ["PHONE_NUMBER"])
    return [text[r.start : r.end] for r in found if r.score >= PHONE_THRESHOLD]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # international, E.164 with and without separators
        ("Reach me on +49 30 1234567 today", "+49 30 1234567"),
        ("Reach me on +4930123456789.", "+4930123456789"),
        ("Büro: +49 (0) 30 1234567", "+49 (0) 30 1234567"),
        ("our Zurich desk +41 44 668 18 00", "+41 44 668 18 00"),
        ("dial 0044 20 7946 0958 from abroad", "0044 20 7946 0958"),
        ("+1-202-555-0143 is the main line", "+1-202-555-0143"),
        ("+33.1.23.45.67.89 in Paris", "+33.1.23.45.67.89"),
        # German national numbers
        ("Ruf mich an: 030 12345678", "030 12345678"),
        ("Handy 0171-1234567", "0171-1234567"),
        ("Zentrale (030) 123 456", "(030) 123 456"),
        ("Fax 089/1234567", "089/1234567"),
        # North American
        ("Call (555) 123-4567 after lunch", "(555) 123-4567"),
        ("my cell is 555.123.4567", "555.123.4567"),
        ("office: 555-123-4567 ext. 12", "555-123-4567 ext. 12"),
        ("555-123-4567x123 office", "555-123-4567x123"),
        # local numbers of other countries, made phone numbers by their context
        ("he is not answering at 12-34-56-78", "12-34-56-78"),
        ("you can call 123 45 678", "123 45 678"),
        ("Phone: 01.23.45.67.89", "01.23.45.67.89"),
        ("Tel.:030 1234567", "030 1234567"),
        ("Tel.+49 30 1234567", "+49 30 1234567"),  # a phone word's period glued to the number
        ("Fax.030-1234568", "030-1234568"),
        ("Tel.-Nr. 030 1234567", "030 1234567"),  # the "Nr." of a phone word is no order number
        ("Telefon-Nr.: 0171 1234567", "0171 1234567"),
        ("phone no. 555-123-4567", "555-123-4567"),
        ("T.+49 89 1234567 (Zentrale)", "+49 89 1234567"),
        ("12 345678 office", "12 345678"),
        ("1234 5678-Fax", "1234 5678"),
        ("5551234567 mobile", "5551234567"),
        ("Call me at +39 123456789.", "+39 123456789"),
        ("Tel.: +43 123456789012", "+43 123456789012"),
        ("my number is 12 34 56 78", "12 34 56 78"),
        ("Ihre Nummer: 12 34 56", "12 34 56"),
        # a "+" starts a new number after another one; an ID word vetoes only its own number
        ("Kontonummer 1234567890 +49 30 1234567", "+49 30 1234567"),
        ("Kundennr. 4711, 030 1234567", "030 1234567"),
        ("Apt. 12, Tel. 089 123456", "089 123456"),
        ("Kontonummer 1234567890 Tel. 089 123456", "089 123456"),
        # the area code in parentheses after the country code
        ("Call +1 (415) 555-0134 after lunch", "+1 (415) 555-0134"),
        ("+44 (20) 7946 0018", "+44 (20) 7946 0018"),
        # "number" before a run dialled as phone numbers are (a trunk "0" or a "+") and valid
        ("meine Nummer ist 01711234567", "01711234567"),
        ("my number is 07799123456, call after six", "07799123456"),
        # the phone words and "number" of the colleagues' other languages
        ("Mi móvil es 612 34 56 78.", "612 34 56 78"),
        ("Mój numer: 512 345 678.", "512 345 678"),
        ("txt me at 4155552671 when you land", "4155552671"),
    ],
)
def test_phone_formats_are_found(text: str, expected: str) -> None:
    assert phones(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The release is due on 2026-03-15 at 10:30.",
        "Termin am 15.03.2026 um 14:00 Uhr",
        "dated 03/15/2026 and 3/15/26",
        "Upgrade to version 3.11.4 or 10.2.1.5",
        "The server 192.168.100.200 is down",
        "Order 12345678 shipped; invoice no. 2026-0113",
        "Kundennummer 4711 0815 liegt vor",
        "Total: 1 234,50 € or $ 2 500 000",
        "The price is 1.234.567 EUR",
        "card 4111 1111 1111 1111",
        "IBAN DE89 3704 0044 0532 0130 00",
        "Saison 2008/09, gebaut 1990-2000",
        "about 100 000 users, 12 34 56 78 rows",
        "the number 123456789 alone",
        "my number is 123456789",  # no trunk "0": as often an ID
        "my number is 0000000000",  # no valid number of a common region
        "my social security number is 123456789",
        "driver license number is 12345678",
        "Kundennummer 1234 5678",
        "Bestell-Nr. 030 1234567",
        "Kunden-Nr. 0301234567",
        "Apt. 123 45 67 Main Street",
        "call at 10:30 or at 14:45:00",
    ],
)
def test_non_phones_are_left_alone(text: str) -> None:
    assert phones(text) == []


def test_ssn_shaped_numbers_score_below_the_ssn_recognizer() -> None:
    (found,) = PhoneNumberRecognizer("en").analyze("SSN 078-05-1120", ["PHONE_NUMBER"])
    assert found.score == SSN_SHAPE_SCORE < 0.5  # Presidio's SSN pattern scores 0.5 and up


def test_phone_spans_stop_at_words_and_line_breaks() -> None:
    text = "Phone: 030 1234567\nNext line 42"
    assert phones(text) == ["030 1234567"]


def addresses(text: str, context: bool = False) -> list[str]:
    boost = ADDRESS_CONTEXT_BOOST if context else 0.0
    return [
        text[p.start : p.end]
        for p in find_addresses(text)
        if p.score + (boost if p.score > 0 else 0) >= ADDRESS_THRESHOLD
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She lives at 221B Baker Street, London.", ["221B Baker Street"]),
        ("Send it to 12 Oak Ave. by Friday", ["12 Oak Ave."]),
        ("1600 Pennsylvania Avenue NW", ["1600 Pennsylvania Avenue NW"]),
        ("HQ: 350 Fifth Avenue, Suite 3300", ["350 Fifth Avenue, Suite 3300"]),
        ("4 Privet Drive", ["4 Privet Drive"]),
        ("77 Sunset Blvd", ["77 Sunset Blvd"]),
        ("12 Oak Way", ["12 Oak Way"]),
        ("P.O. Box 1234", ["P.O. Box 1234"]),
        ("Apt. 4B", ["Apt. 4B"]),
        (
            "12 Oak Street\nApt. 4\nSpringfield, IL 62704",
            ["12 Oak Street\nApt. 4", "62704"],
        ),
        ("Springfield, IL 62704-1234 and 12 Elm Road", ["12 Elm Road"]),
        ("PSC 1234, Box 5678\nAPO AE 09012", ["PSC 1234, Box 5678\nAPO AE 09012"]),
        # German and European forms
        ("Musterstraße 12, 10115 Berlin", ["Musterstraße 12, 10115 Berlin"]),
        ("Hauptstr. 5a", ["Hauptstr. 5a"]),
        ("Lindenweg 3-5", ["Lindenweg 3-5"]),
        ("Berliner Straße 44", ["Berliner Straße 44"]),
        ("Am Markt 3, 53111 Bonn", ["Am Markt 3, 53111 Bonn"]),
        ("Kaiserallee 7 / Goetheplatz 1", ["Kaiserallee 7", "Goetheplatz 1"]),
        ("Rua Augusta 120", ["Rua Augusta 120"]),
        ("Calle Mayor 5", ["Calle Mayor 5"]),
        ("92 ul. Lubartowska 42", ["92 ul. Lubartowska 42"]),
        ("Keizersgracht 123", ["Keizersgracht 123"]),
        ("Postfach 10 20", ["Postfach 10 20"]),
        ("Postfach 10 20 30, 70173 Stuttgart", ["Postfach 10 20 30, 70173 Stuttgart"]),
        ("P.O. Box 1234, 12 Oak Lane", ["P.O. Box 1234, 12 Oak Lane"]),
        ("Mariahilfer Straße 12/3/14, 1060 Wien", ["Mariahilfer Straße 12/3/14, 1060 Wien"]),
        # a street named by a word that is a street type too, when capitalised
        ("She lives at 12 Park Avenue.", ["12 Park Avenue"]),
        # numbered streets
        ("Meet me at 350 5th Ave, New York, NY 10118 tomorrow.", ["350 5th Ave", "10118"]),
        ("42 W 34th St, Apt 5", ["42 W 34th St, Apt 5"]),
        ("12 Harbour View, Cork T12 X8F2, Ireland", ["12 Harbour View", "T12 X8F2"]),
        ("4 Green Lane, Leeds LS1 4AP", ["4 Green Lane", "LS1 4AP"]),
        ("12 avenue des Champs-Élysées", ["12 avenue des Champs-Élysées"]),
        ("99 rue de la Paix", ["99 rue de la Paix"]),
        # a street type that also ends glued names ("Grotenboulevard") opening a street
        ("49 boulevard Amiral Courbet, Nantes", ["49 boulevard Amiral Courbet"]),
        ("Strada la Cupa 121", ["Strada la Cupa 121"]),
        ("12 C/ Mayor 5", ["12 C/ Mayor 5"]),
        ("Kossuth u. 12.", ["Kossuth u. 12"]),
        ("Suite 123 45 6789 Oak Lane", ["Suite 123 45 6789 Oak Lane"]),
        ("Rua de Coelho, 120\n4000-123 Porto", ["Rua de Coelho, 120\n4000-123 Porto"]),
        ("Herlufsholm Allé 12\n8000 Aarhus", ["Herlufsholm Allé 12\n8000 Aarhus"]),
        ("Hamzabaan 12\n1234 AB Utrecht", ["Hamzabaan 12\n1234 AB Utrecht"]),
        (
            "pl. Pułaskiego 12/3\n00-950 Warszawa",
            ["pl. Pułaskiego 12/3\n00-950 Warszawa"],
        ),
        ("12 Laura Tollway\nPerth, WA 6000", ["12 Laura Tollway", "WA 6000"]),
        # Nordic street types glued to the name
        ("Hlíðarvegur 25, 105 Reykjavík", ["Hlíðarvegur 25, 105 Reykjavík"]),
        ("Kvernbakken 2, 0371 Oslo", ["Kvernbakken 2, 0371 Oslo"]),
        ("Kungstorget 3", ["Kungstorget 3"]),
        ("Mäkipolku 4 B", ["Mäkipolku 4 B"]),
        # the ZIP code on its own line after the region line
        ("07 Hansinegata 120\nSpringdale Heights\nNSW\n53218", ["07 Hansinegata 120", "53218"]),
        # a US address on one line: town and state between the street and the ZIP code
        ("Ship to 500 Main St Springfield IL 62704", ["500 Main St", "62704"]),
        ("450 Main Coves\nOttawa, ON K1A 0B1", ["450 Main Coves", "K1A 0B1"]),
        ("12 Alte Schulstraße, 10115 Berlin", ["12 Alte Schulstraße, 10115 Berlin"]),
        # a parcel station with the customer's post number
        ("Packstation 123, Postnummer 12345678, 80331 München",
         ["Packstation 123, Postnummer 12345678, 80331 München"]),
        ("Meine Postnummer ist 12345678.", ["Postnummer ist 12345678"]),
        # the country's letters before the postcode
        ("Musterweg 5, D-80331 München", ["Musterweg 5, D-80331"]),
        ("Bahnhofstrasse 10, CH-8001 Zürich", ["Bahnhofstrasse 10, CH-8001"]),
        # the city quarter after the street type; a state's zip code before a full stop
        ("1600 Pennsylvania Ave NW, Washington, DC 20500.", ["1600 Pennsylvania Ave NW", "20500"]),
        ("12 Elm Rd, Mountain View, CA 94043 (office)", ["12 Elm Rd", "94043"]),
        # a letter's sender line
        ("Petra Lange · Lindenweg 12 · 53111 Bonn", ["Lindenweg 12 · 53111 Bonn"]),
        ("12 Oak Street E and more", ["12 Oak Street E"]),
        ("5 Main St. S, Boston", ["5 Main St. S"]),
        # a type word inside the street's name: the type that ends it comes last
        ("lives at 21 3314 Harley Brook Lane, Altoona", ["21 3314 Harley Brook Lane"]),
        ("12 Forest Hill Road, Leeds", ["12 Forest Hill Road"]),
        ("1121 New Creek Road street in Dayton", ["1121 New Creek Road"]),
        # a street line that is only a weak part, then a town and a known country
        ("The office is at 37 Parva Domus 6896, Pesconuovo, Latvia", ["37 Parva Domus 6896"]),
        ("It's in 18 Zona Estação 75, Rogers, Barbados.", ["18 Zona Estação 75"]),
        ("It's in 18 Zona Estação 75, Rogers, Marshall Islands.", ["18 Zona Estação 75"]),
        ("It's in 18 Zona Estação 75, Rogers, Marshall.", []),  # a surname, no country
        # a street corner
        ("Meet me at the corner of Koepoortwal 115 and Hansen Street.",
         ["the corner of Koepoortwal 115 and Hansen Street"]),
        ("Address: the corner of Calle Proc. San Sebastián 1 and Lucchese Street",
         ["the corner of Calle Proc. San Sebastián 1 and Lucchese Street"]),
        ("Return to the corner of P.O. Box 101 and van Bokhorst Street in case of an issue.",
         ["the corner of P.O. Box 101 and van Bokhorst Street"]),
        ("Treffpunkt: Ecke Goethestraße/Schillerstraße, 18 Uhr",
         ["Ecke Goethestraße/Schillerstraße"]),
        ("Wir warten an der Ecke Hauptstraße und Bahnhofstraße.",
         ["an der Ecke Hauptstraße und Bahnhofstraße"]),
        # a year before a sentence is no house number of the street in it
        ("geboren 1987, er wohnt in der Gartenstraße 3 in Fulda", ["Gartenstraße 3"]),
        ("Er ist seit 1987 in der Gartenstraße 3 gemeldet.", ["Gartenstraße 3"]),
        # a house number before a sentence that ends in a preposition and a date
        ("wohnhaft in 44135 Dortmund, Hoher Wall 15, beginnt am 1.4.",
         ["44135 Dortmund, Hoher Wall 15"]),
        # street names with lower-case words stay whole
        ("Adresse: 64 Király u. 23", ["64 Király u. 23"]),
        ("Adresse: 19 pierre delannoyplaats 211 apt. 098",
         ["19 pierre delannoyplaats 211 apt. 098"]),
        # a flat's floor and side between the street and the town
        ("Goethestr. 12a, 2. OG links, 60313 Frankfurt", ["Goethestr. 12a, 2. OG links, 60313 Frankfurt"]),
        ("Enviar a: Calle de Alcalá 45, 3º B, 28014 Madrid",
         ["Calle de Alcalá 45, 3º B, 28014 Madrid"]),  # a Spanish floor and door
        ("ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa",
         ["ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa"]),  # a Polish flat
        ("Lindenweg 5, Hinterhaus, 04109 Leipzig", ["Lindenweg 5, Hinterhaus, 04109 Leipzig"]),
        ("12 Oak Street, 2nd Floor, London SW1A 2AA", ["12 Oak Street, 2nd Floor", "SW1A 2AA"]),
    ],
)
def test_address_formats_are_found(text: str, expected: list[str]) -> None:
    assert addresses(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My zip code is 90210", ["90210"]),
        ("PLZ: 10115", ["10115"]),
        ("his address: 92 Elm Hollow 7", ["92 Elm Hollow 7"]),
        ("lives at 12 Oak Hollow\nSuite 200", ["12 Oak Hollow\nSuite 200"]),
    ],
)
def test_weak_address_parts_count_with_context_or_neighbours(
    text: str, expected: list[str]
) -> None:
    assert addresses(text, context=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We met on Cloud Street and walked to Baker Street.",
        "Die Musterstraße ist gesperrt.",
        "Windows 10, Office 365 and Python 3",
        "5 times in 10 minutes; 3 years and 2 months",
        "Öffnungszeiten: Mo-Fr ab 9 Uhr, Sa ab 10 Uhr",
        "Suite 200",
        "meeting in Room 101 at 3 pm",
        "Kapitel 5, Abschnitt 2",
        "1936 Hauptstraße hieß bis 1945 anders",
        "The 2 way street sign",
        "Take the 3 lane road",
        "Our 3 data points show 2 trends",
        "In 2024 we had 12345 Nutzer",
        "bis 1898 Schulstraße genannt",
        "We run 3 Data Center sites",
        "We talk via the 3 servers",
        "Place the 3 orders today",
        "send via email 2 times",
        "Mein Kennzeichen ist M-AB 1234, bitte für den Parkplatz eintragen.",
        "I moved in 2001 on 3 May 2001.",  # years and a date around a preposition
        "Meeting on May 5 at Room 4",
        "Teststadt Tel 089 123456",  # a phone word is no street name
        "Zentrale Fax 030 1234",
        "Der Zug D-12345 Berlin fährt heute später.",
        "Version A-1234 Release",
        "Die Packstation 105 ist defekt.",
        "We met in 2019 at St Pancras station.",  # a year and a preposition before "St"
        "Put it in the corner of the room and the hall.",  # corners of no street
        "Es gab 12 Runden 5, Alpha, Omega.",  # a town and a country that is none
        "Die Ecke ist frei und die Straße auch.",
        "Das Büro ist im 2. OG links.",  # a floor without a street
        "The meeting room is on the 2nd floor.",
        "Wir treffen uns im EG, Raum 4.",
    ],
)
def test_non_addresses_are_left_alone(text: str) -> None:
    assert addresses(text) == []


def iban_findings(text: str) -> list[tuple[str, float]]:
    found = IbanCodeRecognizer("de").analyze(text, ["IBAN_CODE"])
    return [(text[r.start : r.end], r.score) for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN DE89 3704 0044 0532 0130 00.", ("DE89 3704 0044 0532 0130 00", 1.0)),
        ("iban de89370400440532013000", ("de89370400440532013000", 1.0)),
        ("GB82-WEST-1234-5698-7654-32", ("GB82-WEST-1234-5698-7654-32", 1.0)),
        ("to gb82 west 1234 5698 7654 32 please", ("gb82 west 1234 5698 7654 32", 1.0)),
        ("NO9386011117947", ("NO9386011117947", 1.0)),
        ("DE89370400440532013000 2 days", ("DE89370400440532013000", 1.0)),
        ("IBAN DE 89 3704 0044 0532 0130 00", ("DE 89 3704 0044 0532 0130 00", 1.0)),
        # a mistyped check digit: well-formed, scored low (a context word lifts it)
        ("IBAN DE88 3704 0044 0532 0130 00", ("DE88 3704 0044 0532 0130 00", 0.3)),
    ],
)
def test_iban_forms(text: str, expected: tuple[str, float]) -> None:
    assert iban_findings(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "DE89 3704 0044 0532 0130",  # too short for Germany
        "XX89 3704 0044 0532 0130 00",  # no such country
        "de88 3704 0044 0532 0130 00",  # lower case and a failing checksum
        "AB12CDEF34567890",
        "ISO 9001 2015",
        "am 12 3456 7890 1234 5678 90 geliefert",  # a word before digit groups: no country
    ],
)
def test_non_ibans_are_left_alone(text: str) -> None:
    assert iban_findings(text) == []


def test_iban_checksum_and_trimming() -> None:
    assert checksum_ok("DE89370400440532013000")
    assert not checksum_ok("DE88370400440532013000")
    assert iban_span("DE89 3704 0044 0532 0130 00 12") == (27, 1.0)
    assert iban_span("DE89 3704") is None


def test_ner_misreadings_of_identifiers_are_dropped() -> None:
    address = Finding("STREET_ADDRESS", 10, 30, 0.6, "StreetAddressRecognizer")
    phone = Finding("PHONE_NUMBER", 40, 52, 0.9, "PhoneRecognizer")
    date_over_phone = Finding("DATE_TIME", 35, 45, 0.85, "SpacyRecognizer")
    org_over_address = Finding("ORGANIZATION", 15, 35, 0.85, "SpacyRecognizer")
    org_over_phone = Finding("ORGANIZATION", 38, 50, 0.85, "SpacyRecognizer")
    person = Finding("PERSON", 12, 20, 0.85, "SpacyRecognizer")
    kept = _without_ner_over_identifiers(
        [address, phone, date_over_phone, org_over_address, org_over_phone, person]
    )
    assert kept == [address, phone, org_over_phone, person]


@pytest.mark.parametrize(
    ("text", "read", "name"),
    [
        ("frag mal bei lea nach, die weiß das", "lea nach", "lea"),
        ("ruf bitte jonas zurück", "jonas zurück", "jonas"),
        ("ping tom back when you can", "tom back", "tom"),
        ("tyler and meg", "tyler and", "tyler"),
        ("can u ping sarah re the invoice", "sarah re", "sarah"),  # what it is about
        ("frag jonas wg dem termin", "jonas wg", "jonas"),
        ("Dr. Schmidt ruft an", "Dr. Schmidt ruft an", "Dr. Schmidt"),
        ("jens weber", "jens weber", "jens weber"),  # a name in lower case stays whole
    ],
)
def test_a_name_ends_before_the_words_the_tagger_read_on_into(
    text: str, read: str, name: str
) -> None:
    start = text.index(read)
    finding = Finding("PERSON", start, start + len(read), 0.9, "PersonNerRecognizer")
    kept = _without_tail(text, finding)
    assert text[kept.start : kept.end] == name


def test_a_lone_first_name_on_a_place_the_tagger_is_sure_of_is_the_place() -> None:
    # "The conference is in Florence this year."
    place = Finding("LOCATION", 21, 29, 0.99, "PersonNerRecognizer")
    lone_name = Finding("PERSON", 21, 29, 0.5, "NameRules")
    assert _without_lone_names_on_tagged_places([place, lone_name]) == [place]
    # the tagger unsure of the place, a stronger rule, or the tagger's own person stay
    unsure = Finding("LOCATION", 21, 29, 0.6, "PersonNerRecognizer")
    assert _without_lone_names_on_tagged_places([unsure, lone_name]) == [unsure, lone_name]
    titled = Finding("PERSON", 21, 29, 0.8, "NameRules")
    assert _without_lone_names_on_tagged_places([place, titled]) == [place, titled]
    tagged = Finding("PERSON", 21, 29, 0.5, "PersonNerRecognizer")
    assert _without_lone_names_on_tagged_places([place, tagged]) == [place, tagged]
    # a name reaching past the place
    longer = Finding("PERSON", 21, 36, 0.5, "NameRules")
    assert _without_lone_names_on_tagged_places([place, longer]) == [place, longer]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kontakt: anna.schmidt@firma.de", ["anna.schmidt@firma.de"]),
        ("Kontakt: anna.schmidt(at)firma.de", ["anna.schmidt(at)firma.de"]),
        ("anna.schmidt [at] firma [dot] de schreiben", ["anna.schmidt [at] firma [dot] de"]),
        ("Mail an Anna (ät) Firma (Punkt) de", ["Anna (ät) Firma (Punkt) de"]),
        ("jonas.becker{at}example.co.uk!", ["jonas.becker{at}example.co.uk"]),
        ("GET /api/users?email=petra.lange%40firma.de 200", ["petra.lange%40firma.de"]),  # in a URL
        # "(at)" that is no address: no known public suffix after it
        ("Wir treffen uns (at) home", []),
        ("see x[at]y for details", []),
        ("Preis (at) 5.99", []),
    ],
)
def test_email_addresses_also_when_written_against_harvesters(
    text: str, expected: list[str]
) -> None:
    found = [
        *OfflineEmailRecognizer("de").analyze(text, ["EMAIL_ADDRESS"]),
        *SpelledOutEmailRecognizer("de").analyze(text, ["EMAIL_ADDRESS"]),
    ]
    assert [text[r.start : r.end] for r in found if r.score >= 0.5] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a key or quote before the address is no part of it (logs, code, config)
        ("login ok ip=10.2.3.4 email=k.patel@corp.com", ["k.patel@corp.com"]),
        ("cc=anna@x.de;bcc=ben@y.de", ["anna@x.de", "ben@y.de"]),
        ("user_email='anna@x.de'", ["anna@x.de"]),
        ("author=`rohan@corp.io`", ["rohan@corp.io"]),
        # what a mailbox may hold
        ("john.o'reilly@example.com", ["john.o'reilly@example.com"]),
        ("a.b-c+tag@sub.example.co.uk", ["a.b-c+tag@sub.example.co.uk"]),
        ("Write to ANNA@FIRMA.DE now", ["ANNA@FIRMA.DE"]),
    ],
)
def test_email_addresses_start_after_keys_and_quotes(text: str, expected: list[str]) -> None:
    found = OfflineEmailRecognizer("en").analyze(text, ["EMAIL_ADDRESS"])
    assert [text[r.start : r.end] for r in found if r.score >= 0.5] == expected
