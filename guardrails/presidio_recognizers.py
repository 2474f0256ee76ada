"""The Presidio recognizers Tresor runs, per language, and the ones it adds.

Additions to Presidio's predefined set: an e-mail recognizer that never fetches the public
suffix list (offline) and reads addresses spelled "(at)", phone numbers, IBANs, street
addresses, dates and times, web addresses, dates of birth, employee and bank account numbers and German document, tax and insurance numbers from
:mod:`guardrails.recognizers` (formats as people write them, with context), person names
from titles and name lists (German fallback for the trained tagger, backup for spaCy in
English), and the policy's own regex and deny-list recognizers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import regex
from presidio_analyzer import (
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    CryptoRecognizer,
    DeFuehrerscheinRecognizer,
    DeHandelsregisterRecognizer,
    DeHealthInsuranceRecognizer,
    DeKfzRecognizer,
    DeTaxNumberRecognizer,
    DeVatIdRecognizer,
    EmailRecognizer,
    IpRecognizer,
    MacAddressRecognizer,
    MedicalLicenseRecognizer,
    SpacyRecognizer,
    UkNinoRecognizer,
    UsBankRecognizer,
    UsItinRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

from guardrails.checksums import VALIDATORS
from guardrails.name_rules import NameRules
from guardrails.policy import RecognizerSpec
from guardrails.recognizers.address import StreetAddressRecognizer
from guardrails.recognizers.birth_dates import DateOfBirthRecognizer
from guardrails.recognizers.coordinates import GeoCoordinatesRecognizer
from guardrails.recognizers.cued_numbers import (
    BankAccountRecognizer,
    CardSecurityCodeRecognizer,
    CuedHealthInsuranceRecognizer,
    CuedNhsNumberRecognizer,
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
from guardrails.recognizers.dates import DateTimeRecognizer
from guardrails.recognizers.german_ids import (
    GermanIdCardRecognizer,
    GermanPassportRecognizer,
    GermanSocialSecurityRecognizer,
    GermanTaxIdRecognizer,
)
from guardrails.recognizers.iban import IbanCodeRecognizer
from guardrails.recognizers.phone import PhoneNumberRecognizer
from guardrails.recognizers.public_suffixes import has_public_suffix
from guardrails.recognizers.record_fields import (
    BirthDateFieldRecognizer,
    CardAddressRecognizer,
    CustomerIdFieldRecognizer,
    EmployeeIdFieldRecognizer,
)
from guardrails.recognizers.secrets import SecretRecognizer
from guardrails.recognizers.urls import PersonalWebsiteRecognizer, WebAddressRecognizer

#: Name prefix of the recognizers declared in the policy file.
POLICY_PREFIX = "policy:"

#: spaCy labels the English pipeline contributes.
SPACY_ENTITIES = ("PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME")

_GERMAN_CONTEXT: Mapping[str, list[str]] = {
    "EMAIL_ADDRESS": ["mail", "e-mail", "email", "adresse", "schreiben"],
    "CREDIT_CARD": ["kreditkarte", "karte", "kartennummer", "visa", "mastercard", "amex"],
    "IP_ADDRESS": ["ip", "ip-adresse", "server", "adresse"],
}


#: "(at)", "[at]", "{ät}" ... standing for "@" in addresses written against spam harvesters
SPELLED_OUT_AT = r"(?:\s?[(\[{<]\s?(?:at|ät)\s?[)\]}>]\s?|%40)"
#: "(dot)", "[punkt]" ... standing for "."
_OBFUSCATED_DOT = r"\s?[(\[{<]\s?(?:dot|punkt)\s?[)\]}>]\s?"
_LABEL = r"\w+(?:-+\w+)*"
_SPELLED_AT = re.compile(SPELLED_OUT_AT, re.IGNORECASE)
_SPELLED_DOT = re.compile(_OBFUSCATED_DOT, re.IGNORECASE)


def deobfuscated_email(text: str) -> str:
    """``anna.schmidt (at) firma [dot] de`` as ``anna.schmidt@firma.de``."""
    return _SPELLED_DOT.sub(".", _SPELLED_AT.sub("@", text))


class RegionalPatterns:
    """A pattern recognizer whose matches can only lie in some regions of a text: the lean
    scan runs its patterns there instead of from every position of the whole text."""

    def match_regions(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` regions, in order, that together hold every possible match."""
        raise NotImplementedError


