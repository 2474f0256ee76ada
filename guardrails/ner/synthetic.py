"""Synthetic chat messages with person names, generated from templates and Faker names.

Names come from Faker's person providers (MIT): mostly ``de_DE``/``en_US``/``en_GB``
plus other locales common in German and international workplaces. Messages combine a
greeting, a body and a sign-off (or only name-free sentences) and vary the casing
("ask maria", "FRAU MÜLLER"). The held-out part is honest about generalisation: it uses
a disjoint, seeded 20 % of the templates AND of the name strings, so a model cannot score
by remembering either.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from faker import Faker

from guardrails.ner import chat_templates as T
from guardrails.ner.corpus import Example
from guardrails.ner.spans import Span

_SLOT = re.compile(r"\{(\w+)\}")
_PERSON_SLOTS = {"first", "first_m", "first_f", "last", "full", "full_m", "full_f"}
_NAME_OK = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")

LOCALE_WEIGHTS: dict[str, dict[str, float]] = {
    "de": {
        "de_DE": 45,
        "de_AT": 8,
        "de_CH": 7,
        "tr_TR": 8,
        "pl_PL": 6,
        "it_IT": 5,
        "hr_HR": 4,
        "en_US": 5,
        "en_GB": 3,
        "fr_FR": 3,
        "es_ES": 3,
        "nl_NL": 2,
        "cs_CZ": 1,
        "en_IN": 1,
    },
    "en": {
        "en_US": 35,
        "en_GB": 20,
        "en_IN": 10,
        "de_DE": 10,
        "es_ES": 6,
        "it_IT": 4,
        "fr_FR": 4,
        "nl_NL": 3,
        "pl_PL": 3,
        "tr_TR": 2,
        "sv_SE": 3,
    },
}


@dataclass(frozen=True)
class _Pools:
    first_m: tuple[str, ...]
    first_f: tuple[str, ...]
    last: tuple[str, ...]


def _is_held_out(value: str, seed: int, fraction: float) -> bool:
    digest = hashlib.sha256(f"{seed}:{value}".encode()).digest()
    return digest[0] < 256 * fraction


def _name_pools(locale: str, seed: int, fraction: float, held_out: bool) -> _Pools:
    fake = Faker(locale)
    fake.seed_instance(seed)

    def pool(draw: Callable[[], str]) -> tuple[str, ...]:
        names = {draw() for _ in range(1500)}
        keep = sorted(
            n for n in names if _NAME_OK.match(n) and _is_held_out(n, seed, fraction) == held_out
        )
        return tuple(keep)

    return _Pools(pool(fake.first_name_male), pool(fake.first_name_female), pool(fake.last_name))


def _split_templates(
    templates: Sequence[str], seed: int, fraction: float, held_out: bool
) -> tuple[str, ...]:
    return tuple(t for t in templates if _is_held_out(t, seed, fraction) == held_out)


class ChatGenerator:
    """Seeded generator of chat messages with gold person spans for one language."""

    def __init__(
        self, lang: str, seed: int, held_out: bool, fraction: float = 0.2, stream: int = 0
    ) -> None:
        """``seed`` fixes the template/name split; ``stream`` picks another sample of it."""
        if lang not in LOCALE_WEIGHTS:
            raise ValueError(f"unsupported language: {lang}")
        self.lang = lang
        self.held_out = held_out
        self._rng = random.Random(f"{seed}:{lang}:{held_out}:{stream}")
        weights = LOCALE_WEIGHTS[lang]
        self._locales = list(weights)
        self._weights = list(weights.values())
        self._pools = {loc: _name_pools(loc, seed, fraction, held_out) for loc in weights}
        de = lang == "de"
        split = lambda ts: _split_templates(ts, seed, fraction, held_out)  # noqa: E731
        self._greetings = split(T.DE_GREETINGS if de else T.EN_GREETINGS)
        self._bodies = split(T.DE_BODIES if de else T.EN_BODIES)
        self._signoffs = split(T.DE_SIGNOFFS if de else T.EN_SIGNOFFS)
        self._negatives = split(T.DE_NEGATIVES if de else T.EN_NEGATIVES)
        self._fillers: dict[str, Sequence[str]] = {
            "tech": T.TECH,
            "city": T.CITIES,
            "company": T.COMPANIES,
            "product": T.PRODUCTS,
            "noun": T.NOUNS_DE,
            "dept": T.DEPTS,
            "project": T.PROJECTS,
            "weekday": T.WEEKDAYS_DE if de else T.WEEKDAYS_EN,
            "month": T.MONTHS_DE if de else T.MONTHS_EN,
        }

    # -- names ---------------------------------------------------------------
    def _first(self, pools: _Pools, gender: str) -> str:
        if gender == "m" or (gender == "" and self._rng.random() < 0.5):
            return self._rng.choice(pools.first_m)
        return self._rng.choice(pools.first_f)

    def _full(self, pools: _Pools, gender: str) -> str:
        first, last = self._first(pools, gender), self._rng.choice(pools.last)
        r = self._rng.random()
        if r < 0.08:
            return f"{first} {self._first(pools, gender)} {last}"
        if r < 0.16:
            return f"{first[0]}. {last}"
        if r < 0.22:
            return f"{first} {last}-{self._rng.choice(pools.last)}"
        if r < 0.26:
            return f"{first} {self._rng.choice(('von', 'van', 'de', 'van der', 'von der'))} {last}"
        return f"{first} {last}"

    def _person(self, slot: str) -> str:
        locale = self._rng.choices(self._locales, self._weights)[0]
        pools = self._pools[locale]
        gender = slot[-1] if slot.endswith(("_m", "_f")) else ""
        if slot.startswith("first"):
            name = self._first(pools, gender)
        elif slot == "last":
            name = self._rng.choice(pools.last)
        else:
            name = self._full(pools, gender)
        r = self._rng.random()
        if r < 0.12:
            return name.lower()
        if r < 0.15:
            return name.upper()
        return name

    # -- other slots ---------------------------------------------------------
    def _filler(self, slot: str) -> str:
        rng = self._rng
        if slot == "time":
            return f"{rng.randint(7, 18)}:{rng.choice(('00', '15', '30', '45'))}"
        if slot == "date":
            return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1950, 2005)}"
        if slot == "ticket":
            return f"{rng.choice(('OPS', 'INFRA', 'HR', 'SEC', 'DATA'))}-{rng.randint(10, 9999)}"
        if slot == "phone":
            return f"{rng.randint(100, 999)} {rng.randint(100000, 9999999)}"
        return rng.choice(self._fillers[slot])

    def _fill(self, template: str) -> tuple[str, list[Span], list[Span], list[Span]]:
        out: list[str] = []
        spans: list[Span] = []
        places: list[Span] = []
        orgs: list[Span] = []
        pos = 0
        length = 0
        for m in _SLOT.finditer(template):
            literal = template[pos : m.start()]
            out.append(literal)
            length += len(literal)
            slot = m.group(1)
            value = self._person(slot) if slot in _PERSON_SLOTS else self._filler(slot)
            if slot in _PERSON_SLOTS:
                spans.append((length, length + len(value)))
            elif slot == "city":
                places.append((length, length + len(value)))
            elif slot == "company":
                orgs.append((length, length + len(value)))
            out.append(value)
            length += len(value)
            pos = m.end()
        out.append(template[pos:])
        return "".join(out), spans, places, orgs

    def message(self) -> Example:
        """One synthetic message (greeting/body/sign-off or name-free lines)."""
        rng = self._rng
        r = rng.random()
        if r < 0.15:
            parts = [rng.choice(self._negatives) for _ in range(rng.randint(1, 2))]
        else:
            parts = [rng.choice(self._bodies)]
            if rng.random() < 0.2:
                parts.append(rng.choice(self._negatives))
            if r > 0.55:
                parts.insert(0, rng.choice(self._greetings))
            if r > 0.8:
                parts.append(rng.choice(self._signoffs))
        text, spans, places, orgs = self._fill(self._join(parts))
        if rng.random() < 0.15 and len(text.lower()) == len(text):
            text = text.lower()
        spans = [_extend_to_word(text, s) for s in spans]
        group = f"chat-{self.lang}-{'test' if self.held_out else 'train'}"
        return Example(
            text, tuple(spans), f"chat-{self.lang}", self.lang, group,
            locations=tuple(places), organizations=tuple(orgs),
        )  # fmt: skip

    def _join(self, parts: Sequence[str]) -> str:
        """Join lines like a chat client would; a bare greeting never runs into the body."""
        sep = self._rng.choice(("\n", " ", "\n\n"))
        out = parts[0]
        for part in parts[1:]:
            glue = sep if sep != " " or out.rstrip().endswith((",", ".", "!", "?", ":")) else "\n"
            out = f"{out}{glue}{part}"
        return out

    def messages(self, n: int) -> list[Example]:
        """``n`` messages, reproducible for a given seed."""
        return [self.message() for _ in range(n)]


def _extend_to_word(text: str, span: Span) -> Span:
    """Grow a name span over glued letters ("Marias"), but not over a possessive "'s"."""
    start, end = span
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end
