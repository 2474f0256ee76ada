"""Phone numbers as people write them, in English and German text.

One pass finds runs of digit groups (``+49 (0) 30 1234567``, ``(555) 123-4567``,
``0171-1234567``, ``12 34 56 78``, ``555.123.4567 x12``); each run is then judged:

- shapes that are phone numbers on their own (international prefix, North American
  3-3-4, German national number with a leading ``0``) score :data:`SHAPE_SCORE`;
- a run with a trunk ``0`` or international prefix and separators that ``phonenumbers``
  accepts as a valid number of a common region scores :data:`VALID_SCORE`;
- any run of 6-15 digits scores :data:`CONTEXT_SCORE` when a phone word stands before it
  ("call", "Tel.", "not answering at", "Handy"; also the European colleagues' "móvil",
  "cellulare", "portable", "telefoon", "komórka") or a line label follows it ("office",
  "-Fax", "mobil"); local numbers of other countries ("12-34-56-78", "(12) 345-678") have no
  fixed shape, so their context is what makes them phone numbers; a bare "number" /
  "Nummer" counts before a run with separators, or before one without that is dialled from
  a trunk ``0`` or ``+`` and valid ("my number is 07799123456"; "my number is 123456789"
  is as often an ID);
- everything else is dropped.

A run shaped like a US social security number (``078-05-1120``) scores
:data:`SSN_SHAPE_SCORE`, below the SSN recognizer, which names it when it accepts it.
Never phone numbers: dates (``2026-03-15``, ``15.03.2026``), times, IPv4 addresses,
version numbers, amounts (``1 234,50 €``), runs of 16+ digits (cards, IBANs) and numbers
led by an order/invoice/customer word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import phonenumbers

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: Score of a run whose shape alone says "phone number".
SHAPE_SCORE = 0.5
#: Score of a run ``phonenumbers`` validates for one of the regions.
VALID_SCORE = 0.4
#: Score of a run shaped like a US social security number (below that recognizer's scores).
SSN_SHAPE_SCORE = 0.4
#: Score of any plausible run with a phone word before it or a phone label after it.
CONTEXT_SCORE = 0.9

_MIN_DIGITS = 6
_MAX_DIGITS = 15  # E.164 maximum; cards and IBANs are longer

_SEP = r"(?:[ \t]?[-./][ \t]?|[ \t]|(?<=\))[ \t]?)"
_FIRST = r"(?:\([ \t]?(?:\+|00)?\d{1,5}[ \t]?\)|(?:(?:\+|00)[ \t]?)?\d{1,15})"
#: the trunk zero or the area code in parentheses after a country code: "+49 (0) 30 ...",
#: "+1 (415) 555-0134"
_AREA_IN_PARENTHESES = r"[ \t]?\(\d{1,5}\)"
_EXT = r"(?:[ \t]?(?:x|ext\.?|extension|Durchwahl|DW)[ \t]?\d{1,6})?"
#: a phone word abbreviated with a period right before the number ("Tel.+49 30 1234567",
#: "Fon.030 1234567", "T.+49 ..."), where any other period means a version, date or amount
_ABBREVIATED = r"(?<=\btel\.)|(?<=\bfon\.)|(?<=\bfax\.)|(?<=\bmob\.)|(?<=\b[tfm]\.)"
_CANDIDATE = re.compile(
    rf"(?:(?<![\w+./@-])|{_ABBREVIATED})(?<!\d[:,])(?:(?<!\d[ \t])|(?=\+))"
    rf"(?P<number>{_FIRST}(?:{_AREA_IN_PARENTHESES})?(?:{_SEP}\d{{1,12}}){{0,6}})(?P<ext>{_EXT})"
    rf"(?![\w@]|[.,:/-]?\d)",
    re.IGNORECASE,
)

_INTERNATIONAL = re.compile(r"^\(?(?:\+|00)[1-9]")
_NANP = re.compile(r"^(?:\+?1[-. ]?)?(?:\(\d{3}\)[ \t]?|\d{3}[-. ])\d{3}[-. ]\d{4}$")
_NATIONAL_DE = re.compile(r"^\(?0\d{2,5}\)?(?:[ \t]?[/-][ \t]?|[ \t])\d{3,9}(?:[ -]\d{1,5})?$")
_DATE = re.compile(
    r"^(?:(?:19|20)\d\d[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)?\d\d"
    r"|(?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])[-./](?:19|20)?\d\d)"
    r"(?:[ \t]\d{1,2})?$"  # a whole date, perhaps with the hour of a time after it
)
_SSN = re.compile(r"^\d{3}-\d{2}-\d{4}$")
_TRUNK_OR_INTERNATIONAL = re.compile(r"^\(?(?:\+|0)\d*[^\d]")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_DOTTED_VERSION = re.compile(r"^\d{1,3}(?:\.\d{1,3}){1,3}$")

_BEFORE_WORDS = (
    "phone", "telephone", "tel", "cell", "cellphone", "mobile", "mob", "fax", "call",
    "calling", "reach", "reached", "answering", "dial", "ring", "hotline", "whatsapp", "sms",
    "text", "txt", "texting", "signal", "imessage",
    "contact",
    "telefon", "telefonnummer", "handy", "handynummer", "mobil",
    "mobilnummer", "rufnummer", "anrufen", "rufen", "ruf", "erreichbar", "erreichen",
    "durchwahl", "festnetz", "rückruf", "zurückrufen", "fon", "phon",
    # the phone words of the colleagues' other languages: French, Spanish, Italian, Dutch,
    # Polish, Nordic ("Mi móvil es 612 34 56 78", "cellulare 347 ...")
    "téléphone", "portable", "teléfono", "telefono", "móvil", "movil", "celular", "cellulare",
    "telefoon", "mobiel", "komórka", "komórkowy", "tlf", "mobiltelefon",
)  # fmt: skip
#: "number" in the colleagues' languages (a phone's number unless an ID word names it)
_NUMBER_WORDS = frozenset({"number", "nummer", "no", "numéro", "número", "numero", "numer"})
_AFTER_LABELS = (
    "office", "fax", "mobile", "cell", "home", "work", "phone", "tel", "direct", "main",
    "private", "privat", "mobil", "handy", "büro", "geschäftlich", "festnetz", "telefon",
)  # fmt: skip
_NOT_PHONE_WORDS = (
    "order", "invoice", "ticket", "ref", "reference", "customer", "account", "case", "id",
    "no", "nr", "item", "article", "serial", "bestellung", "bestellnummer", "rechnung",
    "rechnungsnummer", "kunde", "kundennummer", "auftrag", "vorgang", "artikel", "konto",
    "kontonummer", "plz", "zip", "postcode", "isbn", "version", "build", "release", "license",
    "licence", "passport", "tax", "insurance", "steuer",
    "apt", "apartment", "suite", "unit", "box", "room", "floor", "wohnung", "postfach",
)  # fmt: skip
# words naming a number that is no phone number ("social security number", "Kundennummer")
_ID_WORDS = frozenset(_NOT_PHONE_WORDS) | {
    "ssn", "social", "security", "card", "iban", "vat", "ausweis", "personalausweis",
    "steuer", "steuernummer", "tracking", "routing", "policy", "member", "employee",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
#: digits after the last word before a number: another number stands between them
_LAST_DIGIT = re.compile(r"\d[^\w]*$")
_CURRENCY_AFTER = re.compile(r"^[ \t]?(?:€|\$|£|eur\b|euro|usd\b|dollar|chf\b|gbp\b|%)", re.I)
_CURRENCY_BEFORE = re.compile(r"(?:€|\$|£|eur|usd|chf|gbp)[ \t]?$", re.I)


class PhoneNumberRecognizer(SpanRecognizer):
    """PHONE_NUMBER from digit-group runs, judged by shape, validity and context."""

    ENTITY = "PHONE_NUMBER"
    NAME = "PhoneRecognizer"

    def __init__(
        self,
        supported_language: str = "en",
        regions: Sequence[str] = ("US", "GB", "DE", "AT", "CH", "FR"),
    ) -> None:
        self._regions = tuple(regions)
        # context is judged here, per run (see the module docstring), not by the detector
        super().__init__(supported_language, context=[])

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Phone numbers in ``text``."""
        for match in _CANDIDATE.finditer(text):
            score = self.score(text, match.start(), match.end("number"), match.end())
            if score > 0:
                yield match.start(), match.end(), score

    def score(self, text: str, start: int, number_end: int, end: int) -> float:
        """Score of ``text[start:end]`` (the number proper ends at ``number_end``); 0: none."""
        number = text[start:number_end].strip()
        digits = sum(ch.isdigit() for ch in number)
        if not _MIN_DIGITS <= digits <= _MAX_DIGITS or _is_other_number(number):
            return 0.0
        before = text[max(0, start - 40) : start]
        after = text[end : end + 16]
        if _CURRENCY_AFTER.match(after) or _CURRENCY_BEFORE.search(before):
            return 0.0
        if _SSN.match(number):
            # the US social security number's shape: personal either way; the SSN
            # recognizer scores it higher and names it, unless it rejects a known sample
            return SSN_SHAPE_SCORE
        before_words = [w.lower() for w in _WORD.findall(before)][-5:]
        if len(before_words) >= 2 and before_words[-1] in ("nr", "no") and _is_phone_word(
            before_words[-2]
        ):
            before_words.pop()  # "Tel.-Nr.", "Fax-Nr.", "phone no.": the phone word's number
        # an ID word vetoes the number right after it, not one after that ID's own digits
        # ("Kontonummer 1234567890 +49 30 1234567") nor one a phone word comes closer to
        # ("Apt. 12, Tel. 089 123456")
        if (
            any(w in _NOT_PHONE_WORDS for w in before_words[-2:])
            and not (before_words and _is_phone_word(before_words[-1]))
            and not _LAST_DIGIT.search(before)
        ):
            return 0.0
        # a bare "number" before an unseparated run ("number 123456789") names an ID as often,
        # unless the run is dialled as a phone number is, from a trunk "0" or a "+", and valid
        # ("meine Nummer ist 01711234567", "my number is 07799123456")
        grouped = not number.lstrip("+").isdigit()
        dialled = not grouped and number[:1] in "0+" and self._valid(number)
        if _phone_context(before_words, grouped or dialled) or _labelled_after(after):
            return CONTEXT_SCORE
        if _INTERNATIONAL.match(number) and digits >= 8:
            return SHAPE_SCORE
        if _NANP.match(number) or _NATIONAL_DE.match(number):
            return SHAPE_SCORE
        if _TRUNK_OR_INTERNATIONAL.match(number) and self._valid(number):
            return VALID_SCORE
        # runs led by 1-9 without a phone word are as often years ("2008/09", "1990-2000"),
        # amounts ("100 000") or IDs; context decides for them
        return 0.0

    def _valid(self, number: str) -> bool:
        for region in self._regions:
            try:
                parsed = phonenumbers.parse(number, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(parsed):
                return True
        return False


def _is_other_number(number: str) -> bool:
    """Dates (also followed by a time), IPv4 addresses and dotted version numbers."""
    bare = number.lstrip("(")
    return bool(_DATE.match(bare) or _IPV4.match(bare) or _DOTTED_VERSION.match(bare))


def _is_phone_word(word: str) -> bool:
    """``word`` (lower case) names a phone line ("tel", "Telefonnummer", "Handy")."""
    return word in _BEFORE_WORDS or word.startswith(("telefon", "phone", "handy", "mobil"))


def _phone_context(words: list[str], grouped: bool) -> bool:
    """A phone word among ``words``; "number" counts unless an ID word names the number
    ("my number is ..." yes, "my social security number is ..." no)."""
    if any(_is_phone_word(w) for w in words):
        return True
    return (
        grouped
        and any(w in _NUMBER_WORDS for w in words)
        and not any(
            w in _ID_WORDS or (w.endswith(("nummer", "number")) and w not in ("nummer", "number"))
            for w in words
        )
    )


def _labelled_after(after: str) -> bool:
    """A line label right after the number: ``555-0100 office``, ``030 1234-Fax``."""
    m = re.match(r"[ \t]*[-/(]?[ \t]*([^\W\d_]+)", after)
    return m is not None and m.group(1).lower() in _AFTER_LABELS
