"""Realistic surrogate values: a fake value of the same kind, shape and language as the real one.

Small models keep ``Lena Weber`` or ``lena.weber@example.com`` in their answers far more often
than a typed token, and they inflect and address a plausible name naturally ("Dear Lena").
:class:`SurrogateFactory` makes such values; :mod:`guardrails.surrogate_match` finds them again
in the model's answer. Pure: no I/O, no engines; Faker is used only for its static name lists.

Every surrogate is deterministic per (scope key, entity type, index, shape of the original), so
a value keeps its surrogate for the whole conversation, and it is checked against a caller's
``taken`` predicate (values of the scope, the conversation's text) so it cannot collide with
anything real the model also sees. This module makes names, e-mail addresses (domains reserved
by RFC 2606), streets, places, companies and websites; numbers, codes and dates come from
:mod:`guardrails.surrogate_identifiers`.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from guardrails.surrogate_identifiers import identifier_surrogate, random_digits

#: Predicate telling whether a candidate form is already used in the scope or conversation.
Taken = Callable[[str], bool]

#: Most attempts before giving up on a collision-free surrogate.
MAX_ATTEMPTS = 64

RESERVED_EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
_TITLES_TEXT = (
    "herr frau hr. fr. hr fr dr. dr prof. prof dipl.-ing. ing. mr. mr mrs. mrs ms. ms miss sir"
)
PERSON_TITLES = frozenset(_TITLES_TEXT.split())
_PARTICLES_TEXT = "von van der den de zu vom zur di da du le la ten ter"
NAME_PARTICLES = frozenset(_PARTICLES_TEXT.split())
_MALE_TITLES = frozenset({"herr", "hr.", "hr", "mr.", "mr", "sir"})
_FEMALE_TITLES = frozenset({"frau", "fr.", "fr", "mrs.", "mrs", "ms.", "ms", "miss"})
_SIBILANT_END = re.compile(r"[sßxz]\Z", re.IGNORECASE)

# Names from Faker's lists that are also ordinary words (a dictionary word in lower case, or a
# German noun with inflected forms), found with the Debian wngerman/wamerican/wbritish lists.
# A surrogate must not be a word the model may write for its own reasons ("Koch", "Frank",
# "Rose"), or restore would turn that word into the user's name.
_WORD_LIKE_TEXT = """
    adele adler adrian alban albert aline allen amber amir anatoli anders andre andres angel
    annelies annett anni ante anto archer arias arroyo august autumn baker ball banks baptist
    barber barker barr bass bates bauer baum bean beard beck beer bell bender berg berry best
    bien bill billy bird birnbaum bishop black bobby bond bonnie booth bowers bowman brad branch
    brandy braun bray brett brewer bridges bright brit brock brooks brown browning brunhild buck
    bullock burns bush butler butte cannon carmine carol carpenter case chad chambers chandler
    chase cherry christian christin church clay colleen collier colon combs cook cooper cord
    crane cross crystal curry curt daisy dale darin davenport dawn dean derrick destiny diamond
    dieter dietrich dirk dorothe downs drake drew drub duke dyer earl ebony edit eimer eitel else
    ernst ester faith falk fanny farmer fields finke fischer fisher flora flowers ford foster
    frank franke franz freeman french frost fuller gabriel gamble garner garrison gates geisel
    gene gentry georg german gert gill glass glen golden good gottlob grace graf grant graves
    gray green griffin grimes grit gross gute hahn hale hall hans hardy harm harry hart hays
    heath heather hector heide heidi hein helen henk hering herman herring hess hesse hicks hill
    hoffman hogan holden holder holly holm holt hood horn horst house huff huhn hull hunt hunter
    hurst iris jack jade jasmine jimmy johan johann john johns jungfer junk kaiser karge kari
    kaufman khan killer king klapp klein klemm klotz knapp knappe knight koch kohl kranz kraus
    krause krebs kuhl kurt lamb lance lane lang lange leach leni levy liane lili linke little
    livingston long lore love luke lynch mack madden malte mann manning mans margaret margarita
    maria marina mario mark marks marlen marsh marten martin mason maxim mayo meadows melody
    meta mies mike milan miles miller mills misty moody moon moore morrow moss nadin nette newton
    nick niko noble osman pace page park parks parsons patty peck peer penny peter peters petty
    pieper pierce pope porter potter powers price prince proctor putz randy raven reed reeves
    reiner renner rice rich rick riddle ring ritter rivers roach robin roger rogers rogge roman
    rosa rose rush rust sager sally salz sanders sandy sauer savage savannah sawyer schacht
    scheel scheibe schenk schinke schlosser schneider scholl schuster sellers serge sexton shah
    sharp shepherd sherry shields short sierra simon sims singleton small smith snow sparks
    spears speer stark staude stefani stein steuer stokes stoll stolze stone stout strong stumpf
    summer summers susann tanner terri terry theodor theres till tony tran traute trommler troy
    trudel trupp tucker turner urban valentine veli victor villa viola vogt wade walker wall
    walls wang ward ware warmer warren washington waters watts weaver weber weeks welch wells
    wende west wheeler white winters wise wohlgemut wolf wolfram wood woods wright york young
    zahn zimmer zimmerman zobel
    kafka jira java ruby python oracle tesla porsche mercedes siemens bosch apple amazon adolf
