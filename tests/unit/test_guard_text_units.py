"""Pure building blocks: language guess, checksums, normalization, name rules, decisions,
rewriting and the placeholder grammar."""

from __future__ import annotations

import pytest

from guardrails.checksums import de_tax_id_valid, iban_valid, luhn_valid, mod97_valid
from guardrails.findings import Decision, Finding, allowed_detections, decide, resolve_overlaps
from guardrails.language import LanguageDetector
from guardrails.name_rules import NameRules, after_person_phrase, after_title
from guardrails.normalization import normalize_value
from guardrails.policy_store import parse_policy
from guardrails.pseudonyms import TypedTokenStyle
from guardrails.rewriter import Operators, mask, pseudonymized, rewrite


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wie ist das Wetter heute in Berlin?", "de"),
        ("Bitte fasse den Vertrag für mich zusammen.", "de"),
        ("Schöne Grüße", "de"),
        ("What is the weather like in Berlin today?", "en"),
        ("Please summarize the contract for me.", "en"),
        ("4111 1111 1111 1111", "en"),  # no clue: default
        ("", "en"),
    ],
)
def test_language_guess(text: str, expected: str) -> None:
    assert LanguageDetector("en").detect(text) == expected


MIXED_EN_DE = ("Hi team, the quarterly numbers are attached and I will send more later. "
               "Mein Kennzeichen ist M-AB 1234, bitte für den Parkplatz eintragen.")


def test_a_text_mixing_german_and_english_splits_into_language_runs() -> None:
    runs = LanguageDetector("en").segments(MIXED_EN_DE)
    assert [(r.language, MIXED_EN_DE[r.start : r.end].strip()) for r in runs] == [
        ("en", "Hi team, the quarterly numbers are attached and I will send more later."),
        ("de", "Mein Kennzeichen ist M-AB 1234, bitte für den Parkplatz eintragen."),
    ]
    assert runs[0].start == 0 and runs[-1].end == len(MIXED_EN_DE)
    assert all(a.end == b.start for a, b in zip(runs, runs[1:], strict=False))


@pytest.mark.parametrize(
    "text",
    [
        "Please review the attached report and send it to Maria by Friday. Thanks a lot.",
        "Hallo zusammen, anbei der Bericht. Danke!",
        "OK. Bitte die Unterlagen bis morgen prüfen, danke.",  # "OK." gives no clue
        # one line break never splits: an English address block in a German mail stays whole
        "Die Lieferung geht bitte an diese Adresse:\n221B Baker Street\nLondon NW1 6XE",
    ],
)
def test_a_text_of_one_language_is_one_run(text: str) -> None:
    runs = LanguageDetector("en").segments(text)
    assert len(runs) == 1 and (runs[0].start, runs[0].end) == (0, len(text))
    assert runs[0].language == LanguageDetector("en").detect(text)


def test_unclear_sentences_stay_with_a_neighbouring_run() -> None:
    text = "Thanks! " + MIXED_EN_DE + " Danke."
    runs = LanguageDetector("en").segments(text)
    assert [r.language for r in runs] == ["en", "de"]
    assert text[runs[0].start : runs[0].end].startswith("Thanks! Hi team")
    assert text[runs[1].start : runs[1].end].endswith("eintragen. Danke.")


def test_language_default_is_used_without_clues() -> None:
    assert LanguageDetector("de").detect("12345") == "de"
    with pytest.raises(ValueError):
        LanguageDetector("fr")


@pytest.mark.parametrize(
    ("check", "value", "valid"),
    [
        (luhn_valid, "4111 1111 1111 1111", True),
        (luhn_valid, "4111 1111 1111 1112", False),
        (iban_valid, "DE89 3704 0044 0532 0130 00", True),
        (iban_valid, "DE89370400440532013001", False),
        (iban_valid, "GB82WEST12345698765432", True),
        (de_tax_id_valid, "86095742719", True),
        (de_tax_id_valid, "86095742718", False),
        (de_tax_id_valid, "06095742719", False),
        (mod97_valid, "370400440532013000131489", True),
        (mod97_valid, "370400440532013000131488", False),
    ],
)
def test_checksums(check, value: str, valid: bool) -> None:
    assert check(value) is valid


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [
        ("IBAN_CODE", "DE89 3704 0044 0532 0130 00", "de89370400440532013000"),
        ("EMAIL_ADDRESS", "Max.Mustermann@Firma.de", "max.mustermann@firma.de"),
        ("PHONE_NUMBER", "+49 30 1234-567", "0049301234567"),
        ("PERSON", "Max  Mustermann", "max mustermann"),
        ("CREDIT_CARD", "4111-1111-1111-1111", "4111111111111111"),
    ],
)
def test_normalization_merges_spellings(kind: str, a: str, b: str) -> None:
    assert normalize_value(kind, a) == normalize_value(kind, b)


