"""Find surrogates again in a model's answer and map them back to the user's own values.

Models do not copy surrogates byte for byte: they change case ("LENA WEBER"), address people by
one name ("Dear Lena", "Frau Weber"), inflect them ("Webers Bericht", "Weber's report"), drop
a title, or regroup digits ("+49 30 23125 417" as "030 23125417"). Each of these is accepted
only where it points to exactly one value of the scope; a form two values share is left alone.
Restored text is always the user's value as they wrote it (their case, their formatting);
an inflection the model added is carried over ("Webers" -> "Schmidts", "Weiß'" stays German).

Streaming: :meth:`SurrogateMatcher.partial_tail` says where a possibly unfinished surrogate
starts at the end of a chunk, including a complete one that may still grow ("Lena" before
" Weber", "Weber" before "s"), so the restorer holds back just that tail.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field

import regex

from guardrails.surrogates import person_parts

#: Separators a model may put between (or drop from) the digits of a phone number.
_PHONE_GAP = r"[\s\-/.()]{0,3}"
#: Separators inside IBANs, card numbers and other identifiers.
_ID_GAP = r"[\s\-]?"
#: Inflection a model may add to a name: genitive or plural s, English possessive.
_SUFFIX = r"(?:['’]s|s|['’])"
_SIBILANT_END = re.compile(r"[sßxz]\Z", re.IGNORECASE)
_COMPACT_TYPES = frozenset(
    {"IBAN_CODE", "CREDIT_CARD", "DE_TAX_ID", "DE_TAX_NUMBER", "DE_ID_CARD", "DE_PASSPORT",
     "DE_VAT_ID", "DE_SOCIAL_SECURITY", "DE_HEALTH_INSURANCE", "US_SSN", "US_ITIN",
     "US_BANK_NUMBER", "US_PASSPORT", "UK_NHS", "EMPLOYEE_ID", "CUSTOMER_ID", "BANK_ACCOUNT",
     "US_DRIVER_LICENSE", "DE_FUEHRERSCHEIN", "UK_NINO",
     "MEDICAL_RECORD", "VEHICLE_ID"}
)  # fmt: skip


@dataclass(frozen=True)
class SurrogateEntry:
    """One value of a scope: its type, the surrogate the model saw, the user's original.

    ``ref`` is the caller's handle (e.g. the vault label and index), returned with matches.
    """

    entity_type: str
    surrogate: str
    original: str
    ref: Hashable = None


@dataclass(frozen=True)
class SurrogateMatch:
    """A surrogate (or an accepted variant) at ``text[start:end]`` and what replaces it."""

    start: int
    end: int
    entry: SurrogateEntry
    replacement: str


@dataclass(frozen=True)
class _Form:
    pattern: str  # regex source of the form itself (no boundaries)
    key: str  # canonical literal, to spot forms two entries share
    replacement: str
    entry: SurrogateEntry
    inflects: bool = False
    # not inside an e-mail address or dotted identifier ("lena.weber@...")
    head: str = r"(?<![\w@])(?<!\w\.)"
    tail: str = r"(?![\w@])(?!\.\w)"
    group: str = field(default="", compare=False)


def _words(value: str) -> str:
    return r"\s+".join(regex.escape(w) for w in value.split())


def _person_forms(entry: SurrogateEntry) -> list[_Form]:
    sur_parts, orig_parts = person_parts(entry.surrogate), person_parts(entry.original)
    forms = [
        _Form(_words(entry.surrogate), entry.surrogate.casefold(), entry.original, entry, True)
    ]
    bare = " ".join(sur_parts)
    if sur_parts and bare != " ".join(entry.surrogate.split()):
        original_bare = " ".join(orig_parts) or entry.original
        forms.append(_Form(_words(bare), bare.casefold(), original_bare, entry, True))
    if len(sur_parts) > 1:
        for i, part in enumerate(sur_parts):
            if len(part.rstrip(".")) < 3:
                continue
            if len(orig_parts) == len(sur_parts):
                target = orig_parts[i]
            else:  # first maps to first, the surname to the surname
                target = orig_parts[0] if i == 0 else orig_parts[-1]
            forms.append(_Form(regex.escape(part), part.casefold(), target, entry, True))
    return forms


def _phone_forms(entry: SurrogateEntry) -> list[_Form]:
    """The number with any grouping, with or without its country code or trunk zero."""
    text = entry.surrogate.strip()
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    gap = _PHONE_GAP
    if text.startswith(("+", "00")):
        digits = digits[2:] if text.startswith("00") else digits
        cc = next((c for c in ("49", "44", "1") if digits.startswith(c)), digits[:2])
        national = digits[len(cc) :]
    elif text.startswith("0"):
        cc, national = "(?:49|44)", digits[1:]
    else:  # NANP without country code
        cc, national = "1", digits[1:] if len(digits) == 11 else digits
    if cc == "1":
        prefix = rf"(?:(?:(?:\+|00)\s?)?1{gap})?"
    elif cc in ("49", "44", "(?:49|44)"):
        prefix = rf"(?:(?:\+|00)\s?{cc}{gap}(?:\(0\){gap})?|\(?0)"
    else:
        prefix = rf"(?:\+|00)\s?{cc}{gap}"
    pattern = prefix + gap.join(national)
    return [_Form(pattern, "phone:" + national, entry.original, entry,
                  head=r"(?<![\d+])", tail=r"(?!\d)")]  # fmt: skip


def _compact_forms(entry: SurrogateEntry) -> list[_Form]:
    chars = re.sub(r"[^0-9A-Za-z]", "", entry.surrogate)
    pattern = _ID_GAP.join(regex.escape(ch) for ch in chars)
    return [_Form(pattern, "id:" + chars.upper(), entry.original, entry, False,
                  head=r"(?<![0-9A-Za-z])", tail=r"(?![0-9A-Za-z])")]  # fmt: skip


def _forms_of(entry: SurrogateEntry) -> list[_Form]:
    kind = entry.entity_type
    if kind == "PERSON":
        return _person_forms(entry)
    if kind == "PHONE_NUMBER":
        return _phone_forms(entry)
    if kind in _COMPACT_TYPES:
        return _compact_forms(entry)
    if kind == "EMAIL_ADDRESS":
        return [_Form(regex.escape(entry.surrogate.strip()), entry.surrogate.strip().casefold(),
                      entry.original, entry, head=r"(?<![\w.+\-])", tail=r"(?![\w\-]|\.\w)")]  # fmt: skip
    if kind in ("IP_ADDRESS", "URL", "MAC_ADDRESS"):
        return [_Form(regex.escape(entry.surrogate.strip()), entry.surrogate.strip().casefold(),
                      entry.original, entry, head=r"(?<![\w.:])", tail=r"(?![\w:]|\.\d)")]  # fmt: skip
    value = entry.surrogate.strip()
    head = r"(?<!\w)" if value[:1].isalnum() else ""
    tail = r"(?!\w)" if value[-1:].isalnum() else ""
    return [_Form(_words(value), value.casefold(), entry.original, entry, head=head, tail=tail)]


def inflect(original: str, suffix: str) -> str:
    """``original`` with the inflection the model gave the surrogate, fitted to its ending."""
    if not suffix:
        return original
    sibilant = bool(_SIBILANT_END.search(original))
    if suffix == "s":
        return original + ("'" if sibilant else "s")  # German genitive: Schulz', Schmidts
    if suffix in ("'", "’"):
        return original + (suffix if sibilant else suffix + "s")
    return original + suffix  # 's / ’s: English possessive, fine after any ending


class SurrogateMatcher:
    """Finds the surrogates of one scope (and their safe variants) in text."""

    def __init__(self, entries: Iterable[SurrogateEntry]) -> None:
        self.entries = tuple(entries)
        forms = [form for entry in self.entries for form in _forms_of(entry)]
        by_key: dict[str, set[str]] = {}
        for form in forms:
            by_key.setdefault(form.key, set()).add(form.replacement)
        # a form two values share is ambiguous: drop it (the full forms usually still differ)
        unique = [f for f in forms if len(by_key[f.key]) == 1]
        deduped: dict[str, _Form] = {}
        for form in unique:
            deduped.setdefault(form.key, form)
        ordered = sorted(deduped.values(), key=lambda f: (-len(f.key), f.key))
        self._forms: dict[str, _Form] = {}
        self._suffix_groups: dict[str, str] = {}
        find_alts, tail_alts = [], []
        for n, form in enumerate(ordered):
            name = f"f{n}"
            self._forms[name] = form
            suffix = ""
            if form.inflects and not any(form.key + s in by_key for s in ("s", "'s", "’s")):
                self._suffix_groups[name] = f"s{n}"
                suffix = rf"(?P<s{n}>{_SUFFIX})?"
            find_alts.append(rf"{form.head}(?P<{name}>{form.pattern}){suffix}{form.tail}")
            # a trailing "." or "-" may still turn out to continue the text ("example.com.au")
            tail_alts.append(rf"{form.head}(?:{form.pattern}){suffix}[.\-:]?")
        flags = regex.IGNORECASE | regex.UNICODE
        self._find = regex.compile("|".join(find_alts), flags) if find_alts else None
        self._tail = regex.compile("|".join(tail_alts), flags) if tail_alts else None
        # tolerant forms (regrouped digits, whitespace) may be longer than the surrogate
        self._max_len = max((len(e.surrogate) for e in self.entries), default=0) * 4 + 8
        self._starts: dict[str, bool] = {}

    def find(self, text: str) -> Iterator[SurrogateMatch]:
        """Matches left to right, longest form first at each position, non-overlapping."""
        if self._find is None:
            return
        for m in self._find.finditer(text):
            name = m.lastgroup or ""
            if name.startswith("s"):  # the optional suffix closed last
                name = "f" + name[1:]
            form = self._forms[name]
            group = self._suffix_groups.get(name)
            suffix = (m.group(group) if group else None) or ""
            yield SurrogateMatch(m.start(), m.end(), form.entry, inflect(form.replacement, suffix))

    def restore(self, text: str) -> str:
        """``text`` with every surrogate replaced by the user's value."""
        parts: list[str] = []
        cursor = 0
        for match in self.find(text):
            parts.append(text[cursor : match.start])
            parts.append(match.replacement)
            cursor = match.end
        parts.append(text[cursor:])
        return "".join(parts)

    def _can_start(self, char: str) -> bool:
        """Whether some form may begin with ``char`` (cached: most characters never do)."""
        known = self._starts.get(char)
        if known is None:
            assert self._tail is not None
            known = not char.isspace() and self._tail.fullmatch(char, partial=True) is not None
            self._starts[char] = known
        return known

    def partial_tail(self, text: str) -> int:
        """Start of a trailing fragment that may still become (or extend) a surrogate, else len."""
        if self._tail is None or self._find is None or not text:
            return len(text)
        cut = len(text)
        # every position is tried (the patterns' own boundaries decide), so no surrogate can
        # straddle the cut and be missed or half-emitted
        for start in range(max(0, len(text) - self._max_len), len(text)):
            if not self._can_start(text[start]):
                continue
            if self._tail.fullmatch(text, start, partial=True) is not None:
                cut = start
                break
        # a surrogate ending right at the cut is only one if the next character allows it;
        # a whole one running across the cut waits too: "DE83 ... 3937 06. " cut before "06"
        # (a phone surrogate may start so) must not send the IBAN's first groups alone
        while cut > 0:
            low = max(0, cut - self._max_len)
            found = [m for m in self._find.finditer(text, low, cut) if m.end() == cut]
            found += [m for m in self._find.finditer(text, low) if m.start() < cut < m.end()]
            if not found:
                break
            cut = min(m.start() for m in found)
        return cut
