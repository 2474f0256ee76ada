"""Values that only their cue makes personal: employee, bank account and licence numbers,
passwords.

- ``EMPLOYEE_ID``: "Personalnummer 004711", "Pers.-Nr.: P-48213", "employee ID E-482913",
  "staff no. 7731". HR questions and tickets name colleagues by their personnel number as
  often as by name, and inside the company it identifies the person as surely. Its form
  differs from company to company: 3 to 16 letters, digits, ``-`` and ``/`` with at least one
  digit. A company with a fixed format can add its own pattern in the policy
  (``recognizers``) to find it without a cue.
- ``CUSTOMER_ID``: "Kundennummer 4711-22", "customer no. C-100234", "policy no. PL-2298471",
  "Vertragsnummer V-2024-0815", "Mitgliedsnummer 88213", "Matrikelnummer 1234567". A
  customer's, policyholder's, member's or student's number points at that person in every
  system of the company (or university), as a personnel number does at a colleague; same form as ``EMPLOYEE_ID``. A company's own format can be added in the
  policy (``recognizers``) to find it without a cue.
- ``BANK_ACCOUNT``: "Kontonummer 1234567890", "Kto.-Nr. 0532 0130 00", "account number
  31926819". Domestic account numbers before (and beside) the IBAN: 5 to 12 digits, single
  spaces or hyphens between groups. A bank code (BLZ, sort code) names a bank, not a person,
  and stays. A bare "account 12345678" counts where a banking word stands near ("sort code",
  "routing", "wire", "beneficiary" ...); an "AWS account 123456789012" does not.
- Driving licence numbers: "driver's license number is A1234567", "Führerscheinnummer
  B072RRE2I55". Every country and US state has its own format (Presidio's own patterns know
  some US ones and one German one); after the cue any 5 to 20 letters, digits and ``-`` with
  at least four digits are taken. ``US_DRIVER_LICENSE`` in English text, ``DE_FUEHRERSCHEIN``
  in German text (the types the predefined recognizers of each language report).
- ``DE_TAX_ID``: "Steuer-ID: 12 345 678 901" whose checksum fails (a typo); the valid ones
  need no cue (:mod:`guardrails.recognizers.german_ids`).
- ``DE_TAX_NUMBER``: "Steuernummer 21/815/08150", "St.-Nr. 143/234/56789", "Steuernummer:
  2893081508152". The tax office's number of a taxpayer (a freelancer's is on every invoice
  they write). Presidio's recognizer scores the slashed forms 0.2-0.4 and knows the
  13-digit federal form only for some states' codes; after its cue every state's form is
  taken: two or three digits, three or four, four or five with ``/`` (Baden-Württemberg:
  five and five), Hesse's spaced ``013 815 08153``, or 10 to 13 digits.
- ``DE_SOCIAL_SECURITY`` and ``DE_HEALTH_INSURANCE``: "Rentenversicherungsnummer 12 150485
  M 018", "KV-Nummer T987654321" whose check digit fails; valid ones need no cue.
- ``UK_NHS``: "NHS number 943 476 5919", after its cue only (ten digits alone are as likely
  a phone number).
- ``MEDICAL_RECORD``: "MRN 8812345", "medical record number: 00482913", "Patienten-ID
  P-77812". A patient's number in a hospital's or practice's records: health data, which
  the GDPR protects more strictly than most. 4 to 16 letters, digits and ``-`` with at
  least three digits, right after the cue.
- ``PASSWORD``: "Mein Passwort ist Sommer2024!", "pw: hunter2", "PIN: 4711". A credential
  opens someone's account; it has no business in a prompt, a log or the model's memory. The
  cue must be followed by ``:``, ``=`` or "is"/"ist"/"lautet" and the value hold a digit or
  a symbol, so "das Passwort ist abgelaufen" and "password reset" stay readable; after a bare
  space the value must hold letters and digits ("Passwort Sommer2024!", "Kennwort
  Geheim123"; not "Passwort 2024 geändert"). A card's
  security code is a credential too: "cvv 123", "CVC: 4711", "Kartenprüfnummer 123" (3 or 4
  digits right after the cue; the card number itself is ``CREDIT_CARD``).

Without its cue such a number is any order or ticket number, so the cue must stand right
before it (at most a ``:``, ``#``, ``=`` or "is"/"ist"/"lautet" between), or name its owner
first: "Personalnummer von Frau Peters ist 004711", "the employee ID of Anna Schmidt: E-10442".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: A cue right before the number: as sure as the document-number recognizers with context.
CUED_NUMBER_SCORE = 0.85

_SEPARATOR = r"(?:\s*[:#=]\s*|\s+(?:is|ist|lautet)\s+|\s+)"
#: whose number it is, between the cue and a ``:`` or "is": "Personalnummer von Frau Peters
#: ist 004711", "the employee ID of Anna Schmidt is E-10442" (one to four words, no digits)
_OWNER = (
    r"[ \t]+(?:von|vom|des|der|of|for|für)(?:[ \t]+[^\W\d_][\w.'’-]*){1,4}"
    r"(?:[ \t]*[:=][ \t]*|[ \t]+(?:is|ist|lautet|was|war)[ \t]+)"
)


class CuedNumberRecognizer(SpanRecognizer):
    """A number of the form :attr:`VALUE` right after one of :attr:`CUES` (both regex
    alternations, matched ignoring case); :attr:`GATE` finds any cue cheaply first (most
    texts have none: then nothing else is looked for)."""

    CUES: ClassVar[str]
    VALUE: ClassVar[str]
    GATE: ClassVar[re.Pattern[str]]
    #: what may stand between the cue and the value
    SEPARATOR: ClassVar[str] = _SEPARATOR
    #: the entity type per language, where it is not :attr:`ENTITY` in every language
    ENTITY_BY_LANGUAGE: ClassVar[dict[str, str]] = {}
    #: the findings' score
    SCORE: ClassVar[float] = CUED_NUMBER_SCORE

    def __init__(self, supported_language: str = "en") -> None:
        entity = self.ENTITY_BY_LANGUAGE.get(supported_language, self.ENTITY)
        super().__init__(supported_language, [], entity=entity)
        self._pattern = re.compile(
            rf"(?<![\w.-])(?:{self.CUES})(?:{_OWNER}|{self.SEPARATOR})(?P<id>{self.VALUE})"
            r"(?![\w@]|[.,]\d)",
            re.IGNORECASE,
        )

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each number that follows a cue."""
        if not self.GATE.search(text):
            return
        for match in self._pattern.finditer(text):
            yield match.start("id"), match.end("id"), self.SCORE