def test_normalization_keeps_different_values_apart() -> None:
    assert normalize_value("PERSON", "Max Muster") != normalize_value("PERSON", "Max Mustermann")


RULES = NameRules(["Anna", "Max", "Mark"], ["Schmidt", "Müller"])


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Gestern kam Herr Müller vorbei.", ["Müller"]),
        ("Frau Dr. Schmidt ruft an.", ["Schmidt"]),
        ("Anna Schmidt wohnt hier.", ["Anna Schmidt"]),
        ("Anna Kowalski schreibt.", ["Anna Kowalski"]),
        ("Max Kowalski schreibt.", []),  # "Max" is also a word: needs a known surname
        ("Der Kurs der Mark fiel.", []),  # ambiguous first name without a surname
        ("Mark Schmidt kam.", ["Mark Schmidt"]),
        # names in any Latin script, whole words only
        ("Herr Şahin und Frau Çelik kommen.", ["Şahin", "Çelik"]),
        ("Termin mit Herrn MacArthur.", ["MacArthur"]),
        ("Dear Mr. O'Brien,", ["O'Brien"]),
        ("Dr. Ólafsdóttir antwortet.", ["Ólafsdóttir"]),
        ("Anna Łukasiewicz schreibt.", ["Anna Łukasiewicz"]),
        ("xAnna Kowalski", []),  # "Anna" inside a longer token is no first name
        # a self-introduction names its speaker, known name or not
        ("My name is Tempeste", ["Tempeste"]),
        ("Hallo, ich heiße Aylin Yilmaz.", ["Aylin Yilmaz"]),
        ("my name is The Best", []),
        # a form of address announces a name, not after an article and not a role
        ("Der neue Leiter ist Herr Sommer.", ["Sommer"]),
        ("Wir sehen den Herr der Ringe.", []),
        ("Er war nicht immer Herr der Lage.", []),
        ("Herr von der Leyen und Frau de Maizière", ["von der Leyen", "de Maizière"]),
        ("Frau Ministerin hat abgesagt.", []),
        ("Frau Ministerin Schulze hat abgesagt.", ["Schulze"]),
        ("Ms Hope called again.", ["Hope"]),  # British English drops the period
        ("Professor Winter gives the keynote.", ["Winter"]),
        ("Ship to 12 Oak Dr\nAustin, TX", []),  # a street's "Dr" before a line break
        # a name's words stay on one line: the next line's label is none of them
        ("An: Frau Müller\nBetreff: Rückruf", ["Müller"]),
        ("Herr von\nder Leyen", []),
        ("my name is Tempeste\nSent: today", ["Tempeste"]),
    ],
)
def test_name_rules(text: str, names: list[str]) -> None:
    found = [text[s.start : s.end] for s in RULES.find(text) if s.score >= 0.5]
    assert found == names


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("Frau von der Leyen hat zugesagt.", "Leyen", "von der Leyen"),
        ("Herr zu Guttenberg ruft an.", "Guttenberg", "zu Guttenberg"),
        ("Ask Mr. London", "London", "London"),
        ("Wir fliegen nach Paris.", "Paris", None),
        ("Odobaldus, erster Herr von Werthern.", "Werthern", None),  # a lord of a place
        ("Frauke von der Leyen", "Leyen", None),  # a title is a whole word
    ],
)
def test_a_span_after_a_title_starts_at_the_name_particles(
    text: str, word: str, name: str | None
) -> None:
    start = after_title(text, text.index(word))
    assert (None if start is None else text[start : text.index(word) + len(word)]) == name


@pytest.mark.parametrize(
    ("text", "word", "person"),
    [
        ("Can you loop in Kowalski?", "Kowalski", True),
        ("We looped in Okonkwo.", "Okonkwo", True),
        ("She lives in Kowalski Street.", "Kowalski", False),
        ("Loop info: Berlin", "Berlin", False),
    ],
)
def test_a_phrase_that_takes_a_person(text: str, word: str, person: bool) -> None:
    assert after_person_phrase(text, text.index(word)) is person


