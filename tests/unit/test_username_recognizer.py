"""User names after a cue (pure: a small name set instead of the Faker lists)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.handles import built_from_names
from guardrails.recognizers.usernames import (
    IDENTIFIER_SCORE,
    USERNAME_SCORE,
    UsernameRecognizer,
)

NAMES = frozenset({"jonas", "becker", "anna", "schmidt", "mueller", "koch"})


def _found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in UsernameRecognizer("de", NAMES).spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bitte das Passwort für Benutzer jsmith1984 zurücksetzen.", ["jsmith1984"]),
        ("Benutzername: m.mueller", ["m.mueller"]),
        ("logged in as anna_schmidt", ["anna_schmidt"]),
        ("Login: bkoch", ["bkoch"]),  # said with ":": any login-shaped word
        ('Kennung lautet "xk92ab"', ["xk92ab"]),
        ("Benutzer mmueller hat kein VPN", ["mmueller"]),  # an initial and a known name
        ("account anna.s locked; user jbecker2.", ["anna.s", "jbecker2"]),
        ("ldap: uid=jdoe7,ou=people", ["jdoe7"]),
        ("User-ID: T4711X", ["T4711X"]),
        # a home folder's owner and a remote login's user, whatever the letters
        (r"Bitte C:\Users\jschneider\Documents\Bewerbung.docx wiederherstellen.", ["jschneider"]),
        (r"The share \\fileserver\home\a.kowalski is full.", ["a.kowalski"]),
        ("/home/mkoch/.ssh/id_rsa permissions are wrong", ["mkoch"]),
        ("ssh deploy@build-01 fails, but ssh kpatel@jumphost works.", ["kpatel"]),
        ("scp -P 2222 report.pdf tweber@10.0.0.5:/tmp", ["tweber"]),
        ("WARN failed login user=mkoch src=10.0.0.5", ["mkoch"]),  # a cue after a cue
        ("my username is jdoe", ["jdoe"]),  # "is" after a cue naming the name
        ("Mein Login ist mkoch.", ["mkoch"]),  # "ist" and a login built from names
        ("# TODO(xk92ab): fix the retry logic", ["xk92ab"]),  # a to-do's owner in code
        ("// FIXME(anna.s) later", ["anna.s"]),
    ],
)
def test_user_names_after_a_cue(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the user interface is slow",  # no digit, separator or name after a bare cue
        "see the login page",
        "Login: Passwort vergessen",  # a capitalised word, even after ":"
        "Benutzer Jonas hat angerufen",  # a name as prose: the tagger's
        "user: root, Benutzer admin, login jenkins",  # system accounts
        "users are happy",
        "user anna.schmidt@firma.de",  # an e-mail address's mailbox
        "jsmith1984 without a cue",
        "superuser x7",  # a cue must start a word
        "def get_user(user_id: int) -> User: return db.get(user_id)",  # a type, a keyword
        "interface Account { userId: string; login: boolean }",
        r"C:\Users\Public\Desktop",  # shared and service accounts
        "ssh -i key.pem ubuntu@ec2-1-2-3-4",
        "see /api/v1/users/123",
        "Use ssh keys. Mail anna@firma.de",  # a sentence ends between
        # after "is" / "ist" the account's state
        "The Smith account is overdue.",
        "Der Login ist gesperrt, der Account ist abgelaufen.",
        "the username is taken",
        "# TODO(JIRA-123): a ticket key",
        "# TODO(root): a system account",
        "TODO: no owner (see docs)",
        "Benutzername ist falsch",
    ],
)
def test_no_user_names(text: str) -> None:
    assert _found(text) == []


def test_built_from_names() -> None:
    assert built_from_names("jonas.becker", NAMES)
    assert built_from_names("mmueller", NAMES)
    assert built_from_names("JBecker2", NAMES)
    assert not built_from_names("interface", NAMES)
    assert built_from_names("akoch", NAMES)
    assert not built_from_names("xjo", NAMES)  # too short for an initial and a name
    # an initial before a first name reads as a word: "s" + "tory"
    assert built_from_names("jbecker", NAMES, surnames={"becker"})
    assert not built_from_names("story", NAMES | {"tory"}, surnames={"becker"})


def test_findings_carry_the_type_and_a_score_by_shape() -> None:
    recognizer = UsernameRecognizer("en", NAMES)
    results = recognizer.analyze("user jsmith1984, login: bkoch", ["USERNAME"])
    assert [(r.entity_type, r.start, r.end, r.score) for r in results] == [
        ("USERNAME", 5, 15, IDENTIFIER_SCORE),  # a digit inside: an account id
        ("USERNAME", 24, 29, USERNAME_SCORE),  # a plain word said with ":"
    ]
