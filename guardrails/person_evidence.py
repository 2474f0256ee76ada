"""Is a PERSON finding an ordinary term instead? Drops name findings made only of ordinary words.

The small English spaCy model (and a first-name gazetteer) call many words of business
questions a person: products ("Kafka", "Jira", "Grafana"), a verb opening the request
("Draft ..."), places ("Rotterdam", "Canary Wharf", "Lake Constance"), brands ("Zalando
Lounge"), nationalities ("German"). A finding is dropped only when *every* word of it is
ordinary (see :mod:`guardrails.ordinary_vocabulary`) or it is clearly a place, and nothing
announces a person (a title, salutation or cue such as "my colleague"). Names that are
unknown words ("Klimek", "Jaylee") are kept, so detection recall stays where it was: this
removes false alarms, it never needs to recognise a name. Pure: the first-name list is passed
in (a lone first name that is also a place, "Georgia", stays protected).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from guardrails.english_words import english_words
from guardrails.ordinary_vocabulary import (
    ARTICLES,
    CARD_PROPERTIES,
    COMPANY_HEADS,
    DICTIONARY_WORD_NAMES,
    EPONYM_COMPOUND_HEADS,
    EPONYM_HEADS,
    GROUP_ADDRESSES,
    HOLIDAYS,
    LANGUAGE_NAMES,
    LOWERCASE_VERBS,
    MAIL_COPY_FIELDS,
    MAIL_FIELDS,
    NATIONALITIES,
    OFFICE_TERMS,
    OPENING_WORDS,
    PERSON_CUES,
    PLACE_HEADS,
    PLACE_WORDS,
    PLACES,
    PRODUCT_NAME_NOUNS,
    PRODUCTS_AND_COMPANIES,
    QUESTION_VERBS,
    REQUEST_VERBS,
    ROLE_FIELDS,
    SALUTATIONS,
    SHORT_FIRST_NAMES,
    WORD_LIKE_FIRST_NAMES,
)
from guardrails.recognizers.dates import DAY, MONTH_NAMES, YEAR
from guardrails.recognizers.field_names import NAME_PART_FIELDS
from guardrails.recognizers.fields import folded_field
from guardrails.recognizers.mail_headers import field_labels
from guardrails.recognizers.vocatives import addressed_after

_WORD = re.compile(r"[^\W_][\w'’./-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?\Z")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,5}")
#: a constant's name in code ("MAX_RETRIES", "LOG_LEVEL"): capitals joined by underscores
_CONSTANT = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
_IDENTIFIER_CHARS = re.compile(r"\w*")
#: a month's name after a day or before a year ("3. Juni 2024", "Mai 2024")
_MONTH = re.compile(MONTH_NAMES, re.IGNORECASE)
_DAY_BEFORE = re.compile(rf"(?<!\d){DAY}\.?[ \t]+\Z")
_YEAR_AFTER = re.compile(rf"\.?[ \t]+{YEAR}\b")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])([A-ZÄÖÜ][\w'’-]*)[ \t]\Z")
#: the blanks before a span's next word
_NEXT_WORD = re.compile(r"[ \t]+(?=[^\W_])")
#: an English determiner right after a word: the word is a verb ("Mark the ticket", "Bill the
#: customer"), not a name, where it opens a sentence
_DETERMINER_AFTER = re.compile(r"[ \t]+(?:the|a|an|this|these|those|my|our|your|their)[ \t]")
_CELL_OR_LINE_START = re.compile(r"[\n|\t]")
#: the word right after a name, joined by a space or a hyphen ("Miro board", "Julia-Code")
_NEXT_WORD_AFTER = re.compile(r"[ \t-](\w+)")
#: code written in a language: "written in |", "implemented in |"; "in | geschrieben"
_WRITTEN_IN_BEFORE = re.compile(
    r"(?i:\b(?:written|coded|implemented|programmed|rewritten|port(?:ed)?|code)[ \t]+in[ \t]+)\Z"
)
_WRITTEN_IN_AFTER = re.compile(r"[ \t]+(?:geschrieben|implementiert|programmiert)\b")
#: endings of German plural nouns, which no name has ("Kolleginnen", "Meldungen", "Einheiten")
_PLURAL_NOUN = re.compile(r"..(?:innen|ungen|heiten|keiten|schaften)\Z")
#: words that name a project, a programme or an operation by the word after them
_PROJECT_WORDS = frozenset(
    {"project", "projekt", "codename", "code-name", "operation", "programm", "program", "initiative"}
)
#: a finite verb right after a word: no modal verb is followed by one ("Will is on leave",
#: "Will hat angerufen"; "Will you ...", "Will er ...?" are questions)
_FINITE_VERB_AFTER = re.compile(
    r"[ \t]+(?:is|was|has|had|says|said|asked|wrote|called|thinks|wants|needs|joined|left"
    r"|ist|war|hat|hatte|sagt|sagte|meint|meinte|fragt|fragte|kommt|kam)\b"
)
#: question verbs that are first names as well ("Will")
_VERB_NAMES = QUESTION_VERBS & SHORT_FIRST_NAMES
#: words that mark a maiden or former name ("Anna Krause, geb. Lange", "Jane Doe (née
#: Smith)"): before the name, no part of it
_MAIDEN_MARKERS_TEXT = "geb geborene geborener née nee verh verw verwitwete gesch"
_MAIDEN_MARKERS = frozenset(_MAIDEN_MARKERS_TEXT.split())
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\n\"“„(]\s*)\Z")
#: first names that are English words opening a sentence: the modal of a question ("Can
#: Anna review the PR?") and the preposition of "Per Jane's request" / "Per Jane, ..."; with
#: no question or possessive after them they stay names ("Can Yilmaz hat angerufen")
_QUESTION_AFTER_CAN = re.compile(r"Can[ \t]+[^.!?\n]*\?")
_OWNER_AFTER_PER = re.compile(r"Per[ \t]+[^\W\d_]+(?:['’]s\b|,)")
#: characters that join a word into a handle, path, address or file name
_JOINERS = frozenset("@/\\._-")
#: "Max. 5 Personen", "min. 3 Tage": the abbreviation of a maximum or minimum before a number
_LIMIT_BEFORE_NUMBER = re.compile(r"(?i:max|min)\.[ \t]*[\d(≈~<>]")
#: a possessive right before a word ("Occam's |razor"), and a possessive, at most one word,
#: then the noun it belongs to ("'s third law")
_POSSESSIVE_BEFORE = re.compile(r"\w['’]s?[ \t]+\Z")
_EPONYM_AFTER = re.compile(r"(['’]s?)?[ \t]+([^\W\d_]+)(?![\w-])(?:[ \t]+([^\W\d_]+)(?![\w-]))?")
#: field names that open a header line before a colon ("Sent:", "Assignee:")
_FIELD_LABELS = MAIL_FIELDS | ROLE_FIELDS
#: an entry's place on a line of a role field or a mail's copies ("Verantwortlich: MKO", "cc:
#: JBE, MKO"), where initials name a colleague
_ROLE_LINE_ENTRY = re.compile(
    rf"(?im)^[ \t>]*(?:{field_labels(ROLE_FIELDS | MAIL_COPY_FIELDS)})[ \t]*:[ \t]*"
    r"(?:[^\n:]*(?:[,;/&]|[ \t](?:and|und))[ \t]*)?\Z"
)


def _holiday_pattern(phrase: str) -> str:
    """A holiday's words with any blanks between them, apostrophes optional, "St." or "St"."""
    words = [re.escape(w).replace("'", "['’]?").replace(r"st\.", r"st\.?") for w in phrase.split()]
    return r"\s+".join(words)