POLICY = parse_policy(
    b"entities:\n  PERSON: {action: pseudonymize, threshold: 0.6}\n"
    b"  EMAIL_ADDRESS: {action: mask, mask_keep_last: 3}\n  LOCATION: {action: allow}\n"
    b"allow: {exact: [Tresor]}\n",
    "p.yaml",
)


def test_decide_applies_thresholds_allow_lists_and_actions() -> None:
    text = "Tresor Anna at a@b.de in Berlin"
    findings = [
        Finding("PERSON", 0, 6, 0.9, "x"),  # allow-listed term
        Finding("PERSON", 7, 11, 0.55, "x"),  # below its threshold
        Finding("EMAIL_ADDRESS", 15, 21, 1.0, "x"),
        Finding("LOCATION", 25, 31, 0.85, "x"),  # allowed type
    ]
    decisions = decide(text, findings, POLICY.for_team(""))
    assert [(d.finding.entity_type, d.action, d.mask_keep_last) for d in decisions] == [
        ("EMAIL_ADDRESS", "mask", 3)
    ]


def test_allowed_types_are_reported_where_nothing_acts() -> None:
    text = "Anna Weber in Berlin, Bonn"
    view = POLICY.for_team("")
    findings = [
        Finding("PERSON", 0, 10, 0.9, "x"),
        Finding("LOCATION", 5, 10, 0.9, "x"),  # under the person: the person is acted on
        Finding("LOCATION", 14, 20, 0.85, "x"),
        Finding("LOCATION", 22, 26, 0.3, "x"),  # below the type's threshold
        Finding("ORGANIZATION", 14, 20, 0.9, "x"),  # a type the policy does not name
    ]
    decisions = decide(text, findings, view)
    allowed = allowed_detections(text, findings, view, decisions)
    assert [(d.finding.entity_type, d.action) for d in decisions] == [("PERSON", "pseudonymize")]
    assert [(text[d.finding.start : d.finding.end], d.action) for d in allowed] == [
        ("Berlin", "allow")
    ]


def test_overlaps_keep_the_strongest_then_the_longest() -> None:
    a = Finding("PHONE_NUMBER", 0, 10, 0.4, "x")
    b = Finding("DE_TAX_ID", 0, 11, 1.0, "x")
    c = Finding("PERSON", 20, 25, 0.8, "x")
    d = Finding("LOCATION", 20, 30, 0.8, "x")
    assert resolve_overlaps([a, b, c, d]) == [b, d]


def test_a_weaker_span_containing_a_stronger_one_protects_the_whole() -> None:
    name = Finding("PERSON", 4, 9, 0.85, "spacy")
    address = Finding("STREET_ADDRESS", 0, 16, 0.6, "street")
    partial = Finding("PHONE_NUMBER", 7, 20, 0.4, "phone")
    assert resolve_overlaps([name, address, partial]) == [address]
    same_span = Finding("DATE_TIME", 4, 9, 0.5, "date")
    assert resolve_overlaps([same_span, name]) == [name]  # equal spans: the stronger stays


def test_a_span_losing_a_partial_overlap_keeps_what_sticks_out() -> None:
    text = "Hauptstr. 5, Teststadt Tel 089 123456 danke"
    address = Finding("STREET_ADDRESS", 0, text.index(" 123456"), 0.9, "street")
    phone = Finding("PHONE_NUMBER", text.index("089"), text.index(" danke"), 0.9, "phone")
    kept = resolve_overlaps([address, phone], text)
    assert [(f.entity_type, text[f.start : f.end]) for f in kept] == [
        ("STREET_ADDRESS", "Hauptstr. 5, Teststadt Tel 089"),
        ("PHONE_NUMBER", "123456"),  # trimmed to its digits, not left bare
    ]
    assert resolve_overlaps([address, phone]) == [address]  # without the text: as before
    # parts without a letter or digit are dropped; a span inside the winner leaves nothing
    dash = Finding("PHONE_NUMBER", 0, text.index(" Teststadt") + 1, 0.5, "phone")
    assert resolve_overlaps([address, dash], text) == [address]
    # on both sides of a stronger span inside it (not containing, as the stronger wins)
    text = "ab 12 cd"
    wide = Finding("PERSON", 0, 8, 0.5, "tagger")
    digits = Finding("US_SSN", 3, 5, 1.0, "ssn")
    assert [text[f.start : f.end] for f in resolve_overlaps([wide, digits], text)] == [
        "ab", "12", "cd"
    ]


