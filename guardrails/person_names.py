"""Which person-name recognizers run beside Presidio's, per language.

The trained multilingual tagger (``guardrails.ner.recognizer.PersonNerRecognizer``) is used
when its artifact folder exists (``guardrails/ner/artifacts/<model>/tagger.json``); one
loaded model serves every configured language. Where it is absent (or does not cover a language), name
rules over Faker's first- and last-name lists run instead, so the guard works before the
tagger is trained or where it is not shipped. English always gets the rules too: they catch
"First Last" pairs that spaCy labels as places or organisations. Every language gets the
recognizer of names inside handles, URLs and paths (``guardrails.recognizers.handles``).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer
from spacy.lang.de.stop_words import STOP_WORDS as GERMAN_STOP_WORDS
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

from guardrails.common_surnames import COMMON_GERMAN_SURNAMES
from guardrails.english_words import english_words
from guardrails.name_rules import NameRules
from guardrails.ordinary_vocabulary import (
    DICTIONARY_WORD_NAMES,
    OPENING_WORDS,
    REQUEST_VERBS,
    SHORT_FIRST_NAMES,
    WORD_LIKE_FIRST_NAMES,
)
from guardrails.person_evidence import PersonEvidence
from guardrails.presidio_recognizers import NameRulesRecognizer
from guardrails.recognizers.adjective_surnames import AdjectiveSurnameRecognizer
from guardrails.recognizers.aged_names import AgedNameRecognizer
from guardrails.recognizers.announced_names import AnnouncedNameRecognizer
from guardrails.recognizers.coworker_names import CoworkerNameRecognizer
from guardrails.recognizers.department_members import DepartmentMemberRecognizer
from guardrails.recognizers.display_names import DisplayNameRecognizer
from guardrails.recognizers.family_names import FamilyNameRecognizer
from guardrails.recognizers.handles import HandleRecognizer
from guardrails.recognizers.lowercase_names import LowercaseNameRecognizer
from guardrails.recognizers.mail_headers import MailHeaderNameRecognizer
from guardrails.recognizers.name_fields import NameFieldRecognizer
from guardrails.recognizers.object_names import ObjectNameRecognizer
from guardrails.recognizers.record_fields import HomePlaceFieldRecognizer
from guardrails.recognizers.sign_offs import SignOffRecognizer
from guardrails.recognizers.subject_names import SubjectNameRecognizer
from guardrails.recognizers.usernames import UsernameRecognizer
from guardrails.recognizers.vocatives import VocativeNameRecognizer

if TYPE_CHECKING:
    from guardrails.ner.engines import EngineKind

logger = logging.getLogger(__name__)

TAGGER_MODULE = "guardrails.ner.recognizer"
TAGGER_MANIFEST = "tagger.json"

#: Faker locales whose name lists feed the rules (Faker is MIT-licensed and installed).
NAME_LOCALES: dict[str, tuple[str, ...]] = {
    "de": (
        "de_DE",
        "de_AT",
        "de_CH",
        "en_US",
        "en_GB",
        "fr_FR",
        "it_IT",
        "es_ES",
        "nl_NL",
        "pl_PL",
        "tr_TR",
        "fi_FI",
        "sv_SE",
        "da_DK",
        "cs_CZ",
        "pt_BR",
    ),
    "en": (
        "en_US",
        "en_GB",
        "en_IE",
        "fr_FR",
        "it_IT",
        "es_ES",
        "de_DE",
        "nl_NL",
        "pl_PL",
        "tr_TR",
        "fi_FI",
        "sv_SE",
        "da_DK",
        "cs_CZ",
        "pt_BR",
        "hr_HR",
    ),
}


def _names(locales: Sequence[str]) -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for locale in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first.update(getattr(provider, attr, ()) or ())
        last.update(getattr(provider, "last_names", ()) or ())
    if "de_DE" in locales:
        last |= COMMON_GERMAN_SURNAMES
    # two-letter "names" are mostly abbreviations and words
    return {n for n in first if len(n) > 2}, {n for n in last if len(n) > 2}


def is_common_full_name(first: str, last: str) -> bool:
    """Whether a first name and a surname both stand in the name lists (capitalised), so that
    private people are named so too: "Richard Wagner", "Helmut Kohl"."""
    first_names, surnames = _all_names()
    return first in first_names and last in surnames


@cache
def _all_names() -> tuple[frozenset[str], frozenset[str]]:
    """First names and surnames of every language's name lists."""
    first: set[str] = set()
    last: set[str] = set()
    for locales in NAME_LOCALES.values():
        more_first, more_last = _names(locales)
        first |= more_first
        last |= more_last
    return frozenset(first), frozenset(last)