_LETTERS = re.compile(r"[^\W\d_]+")
_HOLIDAY_WORDS = frozenset(w for h in HOLIDAYS for w in _LETTERS.findall(h))
_HOLIDAY = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_holiday_pattern(h) for h in sorted(HOLIDAYS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)


class PersonEvidence:
    """Decides whether a detected PERSON span is an ordinary term rather than a name."""

    def __init__(
        self,
        first_names: Iterable[str],
        last_names: Iterable[str] = (),
        extra_terms: Iterable[str] = (),
    ) -> None:
        self._first = frozenset(n.casefold() for n in first_names if len(n) > 2)
        self._last = frozenset(n.casefold() for n in last_names if len(n) > 2)
        self._names = self._first | self._last
        self._products = (
            PRODUCTS_AND_COMPANIES | OFFICE_TERMS | frozenset(t.casefold() for t in extra_terms)
        )

    def with_terms(self, terms: Iterable[str]) -> PersonEvidence:
        """The same check with more ordinary terms (the policy's allow-list), lists shared."""
        other = object.__new__(PersonEvidence)
        other._first, other._last, other._names = self._first, self._last, self._names
        other._products = self._products | frozenset(t.casefold() for t in terms)
        return other

    def is_first_name(self, word: str) -> bool:
        """Whether ``word`` is a known first name (any case)."""
        return word.casefold() in self._first

    def is_name(self, word: str) -> bool:
        """Whether ``word`` is a known first name or surname (any case)."""
        return word.casefold() in self._names

    def is_ordinary(self, text: str, start: int, end: int, confident: bool = False) -> bool:
        """True when ``text[start:end]`` is no person's name (drop the finding).

        ``confident``: the finding comes from a recognizer sure of it (the tagger's score is
        high). The weak signs of a thing are then not enough on their own: an unknown word after
        an article ("the Takuda novel"), a word in lower case ("chaussée, blair and parks"), a
        name that is also a word ("Lasse shouted"). Known products, companies, places,
        nationalities and acronyms are still ordinary."""
        if start > 0 and text[start - 1].isalnum():
            return True  # starts inside a word
        if start > 0 and text[start - 1] == "@" and text[start:end].casefold() in GROUP_ADDRESSES:
            return True  # "@channel": everyone in it, no one person
        if in_holiday(text, start, end):
            return True  # "Valentine's Day", "Corpus Christi", "Fronleichnam"
        if _LIMIT_BEFORE_NUMBER.match(text, start):
            return True  # "Max. 5 Personen pro Raum": a maximum, not Max
        if "_" in text and _in_constant(text, start, end):
            return True  # "MAX_RETRIES": a name in code, not a person's
        if _is_header_label(text, start, end):
            return True  # "Sent:" under a mail's "From:" line, a ticket's "Assignee:"
        words = [_POSSESSIVE.sub("", w).rstrip(".") for w in _WORD.findall(text[start:end])]
        if (
            len(words) == 1
            and end < len(text)
            and text[end - 1].isalpha()
            and (text[end].isupper() or text[end].isdigit())
        ):
            return True  # "Sem" of "SemVer": a lone name does not run on into a capital
        if (
            len(words) == 1
            and _MONTH.fullmatch(words[0])
            and (
                _DAY_BEFORE.search(text, max(0, start - 8), start) is not None
                or _YEAR_AFTER.match(text, end) is not None
            )
        ):
            return True  # "Juni" of "3. Juni 2024", "Mai 2024": a date's month
        # the words before it on its line, in its table cell ("Standort" heading the column
        # beside "Krause" says nothing of Krause)
        left = _CELL_OR_LINE_START.split(text[max(0, start - 40) : start])[-1]
        before = [w.casefold() for w in _WORD.findall(left)]
        if before and before[-1] in SALUTATIONS:
            return False
        if len(words) == 1 and not self.is_first_name(words[0]) and _names_concept(text, end):
            return True  # "Murphy's law", "Porter's five forces": named after someone
        if len(words) == 1 and words[0].casefold() in EPONYM_HEADS and _POSSESSIVE_BEFORE.search(
            text, max(0, start - 4), start
        ):
            return True  # "razor" of "Occam's razor"
        words = [w for w in words if w]
        folded = [w.casefold() for w in words]
        if not folded or all(f in _MAIDEN_MARKERS for f in folded):
            return True  # "geb." of "Anna Krause, geb. Lange"
        if all(
            _ACRONYM.fullmatch(w) and f not in self._names
            for w, f in zip(words, folded, strict=True)
        ) and not _ROLE_LINE_ENTRY.search(text, max(0, start - 80), start):
            return True  # "TCO", "SAP", "EKS": acronyms, not names ("Verantwortlich: MKO" is)
        if before and before[-1] in PERSON_CUES:
            return False
        if len(before) >= 2 and before[-2] in PERSON_CUES:
            return False  # "my name is ...", "according to ..."
        if before and before[-1] in PLACE_HEADS:
            return True  # "Lake Constance", "Bad Tölz"
        after = _NEXT_WORD_AFTER.match(text, end)
        next_word = after.group(1).casefold() if after is not None else None
        if len(folded) == 1 and _names_a_product(text, start, end, folded[0], next_word):
            return True  # "the Miro board", "written in Julia": the product
        if (
            after is not None
            and next_word in EPONYM_COMPOUND_HEADS
            and not _DETERMINER_AFTER.match(text, after.end())  # "Let Anna filter the list"
        ):
            return True  # "the Monte Carlo method", "Kaplan-Meier estimator": named after someone
        if len(folded) > 1 and folded[-1] in COMPANY_HEADS:
            return True  # "Wolfram Research", "Acme Labs": a company named so
        if len(folded) == 1 and _PLURAL_NOUN.search(folded[0]):
            return True  # "Sklavinnen", "Mitarbeiterinnen": German plural nouns, no name
        if (
            len(folded) == 1
            and before
            and before[-1] in _PROJECT_WORDS
            and folded[0] not in self._last
        ):
            return True  # "Project Aurora": a project's name ("Projekt Müller" may be a client's)
        if (
            not confident
            and len(folded) == 1
            and folded[0] not in self._names
            and folded[0].removesuffix("s") not in self._last  # "die Meyers": the family
            and before
            and before[-1] in ARTICLES
            and not text[:start].rstrip().endswith(":")  # "An: Nwosu" is a header's label
        ):
            return True  # "near the Messe": an unknown word after an article is a thing
        has_first_name = any(w in self._first and w not in self._products for w in folded)
        if (
            len(folded) > 1
            and not has_first_name
            and any(w in PLACE_WORDS for w in folded)
            and not self._surname_first(words, folded)
        ):
            return True  # "Canary Wharf", "Zalando Lounge"
        if all(w in PLACE_WORDS for w in folded) and self._after_place_name(text, start):
            return True  # "Wharf" of "Canary Wharf" where the tagger read "Canary" as a place
        opens_sentence = bool(_SENTENCE_START.search(text[max(0, start - 4) : start]))
        if len(words) == 1 and opens_sentence and _DETERMINER_AFTER.match(text, end):
            return True  # "Mark the ticket as done": an imperative before its object
        if (
            len(words) == 1
            and opens_sentence
            and folded[0] in _VERB_NAMES
            and (_FINITE_VERB_AFTER.match(text, end) or addressed_after(text, end))
        ):
            return False  # "Will is on leave", "Will, can you ...": the subject, the addressee
        if (
            len(words) == 1
            and words[0].islower()
            and folded[0] in DICTIONARY_WORD_NAMES
            and before[-1:] in (["the"], ["a"], ["an"])
        ):
            return True  # "the grace period" ("the steffensen novel" keeps its author)
        if (
            confident
            and all(w.islower() for w in words)
            and all(f in english_words() and f not in self._names for f in folded)
            and _stands_apart(text, start, end)
        ):
            return True  # "reduce churn", "our HR chatbot": a dictionary word no name list knows
        if (
            len(words) > 1
            and words[0].istitle()
            and words[-1].istitle()
            and folded[0] in self._first
            and folded[-1] in self._last
        ):
            return False  # "Cassandra Jenkins": a first name and a surname, both also products
        return all(
            self._ordinary_word(word, w, opens_sentence and i == 0, confident)
            for i, (word, w) in enumerate(zip(words, folded, strict=True))
        )

    def _surname_first(self, words: Sequence[str], folded: Sequence[str]) -> bool:
        """Whether a surname that is also a place word opens a name of capitalised words
        that are no place words ("Park Min-jun", "Hill Jiang"; not "Park Lane")."""
        return (
            folded[0] in self._last
            and all(w[:1].isupper() for w in words)
            and not any(w in PLACE_WORDS for w in folded[1:])
        )

    def _after_place_name(self, text: str, start: int) -> bool:
        """Whether a capitalised word that is no first name stands right before ``start``,
        on the same line: the name a facility word ("Wharf", "Plaza") completes."""
        m = _CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
        return m is not None and m.group(1).casefold() not in self._first

    def first_name_before(self, text: str, start: int) -> int:
        """Where a name found from ``start`` begins when a known first name stands right before
        it, which the tagger left out ("April Ludgate": a first name that is also a month),
        else ``start``. A first name that is also an English word, a request's verb, a
        function word or a product ("Mark", "Draft", "Aber") stays outside."""
        m = _CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
        if m is None:
            return start
        word = m.group(1)
        folded = word.casefold()
        if (
            folded not in self._first
            or folded in DICTIONARY_WORD_NAMES
            or folded in REQUEST_VERBS
            or folded in WORD_LIKE_FIRST_NAMES
            or folded in self._products
            or self.is_opening_word(word)
            or _opens_question_or_owner(text, m.start(1))
        ):
            return start
        return m.start(1)

    def is_opening_word(self, word: str) -> bool:
        """Whether ``word`` is a function word, sentence adverb, interjection or question verb
        ("Jedoch", "Frankly", "Naja", "Gilt") and no known name, or a name only of the less
        common locales that is also an everyday word ("Anders", "Davor"): capitalised at a
        sentence's start, it is no person."""
        folded = word.casefold()
        return folded in OPENING_WORDS and (
            folded not in self._names or folded in WORD_LIKE_FIRST_NAMES
        )

    def name_start(self, text: str, start: int, end: int) -> int:
        """Where the name in a PERSON span ``text[start:end]`` begins: after a function word
        or a request's verb that opens its sentence ("Jedoch Anna Schmidt fehlt" names "Anna
        Schmidt", "Hilf Kai beim Setup" names "Kai"), after "Can" opening a question or "Per"
        before an owner ("Can Anna review it?", "Per Jane's request" name "Anna", "Jane"),
        else ``start``. A span of one word keeps it (:meth:`is_ordinary` judges those). A
        maiden name's marker is no part of it either ("née Smith", "geb. Schulz" name
        "Smith", "Schulz")."""
        first = _WORD.match(text, start, end)
        if first is not None and (
            first.group().rstrip(".").casefold() in _MAIDEN_MARKERS
            or (first.group() == "o" and text[max(0, start - 2) : start] == "c/")  # "c/o Müller"
        ):
            rest = _NEXT_WORD.match(text, first.end(), end)
            if rest is not None:
                return rest.end()
        if not _SENTENCE_START.search(text[max(0, start - 4) : start]):
            return start
        if first is None or not (
            self.is_opening_word(first.group())
            or self._is_request_verb(first.group())
            or _opens_question_or_owner(text, start)
        ):
            return start
        rest = _NEXT_WORD.match(text, first.end(), end)
        return start if rest is None else rest.end()

    def genitive_end(self, text: str, start: int, end: int) -> int:
        """Where a PERSON span ``text[start:end]`` ends when a name in the German genitive
        stands before the noun it owns ("Frau Müllers Gesetzesentwurf", "Herrn Schmidts
        Auto" name "Müller", "Schmidt"): at that name without its ``s``; else ``end``. Only a
        known name plus ``s`` that is no name itself ("Hans", "Peters" are), before a word
        written as a noun ("Ottos II." keeps its regnal number)."""
        words = list(_WORD.finditer(text, start, end))
        following = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        for word, after in zip(words, [*words[1:], following], strict=True):
            if after is None:
                break
            folded = word.group().casefold()
            if (
                folded.endswith("s")
                and folded[:-1] in self._names
                and folded not in self._names
                and after.group()[:1].isupper()
                and after.group()[1:2].islower()  # a noun, not "II." of "Ottos II."
                and after.group().casefold() not in self._names
            ):
                return word.end() - 1
        return end

    def _is_request_verb(self, word: str) -> bool:
        """Whether ``word`` is a request's verb and no known name ("Hilf", "Zeig"; not "Mark")."""
        folded = word.casefold()
        return folded in REQUEST_VERBS and folded not in self._names

    def _ordinary_word(self, word: str, folded: str, opens_sentence: bool, confident: bool) -> bool:
        if folded in self._products or folded in NATIONALITIES:
            return True
        if opens_sentence and self.is_opening_word(word):
            return True  # "Sogar der Trainer ...", however sure the tagger is
        if folded in WORD_LIKE_FIRST_NAMES:
            return not confident
        if folded in self._first:
            return False  # "Georgia", "Jordan", "Florence" alone may be people
        if folded in PLACES:
            return True
        if opens_sentence and folded in REQUEST_VERBS:
            return True
        if word.islower() and folded in LOWERCASE_VERBS and folded not in self._names:
            return True  # "bitte setz mich auf CC": a verb, however sure the tagger is
        return word.islower() and not confident and folded not in self._names  # "mobile apps"