def _ops() -> Operators:
    return Operators(
        pseudonymize=lambda t, v: f"[{t}_1]",
        hash_digest=lambda t, v: "abc123",
        label_for=lambda t: {"EMAIL_ADDRESS": "EMAIL"}.get(t, t),
    )


@pytest.mark.parametrize(
    ("action", "keep", "expected"),
    [
        ("pseudonymize", 0, "mail [EMAIL_ADDRESS_1] now"),
        ("mask", 0, "mail ****** now"),
        ("mask", 2, "mail ****de now"),
        ("hash", 0, "mail [EMAIL#abc123] now"),
        ("redact", 0, "mail [REDACTED_EMAIL] now"),
        ("block", 0, "mail [REDACTED_EMAIL] now"),
        ("allow", 0, "mail a@b.de now"),
    ],
)
def test_rewrite_actions(action: str, keep: int, expected: str) -> None:
    decision = Decision(Finding("EMAIL_ADDRESS", 5, 11, 1.0, "x"), action, keep)  # type: ignore[arg-type]
    assert rewrite("mail a@b.de now", [decision], _ops()) == expected


def test_pseudonymized_lists_what_rewrite_asks_the_vault_for_in_order() -> None:
    text = "Prof. Anna Roth an b@c.de, dann a@b.de"
    decisions = [
        Decision(Finding("EMAIL_ADDRESS", 32, 38, 1.0, "x"), "pseudonymize"),
        Decision(Finding("PERSON", 0, 15, 0.9, "x"), "pseudonymize"),  # honorific stays out
        Decision(Finding("EMAIL_ADDRESS", 19, 25, 1.0, "x"), "hash"),  # no placeholder
    ]
    expected = [("PERSON", "Anna Roth"), ("EMAIL_ADDRESS", "a@b.de")]
    assert pseudonymized(text, decisions) == expected
    asked: list[tuple[str, str]] = []
    ops = Operators(lambda t, v: asked.append((t, v)) or "", lambda t, v: "", lambda t: t)
    rewrite(text, decisions, ops)
    assert asked == pseudonymized(text, decisions)


def test_mask_never_reveals_more_than_asked() -> None:
    assert mask("1234", 8) == "1234"
    assert mask("DE89370400440532013000", 4) == "*" * 18 + "3000"
    assert mask("4111 1111 1111 1234", 4) == "*" * 15 + "1234"
    assert mask("ab-12", 3) == "*b-12"
    assert mask("ab-12", 2) == "***12"


STYLE = TypedTokenStyle(entity_types=["CUSTOMER_ID", "PROJECT_X2"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi [PERSON_1]!", [("PERSON", 1)]),
        ("Hi [Person 1] and [email-2]", [("PERSON", 1), ("EMAIL", 2)]),
        ("Hi PERSON_12, bye", [("PERSON", 12)]),
        ("Dear [PERSON],", [("PERSON", None)]),
        ("[CUSTOMER_ID_3] and [PROJECT_X_1]", [("CUSTOMER_ID", 3), ("PROJECT_X", 1)]),
        ("See [1], [Figure 2], [SOURCE_1], MY_PERSON_1, person_1", []),
    ],
)
def test_tokens_are_found_with_tolerated_mangling(text: str, expected: list) -> None:
    assert [(t.label, t.index) for t in STYLE.find(text)] == expected


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Hello [", 6),
        ("Hello [PER", 6),
        ("Hello [PERSON_1", 6),
        ("Hello [person 1 ", 6),
        ("Hello PERS", 6),
        ("Hello PERSON_", 6),
        ("Hello PERSON_12", 6),
        ("Hello [PERSON_1]", 16),
        ("Hello [Sour", 11),
        ("Hello PERSONAL", 14),
        ("Hello", 5),
    ],
)
def test_partial_tail_holds_only_possible_placeholders(text: str, cut: int) -> None:
    assert STYLE.partial_tail(text) == cut


def test_render_round_trips_through_find() -> None:
    for label in ("PERSON", "EMAIL", "TAX_ID", "CUSTOMER_ID", "LITERAL"):
        token = STYLE.render(label, 7)
        assert [(t.label, t.index) for t in STYLE.find(f"x {token} y")] == [(label, 7)]
