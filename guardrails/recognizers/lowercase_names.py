"""First names typed in lower case in chat: "sag jens bitte bescheid", "gib das an markus
weiter", "ask jenny if she can cover".

People chatting often write everything in lower case. The name tagger reads most such names
("sabine", "anna"), but not all ("jens", "tim", "markus"). A lower-case word counts as a
name here when it is a known German or English first name that is no ordinary word, and a
chat cue stands right before it: an address ("hi", "moin", "danke"), a request verb ("sag",
"frag", "ask", "tell") or a preposition or conjunction that joins people ("mit", "an",
"und", "with", "and"), the cue capitalised or not ("Laut hermine ..."). After a form of
address a lower-case first name or surname counts as well ("frau hess", "Herr kranz", "Frau
Prof. adélaïde martin"), and after a German one typed in lower case any word of four letters
or more that is no function word or role, also in English text ("waiting on legal (frau
brenninkmeyer)"; not "meine frau kommt", "frau kollegin"). Capitalised text is the tagger's and the name rules' business, but
for a known first name right after a request's verb that opens a sentence ("Schreib Tim eine
Mail", "Gib Jan Zugriff auf Jira"), which the tagger misses when the name is also a word or a
month. A first name that is also an English word counts there too when the request goes on as
one to a person ("Ask Grace to send the slides", "Remind Bill about the invoice", "Let Mark
know"; not "Mark the ticket", "Help Desk to call back").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from spacy.lang.de.stop_words import STOP_WORDS as GERMAN_STOP_WORDS
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a known first name after a chat cue: about as sure as a capitalised unknown first name
LOWERCASE_NAME_SCORE = 0.6

_CUE_TEXT = """
    sag sage sagt frag frage fragt ruf schreib schreibe ping pingt gib gibst erinner
    mit an bei für von und oder laut
    danke dank hallo hi hey moin servus grüß gruß lieber liebe hallöchen
    ask tell call text email remind ping with to and or for from thanks thank hi hey dear cc
"""
_CUES = frozenset(_CUE_TEXT.split())
#: first names that are ordinary lower-case words after such cues: months ("von april bis
#: juni", "from jan"), "mit ernst", "in der heide", a particle ("bei van der Straeten"); after
#: a request's verb only the months are names ("Gib Jan Zugriff")
_MONTHS_TEXT = """
    januar jan februar feb märz mär april apr mai juni jun juli jul august aug september sep
    oktober okt november nov dezember dez january march may june july october december
"""
_NOT_NAMES_TEXT = "ernst heide van"
_MONTHS = frozenset(_MONTHS_TEXT.split())
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
#: verbs of a request addressed to a person, opening a sentence: "Schreib Tim eine Mail"
#: (imperatives only; the lower-case cues above are a different set)
_ADDRESSING_VERBS_TEXT = """
    sag sage frag frage ruf rufe schreib schreibe ping gib erinner erinnere zeig zeige schick
    schicke hilf bring ask tell call text email remind show send give help
"""
_ADDRESSING_VERBS = frozenset(_ADDRESSING_VERBS_TEXT.split())
#: English verbs asking someone to do or know something, and the words that go on with the
#: request after the person ("Ask Grace to ...", "Remind Bill about ...", "Let Mark know")
_TELLING_VERBS_TEXT = "ask tell remind let help ping call text email"
_TELLING_VERBS = frozenset(_TELLING_VERBS_TEXT.split())
_REQUEST_GOES_ON = re.compile(r"[ \t]+(?:to|about|if|whether|that|when|for|know)[ \t]")
#: a capitalised word opening a sentence, then a capitalised word as a whole token
_OPENING_PAIR = re.compile(
    r"(?m)(?:^[ \t]*|(?<=[.!?:][ \t]))(?P<verb>[A-ZÄÖÜ][a-zäöüß]+)[ \t]+"
    r"(?P<name>[A-ZÄÖÜ][a-zà-ÿ'’-]*)(?![\w@/\\]|[.]\w)"
)
#: a lower-case word, then (looked at, not consumed, so every word can be a cue) the next
#: lower-case word as a whole token: not part of an address, path or handle
_PAIR = re.compile(
    r"(?<![\w@./\\-])(?P<cue>[A-ZÄÖÜa-zäöüß][a-zäöüß]*),?[ \t]+"
    r"(?=(?P<name>[a-zà-ÿ][a-zà-ÿ'’-]*)(?![\w@/\\]|[.]\w))"
)


#: a form of address (any case, perhaps with a degree), then one or two lower-case words:
#: "frau hess", "Herr kranz", "Frau Prof. adélaïde martin"
_TITLED = re.compile(
    r"(?<![\w-])(?i:herrn?|frau|mr|mrs|ms|miss|dr|prof)\.?(?:[ \t]+(?i:dr|prof)\.)*[ \t]+"
    r"(?P<first>[a-zà-ÿ][a-zà-ÿ'’-]+)(?:[ \t]+(?P<second>[a-zà-ÿ][a-zà-ÿ'’-]+))?"
    r"(?![\w@/\\]|[.]\w)"
)


#: German forms of address: a surname follows them in any text ("waiting on legal (frau
#: brenninkmeyer)")
_GERMAN_FORMS = frozenset({"herr", "herrn", "frau"})
#: words before "frau" / "herr" that make it the noun ("meine frau kommt", "der herr da")
_NOUN_MARKERS_TEXT = """
    die der den dem des ein eine einer einen einem eines meine meiner meinen meinem deine
    deiner seine seiner seinen ihre ihrer ihren unsere unserer eure jede jeder jeden diese
    dieser diesen jene junge junger jungen alte alter alten nette netter andere anderen
    ältere älteren welche welcher keine keiner
