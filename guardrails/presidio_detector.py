"""The Presidio adapter: the policy's detector over the spaCy engine of
:mod:`guardrails.spacy_engine` (English and German).

Speed matters here (every message, every chunk): spaCy pipelines run their entity
components only (tagger, parser, lemmatizer are not needed for detection), German uses a blank
pipeline by default (no spaCy doc at all; names come from a recognizer), recognizers run directly
(identifier recognizers only on text with a digit or ``@``; pattern matching without
Presidio's per-match explanation objects), the phone recognizer only looks at digit runs,
context words are matched in a token window found by bisection instead of Presidio's
per-result scan of the whole document, findings of texts seen before (the chat history
re-sent with every turn) come from a bounded cache keyed by a digest of the text, and the
name tagger starts first, so its windows run on its own threads while the request's thread
runs every other recognizer (the ONNX engines release the GIL).
"""

from __future__ import annotations

import hashlib
import re
import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, runtime_checkable

import regex
from presidio_analyzer import (
    EntityRecognizer,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from guardrails.findings import Finding, sticking_out
from guardrails.honorifics import extend_to_honorific, honorific_length, is_titles_only
from guardrails.name_lists import LIST_NAME_SCORE, list_names
from guardrails.name_rules import (
    LONE_FIRST_NAME_SCORE,
    NAME_PARTICLES,
    after_person_phrase,
    after_title,
)
from guardrails.ordinary_vocabulary import OBJECT_NOUNS
from guardrails.person_names import person_evidence
from guardrails.personal_locations import (
    PlaceSpan,
    address_places,
    cued_places,
    places_after_people,
)
from guardrails.policy import PiiPolicy
from guardrails.presidio_recognizers import (
    SPELLED_OUT_AT,
    NameRulesRecognizer,
    RegionalPatterns,
    is_structured,
    needs_digit_or_at,
    policy_recognizers,
    predefined_recognizers,
    reported_when_allowed,
)
from guardrails.recipient_lines import RECIPIENT_SCORE, recipient_names
from guardrails.repeated_mentions import (
    handle_mentions,
    name_part_mentions,
    quoted_nicknames,
    repeated_mentions,
)
from guardrails.spacy_engine import TresorNlpEngine, context_words

#: Recognizer name of the personal-place rules in findings and audit events.
PERSONAL_LOCATION_RULES = "PersonalLocationRules"
#: Recognizer name of a recipient's name above an address (:mod:`guardrails.recipient_lines`).
RECIPIENT_LINE = "RecipientLine"
NAME_LIST = "NameList"

LANGUAGES = ("en", "de")
#: what every identifier holds: a digit, or an "@" (also spelled out: "(at)", "[ät]" ...)
_ID_CHARS = re.compile(rf"[\d@]|{SPELLED_OUT_AT}", re.IGNORECASE)

@runtime_checkable
class StartsEarly(Protocol):
    """A recognizer whose work runs on other threads (the name tagger): detection starts it
    before the others and collects its results in their place."""

    def begin(self, text: str, entities: list[str]) -> Callable[[], list[RecognizerResult]]:
        """Start on ``text``; the returned call gives what ``analyze`` would."""
        ...


@dataclass(frozen=True)
class ContextWindow:
    """Words around each position of a text (from the NLP tokens), for context boosts.

    Presidio's rule (+0.35, at least 0.4) over the words before and after a match, found by
    bisection over token offsets instead of Presidio's scan of the whole document per result.
    """

    starts: list[int]
    words: list[str]
    prefix: int = 6
    suffix: int = 2

    def boost(self, finding: Finding, context: Sequence[str]) -> Finding:
        """``finding`` with its score raised when a context word is near."""
        if not context:
            return finding
        first = bisect_left(self.starts, finding.start)
        after = bisect_left(self.starts, finding.end)
        window = self.words[max(0, first - self.prefix) : first]
        window += self.words[after : after + self.suffix]
        if not any(_supports(key.lower(), word) for word in window for key in context):
            return finding
        score = min(max(finding.score + 0.35, 0.4), 1.0)
        return replace(finding, score=round(score, 4))


def _supports(key: str, word: str) -> bool:
    """Context match: the whole word, or for keys of 4+ letters its start or end ("iban" in
    "iban-nummer", "adresse" in "lieferadresse"); never inside a word ("at" in "what")."""
    return word == key or (len(key) >= 4 and (word.startswith(key) or word.endswith(key)))


#: a PERSON finding at least this sure is not dropped on weak signs of an ordinary word
#: (see :meth:`PersonEvidence.is_ordinary`); only the tagger scores this high
CONFIDENT_PERSON_SCORE = 0.9


class PresidioDetector:
    """:class:`~guardrails.findings.Detector` over Presidio for one policy version.

    Runs Presidio's recognizers directly (not through ``AnalyzerEngine``, whose per-call
    bookkeeping costs more than the regexes on chat-sized texts): NLP artifacts once, each
    recognizer whose entity the policy wants, context boosts, the policy's lowest threshold.
    Rebuilt (cheaply, sharing the loaded NLP engine) when the policy changes, because the
    policy declares recognizers and decides which entity types are worth detecting.
    """

    def __init__(
        self,
        nlp_engine: TresorNlpEngine,
        policy: PiiPolicy,
        extra_recognizers: Mapping[str, Sequence[EntityRecognizer]] | None = None,
        cache_size: int = 4096,
    ) -> None:
        wanted = policy.detected_entities()
        listed = wanted | _listed_entities(policy)
        self._nlp = nlp_engine
        # PERSON findings made only of ordinary words ("Kafka", "Draft", "Canary Wharf") are
        # dropped; the policy's allow-listed terms count as ordinary words too
        self._evidence = (
            person_evidence().with_terms(policy.allow.exact) if "PERSON" in wanted else None
        )
        self._personal_places = "PERSONAL_LOCATION" in wanted
        self._entities: dict[str, list[str]] = {}
        self._traits: dict[str, list[tuple[EntityRecognizer, bool, bool]]] = {}
        #: the recognizers started before the others, by id
        self._early: dict[int, StartsEarly] = {}
        self._spacy_ner: dict[str, bool] = {}
        for language in LANGUAGES:
            extra = list((extra_recognizers or {}).get(language, ()))
            candidates = predefined_recognizers(
                language, spacy_ner=nlp_engine.finds_entities(language)
            )
            replaced = {
                entity
                for r in extra
                for entity, flag in (("PERSON", "replaces_spacy_person"),
                                     ("LOCATION", "replaces_spacy_location"),
                                     ("ORGANIZATION", "replaces_spacy_organization"))
                if getattr(r, flag, False)
            }  # fmt: skip
            if replaced:
                # the trained tagger finds names (and places); spaCy keeps its other types
                candidates = [c for c in (_without(r, replaced) for r in candidates) if c]
            candidates += policy_recognizers(policy.recognizers, language)
            candidates += extra
            used = [
                r for r in candidates
                if set(r.supported_entities) & wanted or reported_when_allowed(r)
            ]  # fmt: skip
            # spaCy's NER runs only when a recognizer reads its entities
            self._spacy_ner[language] = any(isinstance(r, SpacyRecognizer) for r in used)
            for recognizer in used:
                recognizer.load()
            # types the policy allows are still reported where a recognizer that runs anyway
            # finds them (the tagger's places): `tresor pii analyze` lists every detection,
            # whatever its action; decide() drops them before anything is rewritten
            covered = {e for r in used for e in r.supported_entities} & listed
            if self._personal_places:
                covered.add("PERSONAL_LOCATION")  # rules in guardrails.personal_locations
            self._entities[language] = sorted(covered)
            # per recognizer, decided once: pattern-only and acting (runs on streamed output) and
            # whether it can only match text holding a digit or "@"
            self._traits[language] = [
                (r, is_structured(r) and bool(set(r.supported_entities) & wanted),
                 needs_digit_or_at(r))
                for r in used
            ]  # fmt: skip
            self._early |= {id(r): r for r in used if isinstance(r, StartsEarly)}
        self._threshold = policy.min_threshold()
        self._cache: OrderedDict[tuple[str, bytes], tuple[Finding, ...]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def entities(self, language: str) -> list[str]:
        """The entity types detected for ``language``."""
        return list(self._entities.get(language, ()))

    def detect(self, text: str, language: str) -> list[Finding]:
        """All findings at or above the policy's lowest threshold."""
        entities = self._entities.get(language)
        if not entities or not text.strip():
            return []
        key = (language, hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest())
        if self._cache_size:
            with self._lock:
                hit = self._cache.get(key)
                if hit is not None:
                    self._cache.move_to_end(key)
                    return list(hit)
        applicable = self._applicable(language, text, structured_only=False)
        early = self._early
        started = {id(r): early[id(r)].begin(text, entities) for r in applicable if id(r) in early}
        artifacts = self._nlp.process_text(text, language, ner=self._spacy_ner.get(language, True))
        window = ContextWindow(artifacts.tokens_indices, artifacts.lemmas)
        found = [
            window.boost(f, recognizer.context or ())
            for recognizer in applicable
            for f in (
                _collected(started[id(recognizer)](), entities)
                if id(recognizer) in started
                else self._run(recognizer, text, entities, artifacts)
            )
        ]
        kept = [f for f in found if f.score >= self._threshold]
        findings = tuple(sorted(self._refine(text, kept), key=lambda f: (f.start, f.end)))
        if self._cache_size:
            with self._lock:
                self._cache[key] = findings
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return list(findings)

    def _refine(self, text: str, findings: list[Finding]) -> list[Finding]:
        """Drop PERSON findings that are ordinary terms (and a function word opening one's
        sentence) and NER dates, places and companies
        drawn over a phone number or address; a tagger's place after a form of address is a
        surname ("Frau von der Leyen"); a name's mention begins at its honorifics ("Mr. Eric
        Costa", "Dr. med."), holds more than titles and ends before a lower-case verb; the name
        line above an address's street is its recipient; add places tied to a person (residence
        cues, a place after a name, the town and country lines of an address block); then the
        other mentions of those names and places."""
        findings = _without_ner_over_identifiers(findings)
        findings = _without_lone_names_on_tagged_places(findings)
        findings = [_place_as_surname(text, f) for f in findings]
        if self._evidence is not None:
            evidence = self._evidence
            findings = [
                f
                for f in findings
                if f.entity_type != "PERSON"
                or not evidence.is_ordinary(text, f.start, f.end, f.score >= CONFIDENT_PERSON_SCORE)
            ]
            # "Jedoch Anna Schmidt fehlt": the sentence's first word is no part of the name;
            # "April Ludgate": a first name the tagger left out is
            # "Frau Müllers Gesetzesentwurf": the owned noun is no part of the name
            findings = [
                replace(
                    f,
                    start=evidence.first_name_before(
                        text, evidence.name_start(text, f.start, f.end)
                    ),
                    end=evidence.genitive_end(text, f.start, f.end),
                )
                if f.entity_type == "PERSON" else f
                for f in findings
            ]  # fmt: skip
        findings = [
            replace(f, start=extend_to_honorific(text, f.start)) if f.entity_type == "PERSON" else f
            for f in findings
        ]
        # "med" of "Dr. med. Hanna Lindqvist" is part of the title, no second person; "ruft"
        # of "Frau Dr. Schmidt ruft an" is no part of the name
        findings = [
            _without_tail(text, f) if f.entity_type == "PERSON" else f
            for f in findings
            if f.entity_type != "PERSON" or not is_titles_only(text, f.start, f.end)
        ]  # fmt: skip
        addresses = [(f.start, f.end) for f in findings if f.entity_type == "STREET_ADDRESS"]
        recipients = self._recipients(text, addresses)
        people = [(f.start, f.end) for f in findings if f.entity_type == "PERSON"]
        findings += [
            Finding("PERSON", start, end, RECIPIENT_SCORE, RECIPIENT_LINE)
            for start, end in recipients
            if not any(start < e and s < end for s, e in people)
        ]  # fmt: skip
        if self._evidence is not None:
            # "(Sommer, Wolf, Klein)": the known name the tagger skipped in a list of people
            evidence = self._evidence
            so_far = [(f.start, f.end, f.entity_type, f.score) for f in findings]
            findings += [
                Finding("PERSON", start, end, LIST_NAME_SCORE, NAME_LIST)
                for start, end in list_names(text, so_far, evidence.is_name)
                if not evidence.is_ordinary(text, start, end)
            ]  # fmt: skip
        if self._personal_places:
            # a recipient's line above a street is no town line between two address parts
            town_lines = [
                p for p in address_places(text, addresses)
                if not any(p.start < e and s < p.end for s, e in recipients)
            ]  # fmt: skip
            # a "person" on an address's town line is the town ("12 Via Scura 127, Recco")
            findings = [f for f in findings if not _on_town_line(f, town_lines)]
            people = [(f.start, f.end) for f in findings if f.entity_type == "PERSON"]
            taken = people + addresses
            # "John Miller from Initech": after a name, a company the tagger is surer of than
            # of a place is no place (a residence cue always makes one)
            cued = cued_places(text)
            after = [
                p for p in places_after_people(text, people)
                if p not in cued and not _company(p, findings)
            ]  # fmt: skip
            places = cued + after + town_lines
            for place in places:
                found = Finding(
                    "PERSONAL_LOCATION", place.start, place.end, place.score,
                    PERSONAL_LOCATION_RULES,
                )  # fmt: skip
                clashes = [(s, e) for s, e in taken if place.start < e and s < place.end]
                # a place the rules read into a name or address keeps what sticks out of it
                # ("in Minsk Clara Whitfield": "Minsk")
                for piece in sticking_out(text, found, clashes) if clashes else [found]:
                    taken.append((piece.start, piece.end))
                    findings.append(piece)
        # the same name or personal place mentioned again where nothing found it, a full
        # name's first name or surname alone, the handles made of a full name, and a full
        # name holding a nickname in quotes
        findings += repeated_mentions(text, findings)
        if self._evidence is not None:
            findings += name_part_mentions(text, findings, self._evidence.is_ordinary)
        findings += handle_mentions(text, findings)
        findings += quoted_nicknames(text, findings)
        return findings

    def _recipients(self, text: str, addresses: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The name lines above addresses' street lines ("Jason Uenk\n73 Lozerlaan 172"):
        persons, whatever the tagger or the town-line rules read there."""
        evidence = self._evidence
        if evidence is None:
            return []
        return [
            (start, end)
            for start, end in recipient_names(text, addresses, evidence.is_first_name)
            if not evidence.is_ordinary(text, start, end)
        ]

    def detect_structured(self, text: str, language: str) -> list[Finding]:
        """Findings of the pattern recognizers only (no NLP), for streamed output.

        Predefined identifiers all contain a digit or ``@`` (or a spelled-out "(at)"); text
        without either only goes through the policy's own recognizers (deny-lists, custom
        patterns). Context words raise scores as in :meth:`detect` ("Steuernummer
        181/815/08155"), from a plain word split of ``text`` (the restorer passes some already
        emitted text as left context).
        """
        entities = self._entities.get(language, [])
        window = ContextWindow(*context_words(text))
        found = [
            window.boost(f, recognizer.context or ())
            for recognizer in self._applicable(language, text, structured_only=True)
            for f in self._run(recognizer, text, entities, None)
        ]
        return [f for f in found if f.score >= self._threshold]

    def _applicable(
        self, language: str, text: str, structured_only: bool
    ) -> list[EntityRecognizer]:
        """Recognizers worth running on ``text``: identifiers need a digit or ``@`` to exist."""
        has_id_chars = _ID_CHARS.search(text) is not None
        return [
            r
            for r, structured, needs_id in self._traits.get(language, ())
            if (structured or not structured_only) and (has_id_chars or not needs_id)
        ]

    @staticmethod
    def _run(
        recognizer: EntityRecognizer, text: str, entities: list[str], artifacts: Any
    ) -> list[Finding]:
        if type(recognizer).analyze is PatternRecognizer.analyze:
            assert isinstance(recognizer, PatternRecognizer)
            found = _lean_pattern_scan(recognizer, text)
        else:
            return _collected(recognizer.analyze(text, entities, artifacts), entities)
        return [f for f in found if f.entity_type in entities]


def _collected(results: list[RecognizerResult], entities: list[str]) -> list[Finding]:
    """Findings of a recognizer's results, of the wanted types."""
    return [f for f in map(_finding, results) if f.entity_type in entities]


#: NER labels the models put on parts of identifiers: "10115" of a phone number as a date,
#: "Oak Court" as an organisation, "Baker Street" as a place, "pw: hunter2" as a person (a
#: policy may block passwords and pseudonymize names).
_NER_MISREADS = {
    "DATE_TIME": frozenset({"PHONE_NUMBER", "STREET_ADDRESS"}),
    "ORGANIZATION": frozenset({"STREET_ADDRESS"}),
    "LOCATION": frozenset({"STREET_ADDRESS"}),
    "PERSON": frozenset({"PASSWORD"}),
}
_ANCHOR_TYPES = frozenset().union(*_NER_MISREADS.values())
#: Recognizers of statistical models, which misread identifiers: spaCy and the name tagger.
_NER_RECOGNIZERS = frozenset({"SpacyRecognizer", "PersonNerRecognizer"})
_ANCHOR_SCORE = 0.5


_WORD_SPAN = regex.compile(r"[\p{L}\p{M}'’.\-]+")
_PARTICLE = regex.compile(NAME_PARTICLES)
#: words that join names and are never one ("tyler and meg": the tagger read "tyler and")
_CONJUNCTIONS = frozenset({"and", "und", "or", "oder", "sowie"})
#: particles and adverbs that end a chat request after the person it names ("frag mal bei lea
#: nach", "ruf jonas zurück", "ping tom back"): never a surname in lower case
_TRAILING_PARTICLES = frozenset(
    {"an", "nach", "zurück", "vorbei", "mal", "bitte", "doch", "noch", "gleich", "back",
     "again", "please", "asap", "re", "wg", "wegen", "about", "regarding"}
)  # fmt: skip
#: articles that open a request's object after the person it addresses ("Schick Jan den Link")
_OBJECT_ARTICLES = frozenset({"den", "die", "das", "dem", "ein", "eine", "einen", "einem"})


def _without_tail(text: str, finding: Finding) -> Finding:
    """A capitalised name without the words the tagger read on into: lower-case ones ("Dr.
    Schmidt ruft an", "de Vries ruft"), a request's object ("Sag Anna Bescheid", "Gib Lena
    Feedback") and an object with its article ("Schick Jan den Link": an article right after a
    name, not after a particle as in "van den Berg", opens a new phrase); a name written all in
    lower case ("jens") stays whole, but for a conjunction or a request's particle at its end
    ("tyler and meg", "frag mal bei lea nach")."""
    # the name after its honorifics: "Prof. adélaïde martin" is a name in lower case
    name_start = finding.start + honorific_length(text[finding.start : finding.end])
    words = list(_WORD_SPAN.finditer(text, name_start, finding.end))
    end = finding.end
    while len(words) > 1:
        last = words[-1].group()
        if len(words) > 2 and _object_with_article(words[-3].group(), words[-2].group()):
            words.pop()
        elif not (
            (
                last.islower()  # "al-Nuaimi", "d'Alembert" are names
                and _PARTICLE.fullmatch(last) is None
                and any(w.group()[:1].isupper() for w in words[:-1])
            )
            or last.casefold() in OBJECT_NOUNS
            or last.casefold() in _CONJUNCTIONS
            or last in _TRAILING_PARTICLES
        ):
            break
        words.pop()
        end = words[-1].end()
    return finding if end == finding.end else replace(finding, end=end)


def _object_with_article(before: str, article: str) -> bool:
    """Whether a lower-case ``article`` after the name word ``before`` opens an object
    (German accusative and dative articles; "des", "der", "the" are parts of names too:
    "Ludovica des Bordes")."""
    return (
        article in _OBJECT_ARTICLES
        and before[:1].isupper()
        and _PARTICLE.fullmatch(before) is None
    )


def _place_as_surname(text: str, finding: Finding) -> Finding:
    """A tagger's place right after a form of address is the person's surname ("Frau von
    der Leyen", "Herr zu Guttenberg"): a PERSON from its particles on. So is one after a
    phrase that takes a person ("loop in Kowalski")."""
    if finding.entity_type != "LOCATION" or finding.recognizer not in _NER_RECOGNIZERS:
        return finding
    start = after_title(text, finding.start)
    if start is None:
        if not after_person_phrase(text, finding.start):
            return finding
        start = finding.start
    return replace(finding, entity_type="PERSON", start=start)


def _company(place: PlaceSpan, findings: Sequence[Finding]) -> bool:
    """Whether the NER scores an organisation over ``place`` higher than any place there."""
    def best(entity_type: str) -> float:
        return max(
            (f.score for f in findings
             if f.entity_type == entity_type and f.start < place.end and place.start < f.end),
            default=0.0,
        )  # fmt: skip

    return best("ORGANIZATION") > best("LOCATION")


def _on_town_line(finding: Finding, town_lines: Sequence[PlaceSpan]) -> bool:
    """Whether a PERSON finding lies on one of an address block's town lines."""
    return finding.entity_type == "PERSON" and any(
        t.start <= finding.start and finding.end <= t.end for t in town_lines
    )


#: how sure the tagger must be of a place for a lone known first name on it to be the place
TAGGED_PLACE_SCORE = 0.75


def _without_lone_names_on_tagged_places(findings: list[Finding]) -> list[Finding]:
    """Findings minus a lone known first name (the name rules' weakest guess) where the tagger
    reads a place: "The conference is in Florence", "an office in Charlotte", "Flights to
    Eugene" (towns named like people; the tagger, reading the sentence, was 0.76-0.99 sure of
    the place). A name the tagger or a stronger rule finds there stays."""
    places = [
        f for f in findings
        if f.entity_type == "LOCATION" and f.recognizer in _NER_RECOGNIZERS
        and f.score >= TAGGED_PLACE_SCORE
    ]  # fmt: skip
    if not places:
        return findings
    return [
        f
        for f in findings
        if not (
            f.entity_type == "PERSON"
            and f.recognizer == NameRulesRecognizer.NAME
            and f.score <= LONE_FIRST_NAME_SCORE
            and any(p.start <= f.start and f.end <= p.end for p in places)
        )
    ]


def _without_ner_over_identifiers(findings: list[Finding]) -> list[Finding]:
    """Findings minus NER spans overlapping a phone number, address or password they misread:
    a wider or surer NER span would otherwise replace the identifier in overlap resolution."""
    anchors = [f for f in findings if f.entity_type in _ANCHOR_TYPES and f.score >= _ANCHOR_SCORE]
    if not anchors:
        return findings
    return [
        f
        for f in findings
        if not (
            f.recognizer in _NER_RECOGNIZERS
            and f.entity_type in _NER_MISREADS
            and any(
                a.entity_type in _NER_MISREADS[f.entity_type] and f.overlaps(a) for a in anchors
            )
        )
    ]


def _listed_entities(policy: PiiPolicy) -> set[str]:
    """Every entity type the policy names, whatever its action."""
    listed = set(policy.entities)
    for team in policy.teams.values():
        listed |= set(team.entities)
    return listed


def _without(recognizer: EntityRecognizer, replaced: set[str]) -> EntityRecognizer | None:
    """``recognizer`` unchanged, or spaCy's recognizer for its other entity types (None when
    it has none left)."""
    if not isinstance(recognizer, SpacyRecognizer) or not replaced & set(
        recognizer.supported_entities
    ):
        return recognizer
    others = [e for e in recognizer.supported_entities if e not in replaced]
    if not others:
        return None
    return SpacyRecognizer(
        supported_language=recognizer.supported_language, supported_entities=others
    )


def _lean_pattern_scan(recognizer: PatternRecognizer, text: str) -> list[Finding]:
    """A pattern recognizer's matches with Presidio's scoring (validate -> 1.0 or dropped,
    invalidate -> dropped) but without its per-match explanation objects and timing, which
    cost more than the regexes on the short texts of a stream."""
    entity = recognizer.supported_entities[0]
    flags = recognizer.global_regex_flags
    out: list[Finding] = []
    for pattern in _patterns(recognizer):
        if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
            pattern.compiled_with_flags = flags
            pattern.compiled_regex = regex.compile(pattern.regex, flags=flags)
        for match in _matches(pattern.compiled_regex, recognizer, text):
            start, end = match.span()
            if start == end:
                continue
            value = text[start:end]
            score = pattern.score
            verdict = recognizer.validate_result(value)
            if verdict is not None:
                score = 1.0 if verdict else 0.0
            if recognizer.invalidate_result(value):
                score = 0.0
            if score > 0:
                out.append(Finding(entity, start, end, round(float(score), 4), _name(recognizer)))
    return out


def _matches(compiled: Any, recognizer: PatternRecognizer, text: str) -> Iterator[Any]:
    """``compiled.finditer(text)``, run only in the recognizer's match regions when it has
    them: the same matches, each region searched from where the last match ended (finditer's
    matches never overlap)."""
    if not isinstance(recognizer, RegionalPatterns):
        yield from compiled.finditer(text)
        return
    searched_to = 0
    for start, end in recognizer.match_regions(text):
        for match in compiled.finditer(text, max(start, searched_to), end):
            searched_to = match.end()
            yield match


def _name(recognizer: Any) -> str:
    return str(recognizer.name)


def _patterns(recognizer: Any) -> list[Any]:
    return list(recognizer.patterns)


def _finding(result: RecognizerResult) -> Finding:
    meta: dict[str, Any] = result.recognition_metadata or {}
    return Finding(
        entity_type=result.entity_type,
        start=result.start,
        end=result.end,
        score=round(float(result.score), 4),
        recognizer=str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown")),
    )