#: a character that cannot belong to an address's mailbox (the pattern's mailbox class plus
#: the apostrophe), searched backwards from an "@"
_NOT_MAILBOX = regex.compile(r"[^\w!#$%&*+/?^{}~.'\-]", flags=regex.REVERSE)
#: the characters an address's domain is made of
_DOMAIN_RUN = regex.compile(r"[\w.\-]*")


class OfflineEmailRecognizer(RegionalPatterns, EmailRecognizer):
    """Presidio's e-mail recognizer with a TLD check from the bundled suffix-list snapshot.

    Its pattern leaves ``=``, backticks and ``|`` out of the mailbox, and takes an apostrophe
    only inside it ("o'reilly@..."): a key or a quote before an address is no part of it
    ("email=k.patel@corp.com", "user_email='anna@x.de'" in logs and code).

    An address holds one "@", so the pattern runs only around each "@": from the last
    character before it that no mailbox holds to the first after it that no domain holds.
    Run from every word start of the whole text, the pattern cost ~2 ms per 1,000 characters
    (it reads every word as a possible mailbox)."""

    PATTERNS = [
        Pattern(
            "Email (Medium)",
            r"\b(?:[\w!#$%&*+/?^{}~-]|(?<=\w)'(?=\w))(?:[\w!#$%&*+/?^{}~.-]|(?<=\w)'(?=\w))*"
            r"(?<!\.)@\w+(?:[-.]\w+)*\.\w+(?:[-.]\w+)*\b",
            0.5,
        ),
    ]

    def __init__(self, supported_language: str = "en", context: list[str] | None = None):
        super().__init__(supported_language=supported_language, context=context)

    def validate_result(self, pattern_text: str) -> bool:
        """A match counts when its domain ends in a known public suffix."""
        return has_public_suffix(pattern_text)

    def match_regions(self, text: str) -> list[tuple[int, int]]:
        """One region per "@": its mailbox run before it and its domain run after it."""
        regions = []
        at = text.find("@")
        while at >= 0:
            before = _NOT_MAILBOX.search(text, 0, at)
            end = _DOMAIN_RUN.match(text, at + 1).end()
            regions.append((before.end() if before else 0, end))
            at = text.find("@", at + 1)
        return regions


class SpelledOutEmailRecognizer(OfflineEmailRecognizer):
    """E-mail addresses written against harvesters: ``anna.schmidt(at)firma.de``,
    ``anna [at] firma [dot] de``; read only in texts that hold such an "(at)"."""

    PATTERNS = [
        Pattern(
            "Email (spelled out)",
            rf"\b[\w.+-]*\w{SPELLED_OUT_AT}{_LABEL}(?:(?:\.|{_OBFUSCATED_DOT}){_LABEL})+\b",
            0.5,
        ),
    ]

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: Any = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Nothing without a spelled-out "(at)" (most texts), else the pattern's results."""
        if not _SPELLED_AT.search(text):
            return []
        return list(super().analyze(text, entities, nlp_artifacts, regex_flags) or [])

    def validate_result(self, pattern_text: str) -> bool:
        """The address written out counts when its domain ends in a known public suffix."""
        return super().validate_result(deobfuscated_email(pattern_text))


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