class EmployeeIdRecognizer(CuedNumberRecognizer):
    """``EMPLOYEE_ID``: a personnel number right after its cue."""

    ENTITY = "EMPLOYEE_ID"
    NAME = "EmployeeIdRecognizer"
    CUES = (
        r"personal[ -]?(?:nummer|nr\.?|kennziffer)|pers\.?[ -]?nr\.?|persnr\.?"
        r"|mitarbeiter[ -]?(?:nummer|nr\.?|id|kennung)|ma[ -]nr\.?"
        r"|(?:employee|staff|personnel|payroll)[ -]?(?:number|no\.?|id)|employee(?=\s*#)"
        r"|emp[ -]?id|badge[ -]?(?:number|no\.?|id)"
    )
    VALUE = r"(?=[A-Za-z/-]*\d)[A-Za-z0-9][A-Za-z0-9/-]{1,14}[A-Za-z0-9]"
    GATE = re.compile(
        r"personal|pers\.?[ -]?nr|persnr|mitarbeiter|ma[ -]nr|employee|staff|personnel"
        r"|payroll|emp[ -]?id|badge",
        re.IGNORECASE,
    )


class CustomerNumberRecognizer(CuedNumberRecognizer):
    """``CUSTOMER_ID``: a customer's, contract's, policy's or member's number after its cue."""

    ENTITY = "CUSTOMER_ID"
    NAME = "CustomerNumberRecognizer"
    CUES = (
        r"kunden[ -]?(?:nummer|nr\.?|id|kennung)|kd\.?[ -]?nr\.?|kdnr\.?"
        r"|vertrags[ -]?(?:nummer|nr\.?)|versicherungsschein[ -]?(?:nummer|nr\.?)"
        r"|polic(?:en|e)[ -]?(?:nummer|nr\.?)|mitglieds[ -]?(?:nummer|nr\.?)"
        r"|(?:customer|client|contract|policy|member(?:ship)?)[ -]?(?:number|no\.?|id|#)"
        r"|matrikel[ -]?(?:nummer|nr\.?)|student[ -]?(?:number|no\.?|id)"
    )
    VALUE = EmployeeIdRecognizer.VALUE
    GATE = re.compile(
        r"kunden|kd\.?[ -]?nr|kdnr|vertrags|versicherungsschein|polic|mitglieds|customer|client"
        r"|contract|member|matrikel|student",
        re.IGNORECASE,
    )