@cache
def person_evidence() -> PersonEvidence:
    """The ordinary-term check for PERSON findings over the name lists of every language."""
    first, last = _all_names()
    english_words()  # read at start-up, not in the first request that needs it (~90 ms)
    # the short forms that are no words ("liz", "jen"; "will" and "hope" are)
    return PersonEvidence(first | (SHORT_FIRST_NAMES - DICTIONARY_WORD_NAMES), last)


@cache
def lowercase_names(language: str) -> frozenset[str]:
    """Lower-case forms of the language's known names that are no ordinary English words
    (see :data:`~guardrails.ordinary_vocabulary.DICTIONARY_WORD_NAMES`)."""
    first, last = _names(NAME_LOCALES[language])
    folded = {n.casefold() for n in first | last if len(n) > 2}
    return frozenset(folded - DICTIONARY_WORD_NAMES - WORD_LIKE_FIRST_NAMES)


@cache
def lowercase_last_names(language: str) -> frozenset[str]:
    """The surnames among :func:`lowercase_names` (an initial before one is a login:
    "mmueller")."""
    _first, last = _names(NAME_LOCALES[language])
    return frozenset(n.casefold() for n in last) & lowercase_names(language)


#: Locales whose first names people type in lower case in chat (the office's own languages).
CHAT_NAME_LOCALES = ("de_DE", "de_AT", "de_CH", "en_US", "en_GB", "en_IE")


@cache
def lowercase_first_names() -> frozenset[str]:
    """Lower-case German and English first names that are no ordinary words (for
    :class:`~guardrails.recognizers.lowercase_names.LowercaseNameRecognizer`)."""
    # function words that are names elsewhere: "bei allen", "can", "darin"
    function_words = GERMAN_STOP_WORDS | ENGLISH_STOP_WORDS
    return chat_first_names() - DICTIONARY_WORD_NAMES - WORD_LIKE_FIRST_NAMES - function_words


@cache
def chat_first_names() -> frozenset[str]:
    """Every German and English first name, lower-cased, words among them ("grace"), with the
    English short forms the lists lack ("will", "matt")."""
    first, _last = _names(CHAT_NAME_LOCALES)
    return frozenset(n.casefold() for n in first if " " not in n) | SHORT_FIRST_NAMES


@cache
def opening_names() -> frozenset[str]:
    """Capitalised first names and surnames of every language's name lists (colleagues
    come from everywhere: "Einaudi meinte, dass ..."), function words left out unless German
    surnames (for :class:`~guardrails.recognizers.subject_names.SubjectNameRecognizer`:
    "Lange ist heute im Homeoffice", not "Darin ist ... erreichbar")."""
    first, last = _all_names()
    de_last = german_surnames()
    function_words = GERMAN_STOP_WORDS | ENGLISH_STOP_WORDS
    # the English short forms the lists lack ("Will", "Liz")
    short = {n.capitalize() for n in SHORT_FIRST_NAMES}
    return frozenset(
        n for n in first | last | short
        if " " not in n and (n.casefold() not in function_words or n in de_last | short)
    )  # fmt: skip


@cache
def german_surnames() -> frozenset[str]:
    """The German-locale surnames (Faker's and the frequent ones it lacks), capitalised."""
    return frozenset(_names(("de_DE", "de_AT", "de_CH"))[1])


@cache
def _english_surnames() -> frozenset[str]:
    """The surnames of the English locales' name lists."""
    return frozenset(_names(("en_US", "en_GB", "en_IE"))[1])


@cache
def family_surnames(language: str) -> frozenset[str]:
    """Surnames whose plural names a family (for
    :class:`~guardrails.recognizers.family_names.FamilyNameRecognizer`): the German ones in
    German text ("die Meyers"), the English ones that are no English words in English text
    ("the Johnsons", not "the Smiths")."""
    if language == "de":
        return german_surnames()
    return frozenset(n for n in _english_surnames() if n.casefold() not in DICTIONARY_WORD_NAMES)


@cache
def family_word_surnames(language: str) -> frozenset[str]:
    """The surnames of the language's own locales that :func:`family_surnames` leaves out as
    words ("Smith", "Miller"): a family only where no word is meant ("the Millers' house",
    "the Smith family")."""
    if language == "de":
        return frozenset()
    return _english_surnames() - family_surnames(language)


@cache
def vocative_first_names() -> frozenset[str]:
    """Capitalised first names of every language's lists and the English short forms ("Will",
    "Matt") a message may open by addressing (for
    :class:`~guardrails.recognizers.vocatives.VocativeNameRecognizer`), without those that
    are German or English words opening a sentence the same way ("Allen", "Darin", "Edit")."""
    first, _last = _all_names()
    short = {n.capitalize() for n in SHORT_FIRST_NAMES}
    words = (OPENING_WORDS | REQUEST_VERBS) - SHORT_FIRST_NAMES  # "Will" is a name here
    return frozenset(n for n in first | short if " " not in n and n.casefold() not in words)