"""
_WORD_LIKE_NAMES = frozenset(_WORD_LIKE_TEXT.split())
_SURROGATE_NAME = re.compile(r"^[A-Z][a-z]{3,9}$")


@dataclass(frozen=True)
class NamePools:
    """First names by gender and last names per language, filtered to safe surrogates."""

    first: dict[tuple[str, str], tuple[str, ...]]  # (language, "m"|"f") -> names
    last: dict[str, tuple[str, ...]]  # language -> names
    known_first: dict[str, str]  # casefolded first name of any list -> "m" | "f"

    @staticmethod
    def from_faker() -> NamePools:
        """Pools from Faker's de_DE and en_US person providers (static lists, no Faker RNG)."""
        return _faker_pools()

    def first_names(self, language: str, gender: str) -> tuple[str, ...]:
        return self.first[(_lang(language), gender)]

    def last_names(self, language: str) -> tuple[str, ...]:
        return self.last[_lang(language)]


#: Names a model has seen often copy best: English names by Faker's frequency weights (this
#: many of the most frequent), German ones that Faker's de_AT or de_CH lists share.
COMMON_ENGLISH_NAMES = 150


@cache
def _faker_pools() -> NamePools:
    import faker.providers.person.de_AT as austrian
    import faker.providers.person.de_CH as swiss
    from faker.providers.person.de_DE import Provider as German
    from faker.providers.person.en_US import Provider as English

    def safe(names: Iterable[str]) -> list[str]:
        return [n for n in names if _SURROGATE_NAME.match(n) and n.lower() not in _WORD_LIKE_NAMES]

    def english(attr: str) -> tuple[str, ...]:
        weights = getattr(English, attr)
        ranked = sorted(safe(weights), key=lambda n: -weights[n])
        return tuple(sorted(ranked[:COMMON_ENGLISH_NAMES]))

    def german(attr: str) -> tuple[str, ...]:
        shared = {*getattr(austrian.Provider, attr, ()), *getattr(swiss.Provider, attr, ())}
        names = safe(getattr(German, attr))
        common = [n for n in names if n in shared]
        return tuple(sorted(common if len(common) >= 30 else names))

    first = {
        ("en", "m"): english("first_names_male"),
        ("en", "f"): english("first_names_female"),
        ("de", "m"): german("first_names_male"),
        ("de", "f"): german("first_names_female"),
    }
    last = {"en": english("last_names"), "de": german("last_names")}
    known: dict[str, str] = {}
    for provider in (German, English):
        for name in provider.first_names_male:
            known.setdefault(name.casefold(), "m")
        for name in provider.first_names_female:
            known.setdefault(name.casefold(), "f")
    return NamePools(first, last, known)


def _lang(language: str) -> str:
    return "de" if language.lower().startswith("de") else "en"


class SurrogateExhausted(Exception):
    """No collision-free surrogate was found; the caller falls back to a typed token."""


