"""Employee, bank account, tax ID and driving licence numbers, passwords after their cue (guardrails.recognizers.cued_numbers)."""

from __future__ import annotations

import pytest

from guardrails.normalization import normalize_value
from guardrails.recognizers.cued_numbers import (
    BankAccountRecognizer,
    CardSecurityCodeRecognizer,
    CuedHealthInsuranceRecognizer,
    CuedNhsNumberRecognizer,
    CuedNumberRecognizer,
    CuedSocialSecurityRecognizer,
    CuedTaxIdRecognizer,
    CuedTaxNumberRecognizer,
    CustomerNumberRecognizer,
    DriverLicenseRecognizer,
    EmployeeIdRecognizer,
    LicensePlateRecognizer,
    MedicalRecordRecognizer,
    PassportNumberRecognizer,
    PasswordRecognizer,
    VehicleIdRecognizer,
)

RECOGNIZER = EmployeeIdRecognizer()
ACCOUNTS = BankAccountRecognizer()
LICENSES = DriverLicenseRecognizer()


def found(text: str, recognizer: CuedNumberRecognizer = RECOGNIZER) -> list[str]:
    return [text[start:end] for start, end, _score in recognizer.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Frau Krüger (Personalnummer 004711) hat gekündigt.", "004711"),
        ("Pers.-Nr.: P-48213", "P-48213"),
        ("Personal-Nr. 004711, Abteilung 3", "004711"),
        ("Mitarbeiternummer lautet 12/345", "12/345"),
        ("MA-Nr. 0815", "0815"),
        ("my employee ID is E-482913.", "E-482913"),
        ("staff no. 7731 and more", "7731"),
        ("employee #4471", "4471"),
        ("badge number: B1234", "B1234"),
    ],
)
def test_numbers_after_a_cue(text: str, expected: str) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Mitarbeiternummer: abc",  # no digit
        "Personalabteilung 123",  # a department, no cue
        "The employee ID field is required",
        "Personalnummer 7",  # too short to single anyone out
        "employee ID 0815@firma.de",  # a mailbox
        "Wir haben 120 Mitarbeiter und 3 Standorte.",
    ],
)
def test_other_numbers_are_left_alone(text: str) -> None:
    assert found(text) == []


CUSTOMERS = CustomerNumberRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meine Kundennummer ist 4711-22, bitte prüfen.", ["4711-22"]),
        ("Kd.-Nr. 100234", ["100234"]),
        ("Vertragsnummer V-2024-0815 wurde gekündigt.", ["V-2024-0815"]),
        ("Versicherungsschein-Nr.: 88-123456", ["88-123456"]),
        ("Mitgliedsnummer: 88213", ["88213"]),
        ("policy no. PL-2298471, phone 087 123 4567", ["PL-2298471"]),
        ("customer ID C-100234 requested a refund", ["C-100234"]),
        ("membership number 55012", ["55012"]),
        ("Matrikelnummer 1234567, Prüfung am Freitag.", ["1234567"]),  # a student's
        ("student ID S-20417 missed the exam", ["S-20417"]),
        # no cue, no number, or too short
        ("Die Kundennummer steht auf der Rechnung.", []),
        ("Our customer number format changed in 2024.", []),
        ("Policy number 12 is about remote work.", []),
        ("Bestellnummer 4500123456", []),  # an order, not a person
    ],
)
def test_customer_numbers_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(text, CUSTOMERS) == expected


