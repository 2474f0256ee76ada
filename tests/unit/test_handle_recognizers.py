"""Names inside @-mentions, URLs and paths (pure: a small name set instead of the Faker lists)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.handles import HANDLE_SCORE, HandleRecognizer, name_parts

NAMES = frozenset({"jonas", "becker", "anna", "schmidt", "lukas", "mueller", "berlin"})


@pytest.mark.parametrize(
    ("handle", "expected"),
    [
        ("jonas.becker", 2),
        ("Jonas-Becker", 2),
        ("lukas_mueller92", 2),
        ("annaschmidt", 2),  # first and last name written together
        ("JonasBecker2", 2),
        ("becker", 1),
        ("here", 0),
        ("property", 0),
        ("annas", 0),  # no split into two names
        ("jo.be", 0),  # parts shorter than three letters
    ],
)
def test_name_parts(handle: str, expected: int) -> None:
    assert name_parts(handle, NAMES) == expected


def _found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in HandleRecognizer("de", NAMES).spans(text)]


def test_a_mention_needs_one_name_and_leaves_its_sign_out() -> None:
    assert _found("Schreib @jonas.becker.") == ["jonas.becker"]
    assert _found("(@lukas_mueller92), @anna") == ["lukas_mueller92", "anna"]


def test_a_mention_of_an_initial_and_a_surname_is_a_login() -> None:
    surnames = frozenset({"becker", "mueller", "schmidt"})
    text = "cc @mmueller, @jbecker2 und @lstory"
    found = HandleRecognizer("de", NAMES, surnames).spans(text)
    assert [text[s:e] for s, e, _ in found] == ["mmueller", "jbecker2"]
    # an initial before a first name is as often a word: only surnames, where they are known
    assert [text[s:e] for s, e, _ in HandleRecognizer("de", NAMES, surnames).spans("@janna")] == []


def test_e_mail_addresses_and_other_at_signs_are_no_mentions() -> None:
    assert _found("anna.schmidt@firma.de, x+anna@firma.de, a.@jonas, @@jonas") == []
    assert _found("Use @property, ping @here") == []
    assert _found("no sign at all: jonas") == []


def test_url_and_path_segments_need_two_names() -> None:
    assert _found("https://www.linkedin.com/in/anna-schmidt-4711.") == ["anna-schmidt-4711"]
    assert _found(r"C:\Users\lukas.mueller\Desktop\plan.xlsx") == ["lukas.mueller"]
    assert _found("Branch feature/JonasBecker2 ist gemergt") == ["JonasBecker2"]
    # one name-like segment is as often a place or a team
    assert _found("https://example.com/jobs/berlin/anna und/oder /usr/local/bin") == []


def test_findings_are_persons_with_the_handle_score() -> None:
    (result,) = HandleRecognizer("en", NAMES).analyze("ask @anna.schmidt", ["PERSON"])
    assert (result.entity_type, result.start, result.end, result.score) == (
        "PERSON", 5, 17, HANDLE_SCORE,
    )  # fmt: skip


def test_a_personal_profile_link_names_its_owner_whatever_the_letters() -> None:
    assert _found("My LinkedIn: https://www.linkedin.com/in/jane-doe-4b2a1/ thanks") == [
        "jane-doe-4b2a1"
    ]
    assert _found("Profil: de.linkedin.com/in/xq7.") == ["xq7"]
    assert _found("https://www.xing.com/profile/Max_Mustermann") == ["Max_Mustermann"]
    # company pages and other networks' paths follow the two-names rule
    assert _found("https://www.linkedin.com/company/siemens/") == []
    assert _found("https://github.com/vllm-project/vllm") == []


def test_a_code_host_s_or_network_s_account_made_of_names_is_a_person() -> None:
    surnames = frozenset({"becker", "mueller", "schmidt", "lang"})
    recognizer = HandleRecognizer("de", NAMES | {"lang"}, surnames)

    def found(text: str) -> list[str]:
        return [text[s:e] for s, e, _ in recognizer.spans(text)]

    assert found("See https://github.com/jbecker/dotfiles.") == ["jbecker"]  # an initial
    assert found("Follow x.com/anna_schmidt or twitter.com/jonas!") == ["anna_schmidt", "jonas"]
    assert found("gitlab.com/lukas/tools") == ["lukas"]
    # organisations and projects, also where a part is a surname
    assert found("https://github.com/rust-lang/rust and github.com/vllm-project/vllm") == []
    assert found("https://github.com/features/actions") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Rechner LAPTOP-MUELLER01 bootet nicht mehr.", ["MUELLER01"]),
        ("PC-Schmidt ist offline", ["Schmidt"]),
        ("anna-macbook braucht Updates", ["anna"]),
        ("DESKTOP-7F3K2QJ", []),  # a generated name
        ("mac-mini", []),  # no listed name
        ("Der laptop-pool ist leer", []),
    ],
)
def test_a_device_named_after_its_user_names_them(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


def test_a_mention_written_first_dot_last_of_names_that_are_words() -> None:
    recognizer = HandleRecognizer(
        "en", NAMES, None, (frozenset({"hope", "will"}), frozenset({"winter", "sommer"}))
    )
    text = "Standup: @hope.winter blocked, @will ok, @will.sommer on leave, @here.now"
    assert [text[s:e] for s, e, _ in recognizer.spans(text)] == ["hope.winter", "will.sommer"]


def test_a_mention_of_a_first_name_and_a_surname_the_lists_lack() -> None:
    recognizer = HandleRecognizer("en", NAMES, None, (frozenset({"mike", "mark"}), NAMES))
    text = "ping @mike.tanaka and @mark_oyelaran, not @team.backend or @mike.x"
    found = [text[s:e] for s, e, _ in recognizer.spans(text)]
    assert found == ["mike.tanaka", "mark_oyelaran"]


@pytest.mark.parametrize(
    "text",
    [
        "@mark.parametrize('n', [1, 2])\ndef test_n(n): ...",
        "@mike.remote\ndef work(): ...",
        "class Job:\n    @mark.slow\n    async def run(self): ...",
    ],
)
def test_decorators_in_code_are_no_mentions(text: str) -> None:
    recognizer = HandleRecognizer("en", NAMES, None, (frozenset({"mike", "mark"}), NAMES))
    assert list(recognizer.spans(text)) == []


def test_a_bare_handle_of_two_names_or_an_initial_and_a_surname_names_its_person() -> None:
    surnames = frozenset({"becker", "mueller", "schmidt"})
    recognizer = HandleRecognizer("de", NAMES, surnames)
    text = "Ticket von jonas.becker, gesehen: m.mueller und anna_schmidt; nicht s.lukas"
    found = [text[s:e] for s, e, _ in recognizer.spans(text)]
    assert found == ["jonas.becker", "m.mueller", "anna_schmidt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ticket #4471 reported by lukas.shankar; assigned to j.doe", ["lukas.shankar", "j.doe"]),
        ("cc: anna.oyelaran", ["anna.oyelaran"]),
        ("[10:33] j.okafor: frag mal", ["j.okafor"]),
        ("12.11.26, 09:14 - anna.kovac: bin da", ["anna.kovac"]),
        ("10:33 <lukas.tanaka> hi", ["lukas.tanaka"]),
        # a known name or an initial before a word the lists lack needs such a place
        ("die Datei anna.tanaka liegt dort", []),
        ("bei j.doe liegt es", []),
    ],
)
def test_a_bare_handle_after_a_cue_or_as_a_speaker_needs_one_known_name(
    text: str, expected: list[str]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "import os.path; os.path.join(a, b)",  # code
        "call anna.save() then jonas.becker.run",  # a call, a longer dotted name
        "mail jonas.becker@firma.de",  # an address's mailbox
        "reported by anna.log and becker.com",  # a file's extension, a domain
        "from lukas.contrib import s3",  # a module after Python's "from"
    ],
)
def test_what_is_no_bare_handle(text: str) -> None:
    assert _found(text) == []


def test_names_in_a_document_s_file_name() -> None:
    text = "Anbei angebot_familie_mueller.pdf, Zeugnis-Becker.DOCX, bericht_berlin.pdf, final_v2.pdf"
    recognizer = HandleRecognizer("de", NAMES | {"paris"}, frozenset({"mueller", "becker"}))
    assert [text[s:e] for s, e, _ in recognizer.spans(text)] == ["mueller", "Becker"]
    # a name that is also a place is the place
    assert list(recognizer.spans("notes_paris.pdf")) == []


def test_a_wiki_mention_names_its_person_whatever_its_letters() -> None:
    text = "cc [~xq7.tanaka] und [~jbecker], nicht [~accountid:5b10a2844c20165700ede21g]"
    assert _found(text) == ["xq7.tanaka", "jbecker"]