class SurrogateFactory:
    """Makes surrogates that are stable per scope and never collide with ``taken`` forms.

    ``secret`` is a key derived for this purpose alone (never the vault or audit key): knowing
    surrogates must not reveal anything about the sequence of other scopes.
    """

    def __init__(self, secret: bytes, pools: NamePools | None = None) -> None:
        if len(secret) < 16:
            raise ValueError("surrogate secret too short")
        self._secret = secret
        self._pools = pools or NamePools.from_faker()

    def _rng(self, scope: str, entity_type: str, index: int, attempt: int) -> random.Random:
        message = f"{scope}\x1f{entity_type}\x1f{index}\x1f{attempt}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()
        return random.Random(int.from_bytes(digest, "big"))

    def surrogate(
        self,
        scope: str,
        entity_type: str,
        original: str,
        index: int,
        *,
        language: str = "en",
        taken: Taken = lambda _form: False,
        names: Mapping[str, str] | None = None,
    ) -> str:
        """The surrogate of the ``index``-th ``entity_type`` value of ``scope``.

        ``names`` maps name tokens of the scope's people to their surrogate tokens, so that
        ``anna.schmidt@firma.de`` beside ``Anna Schmidt`` becomes ``lena.weber@example.com``
        beside ``Lena Weber`` (a model is confused by a mailbox that fits no one).
        Raises :class:`SurrogateExhausted` when every attempt collided.
        """
        original_key = original.strip().casefold()
        for attempt in range(MAX_ATTEMPTS):
            rng = self._rng(scope, entity_type, index, attempt)
            candidate = None
            if entity_type == "EMAIL_ADDRESS" and names and attempt < len(RESERVED_EMAIL_DOMAINS):
                candidate = email_for_names(original, names, RESERVED_EMAIL_DOMAINS[attempt])
            if candidate is None:
                candidate = generate(entity_type, original, rng, language, self._pools)
            if candidate.strip().casefold() == original_key:
                continue
            if entity_type == "PERSON" and _shares_a_name(original, candidate):
                continue  # "Anna Lindner" for "Anna Schmidt" would show the model "Anna"
            if not any(taken(form) for form in matchable_forms(entity_type, candidate)):
                return candidate
        raise SurrogateExhausted(f"no free surrogate for an entity of type {entity_type}")


class TakenForms:
    """The ``taken`` predicate of a conversation: its text and the scope's other surrogates.

    A form is taken when it occurs in the text as a word (also inflected: "Webers"), when its
    digits occur in a number of the text, or when another surrogate of the scope uses it.
    """

    def __init__(
        self, texts: Iterable[str] = (), surrogates: Iterable[tuple[str, str]] = ()
    ) -> None:
        self._text = ""
        self._digit_runs: list[str] = []
        self._used: set[str] = set()
        self.add_texts(texts)
        for entity_type, surrogate in surrogates:
            self.add(entity_type, surrogate)

    def add_texts(self, texts: Iterable[str]) -> None:
        """More text the model will see (retrieved chunks after the messages)."""
        added = "\n".join(texts).casefold()
        if added:
            self._text = f"{self._text}\n{added}" if self._text else added
            self._digit_runs += [re.sub(r"\D", "", run) for run in _DIGIT_RUN.findall(added)]

    def add(self, entity_type: str, surrogate: str) -> None:
        """Reserve the forms of a surrogate just assigned in the scope."""
        self._used.update(
            form.strip().casefold() for form in matchable_forms(entity_type, surrogate)
        )

    def __call__(self, form: str) -> bool:
        folded = form.strip().casefold()
        if not folded or folded in self._used:
            return True
        digits = re.sub(r"\D", "", folded).lstrip("0")  # a trunk zero may be written or not
        if len(digits) >= 6 and any(digits in run for run in self._digit_runs):
            return True
        words = r"\s+".join(re.escape(w) for w in folded.split())
        return re.search(rf"(?<!\w){words}(?:['’]s|s|['’])?(?!\w)", self._text) is not None


_DIGIT_RUN = re.compile(r"\+?\d[\d\s\-/.()]{4,}\d")


# ---------------------------------------------------------------- generation per entity type


def generate(
    entity_type: str, original: str, rng: random.Random, language: str, pools: NamePools
) -> str:
    """One candidate surrogate of ``original`` (no collision check)."""
    maker = _GENERATORS.get(entity_type)
    if maker is None:  # numbers, codes and dates
        return identifier_surrogate(entity_type, original, rng, language)
    return maker(original, rng, language, pools)


def _case_like(template: str, value: str) -> str:
    if template.isupper() and len(template) > 1:
        return value.upper()
    if template.islower():
        return value.lower()
    return value


def _token_kinds(tokens: Sequence[str]) -> list[str]:
    """``title``, ``particle`` (von, van der ... before a name) or ``name`` per token."""
    kinds = []
    for i, token in enumerate(tokens):
        folded = token.casefold()
        if folded in PERSON_TITLES:
            kinds.append("title")
        elif folded in NAME_PARTICLES and token.islower() and i < len(tokens) - 1:
            kinds.append("particle")
        else:
            kinds.append("name")
    return kinds