@pytest.mark.parametrize(("entity_type", "a", "b"), [
    ("EMPLOYEE_ID", "e-482913", "E482913"),
    ("CUSTOMER_ID", "4711-22", "471122"),
])  # fmt: skip
def test_spellings_of_one_number_are_one_value(entity_type: str, a: str, b: str) -> None:
    assert normalize_value(entity_type, a) == normalize_value(entity_type, b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kontonummer 1234567890, BLZ 370 400 44", ["1234567890"]),  # the bank code stays
        ("Kto.-Nr. 0532 0130 00 bei der Sparkasse", ["0532 0130 00"]),
        ("Konto-Nr.: 4711-0815-12", ["4711-0815-12"]),
        ("account number 31926819, sort code 20-00-00", ["31926819"]),
        ("acct # 000123456789", ["000123456789"]),
        ("a/c no. 55779911", ["55779911"]),
        ("bank account 1234 5678 90", ["1234 5678 90"]),
        # "account" alone among banking words
        ("Wire details: account 12345678, routing 021000021", ["12345678"]),
        ("Please pay into account 55667788 (sort code 20-00-00).", ["55667788"]),
    ],
)
def test_account_numbers_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(text, ACCOUNTS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Konto: DE89 3704 0044 0532 0130 00",  # an IBAN, the IBAN recognizer's
        "Das Konto hat 12345 Euro",
        "Kontostand 12345",
        "AWS account 123456789012",  # an account of a system, said without "number"
        "Our Stripe account 12345678 was charged twice.",
        "The account 12345678 was locked after 3 failed logins.",
        "Konto 4711",  # too short
        "account number 4.500,00",
    ],
)
def test_other_numbers_near_account_words_stay(text: str) -> None:
    assert found(text, ACCOUNTS) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My driver's license number is 425700624", "425700624"),  # a state's digits
        ("my drivers license no. LH329609T, issued in Ohio", "LH329609T"),
        ("Driving licence number: MORGA753116SM9IJ", "MORGA753116SM9IJ"),  # UK
        ("DL# D123-4567-8901, exp 2027", "D123-4567-8901"),
        ("Führerscheinnummer B072RRE2I55", "B072RRE2I55"),
        ("Führerschein-Nr.: J010000SD51", "J010000SD51"),
        ("Fahrerlaubnisnummer lautet F123456789", "F123456789"),
    ],
)
def test_licence_numbers_after_a_cue(text: str, expected: str) -> None:
    assert found(text, LICENSES) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The driver's license renewal costs 40 dollars.",
        "Führerschein Klasse B seit 2010",
        "Führerschein 2010 gemacht",  # a year
        "We need a license for 12345 users.",  # a licence, not a driver's
        "driver's license ABC-DEF",  # fewer than four digits
    ],
)
def test_other_words_after_licence_cues_stay(text: str) -> None:
    assert found(text, LICENSES) == []


def test_a_licence_is_reported_as_its_languages_type() -> None:
    text = "Führerscheinnummer B072RRE2I55"
    assert [r.entity_type for r in DriverLicenseRecognizer("de").analyze(text, [])] == [
        "DE_FUEHRERSCHEIN"
    ]
    assert [r.entity_type for r in LICENSES.analyze(text, [])] == ["US_DRIVER_LICENSE"]
    assert normalize_value("US_DRIVER_LICENSE", "d123-4567-8901") == normalize_value(
        "US_DRIVER_LICENSE", "D12345678901"
    )


PASSWORDS = PasswordRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mein Passwort für das Portal ist Sommer2024! und mein Login anna.k", "Sommer2024!"),
        ("pw: hunter2", "hunter2"),
        ('PW="abc123"', "abc123"),
        ("My PIN is 1234.", "1234"),  # the full stop ends the sentence
        ("Kennwort: Tr0ub4dor&3.", "Tr0ub4dor&3"),
        ("Das WLAN-Passwort lautet: Gast-2024", "Gast-2024"),
        ("the wifi password is Gast-2024.", "Gast-2024"),
        # after a bare space: letters and digits
        ("Mein Login ist mmueller2, Passwort Sommer2024!", "Sommer2024!"),
        ("Kennwort Geheim123", "Geheim123"),
        ("password hunter2", "hunter2"),
    ],
)
def test_passwords_after_a_cue(text: str, expected: str) -> None:
    assert found(text, PASSWORDS) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Das Passwort ist abgelaufen, was tun?",  # no digit or symbol: a word
        "password reset link",  # no ":", "=" or "is"
        "The password: must contain 8 chars",
        "The password policy is 12+ characters",
        "password length is 12-16",  # about passwords in general
        "Die Passwort-Richtlinie ist: 12+ Zeichen",
        "Pin 3 of the connector",
        "password is abc?",
        "Passwort 2024 geändert",  # a bare space before digits only: a year
        "Passwort-Reset für 2FA-Token",
    ],
)
def test_words_about_passwords_stay(text: str) -> None:
    assert found(text, PASSWORDS) == []


RECORDS = MedicalRecordRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Patient Sarah O'Brien (MRN 8812345), 45 y/o", "8812345"),
        ("medical record number: 00482913", "00482913"),
        ("Patienten-ID P-77812 bitte in den Befund", "P-77812"),
        ("Pat.-Nr. 4471932", "4471932"),
    ],
)
def test_record_numbers_after_a_cue(text: str, expected: str) -> None:
    assert found(text, RECORDS) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The medical record system is down.",
        "patient number 12",  # too short
        "Patientennummer fehlt",
    ],
)
def test_words_about_records_stay(text: str) -> None:
    assert found(text, RECORDS) == []


CARD_CODES = CardSecurityCodeRecognizer()
TAX_IDS = CuedTaxIdRecognizer("de")
TAX_NUMBERS = CuedTaxNumberRecognizer("de")
PENSION_NUMBERS = CuedSocialSecurityRecognizer("de")
HEALTH_NUMBERS = CuedHealthInsuranceRecognizer("de")


