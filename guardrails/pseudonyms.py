"""How a pseudonymized value looks to the model, and how it is found again in the answer.

:class:`PseudonymStyle` is the seam: :class:`TypedTokenStyle` writes typed tokens such as
``[PERSON_1]``; :class:`guardrails.surrogate_style.SurrogateStyle` adds realistic surrogates of
the same kind (``Lena Weber``) per request, with the same operations (render, find, partial
tail).

Why ``[PERSON_1]``: small models copy bracketed, upper-case, underscore tokens faithfully far
more often than ``<PERSON_1>`` (read as markup and mangled to ``<PERSON>``) and keep the index,
which is what makes the restore unambiguous. Restore tolerates the obvious manglings where
they stay unambiguous: other case or separator inside the brackets (``[Person 1]``), missing
brackets on the exact upper-case form (``PERSON_1``), and a missing index (``[PERSON]``) when
exactly one value of that kind exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

#: Short labels the model sees; unlisted types use their own name.
DEFAULT_LABELS: Mapping[str, str] = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "IBAN_CODE": "IBAN",
    "CREDIT_CARD": "CARD",
    "IP_ADDRESS": "IP",
    "MAC_ADDRESS": "MAC",
    "STREET_ADDRESS": "ADDRESS",
    "LOCATION": "LOCATION",
    "PERSONAL_LOCATION": "PLACE",
    "USERNAME": "USER",
    "ORGANIZATION": "ORG",
    "DATE_TIME": "DATE",
    "DATE_OF_BIRTH": "BIRTHDATE",
    "PERSONAL_URL": "WEBSITE",
    "EMPLOYEE_ID": "EMPLOYEE",
    "BANK_ACCOUNT": "ACCOUNT",
    "MEDICAL_RECORD": "MRN",
    "PASSWORD": "PASSWORD",
    "SECRET": "SECRET",
    "DE_TAX_ID": "TAX_ID",
    "DE_TAX_NUMBER": "TAX_NUMBER",
    "DE_ID_CARD": "ID_CARD",
    "DE_PASSPORT": "PASSPORT",
    "US_PASSPORT": "PASSPORT",
    "DE_VAT_ID": "VAT_ID",
    "DE_KFZ": "PLATE",
    "VEHICLE_ID": "VEHICLE",
    "GEO_COORDINATES": "GEO",
    "CRYPTO": "WALLET",
    "US_SSN": "SSN",
    "US_DRIVER_LICENSE": "LICENSE",
    "DE_FUEHRERSCHEIN": "LICENSE",
    "UK_NINO": "NINO",
    "UK_NHS": "NHS",
}

#: Type of the vault entries that keep user text which merely looks like a placeholder.
LITERAL_ENTITY = "PLACEHOLDER_LITERAL"
LITERAL_LABEL = "LITERAL"

#: Longest tail held back while it may still become a placeholder.
MAX_TOKEN_CHARS = 40


@dataclass(frozen=True)
class TokenMatch:
    """A (possibly mangled) placeholder in text; ``index`` is None when the model dropped it.

    ``replacement``: the caller's text for exactly this form, when the style knows it better
    than the whole vault value (a surrogate's first name alone, an inflected surname; see
    :mod:`guardrails.surrogate_style`). The resolver still decides whether it may be shown.
    """

    start: int
    end: int
    label: str
    index: int | None
    replacement: str | None = None


def leftmost_longest(found: Iterable[TokenMatch]) -> Iterator[TokenMatch]:
    """``found`` left to right without overlaps: of tokens starting together the longest wins,
    and a token starting inside an earlier one is dropped."""
    last_end = -1
    for token in sorted(found, key=lambda t: (t.start, -(t.end - t.start))):
        if token.start >= last_end:
            last_end = token.end
            yield token


class PseudonymStyle(Protocol):
    """Renders pseudonyms and finds them again in model output."""

    def label_for(self, entity_type: str) -> str:
        """The label (namespace of the index counter) of an entity type."""
        ...

    def render(self, label: str, index: int) -> str:
        """The text the model sees for the ``index``-th value of ``label`` in a scope."""
        ...

    def find(self, text: str) -> Iterator[TokenMatch]:
        """Placeholders in ``text``, left to right, non-overlapping."""
        ...

    def partial_tail(self, text: str) -> int:
        """Where a possibly unfinished placeholder starts at the end of ``text`` (else len)."""
        ...


class TypedTokenStyle:
    """Typed, numbered tokens: ``[PERSON_1]``, ``[EMAIL_2]``.

    ``entity_types`` adds the types of the policy's custom recognizers (their label is the
    type name); ``labels`` replaces the default short labels.
    """

    def __init__(
        self, entity_types: Iterable[str] = (), labels: Mapping[str, str] | None = None
    ) -> None:
        self._labels = dict(DEFAULT_LABELS if labels is None else labels)
        for entity_type in entity_types:
            # labels are letters and underscores, so the index stays unambiguous
            self._labels.setdefault(entity_type, re.sub(r"[^A-Z_]", "", entity_type).strip("_"))
        self._labels[LITERAL_ENTITY] = LITERAL_LABEL
        known = sorted(set(self._labels.values()), key=len, reverse=True)
        self._known = frozenset(known)
        alternatives = "|".join(re.escape(k) for k in known)
        # Only labels of types the policy knows count as placeholders, so "[SOURCE_1]" or
        # "[Figure 2]" in ordinary text is left alone.
        self._bracketed = re.compile(
            r"\[\s?(?P<label>[A-Za-z][A-Za-z_]*?)[ _-]?(?P<index>\d{1,6})\s?\]"
        )
        self._bare = re.compile(
            rf"(?<![\w\[])(?P<label>{alternatives})_(?P<index>\d{{1,6}})(?![\w\]])"
        )
        self._unnumbered = re.compile(rf"\[\s?(?P<label>{alternatives})\s?\]", re.IGNORECASE)
        self._tail_bracket = re.compile(r"\[\s?(?P<head>[A-Za-z_]*?)(?:[ _-]?\d{1,6})?\s?\Z")
        self._tail_bare = re.compile(r"(?<![\w\[])[A-Z][A-Z_]*\d{0,6}\Z")

    def label_for(self, entity_type: str) -> str:
        """Short label for known types, the type name otherwise."""
        return self._labels.get(entity_type, entity_type)

    def render(self, label: str, index: int) -> str:
        """``[LABEL_N]``."""
        return f"[{label}_{index}]"

    def _normal_label(self, raw: str) -> str | None:
        label = raw.upper()
        return label if label in self._known else None

    def find(self, text: str) -> Iterator[TokenMatch]:
        """Bracketed (tolerant), bare exact and unnumbered forms, left to right."""
        if "[" not in text and "_" not in text:
            return
        found: list[TokenMatch] = []
        for m in self._bracketed.finditer(text):
            label = self._normal_label(m.group("label"))
            if label is not None:
                found.append(TokenMatch(m.start(), m.end(), label, int(m.group("index"))))
        for m in self._bare.finditer(text):
            found.append(TokenMatch(m.start(), m.end(), m.group("label"), int(m.group("index"))))
        for m in self._unnumbered.finditer(text):
            found.append(TokenMatch(m.start(), m.end(), m.group("label").upper(), None))
        yield from leftmost_longest(found)

    def partial_tail(self, text: str) -> int:
        """Start of a trailing ``[PERS``-like or bare ``PERSON_``-like fragment, else len."""
        cut = len(text)
        bracket = text.rfind("[", max(0, len(text) - MAX_TOKEN_CHARS))
        if bracket != -1 and "]" not in text[bracket:]:
            m = self._tail_bracket.match(text, bracket)
            if m is not None and self._could_be_label(m.group("head").upper().rstrip(" _-")):
                cut = bracket
        m = self._tail_bare.search(text, max(0, len(text) - MAX_TOKEN_CHARS))
        if m is not None and m.start() < cut and self._could_be_bare(m.group()):
            cut = m.start()
        return cut

    def _could_be_label(self, head: str) -> bool:
        return any(k.startswith(head) for k in self._known)

    def _could_be_bare(self, fragment: str) -> bool:
        head = fragment.rstrip("0123456789")
        if head != fragment:  # digits present: must be LABEL_ + digits
            return head.endswith("_") and head[:-1] in self._known
        return any(
            k.startswith(head) or (head.endswith("_") and head[:-1] == k) for k in self._known
        )
