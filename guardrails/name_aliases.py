"""One person, one placeholder: a surname on its own stands for the full name it belongs to.

A forwarded mail names its writer in full ("Ines Brückner", "Von: Brückner, Ines") and by
surname with a form of address ("Hallo Frau Brückner"). Each distinct value got its own
placeholder, so the model read three people where there is one ("Frau [PERSON_1]",
"[PERSON_2]", "[PERSON_3]") and could not answer who wrote to whom. Within one request, a
single-word name that is the surname or the first name of exactly one full name (one person:
the same words in any order, "Brückner, Ines" = "Ines Brückner") is an alias of that full name
and gets its placeholder ("Frau Brückner", "Gruß, Ines"); the caller then reads the full name
where the model wrote it ("Frau Ines Brückner"). Two full names sharing the word ("Tom Brandt",
"Ute Brandt") leave "Brandt" on its own. With realistic surrogates the alias reads as the
same part of the full name's surrogate ("Frau Brückner" -> "Frau Heinrich" for "Ines Brückner"
-> "Ariane Heinrich"), which the surrogate style restores by itself. Pure: values in, a map
out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.name_rules import NAME_PARTICLES

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_PARTICLE = re.compile(NAME_PARTICLES)


def _words(value: str) -> list[str]:
    return _WORD.findall(value)


def name_parts(value: str) -> tuple[str, str] | None:
    """First name and surname of a full name: "Ines Brückner", "Brückner, Ines" (first and
    last words; a middle name or particles between are neither); None for a single word, a
    name ending in a particle or a comma form of more than one word before the comma."""
    before, comma, after = value.partition(",")
    if comma:
        last, first = _words(before), _words(after)
        return (first[0], last[0]) if len(last) == 1 and first else None
    words = _words(value)
    if len(words) < 2 or _PARTICLE.fullmatch(words[-1]):
        return None
    return words[0], words[-1]


def person_aliases(values: Iterable[str]) -> dict[str, str]:
    """Single-word names mapped to the full name they belong to (see the module); every
    spelling of that full name maps to its first one written without a comma."""
    people: dict[frozenset[str], list[str]] = {}
    singles: list[str] = []
    for value in dict.fromkeys(values):
        if "," not in value and len(_words(value)) == 1:
            singles.append(value)
        elif name_parts(value) is not None:
            people.setdefault(frozenset(w.casefold() for w in _words(value)), []).append(value)
    canonical = {
        key: next((v for v in forms if "," not in v), forms[0]) for key, forms in people.items()
    }
    aliases = {
        form: canonical[key] for key, forms in people.items() for form in forms
        if form != canonical[key]
    }  # fmt: skip
    owners: dict[str, set[frozenset[str]]] = {}
    for key, forms in people.items():
        for part in name_parts(forms[0]) or ():
            owners.setdefault(part, set()).add(key)
    for single in singles:
        found = owners.get(single, set())
        if len(found) == 1:
            aliases[single] = canonical[next(iter(found))]
    return aliases


def same_part(alias: str, full: str, other: str) -> str:
    """The part of the full name ``other`` that ``alias`` is of ``full`` (its surname or first
    name), or ``other`` whole when ``alias`` is neither ("Brückner", "Ines Brückner", "Ariane
    Heinrich" -> "Heinrich")."""
    parts, others = name_parts(full), name_parts(other)
    if parts is None or others is None or alias == full:
        return other
    if alias == parts[1]:
        return others[1]
    return others[0] if alias == parts[0] else other