@pytest.mark.parametrize(
    ("recognizer", "entity", "text", "expected"),
    [
        (CARD_CODES, "PASSWORD", "my credit card 4111 1111 1111 1111 exp 12/27 cvv 123", "123"),
        (CARD_CODES, "PASSWORD", "Kreditkarte gültig bis 12/27, Prüfnummer 123", "123"),
        (CARD_CODES, "PASSWORD", "CVC: 4711", "4711"),
        (CARD_CODES, "PASSWORD", "card verification code is 042", "042"),
        # a Steuer-ID whatever its checksum ("12 345 678 901" fails it: a typo)
        (TAX_IDS, "DE_TAX_ID", "Steuer-ID: 12 345 678 901", "12 345 678 901"),
        (TAX_IDS, "DE_TAX_ID", "Meine Steueridentifikationsnummer lautet 12345678901.",
         "12345678901"),
        (TAX_IDS, "DE_TAX_ID", "IdNr. 12 345 678 901", "12 345 678 901"),
        (TAX_IDS, "DE_TAX_ID", "my German tax ID is 12345678901", "12345678901"),
        # a Steuernummer in every state's form, with its owner between, after "St.-Nr."
        (TAX_NUMBERS, "DE_TAX_NUMBER", "Die Steuernummer der Mandantin lautet 21/815/08150.",
         "21/815/08150"),
        (TAX_NUMBERS, "DE_TAX_NUMBER", "St.-Nr. 143/234/56789", "143/234/56789"),
        (TAX_NUMBERS, "DE_TAX_NUMBER", "StNr: 123/4567/8901", "123/4567/8901"),
        (TAX_NUMBERS, "DE_TAX_NUMBER", "Steuer-Nr. 93815/08152", "93815/08152"),
        (TAX_NUMBERS, "DE_TAX_NUMBER", "Steuernummer 013 815 08153", "013 815 08153"),
        (TAX_NUMBERS, "DE_TAX_NUMBER", "Steuernummer: 2893081508152", "2893081508152"),
        (TAX_NUMBERS, "DE_TAX_NUMBER", "our German tax number is 21/815/08150", "21/815/08150"),
        # pension and health insurance numbers whatever their check digit
        (PENSION_NUMBERS, "DE_SOCIAL_SECURITY", "Rentenversicherungsnummer 12 150485 M 018",
         "12 150485 M 018"),
        (PENSION_NUMBERS, "DE_SOCIAL_SECURITY", "SV-Nr.: 12150485M018", "12150485M018"),
        (HEALTH_NUMBERS, "DE_HEALTH_INSURANCE", "Meine KV-Nummer ist T987654321.", "T987654321"),
        (HEALTH_NUMBERS, "DE_HEALTH_INSURANCE", "Versichertennummer: X112233445", "X112233445"),
    ],
)
def test_card_codes_and_tax_ids_after_a_cue(
    recognizer: CuedNumberRecognizer, entity: str, text: str, expected: str
) -> None:
    assert found(text, recognizer) == [expected]
    assert recognizer.supported_entities == [entity]


@pytest.mark.parametrize(
    ("recognizer", "text"),
    [
        (CARD_CODES, "What is a CVV and why does it have 3 digits?"),
        (CARD_CODES, "Der Sicherheitscode wird auf der Rückseite gedruckt."),
        (CARD_CODES, "cvv 12345"),  # five digits: no security code
        (TAX_IDS, "Wo finde ich meine Steuer-ID?"),
        (TAX_IDS, "Steuer-ID 1234567890"),  # ten digits
        (TAX_IDS, "Bestellnummer 12345678901"),  # no cue
        (TAX_IDS, "Steuer-ID: 01234567890"),  # never starts with 0
        (TAX_NUMBERS, "Wo finde ich meine Steuernummer?"),
        (TAX_NUMBERS, "Die Steuernummer steht auf dem Bescheid von 2023."),
        (TAX_NUMBERS, "Rechnung Nr. 2024/0815"),  # no cue
        (TAX_NUMBERS, "St. Pauli spielt am Samstag 12/345/67890"),  # "St." is no cue alone
        (TAX_NUMBERS, "tax number 12-3456789"),  # no German form
        (PENSION_NUMBERS, "Wo finde ich meine Rentenversicherungsnummer?"),
        (HEALTH_NUMBERS, "Krankenkassennummer 108310400"),  # the insurer's number, no person's
        (HEALTH_NUMBERS, "KV-Nummer beantragen: Formular 12"),
    ],
)
def test_words_about_card_codes_and_tax_ids_stay(
    recognizer: CuedNumberRecognizer, text: str
) -> None:
    assert found(text, recognizer) == []