def german_identifiers_in_english() -> list[EntityRecognizer]:
    """German checksum-validated IDs also in English text ("my German tax ID is ...")."""
    recognizers: list[EntityRecognizer] = []
    for cls, extra in (
        (GermanTaxIdRecognizer, ["tax id", "tax identification", "tin", "tax number"]),
        (DeVatIdRecognizer, ["vat", "vat id", "vat number"]),
        (GermanIdCardRecognizer, ["id card", "identity card", "national id"]),
        (GermanPassportRecognizer, ["passport"]),
        (GermanSocialSecurityRecognizer, ["social security", "pension insurance"]),
        (DeHealthInsuranceRecognizer, ["health insurance", "insurance number"]),
    ):
        recognizers.append(cls(supported_language="en", context=list(cls.CONTEXT) + extra))
    return recognizers


def record_field_recognizers(language: str) -> list[EntityRecognizer]:
    """Personal numbers, dates and contact cards' addresses named by their field or column in
    records and tables (home towns: :func:`guardrails.person_names.person_recognizers`,
    beside the name fields)."""
    return [
        EmployeeIdFieldRecognizer(language),
        CustomerIdFieldRecognizer(language),
        BirthDateFieldRecognizer(language),
        CardAddressRecognizer(language),
    ]


def predefined_recognizers(language: str, *, spacy_ner: bool = True) -> list[EntityRecognizer]:
    """Presidio's predefined recognizers Tresor uses for ``language`` (plus the additions).

    ``spacy_ner``: the language's spaCy pipeline finds entities, so a ``SpacyRecognizer``
    reads them (always for English; for German when ``guardrails.spacy_model_de`` names a
    pipeline with NER instead of the blank one).
    """
    if language == "de":
        ctx = _GERMAN_CONTEXT
        ner: list[EntityRecognizer] = (
            [SpacyRecognizer(supported_language="de", supported_entities=list(SPACY_ENTITIES))]
            if spacy_ner
            else []
        )
        return [
            *ner,
            OfflineEmailRecognizer("de", ctx["EMAIL_ADDRESS"]),
            SpelledOutEmailRecognizer("de", ctx["EMAIL_ADDRESS"]),
            PhoneNumberRecognizer("de", ("DE", "AT", "CH", "US", "GB", "FR")),
            IbanCodeRecognizer("de"),
            CreditCardRecognizer(supported_language="de", context=ctx["CREDIT_CARD"]),
            IpRecognizer(supported_language="de", context=ctx["IP_ADDRESS"]),
            WebAddressRecognizer("de"),
            PersonalWebsiteRecognizer("de"),
            CryptoRecognizer(supported_language="de"),
            MacAddressRecognizer(supported_language="de"),
            DateTimeRecognizer("de"),
            GermanTaxIdRecognizer(),
            CuedTaxIdRecognizer("de"),
            CuedSocialSecurityRecognizer("de"),
            CuedHealthInsuranceRecognizer("de"),
            DeTaxNumberRecognizer(),
            CuedTaxNumberRecognizer("de"),
            GermanIdCardRecognizer(),
            GermanPassportRecognizer(),
            DeVatIdRecognizer(),
            DeKfzRecognizer(),
            GermanSocialSecurityRecognizer(),
            DeHealthInsuranceRecognizer(),
            DeHandelsregisterRecognizer(),
            DeFuehrerscheinRecognizer(),
            StreetAddressRecognizer("de"),
            DateOfBirthRecognizer("de"),
            EmployeeIdRecognizer("de"),
            CustomerNumberRecognizer("de"),
            BankAccountRecognizer("de"),
            DriverLicenseRecognizer("de"),
            PassportNumberRecognizer("de"),
            VehicleIdRecognizer("de"),
            LicensePlateRecognizer("de"),
            GeoCoordinatesRecognizer("de"),
            MedicalRecordRecognizer("de"),
            CuedNhsNumberRecognizer("de"),
            *record_field_recognizers("de"),
            PasswordRecognizer("de"),
            CardSecurityCodeRecognizer("de"),
            SecretRecognizer("de"),
        ]
    return [
        *german_identifiers_in_english(),
        CuedTaxIdRecognizer("en"),
        CuedTaxNumberRecognizer("en"),
        CuedSocialSecurityRecognizer("en"),
        CuedHealthInsuranceRecognizer("en"),
        SpacyRecognizer(supported_language="en", supported_entities=list(SPACY_ENTITIES)),
        OfflineEmailRecognizer("en"),
        SpelledOutEmailRecognizer("en"),
        PhoneNumberRecognizer("en"),
        IbanCodeRecognizer("en"),
        CreditCardRecognizer(),
        IpRecognizer(),
        WebAddressRecognizer("en"),
        PersonalWebsiteRecognizer("en"),
        CryptoRecognizer(),
        MacAddressRecognizer(),
        DateTimeRecognizer("en"),
        UsSsnRecognizer(),
        UsLicenseRecognizer(),
        UsPassportRecognizer(),
        UsBankRecognizer(),
        UsItinRecognizer(),
        CuedNhsNumberRecognizer("en"),
        *record_field_recognizers("en"),
        MedicalLicenseRecognizer(),
        StreetAddressRecognizer("en"),
        DateOfBirthRecognizer("en"),
        EmployeeIdRecognizer("en"),
        CustomerNumberRecognizer("en"),
        BankAccountRecognizer("en"),
        DriverLicenseRecognizer("en"),
        PassportNumberRecognizer("en"),
        VehicleIdRecognizer("en"),
        LicensePlateRecognizer("en"),
        GeoCoordinatesRecognizer("en"),
        MedicalRecordRecognizer("en"),
        PasswordRecognizer("en"),
        CardSecurityCodeRecognizer("en"),
        SecretRecognizer("en"),
        UkNinoRecognizer(),
    ]