def _name_parts(value: str) -> set[str]:
    """The names of a person's value: no titles, particles or initials, hyphenated parts apart."""
    parts = {p.casefold() for token in value.split() for p in token.split("-")}
    return {p for p in parts if len(p.rstrip(".")) > 1} - PERSON_TITLES - NAME_PARTICLES


def _shares_a_name(original: str, candidate: str) -> bool:
    """Whether a surrogate repeats one of the original's names."""
    return not _name_parts(original).isdisjoint(_name_parts(candidate))


def _person(original: str, rng: random.Random, language: str, pools: NamePools) -> str:
    tokens = original.split()
    kinds = _token_kinds(tokens)
    names = [i for i, kind in enumerate(kinds) if kind == "name"]
    titled = "title" in kinds
    gender = _gender(tokens, pools, rng)
    lang = _name_language(tokens, language)
    out: list[str] = []
    for i, token in enumerate(tokens):
        if kinds[i] != "name":
            out.append(token)
            continue
        # the last name token is the surname, unless it stands alone without a title and is
        # a known first name ("Hi Anna")
        surname = i == names[-1] and (len(names) > 1 or titled or not _is_first_name(token, pools))
        out.append(
            "-".join(_name_piece(p, surname, gender, lang, rng, pools) for p in token.split("-"))
        )
    return " ".join(out)


def _name_piece(
    piece: str, surname: bool, gender: str, lang: str, rng: random.Random, pools: NamePools
) -> str:
    if len(piece.rstrip(".")) <= 1:  # an initial stays an initial
        return rng.choice("ABDEFGHKLMNPRSTW") + piece[1:] if piece else piece
    if not surname:
        return _case_like(piece, rng.choice(pools.first_names(lang, gender)))
    # same sibilant ending as the original, so inflected forms ("Weiß'", "Meiers") map back
    wanted = bool(_SIBILANT_END.search(piece))
    pool = pools.last_names(lang)
    pool = tuple(n for n in pool if bool(_SIBILANT_END.search(n)) == wanted) or pool
    return _case_like(piece, rng.choice(pool))


def _is_first_name(token: str, pools: NamePools) -> bool:
    return token.casefold() in pools.known_first


def _gender(tokens: Sequence[str], pools: NamePools, rng: random.Random) -> str:
    for token in tokens:
        folded = token.casefold()
        if folded in _MALE_TITLES:
            return "m"
        if folded in _FEMALE_TITLES:
            return "f"
    for token in tokens:
        first = token.split("-")[0].casefold()
        if first in pools.known_first:
            return pools.known_first[first]
    return rng.choice("mf")


def _name_language(tokens: Sequence[str], language: str) -> str:
    """German pools for names with umlauts, otherwise the language of the text."""
    if any(ch in "äöüßÄÖÜ" for ch in "".join(tokens)):
        return "de"
    return _lang(language)


def _email(original: str, rng: random.Random, language: str, pools: NamePools) -> str:
    local, _, _domain = original.rpartition("@")
    lang = _lang(language)
    first = rng.choice(pools.first_names(lang, rng.choice("mf"))).lower()
    last = rng.choice(pools.last_names(lang)).lower()
    separators = [ch for ch in local if ch in "._-"]
    sep = separators[0] if separators else ""
    if not local or not sep:
        new_local = (first if len(local) < 8 else first + last) if local.isalpha() else first
    elif len(local.split(sep)[0]) == 1:
        new_local = f"{first[0]}{sep}{last}"
    else:
        new_local = f"{first}{sep}{last}"
    digits = re.findall(r"\d+", local)
    if digits:
        new_local += "".join(rng.choice("0123456789") for _ in digits[-1])
    return _case_like(original, f"{new_local}@{rng.choice(RESERVED_EMAIL_DOMAINS)}")


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _ascii_name(token: str) -> str:
    return token.casefold().translate(_TRANSLITERATION)