@pytest.mark.parametrize(
    ("text", "recognizer", "expected"),
    [
        ("Die Personalnummer von Frau Peters ist 004711.", RECOGNIZER, ["004711"]),
        ("the employee ID of Anna Schmidt is E-10442", RECOGNIZER, ["E-10442"]),
        ("Kontonummer von Herrn Meier: 1234567890", ACCOUNTS, ["1234567890"]),
        ("Kundennummer der Firma Weber lautet 4711-22", CUSTOMERS, ["4711-22"]),
        # the owner's words carry no digit; without ':' or 'is' no number is the owner's
        ("Personalnummer von 2024 ist 004711", RECOGNIZER, []),
        ("Die Personalnummer von Frau Peters steht im Vertrag 2024.", RECOGNIZER, []),
    ],
)
def test_a_number_after_its_owner(
    text: str, recognizer: CuedNumberRecognizer, expected: list[str]
) -> None:
    assert found(text, recognizer) == expected


NHS = CuedNhsNumberRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her NHS number is 943 476 5919, please update the record.", ["943 476 5919"]),
        ("NHS no: 9434765919", ["9434765919"]),
        ("NHS-Nummer 943-476-5919", ["943-476-5919"]),
        ("NHS number 943 476 5918", ["943 476 5918"]),  # a typo in the check digit
        ("Call me on 943 476 5919 tomorrow.", []),  # ten digits alone: a phone number
        ("The NHS spent 1234567890 pounds", []),
    ],
)
def test_nhs_numbers_after_their_cue(text: str, expected: list[str]) -> None:
    assert found(text, NHS) == expected


@pytest.mark.parametrize(
    ("recognizer", "text", "expected"),
    [
        (PassportNumberRecognizer(), "My passport number is X1234567 and it expires in 2027.",
         "X1234567"),
        (PassportNumberRecognizer(), "passport no. 123456789", "123456789"),
        (PassportNumberRecognizer("de"), "Meine Reisepassnummer: C01X00T47", "C01X00T47"),
        (PassportNumberRecognizer("de"), "Pass-Nr. ist 12AB34567", "12AB34567"),
        (VehicleIdRecognizer(), "The VIN is 1HGCM82633A004352.", "1HGCM82633A004352"),
        (VehicleIdRecognizer("de"), "Fahrgestellnummer WVWZZZ1JZXW000001", "WVWZZZ1JZXW000001"),
        (LicensePlateRecognizer(), "License plate: ABC-1234 (California).", "ABC-1234"),
        (LicensePlateRecognizer(), "the number plate AB12 CDE was seen", "AB12 CDE"),
        (LicensePlateRecognizer("de"), "Mein Kennzeichen ist B-XY 123E.", "B-XY 123E"),
        (LicensePlateRecognizer("de"), "Kennzeichen: W-12345B", "W-12345B"),
    ],
)
def test_passports_and_vehicles_after_their_cue(
    recognizer: CuedNumberRecognizer, text: str, expected: str
) -> None:
    assert found(text, recognizer) == [expected]


@pytest.mark.parametrize(
    ("recognizer", "text"),
    [
        (PassportNumberRecognizer(), "My passport expires in 2027."),  # a year
        (PassportNumberRecognizer(), "the passport office at 12 Main St"),
        (VehicleIdRecognizer(), "VIN 1HGCM82633A00435"),  # 16 characters
        (VehicleIdRecognizer(), "VIN 1HGCM82633O004352"),  # an O: no VIN
        (LicensePlateRecognizer(), "the license plate was dirty"),
        (LicensePlateRecognizer(), "number plate 12345"),  # no letter
        (LicensePlateRecognizer("de"), "Unser Kennzeichen: AB/12-3"),  # a letter's reference
        (LicensePlateRecognizer(), "Company registration number HRB 12345"),  # a company
    ],
)
def test_other_words_after_passport_and_vehicle_cues_stay(
    recognizer: CuedNumberRecognizer, text: str
) -> None:
    assert found(text, recognizer) == []


def test_passports_and_vehicles_are_reported_as_their_types() -> None:
    assert [r.entity_type for r in PassportNumberRecognizer("de").analyze("Passnummer C01X00T47", [])] == [
        "DE_PASSPORT"
    ]
    assert [r.entity_type for r in LicensePlateRecognizer().analyze("plate number AB12 CDE", [])] == [
        "VEHICLE_ID"
    ]
    assert normalize_value("VEHICLE_ID", "ab12 cde") == normalize_value("VEHICLE_ID", "AB12-CDE")
