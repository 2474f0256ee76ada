"""Public figures named in a text (guardrails.public_figures) and how the policy leaves them
untouched (guardrails.findings, guardrails.policy)."""

from __future__ import annotations

import pytest

from guardrails.findings import Finding, allowed_detections, decide
from guardrails.policy_store import PolicyError, parse_policy
from guardrails.public_figures import PublicFigures

FIGURES = PublicFigures(extra=("Ida Brennecke-Oyelaran",))


def _named(text: str, part: str) -> bool:
    start = text.index(part)
    return FIGURES.named(text, start, start + len(part))


@pytest.mark.parametrize(
    ("text", "part", "public"),
    [
        ("Wer war Konrad Adenauer?", "Konrad Adenauer", True),
        ("wer war konrad adenauer", "konrad adenauer", True),  # any case
        ("What did Einstein say about compound interest?", "Einstein", True),  # known alone
        ("Einstein's theory of relativity", "Einstein's", True),
        ("Goethes Faust lesen wir im Kurs.", "Goethes", True),  # a German genitive
        ("Dr. Angela Merkel sprach.", "Dr. Angela Merkel", True),  # an academic title
        ("Angela Merkel war Kanzlerin. Merkel sagte damals ...", "Merkel", True),
        ("Summarize the plot of Romeo and Juliet.", "Romeo", True),  # part of a listed name
        # a span the tagger ran on past the figure: a work, a company
        ("Was ist die Kernaussage von Goethes Faust?", "Goethes Faust", True),
        ("Wie hat Elon Musk Tesla aufgebaut?", "Elon Musk Tesla", True),
        ("Wie hat Elon Musk Berger aufgebaut?", "Elon Musk Berger", False),
        ("Ida Brennecke-Oyelaran gründete uns mit.", "Ida Brennecke-Oyelaran", True),  # the policy's own names
        # a form of address or a greeting: someone the writer knows
        ("Frau Merkel hat angerufen.", "Merkel", False),
        ("Bitte Herrn Dr. Adenauer zurückrufen.", "Adenauer", False),
        ("Mr. Obama left a message.", "Mr. Obama", False),
        ("Hallo Angela Merkel, anbei die Zahlen.", "Angela Merkel", False),
        ("Dear Elon Musk,", "Elon Musk", False),
        # a word introducing someone the writer knows
        ("Mein Kollege heißt Helmut Kohl.", "Helmut Kohl", False),
        ("Unser Kunde Elon Musk hat bestellt.", "Elon Musk", False),
        ("Ansprechpartner: Angela Merkel", "Angela Merkel", False),
        ("Laut Angela Merkel ist das so.", "Angela Merkel", True),  # reporting, no acquaintance
        # names that many people carry
        ("Thomas Müller hat heute Urlaub.", "Thomas Müller", False),
        ("Merz ruft zurück.", "Merz", False),  # a surname alone, not known alone
        ("Romeo hat angerufen.", "Romeo", False),  # a first name alone
        ("Angela hat angerufen.", "Angela", False),
    ],
)
def test_a_mention_names_a_public_figure(text: str, part: str, public: bool) -> None:
    assert _named(text, part) is public


def _policy(extra: str = ""):
    return parse_policy(
        (
            "entities:\n  PERSON: {action: pseudonymize, threshold: 0.5}\n"
            "public_figures: {allow: true}\n" + extra
        ).encode(),
        "p.yaml",
    )


def test_a_public_figure_is_reported_as_allowed_and_never_rewritten() -> None:
    text = "Hat Angela Merkel mit Anna Schmidt gesprochen?"
    findings = [
        Finding("PERSON", 4, 17, 0.9, "x"),
        Finding("PERSON", 4, 10, 0.6, "y"),  # "Angela" read alone: part of the figure
        Finding("PERSON", 22, 34, 0.9, "x"),
    ]
    view = _policy().for_team("")
    decisions = decide(text, findings, view)
    assert [text[d.finding.start : d.finding.end] for d in decisions] == ["Anna Schmidt"]
    allowed = allowed_detections(text, findings, view, decisions)
    assert [(text[d.finding.start : d.finding.end], d.action) for d in allowed] == [
        ("Angela Merkel", "allow")
    ]


def test_public_figures_are_protected_unless_the_policy_allows_them() -> None:
    text = "Wer war Konrad Adenauer?"
    findings = [Finding("PERSON", 8, 23, 0.9, "x")]
    strict = parse_policy(b"entities:\n  PERSON: {action: pseudonymize}\n", "p.yaml")
    assert len(decide(text, findings, strict.for_team(""))) == 1  # the default: protected
    teams = _policy("teams:\n  hr:\n    public_figures: {allow: false}\n")
    assert decide(text, findings, teams.for_team("")) == []
    assert len(decide(text, findings, teams.for_team("hr"))) == 1  # a team turns it off


def test_a_team_adds_its_own_public_figures() -> None:
    loaded = _policy("teams:\n  sales:\n    public_figures: {names: [Ida Brennecke-Oyelaran]}\n")
    text = "Was sagte Ida Brennecke-Oyelaran dazu?"
    findings = [Finding("PERSON", 10, 32, 0.9, "x")]
    assert len(decide(text, findings, loaded.for_team(""))) == 1
    assert decide(text, findings, loaded.for_team("sales")) == []


def test_a_public_figure_name_needs_letters() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy(b"public_figures:\n  names: ['  ', Ada Lovelace]\n", "p.yaml")
    assert "public_figures.names" in str(info.value)
    assert "need letters" in str(info.value)


def test_a_word_of_a_private_person_s_name_stays_theirs() -> None:
    text = "Bitte an Tim und Struppi schicken (Tim Weber, Struppi ist unser Drucker)."
    tim = text.index("Tim")
    weber = text.index("Tim Weber")
    findings = [Finding("PERSON", tim, tim + 3, 0.9, "x"), Finding("PERSON", weber, weber + 9, 0.9, "x")]
    decisions = decide(text, findings, _policy().for_team(""))
    assert [text[d.finding.start : d.finding.end] for d in decisions] == ["Tim", "Tim Weber"]


def test_a_common_name_beside_contact_data_is_a_private_person_s() -> None:
    text = "Richard Wagner, richard.wagner@firma.de, hat angerufen."
    assert FIGURES.named("Wer war Richard Wagner?", 8, 22)
    assert not FIGURES.named(text, 0, 14, about_someone=True)  # first and surname both common
    text = "Angela Merkel, Tel. 0171 2345678"
    assert FIGURES.named(text, 0, 13, about_someone=True)  # "Merkel" is in no name list
    view = _policy().for_team("")
    mail = "Richard Wagner <richard.wagner@firma.de> fragt nach."
    findings = [Finding("PERSON", 0, 14, 0.9, "x"), Finding("EMAIL_ADDRESS", 16, 39, 1.0, "x")]
    assert [d.finding.entity_type for d in decide(mail, findings, view)] == ["PERSON"]