def _names_a_product(
    text: str, start: int, end: int, folded: str, next_word: str | None
) -> bool:
    """Whether a product named like a person stands in a compound with one of its nouns
    (``next_word``, folded: "Miro board", "Claude API") or a language after the verb of
    writing code in it."""
    nouns = PRODUCT_NAME_NOUNS.get(folded)
    if nouns is None:
        return False
    if next_word in nouns:
        return True
    if folded in LANGUAGE_NAMES:
        return bool(
            _WRITTEN_IN_BEFORE.search(text, max(0, start - 40), start)
            or _WRITTEN_IN_AFTER.match(text, end)
        )
    return False


def _stands_apart(text: str, start: int, end: int) -> bool:
    """Whether the span is a word of prose, not part of a handle, path, address or file name
    ("@jschmidt", "/home/mkoch", "anna.s")."""
    return text[start - 1 : start] not in _JOINERS and text[end : end + 1] not in _JOINERS


def _in_constant(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies in a constant's name ("MAX" of "MAX_RETRIES")."""
    head = start
    while head > 0 and (text[head - 1].isalnum() or text[head - 1] == "_"):
        head -= 1
    tail = _IDENTIFIER_CHARS.match(text, end)
    token = text[head : tail.end() if tail else end]
    return _CONSTANT.fullmatch(token) is not None


def _opens_question_or_owner(text: str, start: int) -> bool:
    """Whether "Can" opens a question or "Per" an owner's name at ``start`` ("Can Anna review
    it?", "Per Jane's request"): English words there, not the Turkish and Nordic names."""
    return bool(_QUESTION_AFTER_CAN.match(text, start) or _OWNER_AFTER_PER.match(text, start))


def _names_concept(text: str, end: int) -> bool:
    """Whether the possessive at ``end`` (or a German genitive ``s`` just before it) names a
    concept ("'s law", "s Gesetz"), one word between at most ("Newton's third law")."""
    m = _EPONYM_AFTER.match(text, end)
    if m is None or not (m.group(1) or text[end - 1 : end] == "s"):
        return False
    return any(w and w.casefold() in EPONYM_HEADS for w in m.group(2, 3))


def _is_header_label(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a mail header's, a role's or a name part's field name
    opening its line before a colon ("Sent: Tuesday", "Betreff: Angebot", "Assignee:
    Przybylski", "Nachname: Lange"), or a contact card's or calendar's property name before
    its value or parameters ("ORGANIZER;CN=...", "ATTENDEE:mailto:...")."""
    label = text[start:end].casefold()
    opens_line = not text[text.rfind("\n", 0, start) + 1 : start].strip(" \t>-*•")
    if (
        text.startswith((":", ";"), end)
        and text[start:end].isupper()
        and opens_line
        and label in CARD_PROPERTIES
    ):
        return True
    if not text.startswith(":", end):
        return False
    if label in _FIELD_LABELS and opens_line:
        return True
    return opens_line and folded_field(label) in NAME_PART_FIELDS  # "Nachname: Lange"


def in_holiday(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside the name of a holiday (see ``HOLIDAYS``)."""
    words = [w.lower() for w in _LETTERS.findall(text, start, end)]
    if _HOLIDAY_WORDS.isdisjoint([*words, *(w.removesuffix("s") for w in words)]):
        return False  # no word of any holiday ("Valentines" too): skip the long pattern (~15 µs)
    lo, hi = max(0, start - 40), min(len(text), end + 40)
    return any(m.start() <= start and end <= m.end() for m in _HOLIDAY.finditer(text, lo, hi))
