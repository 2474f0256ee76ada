"""JSON string literals read decoded, spans mapped back, replacements written escaped."""

from __future__ import annotations

import json

from guardrails.json_escapes import escaped_text


def test_escapes_in_literals_are_decoded_and_offsets_map_back() -> None:
    raw = json.dumps({"kunde": "Jürgen Müller", "notiz": "Anruf\nJonas Becker\tok", "e": "😀"})
    escaped = escaped_text(raw)
    assert escaped is not None
    assert escaped.text == '{"kunde": "Jürgen Müller", "notiz": "Anruf\nJonas Becker\tok", "e": "😀"}'
    start = escaped.text.index("Jürgen Müller")
    a, b = escaped.raw_span(start, start + len("Jürgen Müller"))
    assert raw[a:b] == "J\\u00fcrgen M\\u00fcller"
    start = escaped.text.index("Jonas")
    assert raw[slice(*escaped.raw_span(start, start + 5))] == "Jonas"


def test_texts_without_escaped_literals_are_read_as_they_stand() -> None:
    assert escaped_text('{"name": "Anna Schmidt"}') is None
    assert escaped_text("Pfad: C:\\Users\\nina\\docs") is None  # outside quotes
    assert escaped_text('Pfad: "C:\\Users\\nina"') is None  # \U is no JSON escape
    assert escaped_text('"\\ud83d alone"') is None  # a lone surrogate stays raw
    assert escaped_text('login CORP\\tom, "x\\ny"') is not None  # only the literal is read
    assert escaped_text('login CORP\\tom, "x\\ny"').text == 'login CORP\\tom, "x\ny"'  # type: ignore[union-attr]


def test_rewrite_replaces_only_what_it_is_given_and_keeps_json_valid() -> None:
    raw = json.dumps({"a": "Grüße von Jürgen", "b": "Köln \u00e9"})
    escaped = escaped_text(raw)
    assert escaped is not None
    start = escaped.text.index("Jürgen")
    out = escaped.rewrite([(start, start + 6, 'X "quoted"')])
    assert json.loads(out) == {"a": 'Grüße von X "quoted"', "b": "Köln é"}
    assert out.startswith('{"a": "Gr\\u00fc\\u00dfe von X \\"quoted\\""')  # untouched bytes kept
    assert escaped.rewrite([]) == raw


def test_a_span_across_two_values_keeps_only_the_values() -> None:
    escaped = escaped_text(json.dumps(["Oliver", "Brandt\n"]))
    assert escaped is not None
    start = escaped.text.index("Oliver")
    pieces = escaped.pieces(start, escaped.text.index("Brandt") + 6)
    assert [escaped.text[a:b] for a, b in pieces] == ["Oliver", "Brandt"]
    assert escaped.pieces(start, start + 6) == [(start, start + 6)]


def test_a_span_outside_every_literal_stays_whole() -> None:
    escaped = escaped_text('Kunde Jonas Becker schrieb: "Gr\\u00fc\\u00dfe"')
    assert escaped is not None
    start = escaped.text.index("Jonas Becker")
    assert escaped.pieces(start, start + 12) == [(start, start + 12)]
    assert escaped.rewrite([(start, start + 12, "[PERSON_1]")]) == (
        'Kunde [PERSON_1] schrieb: "Gr\\u00fc\\u00dfe"'
    )
