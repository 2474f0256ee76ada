"""The Presidio recognizers Tresor runs, per language, and the ones it adds.

Additions to Presidio's predefined set: an e-mail recognizer that never fetches the public
suffix list (offline), a phone recognizer that only hands digit runs to ``phonenumbers``
(the stock one scans the whole text once per region), street addresses (English and German),
person names from titles and name lists (German fallback for the trained tagger, backup
for spaCy in English), and the policy's own regex
and deny-list recognizers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import phonenumbers
import tldextract
from presidio_analyzer import (
    EntityRecognizer,
    LocalRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    CryptoRecognizer,
    DateRecognizer,
    DeFuehrerscheinRecognizer,
    DeHandelsregisterRecognizer,
    DeHealthInsuranceRecognizer,
    DeIdCardRecognizer,
    DeKfzRecognizer,
    DePassportRecognizer,
    DeSocialSecurityRecognizer,
    DeTaxIdRecognizer,
    DeTaxNumberRecognizer,
    DeVatIdRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    MacAddressRecognizer,
    MedicalLicenseRecognizer,
    NhsRecognizer,
    SpacyRecognizer,
    UrlRecognizer,
    UsBankRecognizer,
    UsItinRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

from guardrails.checksums import VALIDATORS
from guardrails.name_rules import NameRules
from guardrails.policy import RecognizerSpec

#: Name prefix of the recognizers declared in the policy file.
POLICY_PREFIX = "policy:"

#: spaCy labels the English pipeline contributes.
SPACY_ENTITIES = ("PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME")

_GERMAN_CONTEXT: Mapping[str, list[str]] = {
    "EMAIL_ADDRESS": ["mail", "e-mail", "email", "adresse", "schreiben"],
    "PHONE_NUMBER": ["telefon", "tel", "handy", "mobil", "rufnummer", "fax", "anrufen", "nummer"],
    "CREDIT_CARD": ["kreditkarte", "karte", "kartennummer", "visa", "mastercard", "amex"],
    "IBAN_CODE": ["iban", "konto", "kontonummer", "bankverbindung", "überweisung"],
    "IP_ADDRESS": ["ip", "ip-adresse", "server", "adresse"],
}

_STREET_EN = (
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][A-Za-z'.\-]*\s+){1,4}"
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?"
    r"|Court|Ct\.?|Way|Place|Pl\.?|Terrace|Parkway|Pkwy\.?|Circle|Square|Sq\.?|Highway|Hwy\.?)"
    r"(?:,?\s+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|#)\s*\w{1,6})?"
)
_UNIT_EN = r"\b(?:Apt\.?|Apartment|Suite|P\.?\s?O\.?\s+Box)\s+\d{1,6}\b"
# "64 Rua Papoula 1998", "92 ul. Lubartowska 42": number, street words, number. Alone this
# also matches "5 times in 10", so it scores low and counts only with an address context word.
_MONTHS = (
    r"(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|january|february|march"
    r"|april|june|july|august|september|october|november|december|januar|februar|juni|juli"
    r"|oktober|dezember)\.?\s"
)
# Quantities are no house numbers: "60 Sekunden einen 504-Fehler", "3 years and 2 months".
_UNITS = (
    r"(?:sekunden|minuten|stunden|tage|tagen|wochen|monate|monaten|jahre|jahren|seconds|"
    r"minutes|hours|days|weeks|months|years|prozent|percent|euro|eur|usd|dollar|mio|millionen|"
    r"million|nutzer|users|mitarbeiter|mitarbeitende|employees|lizenzen|licenses|mal|times|"
    r"stück|pieces|items|gb|tb|mb|kb|ms)\b"
)
_NUMBER_WORDS_NUMBER = (
    rf"\b\d{{1,5}}[a-zA-Z]?\s+(?!(?i:{_MONTHS}|{_UNITS}))"
    rf"(?:[^\W\d_][\w'.\-]*\s+){{1,4}}\d{{1,5}}[a-zA-Z]?\b"
)
_STREET_DE = (
    r"\b[A-ZÄÖÜ][\wäöüß\-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer"
    r"|chaussee|steig|pfad|markt)\s+\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:\s?[-/]\s?\d{1,4})?"
    r"(?:,?\s+\d{5}\s+[A-ZÄÖÜ][\wäöüß\-]+)?"
)
_STREET_DE_SEPARATE = (
    r"\b(?:[A-ZÄÖÜ][\wäöüß\-]+\s+)?(?:Straße|Strasse|Str\.|Weg|Gasse|Allee|Platz|Ring|Damm"
    r"|Ufer|Chaussee)\s+\d{1,4}[a-z]?(?:,?\s+\d{5}\s+[A-ZÄÖÜ][\wäöüß\-]+)?"
)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer with a TLD check from the bundled suffix-list snapshot."""

    def __init__(self, supported_language: str = "en", context: list[str] | None = None):
        super().__init__(supported_language=supported_language, context=context)
        self._tld = tldextract.TLDExtract(
            cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True
        )

    def validate_result(self, pattern_text: str) -> bool:
        """A match counts when its domain ends in a known public suffix."""
        return self._tld(pattern_text).fqdn != ""