#: Tresor's own recognizers, which need no NLP and only read text with a digit.
_OWN_IDENTIFIERS = (
    PhoneNumberRecognizer, IbanCodeRecognizer, StreetAddressRecognizer, EmployeeIdRecognizer,
    CustomerNumberRecognizer, BankAccountRecognizer, DriverLicenseRecognizer, MedicalRecordRecognizer,
    CardSecurityCodeRecognizer, CuedTaxIdRecognizer, CuedTaxNumberRecognizer,
    CuedSocialSecurityRecognizer,
    CuedHealthInsuranceRecognizer, CuedNhsNumberRecognizer, EmployeeIdFieldRecognizer,
    CustomerIdFieldRecognizer, BirthDateFieldRecognizer, PassportNumberRecognizer,
    VehicleIdRecognizer, LicensePlateRecognizer, GeoCoordinatesRecognizer,
)  # fmt: skip


def needs_digit_or_at(recognizer: EntityRecognizer) -> bool:
    """True for predefined identifier recognizers, which cannot match text without a digit or
    ``@`` (skipping them there is a large share of the cost on prose)."""
    if isinstance(recognizer, (*_OWN_IDENTIFIERS, DateOfBirthRecognizer)):
        return True
    if not isinstance(recognizer, PatternRecognizer):
        return False
    if _recognizer_name(recognizer).startswith(POLICY_PREFIX):
        return False
    return not isinstance(recognizer, CryptoRecognizer)


def _recognizer_name(recognizer: Any) -> str:
    return str(recognizer.name)


def is_structured(recognizer: EntityRecognizer) -> bool:
    """True for cheap recognizers that need no NLP pipeline (safe on streamed output)."""
    return isinstance(
        recognizer,
        (
            PatternRecognizer, PasswordRecognizer, SecretRecognizer, DateOfBirthRecognizer,
            DateTimeRecognizer, WebAddressRecognizer, PersonalWebsiteRecognizer,
            *_OWN_IDENTIFIERS,
        ),
    )  # fmt: skip


def reported_when_allowed(recognizer: EntityRecognizer) -> bool:
    """True for recognizers cheap enough (a few microseconds per message) to run on input
    while the policy allows their type, so ``tresor pii analyze`` reports what they find
    (dates and times, web addresses) as the gateway sees it; nothing is rewritten for them."""
    return isinstance(recognizer, DateTimeRecognizer | WebAddressRecognizer)