def email_for_names(original: str, names: Mapping[str, str], domain: str) -> str | None:
    """The mailbox of ``original`` rebuilt from the surrogates of the names in its local part.

    Only when every letter part of the local part is a known name token or its initial
    (``anna.schmidt``, ``a.schmidt``, ``schmidt.anna``); otherwise None.
    """
    local, at, _ = original.rpartition("@")
    if not at or not local:
        return None
    by_ascii = {_ascii_name(k): v for k, v in names.items() if len(k) > 1}
    parts = re.split(r"([._-])", local)
    out = []
    mapped = 0
    for part in parts:
        if not part or part in "._-" or part.isdigit():
            out.append(part)
            continue
        key = _ascii_name(part)
        if key in by_ascii:
            out.append(_ascii_name(by_ascii[key]))
            mapped += 1
        elif len(key) == 1:
            initials = {v[0].lower() for k, v in by_ascii.items() if k.startswith(key)}
            if len(initials) != 1:
                return None
            out.append(initials.pop())
        else:
            return None
    if not mapped:
        return None
    return _case_like(original, "".join(out) + "@" + domain)


def _street(original: str, rng: random.Random, language: str, pools: NamePools) -> str:
    lang = (
        "de"
        if re.search(r"(?i)stra(ss|ß)e|str\.|weg\b|gasse|platz|allee|ring\b", original)
        else _lang(language)
    )
    name = rng.choice(pools.last_names(lang))
    number = str(rng.randrange(1, 120))
    postcode = re.search(r"\b\d{5}\b", original)
    if lang == "de":
        street = f"{name}{rng.choice(('straße', 'weg', 'allee', 'ring'))} {number}"
        if postcode:
            street += f", {random_digits(rng, 5)} {_town('de', rng, pools)}"
        return street
    street = f"{number} {name} {rng.choice(('Street', 'Avenue', 'Road', 'Lane'))}"
    if postcode:
        street += f", {_town('en', rng, pools)} {random_digits(rng, 5)}"
    return street


def _town(lang: str, rng: random.Random, pools: NamePools) -> str:
    stem = rng.choice(pools.last_names(lang))
    return stem + rng.choice(("dorf", "hausen", "feld", "stedt") if lang == "de"
                             else ("ton", "ville", "field", "ford"))  # fmt: skip


def _location(original: str, rng: random.Random, language: str, pools: NamePools) -> str:
    return _case_like(original, _town(_lang(language), rng, pools))


_SCHEME = re.compile(r"(?i)\A(?:[a-z]+://)?(?:www\d{0,3}\.)?")


def _website(original: str, rng: random.Random, language: str, pools: NamePools) -> str:
    """A personal site under the reserved ``.example`` domain (never someone's real site),
    with the original's scheme and ``www.``: ``http://www.visualtrips.hu/`` becomes
    ``http://www.weber.example/``. The path is dropped (it often holds the name)."""
    head = _SCHEME.match(original)
    prefix = head.group() if head else ""
    name = _ascii_name(rng.choice(pools.last_names(_lang(language))))
    host = re.sub(r"[^a-z0-9-]", "", name) or "site"
    return f"{prefix}{host}.example" + ("/" if "/" in original[len(prefix) :] else "")


def _organization(original: str, rng: random.Random, language: str, pools: NamePools) -> str:
    lang = _lang(language)
    suffix = rng.choice(
        (" GmbH", " AG", " & Partner") if lang == "de" else (" Inc.", " LLC", " Ltd.")
    )
    return rng.choice(pools.last_names(lang)) + suffix


_GENERATORS: dict[str, Callable[[str, random.Random, str, NamePools], str]] = {
    "PERSON": _person,
    "EMAIL_ADDRESS": _email,
    "STREET_ADDRESS": _street,
    "LOCATION": _location,
    "PERSONAL_LOCATION": _location,
    "ORGANIZATION": _organization,
    "PERSONAL_URL": _website,
}


# ---------------------------------------------------------------- forms found in answers


def person_parts(value: str) -> list[str]:
    """The name tokens of a person value (titles and particles such as "von" left out)."""
    tokens = value.split()
    return [t for t, kind in zip(tokens, _token_kinds(tokens), strict=True) if kind == "name"]


def matchable_forms(entity_type: str, surrogate: str) -> list[str]:
    """Every text that restore would map back to this surrogate on its own.

    The full value; for persons also the name without titles and each name token of three or
    more letters ("Lena", "Weber"). A candidate is free only if none of these is taken.
    """
    forms = [surrogate]
    if entity_type == "PERSON":
        parts = person_parts(surrogate)
        bare = " ".join(parts)
        if bare and bare != surrogate:
            forms.append(bare)
        if len(parts) > 1:
            forms += [p for p in parts if len(p.rstrip(".")) >= 3]
    return forms