# Phone numbers by their written shape, for numbers phonenumbers rejects as unassigned
# (fictional area codes, new ranges) but that are plainly phone numbers to a reader.
_PHONE_NANP = (
    r"(?<![\w+.])(?<!\d[\s-])(?:(?:\+1|001)[-. ]?)?\(?\d{3}\)?[-. ]?\d{3}[-.]\d{4}"
    r"(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?![\w.]\d)"
)
_PHONE_INTERNATIONAL = (
    r"(?<![\w+])(?<!\d[\s-])(?:\+|00)[1-9]\d{0,2}[\s-]?(?:\(0\)\s?)?\(?\d{1,5}\)?[\s/-]?\d{2,9}"
    r"(?:[\s-]\d{2,6})?\b"
)
_PHONE_NATIONAL_DE = r"(?<![\w+])(?<!\d[\s-])\(?0\d{2,5}\)?[\s/-]\d{3,9}(?:[\s-]\d{2,5})?\b"


def phone_shape_recognizer(language: str) -> PatternRecognizer:
    """Phone numbers recognised by their format (+49 (0)30 ..., (555) 010-1234, 030 / 1234)."""
    context = DigitRunPhoneRecognizer.CONTEXT + _GERMAN_CONTEXT["PHONE_NUMBER"] + [
        "rufen", "rückruf", "erreichen", "fon", "phone", "mobile"]
    return PatternRecognizer(
        supported_entity="PHONE_NUMBER",
        name="PhoneShapeRecognizer",
        supported_language=language,
        patterns=[
            Pattern("nanp", _PHONE_NANP, 0.4),
            Pattern("international", _PHONE_INTERNATIONAL, 0.4),
            Pattern("national_de", _PHONE_NATIONAL_DE, 0.3),
        ],
        context=context,
        global_regex_flags=re.DOTALL | re.MULTILINE,
    )


class QuietIbanRecognizer(IbanRecognizer):
    """Presidio's IBAN recognizer minus its error log, which prints the rejected text."""

    def validate_result(self, pattern_text: str) -> bool | None:
        """Non-alphanumeric leftovers are rejected here instead of logged upstream."""
        compact = pattern_text.replace("-", "").replace(" ", "")
        if not (compact.isascii() and compact.isalnum()):
            return False
        return super().validate_result(pattern_text)


