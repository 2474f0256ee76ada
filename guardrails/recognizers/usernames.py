"""User names and account ids after a cue ("user jsmith1984", "Benutzername: m.mueller",
"logged in as anna_schmidt").

A login name points at one person as surely as the name does, and support tickets and
access requests are full of them. Without an ``@`` or a slash (see
:mod:`guardrails.recognizers.handles`) a user name looks like any product code or word, so a
cue must come right before it (English and German: user, username, login, account, uid,
handle, "logged in as", Benutzer, Benutzername, Kennung, Anmeldename, "angemeldet als"):

- a word holding a digit, or ``.``, ``_`` or ``-`` inside, counts ("user jsmith1984",
  "account anna.s");
- a word written as prose, a capital and then small letters ("Login: Passwort vergessen",
  "User Jonas"), does not: a name there is the tagger's;
- any other word counts when it is built from known names ("Benutzer mmueller", "my login
  is mkoch") or the cue says it with ``:``, ``=``, "lautet", "heißt" or a quote ("Login:
  bkoch"); not after a bare cue ("user interface", "login page"). After "is"/"ist" a state
  follows more often than a name ("the account is overdue", "der Login ist gesperrt"): there
  the word counts only after a cue naming the name ("my username is jdoe"; not "the username
  is taken").

System accounts (root, admin, jenkins, ...) are no persons and stay, nor are a field's type
and a keyword in code ("user_id: int", "-> User: return"). A word followed by
``@`` is an e-mail address's mailbox, left to the e-mail recognizer.

Three places name a login without a cue word: the owner of a to-do in code ("# TODO(jschmidt):
...", not a ticket key, "TODO(JIRA-123)"), a home folder ("C:\\Users\\jschneider\\Documents",
"/home/mkoch/.ssh", "\\\\fileserver\\home\\a.kowalski"; not "C:\\Users\\Public") and the user of a
remote login ("ssh kpatel@jumphost", "scp -P 2222 file tweber@10.0.0.5:"; an e-mail address
needs a domain with a dot, so the e-mail recognizer leaves these).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.recognizers.handles import NameListRecognizer, built_from_names

#: a cue and a word holding a digit or an inner separator: an account id beyond doubt, and
#: more specific than the name tagger's reading of the same word ("login m.mueller")
IDENTIFIER_SCORE = 1.0
#: a cue and a plain word built from names or said with ":": as sure as a handle
USERNAME_SCORE = 0.85

_CUES = (
    r"user[ _-]?(?:name|id)|username|userid|user|uid|login(?:[ _-]?name)?|account(?:[ _-]?name)?"
    r"|handle|(?:logged|signed)\s+in\s+as|benutzer(?:name|kennung)?|nutzer(?:name|kennung)?"
    r"|kennung|anmeldename|angemeldet\s+als"
)
_QUOTES = "\"'`„“‚‘«»"
_USERNAME = re.compile(
    rf"(?<![\w.-])(?P<cue>{_CUES})"
    rf"(?P<sep>\s*[:=]\s*|\s+(?:is|ist|lautet|heißt)\s+|\s*[{_QUOTES}]|\s+)"
    rf"[{_QUOTES}]?(?P<name>[^\W\d_][\w.-]{{1,30}}[^\W_])(?![\w@-]|\.\w)",
    re.IGNORECASE,
)
#: verbs after a cue that more often give the account's state than its name
_STATE_VERBS = frozenset({"is", "ist"})
#: cues that name the name itself: after them "is" / "ist" gives the name ("my username is
#: jdoe") unless it gives the name's state ("the username is taken")
_NAME_CUE = re.compile(
    r"user[ _-]?(?:name|id)|username|userid|login[ _-]?name|account[ _-]?name"
    r"|(?:benutzer|nutzer)(?:name|kennung)|kennung|anmeldename",
    re.IGNORECASE,
)
_ACCOUNT_STATE_TEXT = """
    taken invalid wrong correct incorrect missing required empty blank unavailable available
    unknown locked disabled enabled expired active inactive deleted changed different same
    falsch richtig vergeben ungültig gültig gesperrt leer korrekt unbekannt abgelaufen
    deaktiviert aktiv inaktiv gelöscht geändert anders gleich