class BankAccountRecognizer(CuedNumberRecognizer):
    """``BANK_ACCOUNT``: a domestic account number right after its cue."""

    ENTITY = "BANK_ACCOUNT"
    NAME = "BankAccountRecognizer"
    CUES = (
        r"konto(?:[ -]?(?:nummer|nr\.?))?|kto\.?(?:[ -]?nr\.?)?"
        r"|(?:bank[ -]?)?account[ -]?(?:number|no\.?|#)|acct\.?[ -]?(?:number|no\.?|#)?"
        r"|a/c(?:[ -]?no\.?)?|bank account"
    )
    VALUE = r"\d(?:[ -]?\d){4,11}"
    GATE = re.compile(r"konto|kto|account|acct|a/c", re.IGNORECASE)
    #: "account" without "number", and the banking words that make it a bank account
    _BARE = re.compile(
        rf"(?<![\w.-])(?:account|acct\.?)\s*[:#]?\s*(?P<id>{VALUE})(?![\w@]|[.,]\d)",
        re.IGNORECASE,
    )
    _BANKING = re.compile(
        r"\b(?:routing|sort[ -]?code|aba|swift|bic|iban|bank|wire|transfer|beneficiary|payee"
        r"|pay(?:ment)?s? (?:in)?to|deposit)",
        re.IGNORECASE,
    )
    #: how far (characters, either side) a banking word may stand from a bare account number
    BANKING_REACH = 60

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Numbers after a cue, and bare account numbers among banking words."""
        found = list(super().spans(text))
        if not self.GATE.search(text):
            return found
        taken = {start for start, _end, _score in found}
        for match in self._BARE.finditer(text):
            start, end = match.span("id")
            near = text[max(0, match.start() - self.BANKING_REACH) : end + self.BANKING_REACH]
            if start not in taken and self._BANKING.search(near):
                found.append((start, end, CUED_NUMBER_SCORE))
        return sorted(found)


class DriverLicenseRecognizer(CuedNumberRecognizer):
    """A driving licence number right after its cue: ``US_DRIVER_LICENSE`` in English text,
    ``DE_FUEHRERSCHEIN`` in German text."""

    ENTITY = "US_DRIVER_LICENSE"
    ENTITY_BY_LANGUAGE: ClassVar[dict[str, str]] = {"de": "DE_FUEHRERSCHEIN"}
    NAME = "DriverLicenseRecognizer"
    CUES = (
        r"(?:driver'?s?|driving)[ -]licen[cs]e(?:[ -]?(?:number|no\.?|#|id))?"
        r"|d/?l[ -]?(?:number|no\.?|#)|f(?:ü|ue)hrerschein(?:[ -]?(?:nummer|nr\.?))?"
        r"|fahrerlaubnis(?:[ -]?(?:nummer|nr\.?))?"
    )
    VALUE = r"(?=(?:[A-Za-z-]*\d){4})[A-Za-z0-9][A-Za-z0-9-]{3,18}[A-Za-z0-9]"
    GATE = re.compile(r"licen[cs]e|d/?l[ -]?(?:n|#)|f(?:ü|ue)hrerschein|fahrerlaubnis", re.I)


class PassportNumberRecognizer(CuedNumberRecognizer):
    """A passport number of any country's format right after its cue ("passport number
    X1234567", "Reisepassnummer C01X00T47"): ``US_PASSPORT`` in English text, ``DE_PASSPORT``
    in German text (Presidio's patterns know only nine US digits and the German format)."""

    ENTITY = "US_PASSPORT"
    ENTITY_BY_LANGUAGE: ClassVar[dict[str, str]] = {"de": "DE_PASSPORT"}
    NAME = "PassportNumberRecognizer"
    CUES = (
        r"passport(?:[ -]?(?:number|no\.?|#|id))?"
        r"|(?:reise)?pass(?:nummer|[ -]nr\.?|[ -]nummer)|reisepass"
    )
    # six to twelve letters and digits, five digits at least ("expires 2027" is no number)
    VALUE = r"(?=(?:[A-Za-z]*\d){5})[A-Za-z0-9]{6,12}"
    # below a country's own format read beside it ("my German passport number is ...":
    # DE_PASSPORT, 0.75), above both passport types' thresholds
    SCORE = 0.7
    GATE = re.compile(r"pass(?:port|nummer|[ -]nr|[ -]nummer)|reisepass", re.IGNORECASE)


class VehicleIdRecognizer(CuedNumberRecognizer):
    """``VEHICLE_ID``: a vehicle identification number (17 characters, no I, O or Q) right
    after its cue ("VIN 1HGCM82633A004352", "Fahrgestellnummer WVWZZZ1JZXW000001"): it
    names the car and so its keeper."""

    ENTITY = "VEHICLE_ID"
    NAME = "VehicleIdRecognizer"
    CUES = (
        r"vin|vehicle[ -]identification[ -]number|chassis[ -](?:number|no\.?)"
        r"|fahrgestell[ -]?(?:nummer|nr\.?)|fahrzeug-?identifi(?:zierungs|kations)nummer|fin"
    )
    VALUE = r"(?=[A-Za-z]*\d)(?-i:[A-HJ-NPR-Z0-9]{17})"
    GATE = re.compile(r"vin|vehicle|chassis|fahrgestell|fahrzeug|fin", re.IGNORECASE)


class LicensePlateRecognizer(CuedNumberRecognizer):
    """``VEHICLE_ID``: a licence plate of any country right after its cue ("license plate:
    ABC-1234", "number plate AB12 CDE", "Kennzeichen W-12345B"): one to three groups of
    capitals and digits, with a letter and a digit (Presidio's ``DE_KFZ`` knows only German
    plates, and only beside a context word)."""

    ENTITY = "VEHICLE_ID"
    NAME = "LicensePlateRecognizer"
    CUES = (
        r"licen[cs]e[ -]plate(?:[ -]?(?:number|no\.?))?|number[ -]plate|plate[ -]number"
        r"|registration[ -]plate|vehicle[ -]registration(?:[ -](?:number|no\.?))?"
        # "Unser Kennzeichen" / "Ihr Kennzeichen" head a letter's reference, not a plate
        r"|(?<!unser[ ])(?<!ihr[ ])(?:amtliches[ -])?(?:kfz-)?kennzeichen|nummernschild"
    )
    VALUE = r"(?=[A-Z0-9 -]*[A-Z])(?=[A-Z0-9 -]*\d)(?-i:[A-Z0-9]{1,8}(?:[ -][A-Z0-9]{1,8}){0,2})"
    GATE = re.compile(r"plate|registration|kennzeichen|nummernschild", re.IGNORECASE)


class MedicalRecordRecognizer(CuedNumberRecognizer):
    """``MEDICAL_RECORD``: a patient's record number right after its cue."""

    ENTITY = "MEDICAL_RECORD"
    NAME = "MedicalRecordRecognizer"
    CUES = (
        r"mrn|medical[ -]record(?:[ -]?(?:number|no\.?|#|id))?|patient[ -]?(?:id|number|no\.?|#)"
        r"|patienten[ -]?(?:nummer|nr\.?|id|kennung)|pat\.?[ -]?nr\.?"
    )
    VALUE = r"(?=(?:[A-Za-z-]*\d){3})[A-Za-z0-9][A-Za-z0-9-]{2,14}[A-Za-z0-9]"
    GATE = re.compile(r"mrn|medical|patient|pat\.?[ -]?nr", re.IGNORECASE)


class CuedTaxIdRecognizer(CuedNumberRecognizer):
    """``DE_TAX_ID``: 11 digits right after a Steuer-ID cue, whatever their checksum.

    :class:`~guardrails.recognizers.german_ids.GermanTaxIdRecognizer` finds every valid
    Steuer-ID without a cue; a number the user labels as theirs but mistyped ("Steuer-ID:
    12 345 678 901" with a wrong digit) fails that checksum and still names the person, as a
    mistyped IBAN does."""

    ENTITY = "DE_TAX_ID"
    NAME = "CuedTaxIdRecognizer"
    CUES = (
        r"steuer[ -]?id(?:[ -]?nr\.?)?|steuer[ -]?identifikations[ -]?nummer|idnr\.?"
        r"|identifikationsnummer|tax[ -]?id(?:entification)?(?:[ -]?(?:number|no\.?))?"
    )
    VALUE = r"[1-9]\d{10}|[1-9]\d (?:\d{3} ){2}\d{3}"
    GATE = re.compile(r"steuer|idnr|identifikation|tax", re.IGNORECASE)


class CuedTaxNumberRecognizer(CuedNumberRecognizer):
    """``DE_TAX_NUMBER``: a Steuernummer in any state's form right after its cue (Presidio's
    :class:`DeTaxNumberRecognizer` stays below the policy's threshold on most of them, even
    beside the word, and misses "St.-Nr." as a context word)."""

    ENTITY = "DE_TAX_NUMBER"
    NAME = "CuedTaxNumberRecognizer"
    CUES = r"steuer[ -]?(?:nummer|nr\.?)|st\.?[ -]?-?[ -]?nr\.?|(?:german[ -])?tax[ -](?:number|no\.?)"
    VALUE = r"\d{2,3}/\d{3,4}/\d{4,5}|\d{5}/\d{5}|\d{3} \d{3} \d{5}|\d{10,13}"
    GATE = re.compile(r"steuer|st\.?[ -]?-?[ -]?nr|tax", re.IGNORECASE)


class CuedSocialSecurityRecognizer(CuedNumberRecognizer):
    """``DE_SOCIAL_SECURITY``: a Rentenversicherungsnummer right after its cue, whatever its
    check digit (two digits, the birth date as six, a letter, three digits; spaces allowed).
    Presidio's recognizer finds the valid ones; a mistyped one after its label still names
    the person."""

    ENTITY = "DE_SOCIAL_SECURITY"
    NAME = "CuedSocialSecurityRecognizer"
    CUES = (
        r"(?:renten|sozial)[ -]?versicherungs[ -]?(?:nummer|nr\.?)|(?:rv|sv)[ -]?(?:nummer|nr\.?)"
        r"|rvnr\.?|svnr\.?|social[ -]security[ -]?(?:number|no\.?)"
    )
    VALUE = r"\d{2} ?\d{6} ?[A-Za-z] ?\d{3}"
    GATE = re.compile(r"versicherung|rv|sv|social", re.IGNORECASE)


class CuedHealthInsuranceRecognizer(CuedNumberRecognizer):
    """``DE_HEALTH_INSURANCE``: a Krankenversichertennummer (a letter and nine digits) right
    after its cue, whatever its check digit. Health data: the GDPR protects it more strictly
    than most. Not the insurer's own number ("Krankenkassennummer", "IK")."""

    ENTITY = "DE_HEALTH_INSURANCE"
    NAME = "CuedHealthInsuranceRecognizer"
    CUES = (
        r"kranken[ -]?versicherten[ -]?(?:nummer|nr\.?)|versicherten[ -]?(?:nummer|nr\.?)"
        r"|kv[ -]?(?:nummer|nr\.?)|kvnr\.?|health[ -]insurance[ -]?(?:number|no\.?)"
    )
    VALUE = r"[A-Za-z] ?\d{3} ?\d{3} ?\d{3}"
    GATE = re.compile(r"versicherten|kv|health", re.IGNORECASE)


class CuedNhsNumberRecognizer(CuedNumberRecognizer):
    """``UK_NHS``: an NHS number (ten digits, often 3-3-4) right after its cue, whatever its
    check digit. Without the cue ten digits are as likely a phone number (Presidio's own
    recognizer takes any ten digits with a valid mod-11 check digit, one in eleven random
    numbers, so it does not run: phone numbers would read as NHS numbers)."""

    ENTITY = "UK_NHS"
    NAME = "CuedNhsNumberRecognizer"
    CUES = r"nhs(?:[ -]?(?:number|no\.?|num|#|id|nummer|nr\.?))?|national health service number"
    VALUE = r"\d{3}[ -]?\d{3}[ -]?\d{4}"
    GATE = re.compile(r"nhs|national health", re.IGNORECASE)
    #: above a phone number's reading of the same digits (0.9 with "number" near)
    SCORE = 0.95


#: words that make the sentence about passwords in general ("the password length is 12-16")
_ABOUT_PASSWORDS = (
    r"(?i:policy|policies|length|reset|change|requirements?|rules?|manager|field|expiry|hint"
    r"|länge|richtlinien?|regeln?|änderung|wechsel|vorgaben?|mindestlänge)"
)


class PasswordRecognizer(CuedNumberRecognizer):
    """``PASSWORD``: a password or PIN right after its cue and a ``:``, ``=`` or "is"."""

    ENTITY = "PASSWORD"
    NAME = "PasswordRecognizer"
    CUES = (
        r"(?:[a-zäöü]+-)?(?:pass(?:wor[dt]|code|phrase)|kennwort)|pw|pwd"
        r"|pin(?:[ -]?(?:code|nummer))?"
        r"|(?:my|mein|meine|the|das|die|der)\s+(?:zugangs)?(?:passwort|password|pin|kennwort)"
    )
    # "password: x", "pw=\"x\"", "Passwort für das Portal ist x" (up to four words between);
    # after a bare space only a value of letters and digits ("Passwort Sommer2024!", not
    # "Passwort 2024 geändert")
    SEPARATOR = (
        r"(?:\s*[:=]\s*[\"'`]?"
        rf"|(?:\s+(?!{_ABOUT_PASSWORDS}\b)[^\s:=,.;!?]+){{0,4}}?"
        r"\s+(?:is|ist|lautet|was|war)\s*:?\s+[\"'`]?"
        r"|[ \t]+(?=[^\s\"'`]*\d)(?=[^\s\"'`]*[^\W\d_]))"
    )
    # 4 to 64 characters without spaces or quotes, a digit or a symbol other than "?" among
    # them; a sentence's full stop, comma or question mark after it is no part of it
    VALUE = r"(?=[^\s\"'`]*[\d!#$%&*+@^_~\-])[^\s\"'`]{3,63}[^\s\"'`.,;:?)\]]"
    GATE = re.compile(r"pass|kennwort|pw|pin", re.IGNORECASE)


class CardSecurityCodeRecognizer(CuedNumberRecognizer):
    """``PASSWORD``: a payment card's security code (CVV, CVC) right after its cue."""

    ENTITY = "PASSWORD"
    NAME = "CardSecurityCodeRecognizer"
    CUES = (
        r"cvv2?|cvc2?|csc|card[ -](?:security|verification)[ -](?:code|value|number)"
        r"|(?:karten)?prüfnummer|sicherheitscode|security[ -]code"
    )
    VALUE = r"\d{3,4}"
    GATE = re.compile(r"cvv|cvc|csc|card|prüfnummer|sicherheitscode|security", re.IGNORECASE)