"""
_NOUN_MARKERS = frozenset(_NOUN_MARKERS_TEXT.split())
#: what follows a form of address and is no name: titles and roles ("frau doktor")
_ROLE_WORDS_TEXT = """
    doktor doktorin professor professorin kollege kollegin chef chefin direktor direktorin
    ministerin minister präsidentin präsident pfarrer pfarrerin bürgermeister
    bürgermeisterin vorsitzende vorsitzender oberarzt oberärztin kommissar kommissarin
"""
_ROLE_WORDS = frozenset(_ROLE_WORDS_TEXT.split())
_LAST_WORD = re.compile(r"([^\W\d_]+)[^\w]*\Z")


class LowercaseNameRecognizer(SpanRecognizer):
    """``PERSON`` for a lower-case first name right after a chat cue."""

    ENTITY = "PERSON"
    NAME = "LowercaseNameRecognizer"

    def __init__(
        self,
        supported_language: str,
        first_names: Collection[str],
        word_first_names: Collection[str] = (),
        titled_names: Collection[str] = (),
    ) -> None:
        """``first_names``: lower-case first names that are no ordinary words;
        ``word_first_names``: every first name, words among them ("will", "grace");
        ``titled_names``: first names and surnames that are no ordinary words, read after a
        form of address ("frau hess")."""
        super().__init__(supported_language, [])
        self._requested = frozenset(first_names) - _NOT_NAMES
        self._names = self._requested - _MONTHS
        self._told = frozenset(word_first_names) - _MONTHS
        self._titled = frozenset(titled_names) - _MONTHS

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each listed first name in lower case whose word before it is a cue, and each
        capitalised one after a request's verb opening a sentence."""
        for match in _PAIR.finditer(text):
            if match.group("cue").casefold() in _CUES and match.group("name") in self._names:
                yield match.start("name"), match.end("name"), LOWERCASE_NAME_SCORE
        for match in _TITLED.finditer(text):
            if match.group("first") in self._titled:
                second = match.group("second")
                whole = second is not None and second in self._titled
                end = match.end("second") if whole else match.end("first")
                yield match.start("first"), end, LOWERCASE_NAME_SCORE
            elif _addressed(text, match):
                yield match.start("first"), match.end("first"), LOWERCASE_NAME_SCORE
        for match in _OPENING_PAIR.finditer(text):
            verb, name = match.group("verb").casefold(), match.group("name").casefold()
            if (verb in _ADDRESSING_VERBS and name in self._requested) or (
                verb in _TELLING_VERBS
                and name in self._told
                and _REQUEST_GOES_ON.match(text, match.end("name"))
            ):
                yield match.start("name"), match.end("name"), LOWERCASE_NAME_SCORE


def _addressed(text: str, match: re.Match[str]) -> bool:
    """A word the name lists lack after a German form of address typed in lower case, where
    the form is no noun: "(frau brenninkmeyer)", "herr okonkwo meinte"; not "meine frau kommt",
    "die frau ist nett" or "frau doktor"."""
    form = match.group().split(maxsplit=1)[0].rstrip(".")
    word = match.group("first")
    # written in lower case like the word after it, as chat is typed ("Herr seven" is prose
    # the tagger reads)
    if form not in _GERMAN_FORMS or len(word) < 4 or not word.isalpha():
        return False
    if word in GERMAN_STOP_WORDS or word in ENGLISH_STOP_WORDS or word in _ROLE_WORDS:
        return False
    before = _LAST_WORD.search(text, max(0, match.start() - 30), match.start())
    return before is None or before.group(1).casefold() not in _NOUN_MARKERS