"""
_ACCOUNT_STATES = frozenset(_ACCOUNT_STATE_TEXT.split())
_INSIDE_SEPARATOR = re.compile(r"\w[._-]\w")
#: the folder after a home directory's root: the login of its owner
_HOME_FOLDER = re.compile(
    r"(?:(?<![\w.])[A-Za-z]:|(?<![\w.:\\/]))[\\/]+(?:[\w.-]+[\\/]+)?(?i:home|users|benutzer)[\\/]+"
    r"(?P<name>[^\W\d_][\w.-]{0,30}[^\W_])(?=[\\/\s\"'),;]|$)"
)
#: the user of a remote login, on the command's line: "ssh kpatel@jumphost", "scp -P 2222 f
#: tweber@host:" (options, their values and files may come first; a sentence's end may not)
_REMOTE_LOGIN = re.compile(
    r"(?<![\w-])(?:ssh|scp|sftp|rsync|mosh)(?:[ \t]+[^\s@]*[^\s@.,;:!?])*?[ \t]+"
    r"(?P<name>[^\W\d_][\w.-]{0,30})@[\w.-]"
)
#: the owner of a to-do in code: "# TODO(jschmidt): ...", "// FIXME(anna.s)" (a ticket key such
#: as "TODO(JIRA-123)" is no one)
_TODO_OWNER = re.compile(
    r"\b(?:TODO|FIXME|XXX|HACK|NOTE|BUG)\((?P<name>[^\W\d_][\w.-]{0,30}[^\W_])\)"
)
_TICKET_KEY = re.compile(r"[A-Z][A-Z0-9]+-\d+")
#: accounts of systems and roles, and words that stand where a user name would
NOT_PERSONS = frozenset(
    {
        "root", "admin", "administrator", "guest", "system", "service", "nobody", "daemon",
        "postgres", "mysql", "www-data", "ubuntu", "ec2-user", "jenkins", "git", "test",
        "demo", "anonymous", "none", "null", "unknown", "required", "optional", "invalid",
        "example", "username", "user", "login", "password", "passwort", "benutzer", "name",
        # code: a field's type ("user_id: int", "userId: string") or the next keyword
        # ("-> User: return")
        "int", "integer", "bigint", "str", "string", "text", "varchar", "char", "bool",
        "boolean", "float", "double", "number", "uuid", "dict", "list", "object", "any",
        "long", "serial", "true", "false", "undefined", "return", "self", "this", "pass",
        "class", "def", "var", "let", "const", "new", "await", "async", "type",
        # home folders and remote logins that are nobody's: shared and service accounts
        "public", "default", "shared", "all", "deploy", "ansible", "backup", "build", "ci",
        "runner", "vagrant", "pi", "centos", "debian", "fedora", "opc", "azureuser",
    }
)  # fmt: skip


class UsernameRecognizer(NameListRecognizer):
    """``USERNAME`` for user names and account ids right after a cue."""

    ENTITY = "USERNAME"
    NAME = "UsernameRecognizer"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each user name that follows a cue, names a home folder or logs in remotely."""
        match = _USERNAME.search(text)
        while match is not None:
            name = match.group("name")
            score = 0.0 if name.casefold() in NOT_PERSONS else self._score(name, match.group("sep"), match.group("cue"))
            if score:
                yield match.start("name"), match.end("name"), score
                match = _USERNAME.search(text, match.end())
            else:  # the "name" may be the next cue: "failed login user=mkoch"
                match = _USERNAME.search(text, match.start("name"))
        if "(" in text:
            for match in _TODO_OWNER.finditer(text):
                name = match.group("name")
                if name.casefold() not in NOT_PERSONS and not _TICKET_KEY.fullmatch(name):
                    yield match.start("name"), match.end("name"), USERNAME_SCORE
        if "/" in text or "\\" in text or "@" in text:
            for match in (*_HOME_FOLDER.finditer(text), *_REMOTE_LOGIN.finditer(text)):
                if match.group("name").casefold() not in NOT_PERSONS:
                    yield match.start("name"), match.end("name"), USERNAME_SCORE

    def _score(self, name: str, separator: str, cue: str) -> float:
        """How sure ``name`` is a user name (0: it is not)."""
        if any(c.isdigit() for c in name) or _INSIDE_SEPARATOR.search(name):
            return IDENTIFIER_SCORE
        if _capitalised_word(name):  # prose ("Passwort", "Jonas"): names are the tagger's
            return 0.0
        if built_from_names(name, self._names, self._surnames):
            return USERNAME_SCORE
        # after ":", "=", a quote, "lautet" or "heißt" the word is the name given; after a bare
        # cue or "is" / "ist" it is more often what the account is ("account is overdue",
        # "der Login ist gesperrt")
        if separator.isspace():
            return 0.0
        if separator.strip().casefold() in _STATE_VERBS and (
            _NAME_CUE.fullmatch(cue) is None or name.casefold() in _ACCOUNT_STATES
        ):
            return 0.0
        return USERNAME_SCORE


def _capitalised_word(word: str) -> bool:
    """A word as prose writes it ("Passwort", "Settings"), not a login ("bkoch", "MMueller")."""
    return word.isalpha() and word[0].isupper() and word[1:].islower()