class DigitRunPhoneRecognizer(LocalRecognizer):
    """Phone numbers: ``phonenumbers`` validation, but only on candidate digit runs."""

    NAME = "PhoneRecognizer"
    SCORE = 0.4
    CONTEXT = ["phone", "number", "telephone", "cell", "cellphone", "mobile", "call", "tel"]
    _MIN_DIGITS = 6  # shorter runs are never phone numbers
    _CANDIDATE = re.compile(
        r"(?<![\w+])(?:\+|00)?\(?\d[\d \t()./\-]{3,22}\d(?:\s?(?:x|ext\.?)\s?\d{1,6})?"
    )

    def __init__(
        self,
        supported_language: str = "en",
        regions: Sequence[str] = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR"),
        context: list[str] | None = None,
    ) -> None:
        self._regions = tuple(regions)
        super().__init__(
            supported_entities=["PHONE_NUMBER"],
            supported_language=supported_language,
            context=context or self.CONTEXT,
            name=self.NAME,
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        """Phone numbers valid in one of the regions."""
        spans: set[tuple[int, int]] = set()
        for candidate in self._CANDIDATE.finditer(text):
            piece = candidate.group()
            digits = sum(ch.isdigit() for ch in re.split(r"x|ext", piece, maxsplit=1)[0])
            if digits < self._MIN_DIGITS:
                continue
            # regions are tried in order; the first that validates the run decides, as the
            # same digits rarely form different numbers in different regions
            for region in self._regions:
                found = [
                    (candidate.start() + m.start, candidate.start() + m.end)
                    for m in phonenumbers.PhoneNumberMatcher(piece, region, leniency=1)
                ]
                if found:
                    spans.update(found)
                    break
        return [self._result(start, end) for start, end in sorted(spans)]

    def _result(self, start: int, end: int) -> RecognizerResult:
        return RecognizerResult(
            entity_type="PHONE_NUMBER",
            start=start,
            end=end,
            score=self.SCORE,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


class NameRulesRecognizer(EntityRecognizer):
    """PERSON from :class:`~guardrails.name_rules.NameRules` (titles and name gazetteers)."""

    NAME = "NameRules"

    def __init__(self, rules: NameRules, supported_language: str) -> None:
        self._rules = rules
        super().__init__(
            supported_entities=["PERSON"],
            supported_language=supported_language,
            name=self.NAME,
        )

    def load(self) -> None:
        """Nothing to load (the rules come ready)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        """Name spans as Presidio results."""
        return [
            RecognizerResult(
                "PERSON",
                span.start,
                span.end,
                span.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for span in self._rules.find(text)
        ]


class ChecksumPatternRecognizer(PatternRecognizer):
    """A policy regex recognizer; with a validator, only matches passing the checksum count."""

    def __init__(self, spec: RecognizerSpec, language: str) -> None:
        self._validator = VALIDATORS.get(spec.validator)
        super().__init__(
            supported_entity=spec.entity,
            name=f"{POLICY_PREFIX}{spec.name}",
            supported_language=language,
            patterns=[Pattern(p.name, p.regex, p.score) for p in spec.patterns],
            context=list(spec.context),
            global_regex_flags=re.DOTALL | re.MULTILINE,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """The checksum verdict, or None (no opinion) without a validator."""
        return None if self._validator is None else self._validator(pattern_text)


def policy_recognizers(specs: Sequence[RecognizerSpec], language: str) -> list[EntityRecognizer]:
    """Recognizers declared in the policy file for ``language``."""
    built: list[EntityRecognizer] = []
    for spec in specs:
        if language not in spec.languages:
            continue
        if spec.patterns:
            built.append(ChecksumPatternRecognizer(spec, language))
        if spec.deny_list:
            flags = re.DOTALL | re.MULTILINE | (0 if spec.case_sensitive else re.IGNORECASE)
            built.append(
                PatternRecognizer(
                    supported_entity=spec.entity,
                    name=f"{POLICY_PREFIX}{spec.name}:deny_list",
                    supported_language=language,
                    deny_list=list(spec.deny_list),
                    deny_list_score=spec.deny_list_score,
                    context=list(spec.context),
                    global_regex_flags=flags,
                )
            )
    return built


def street_address_recognizer(language: str) -> PatternRecognizer:
    """Street addresses: ``12 Baker Street``, ``Suite 200`` / ``Hauptstraße 5, 10115 Berlin``."""
    if language == "de":
        patterns = [
            Pattern("strasse_hausnummer", _STREET_DE, 0.6),
            Pattern("strasse_getrennt", _STREET_DE_SEPARATE, 0.5),
            Pattern("nummer_worte_nummer", _NUMBER_WORDS_NUMBER, 0.2),
        ]
        context = [
            "adresse",
            "anschrift",
            "wohnt",
            "wohnhaft",
            "straße",
            "liefer",
            "umgezogen",
            "geschickt",
            "schicken",
            "senden",
        ]
    else:
        patterns = [
            Pattern("number_street", _STREET_EN, 0.6),
            Pattern("unit", _UNIT_EN, 0.3),
            Pattern("number_words_number", _NUMBER_WORDS_NUMBER, 0.2),
        ]
        context = [
            "address",
            "lives",
            "living",
            "located",
            "moved",
            "street",
            "shipping",
            "shipped",
            "deliver",
            "sent",
            "send",
            "office",
            "apartment",
            "arrived",
            "taxi",
        ]
    return PatternRecognizer(
        supported_entity="STREET_ADDRESS",
        name="StreetAddressRecognizer",
        supported_language=language,
        patterns=patterns,
        context=context,
        global_regex_flags=re.DOTALL | re.MULTILINE,
    )


def german_identifiers_in_english() -> list[EntityRecognizer]:
    """German checksum-validated IDs also in English text ("my German tax ID is ...")."""
    recognizers: list[EntityRecognizer] = []
    for cls, extra in (
        (DeTaxIdRecognizer, ["tax id", "tax identification", "tin", "tax number"]),
        (DeVatIdRecognizer, ["vat", "vat id", "vat number"]),
        (DeIdCardRecognizer, ["id card", "identity card", "national id"]),
        (DePassportRecognizer, ["passport"]),
        (DeSocialSecurityRecognizer, ["social security", "pension insurance"]),
        (DeHealthInsuranceRecognizer, ["health insurance", "insurance number"]),
    ):
        recognizers.append(cls(supported_language="en", context=list(cls.CONTEXT) + extra))
    return recognizers


def predefined_recognizers(language: str) -> list[EntityRecognizer]:
    """Presidio's predefined recognizers Tresor uses for ``language`` (plus the additions)."""
    if language == "de":
        ctx = _GERMAN_CONTEXT
        return [
            OfflineEmailRecognizer("de", ctx["EMAIL_ADDRESS"]),
            DigitRunPhoneRecognizer(
                "de", ("DE", "AT", "CH", "US", "GB", "FR"), ctx["PHONE_NUMBER"]
            ),
            phone_shape_recognizer("de"),
            QuietIbanRecognizer(supported_language="de", context=ctx["IBAN_CODE"]),
            CreditCardRecognizer(supported_language="de", context=ctx["CREDIT_CARD"]),
            IpRecognizer(supported_language="de", context=ctx["IP_ADDRESS"]),
            UrlRecognizer(supported_language="de"),
            CryptoRecognizer(supported_language="de"),
            MacAddressRecognizer(supported_language="de"),
            DateRecognizer(supported_language="de"),
            DeTaxIdRecognizer(),
            DeTaxNumberRecognizer(),
            DeIdCardRecognizer(),
            DePassportRecognizer(),
            DeVatIdRecognizer(),
            DeKfzRecognizer(),
            DeSocialSecurityRecognizer(),
            DeHealthInsuranceRecognizer(),
            DeHandelsregisterRecognizer(),
            DeFuehrerscheinRecognizer(),
            street_address_recognizer("de"),
        ]
    return [
        *german_identifiers_in_english(),
        SpacyRecognizer(supported_language="en", supported_entities=list(SPACY_ENTITIES)),
        OfflineEmailRecognizer("en"),
        DigitRunPhoneRecognizer("en"),
        phone_shape_recognizer("en"),
        QuietIbanRecognizer(),
        CreditCardRecognizer(),
        IpRecognizer(),
        UrlRecognizer(),
        CryptoRecognizer(),
        MacAddressRecognizer(),
        DateRecognizer(),
        UsSsnRecognizer(),
        UsLicenseRecognizer(),
        UsPassportRecognizer(),
        UsBankRecognizer(),
        UsItinRecognizer(),
        NhsRecognizer(),
        MedicalLicenseRecognizer(),
        street_address_recognizer("en"),
    ]


def needs_digit_or_at(recognizer: EntityRecognizer) -> bool:
    """True for predefined identifier recognizers, which cannot match text without a digit or
    ``@`` (skipping them there is a large share of the cost on prose)."""
    if isinstance(recognizer, DigitRunPhoneRecognizer | QuietIbanRecognizer):
        return True
    if not isinstance(recognizer, PatternRecognizer):
        return False
    if _recognizer_name(recognizer).startswith(POLICY_PREFIX):
        return False
    return not isinstance(recognizer, UrlRecognizer | DateRecognizer | CryptoRecognizer)


def _recognizer_name(recognizer: Any) -> str:
    return str(recognizer.name)


def is_structured(recognizer: EntityRecognizer) -> bool:
    """True for cheap recognizers that need no NLP pipeline (safe on streamed output)."""
    return isinstance(recognizer, PatternRecognizer | DigitRunPhoneRecognizer)
