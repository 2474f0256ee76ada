"""Names inside handles, URLs and paths ("@jonas.becker", ".../in/anna-schmidt-4711",
"/home/jonas.becker/", "feature/JonasBecker2").

Chat tools address colleagues by handle, profile links and home folders carry their owner's
name, and a handle made of someone's name is personal data like the name. No identifier
pattern covers these, and the name tagger does not read names inside them. The letters count
as a name when they are known names: a part of their own (split at ``.``, ``_``, ``-``,
trailing digits dropped), or a first name followed by a last name written together. The
names are the lower-case forms of the Faker lists that are no ordinary words
(``guardrails.person_names.lowercase_names``), so ``@here``, ``@property``, ``/docs/`` or
``/api/v1/users`` stay as they are.

- An **@-mention** counts with one name ("@jonas", "@lukas_mueller92") or an initial and a
  surname ("@mmueller", as logins are made), or written first.last of any first name and
  name, words among them ("@hope.winter"); the finding leaves
  the ``@`` out, so the model reads "@[PERSON_1]" and still sees a mention.
- A **wiki mention** (Jira's and Confluence's ``[~jdoe]``) names its person whatever its
  letters; the brackets stay.
- A **bare handle**, as chat exports, tickets and logs write them, of two known names or an
  initial and a surname ("kim.oberhauser", "m.weber"), and after a cue ("reported by",
  "cc:") or as a chat line's speaker ("[10:33] j.okafor: ...") of one known name or an
  initial and any word ("ravi.shankar"); not code ("os.path", "anna.save()"), a file or a
  domain ("anna.log", "becker.com").
- A **document's file name** holding a known name that is no place, in any case
  ("angebot_familie_yilmaz.pdf"; not "bericht_paris.pdf").
- A **segment of a URL or path** (a word holding ``/`` or ``\\``, split there and at ``?``,
  ``#``, ``&``, ``=``, ``:``) needs two names ("anna-schmidt-4711", "JonasBecker2"): a single
  name-like segment is as often a place, product or team ("/berlin/", "/phoenix/").
- A **device name** made of a device word and a known name names the device's user
  ("LAPTOP-MUELLER01", "PC-Schmidt", "anna-macbook"; not "DESKTOP-7F3K2QJ", "berlin-laptop"
  where the place is no listed name).
- A **personal profile link** names its owner whatever the letters: the segment after
  ``linkedin.com/in/`` or ``xing.com/profile/`` ("linkedin.com/in/jane-doe-4b2a1"). Other
  networks' and code hosts' accounts are as often companies and projects
  ("github.com/vllm-project", "github.com/rust-lang"): their account segment counts when it
  is made of names only, or of an initial and a surname ("github.com/jschneider",
  "x.com/anna_schmidt").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.ner.file_names import FILE_EXTENSIONS
from guardrails.ordinary_vocabulary import PLACES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a person named by a handle is as certain as a name the tagger is sure of
HANDLE_SCORE = 0.9
#: shortest name part that counts (shorter ones are initials and abbreviations)
MIN_PART = 3
# "@" at the start or after a character that cannot end an e-mail's mailbox
_MENTION = re.compile(r"(?<![\w@.+-])@([^\W\d_](?:[\w.-]*[^\W_])?)")
# a word with a slash or backslash, and the segments between separators inside it
_PATH_WORD = re.compile(r"[^\s\"'<>()\[\]{}]*[/\\][^\s\"'<>()\[\]{}]*")
_SEGMENT = re.compile(r"[^/\\?#&=:;,.\s][^/\\?#&=:;,\s]*")
_PARTS = re.compile(r"[._-]+")
# what follows a decorator: its call, or the end of its line and a definition or another one
_DECORATOR_AFTER = re.compile(
    r"\(|[ \t]*\r?\n[ \t]*(?:def|async|class|public|private|protected|static|@)(?![\w-])"
)
_TRAILING_DIGITS = re.compile(r"\d+$")
_DEVICE_WORDS = r"(?:laptop|notebook|nb|pc|desktop|ws|workstation|mac|macbook|mbp|tablet|ipad|iphone|phone)"
# a device word and a name joined by "-" or "_" in either order, digits after either
_DEVICE = re.compile(
    rf"(?i)(?<![\w.-])(?:{_DEVICE_WORDS}[-_](?P<after>[^\W\d_]{{3,}})"
    rf"|(?P<before>[^\W\d_]{{3,}})[-_]{_DEVICE_WORDS})(?:[-_]?\d+)?(?![\w.-])"
)
_TRAILING_PUNCTUATION = ".!?"
#: a user mention in Jira's and Confluence's wiki markup ("[~anna.schwertfeger]", "[~jdoe]"),
#: a person whatever the letters (an "accountid:" is an opaque key)
_WIKI_MENTION = re.compile(r"\[~(?!accountid:)(?P<name>[^\W_][^\]\s]{0,60})\]")
#: a bare handle of two lower-case parts joined by "." or "_", as chat exports, tickets and
#: logs name people ("m.weber", "kim_oberhauser"); not inside a mail address, a link, a
#: path, a call ("anna.save()") or a longer dotted name ("os.path.join")
_BARE_HANDLE = re.compile(
    r"(?<![\w.@/\\:+-])(?P<first>[a-z]+)[._](?P<last>[a-z]{3,})(?![\w@/\\-]|[.:]\w|\()"
)
#: right before a bare handle, a word naming who did or gets something ("reported by",
#: "assigned to", "cc", "von", "an")
_HANDLE_CUE = re.compile(
    r"(?i:(?<![\w-])(?:by|to|from|cc|for|with|von|an|für|mit|durch|assignee|reporter|owner"
    r"|author|autor)[ \t]*:?[ \t]+)\Z"
)
#: a chat line's opening before its speaker: a time ("[10:33] ", "12.11.26, 09:14 - ")
_SPEAKER_BEFORE = re.compile(
    r"[ \t]*(?:\[[^\]\n]{1,25}\][ \t]*|(?:[\d./,]{6,10}[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?"
    r"[ \t]*(?:[-–][ \t]*)?)?<?\Z"
)
_SPEAKER_AFTER = re.compile(r">|:[ \t]")
#: Python's "from package.module import ...": a module, not a handle after "from"
_IMPORT_AFTER = re.compile(r"[ \t]+import\b")
#: a document's file name ("angebot_familie_yilmaz.pdf", "Zeugnis-Mueller.docx") and the
#: words in it
_EXTENSION = rf"\.(?i:{FILE_EXTENSIONS})(?![\w-])"
_FILE_NAME = re.compile(rf"(?<![\w.-])[\w.-]*[^\W_]{_EXTENSION}")
#: looked for first: a search led by a "." skips the text fast, the file name's from every word
_HAS_EXTENSION = re.compile(_EXTENSION)
_FILE_WORD = re.compile(r"[^\W\d_]+")
#: endings a name never has: a file's extension, a domain's top level
_NOT_SURNAMES = frozenset(
    {
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "csv", "json", "yaml", "yml",
        "xml", "html", "htm", "png", "jpg", "jpeg", "gif", "svg", "zip", "log", "exe", "ini",
        "cfg", "conf", "toml", "sql", "com", "org", "net", "info", "biz", "edu", "gov",
    }
)  # fmt: skip
# the account's part of a link to a code host or a social network, whose first path segment
# is a user or an organisation ("github.com/jschneider/dotfiles", "x.com/anna_schmidt")
_ACCOUNT = re.compile(
    r"(?i:(?<![\w.-])(?:[\w-]+\.)*(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org"
    r"|twitter\.com|x\.com|instagram\.com|facebook\.com|t\.me|medium\.com)/@?)"
    r"(?P<slug>[^/\s?#&\"'<>()\[\]{}]+)"
)
# the owner's part of a personal profile link
_PROFILE = re.compile(
    r"(?i:(?<![\w.-])(?:[\w-]+\.)*(?:linkedin\.com/(?:in|pub)|xing\.com/profile)/)"
    r"(?P<slug>[^/\s?#&\"'<>()\[\]{}]+)"
)


def name_parts(handle: str, names: Collection[str]) -> int:
    """How many known names ``handle`` is built from: its parts that are names, or 2 when
    it is a first and a last name written together (0 when it is none)."""
    stripped = (_TRAILING_DIGITS.sub("", p).casefold() for p in _PARTS.split(handle))
    parts = [p for p in stripped if p]
    found = sum(1 for p in parts if len(p) >= MIN_PART and p in names)
    if found or len(parts) != 1:
        return found
    joined = parts[0]
    two = any(
        joined[:cut] in names and joined[cut:] in names
        for cut in range(MIN_PART, len(joined) - MIN_PART + 1)
    )
    return 2 if two else 0


def _is_decorator(text: str, end: int) -> bool:
    """Whether the mention ending at ``end`` is a Python or Java decorator: called, or alone on
    its line above a definition."""
    return _DECORATOR_AFTER.match(text, end) is not None


def _split_name(handle: str) -> list[str]:
    return [p for p in _PARTS.split(_TRAILING_DIGITS.sub("", handle).casefold()) if p]


def built_from_names(
    word: str, names: Collection[str], surnames: Collection[str] | None = None
) -> bool:
    """Whether ``word`` holds a known name (:func:`name_parts`), or is an initial followed by
    a surname ("mmueller", "jbecker2"; ``surnames`` None: any of ``names``). An initial
    before a first name is as often an English word: "s" + "tory" is a story."""
    if name_parts(word, names) >= 1:
        return True
    letters = word.rstrip("0123456789").casefold()
    after_initial = names if surnames is None else surnames
    return len(letters) > MIN_PART + 1 and letters[1:] in after_initial


class NameListRecognizer(SpanRecognizer):
    """A recognizer reading words against lower-case known names and the surnames an
    initial may stand before (:func:`built_from_names`; None: any of the names)."""

    def __init__(
        self,
        supported_language: str,
        names: Collection[str],
        surnames: Collection[str] | None = None,
    ) -> None:
        super().__init__(supported_language, context=[])
        self._names = names
        self._surnames = surnames


class HandleRecognizer(NameListRecognizer):
    """``PERSON`` for @-mentions and URL or path segments built from known names."""

    ENTITY = "PERSON"
    NAME = "HandleRecognizer"

    def __init__(
        self,
        supported_language: str,
        names: Collection[str],
        surnames: Collection[str] | None = None,
        first_and_last: tuple[Collection[str], Collection[str]] = ((), ()),
    ) -> None:
        """``first_and_last``: every lower-case first name and name, words among them, for
        mentions written first.last ("@hope.winter")."""
        super().__init__(supported_language, names, surnames)
        self._any_first, self._any_name = first_and_last

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """The handle of each mention, and each URL or path segment, that names a person."""
        if "@" in text:
            for match in _MENTION.finditer(text):
                if _is_decorator(text, match.end()):
                    continue  # "@mark.parametrize(...)", "@ray.remote" over a "def": code
                if built_from_names(match.group(1), self._names, self._surnames) or (
                    self._first_dot_last(match.group(1))
                ):
                    yield match.start(1), match.end(1), HANDLE_SCORE
        if "[~" in text:
            for match in _WIKI_MENTION.finditer(text):
                yield match.start("name"), match.end("name"), HANDLE_SCORE
        if "." in text and _HAS_EXTENSION.search(text):
            for match in _FILE_NAME.finditer(text):
                for word in _FILE_WORD.finditer(text, match.start(), match.end()):
                    if self._names_someone(word.group()):
                        yield word.start(), word.end(), HANDLE_SCORE
        if "." in text or "_" in text:
            for match in _BARE_HANDLE.finditer(text):
                if self._bare_handle(text, match):
                    yield match.start(), match.end(), HANDLE_SCORE
        if "-" in text or "_" in text:
            for match in _DEVICE.finditer(text):
                if match.group("after"):  # the user's digits go with the name: "MUELLER01"
                    if match.group("after").casefold() in self._names:
                        yield match.start("after"), match.end(), HANDLE_SCORE
                elif match.group("before").casefold() in self._names:
                    yield match.start("before"), match.end("before"), HANDLE_SCORE
        if "/" in text or "\\" in text:
            profiles = set()
            for profile in _PROFILE.finditer(text):
                start = profile.start("slug")
                slug = profile.group("slug").rstrip(_TRAILING_PUNCTUATION)
                profiles.add(start)
                yield start, start + len(slug), HANDLE_SCORE
            for account in _ACCOUNT.finditer(text):
                start = account.start("slug")
                slug = account.group("slug").rstrip(_TRAILING_PUNCTUATION)
                if self._account_of_a_person(slug):
                    profiles.add(start)
                    yield start, start + len(slug), HANDLE_SCORE
            for word in _PATH_WORD.finditer(text):
                for segment in _SEGMENT.finditer(word.group()):
                    value = segment.group().rstrip(_TRAILING_PUNCTUATION)
                    start = word.start() + segment.start()
                    if (
                        start not in profiles
                        and "@" not in value
                        and name_parts(value, self._names) >= 2
                    ):
                        yield start, start + len(value), HANDLE_SCORE

    def _account_of_a_person(self, slug: str) -> bool:
        """An account made only of names ("anna_schmidt", "jordan"), or of an initial and a
        surname or a first and a last name written together ("jschneider", "annaschmidt");
        "rust-lang" is a project, however much "lang" is a surname."""
        parts = _split_name(slug)
        if len(parts) > 1:
            return all(p in self._names for p in parts)
        return bool(parts) and built_from_names(parts[0], self._names, self._surnames)

    def _bare_handle(self, text: str, match: re.Match[str]) -> bool:
        """A bare handle of two names ("kim.oberhauser") or an initial and a surname
        ("m.weber") anywhere; after a cue or as a chat line's speaker ("reported by
        ravi.shankar", "[10:33] m.weber: ...") also of a known name or an initial and any
        word ("j.doe")."""
        first, last = match.group("first"), match.group("last")
        if last in _NOT_SURNAMES:
            return False
        if len(first) == 1:
            if len(last) > MIN_PART and last in self._surnames_or_names:
                return True
        elif len(first) >= MIN_PART and first in self._names:
            if last in self._names:
                return True
        else:
            return False
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _HANDLE_CUE.search(
            text, max(line_start, match.start() - 20), match.start()
        ) and not _IMPORT_AFTER.match(text, match.end()):
            return True
        return (
            _SPEAKER_BEFORE.fullmatch(text, line_start, match.start()) is not None
            and _SPEAKER_AFTER.match(text, match.end()) is not None
        )

    def _names_someone(self, word: str) -> bool:
        """A word of a file's name that is a known name and no place ("yilmaz", not
        "paris"; the extension is no name: "docx")."""
        folded = word.casefold()
        return len(folded) > MIN_PART and folded in self._names and folded not in PLACES

    @property
    def _surnames_or_names(self) -> Collection[str]:
        return self._names if self._surnames is None else self._surnames

    def _first_dot_last(self, handle: str) -> bool:
        """A mention written first.last (or first_last) of a first name and a name, also where
        both are words ("@hope.winter", "@will.sommer"; a lone word stays: "@here"), or of a
        first name and a surname the lists lack ("@mike.tanaka", "@anna.oyelaran")."""
        if "." not in handle and "_" not in handle:
            return False
        parts = _split_name(handle)
        return (
            len(parts) == 2
            and parts[0] in self._any_first
            and (parts[1] in self._any_name or len(parts[1]) >= MIN_PART)
        )