@cache
def known_name_words() -> frozenset[str]:
    """Every first name and surname of every language's name lists, lower-cased (for
    :class:`~guardrails.recognizers.name_fields.NameFieldRecognizer`: "Krause" under a
    "Mitarbeiter" column, not "Widget Pro" under "Name")."""
    first, last = _all_names()
    return frozenset(n.casefold() for n in first | last)


def is_known_name(word: str) -> bool:
    """Whether ``word`` is a first name or surname of the name lists (any case)."""
    return word.casefold() in known_name_words()


def name_rules(language: str) -> NameRules:
    """Rules over the name lists of the language's locales."""
    first, last = _names(NAME_LOCALES[language])
    return NameRules(first, last)


def tagger_folder(artifact_dir: Path) -> Path | None:
    """The trained tagger's folder: ``artifact_dir`` itself when it holds ``tagger.json``,
    else its first sub-folder (sorted) that does; None when there is none."""
    if (artifact_dir / TAGGER_MANIFEST).is_file():
        return artifact_dir
    if artifact_dir.is_dir():
        for child in sorted(p for p in artifact_dir.iterdir() if p.is_dir()):
            if (child / TAGGER_MANIFEST).is_file():
                return child
    return None


def person_recognizers(
    artifact_dir: Path,
    tagger_languages: Sequence[str],
    engine: EngineKind = "onnxruntime",
    workers: int = 0,
) -> dict[str, list[EntityRecognizer]]:
    """Extra recognizers per language: for PERSON the trained tagger (run by ``engine``, its
    windows on ``workers`` threads) if present, else rules, and names inside handles, URLs
    and paths; USERNAME after a cue."""
    extra: dict[str, list[EntityRecognizer]] = {}
    folder = tagger_folder(artifact_dir)
    if folder is not None and tagger_languages:
        try:
            module = importlib.import_module(TAGGER_MODULE)
            first = module.PersonNerRecognizer(
                artifact_dir=folder,
                supported_language=tagger_languages[0],
                lowercase_names=lowercase_names(tagger_languages[0]),
                engine=engine,
                workers=workers,
            )
            first.load()  # one model for all languages
            extra[tagger_languages[0]] = [first]
            for language in tagger_languages[1:]:
                extra[language] = [
                    module.PersonNerRecognizer(
                        artifact_dir=folder,
                        supported_language=language,
                        tagger=first.tagger,
                        lowercase_names=lowercase_names(language),
                    )
                ]
            logger.info(
                "person-name tagger %s loaded for %s", folder.name, ",".join(tagger_languages)
            )
        except Exception as exc:  # an unusable artifact must not stop the gateway
            logger.warning(
                "person-name tagger in %s unusable (%s); using name rules",
                folder,
                type(exc).__name__,
            )
            extra = {}
    for language in ("en", "de"):
        if language == "en" or language not in extra:
            extra.setdefault(language, []).append(
                NameRulesRecognizer(name_rules(language), language)
            )
        else:  # German with the tagger: of the name rules, the titles; and surnames that
            # are words opening a sentence about what the person does
            extra[language] += [
                AnnouncedNameRecognizer(language),
                SubjectNameRecognizer(opening_names(), language),
                AdjectiveSurnameRecognizer(language),
                ObjectNameRecognizer(german_surnames(), language),
            ]
        if language == "en":  # names that are words opening a sentence about the person
            extra[language].append(SubjectNameRecognizer(opening_names(), language))
        # names inside handles, URLs and paths, which neither the tagger nor the rules read,
        # and user names after a cue ("user jsmith1984")
        names, surnames = lowercase_names(language), lowercase_last_names(language)
        name_fields = NameFieldRecognizer(is_known_name, language)
        extra[language] += [
            HandleRecognizer(
                language, names, surnames, (chat_first_names(), known_name_words())
            ),
            UsernameRecognizer(language, names, surnames),
            DisplayNameRecognizer(language),
            SignOffRecognizer(language),
            MailHeaderNameRecognizer(language),
            name_fields,
            HomePlaceFieldRecognizer(language, name_fields),
            DepartmentMemberRecognizer(opening_names(), language),
            CoworkerNameRecognizer(opening_names(), language),
            AgedNameRecognizer(opening_names(), language),
            LowercaseNameRecognizer(
                language, lowercase_first_names(), chat_first_names(), names
            ),
            FamilyNameRecognizer(
                family_surnames(language), language, word_surnames=family_word_surnames(language)
            ),
            VocativeNameRecognizer(vocative_first_names(), language),
        ]
    return extra
