"""Encoded text read decoded (JSON escapes, HTML references, URL encoding), spans mapped
back, replacements written in the encoding of their place."""

from __future__ import annotations

import json
import unicodedata

from guardrails.encoded_text import encoded_text


def decoded(raw: str) -> str:
    encoded = encoded_text(raw)
    assert encoded is not None
    return encoded.text


def test_json_escapes_are_decoded_and_offsets_map_back() -> None:
    raw = json.dumps({"kunde": "Jürgen Müller", "notiz": "Anruf\nJonas Becker\tok", "e": "😀"})
    encoded = encoded_text(raw)
    assert encoded is not None
    assert encoded.text == '{"kunde": "Jürgen Müller", "notiz": "Anruf\nJonas Becker\tok", "e": "😀"}'
    start = encoded.text.index("Jürgen Müller")
    a, b = encoded.raw_span(start, start + len("Jürgen Müller"))
    assert raw[a:b] == "J\\u00fcrgen M\\u00fcller"
    start = encoded.text.index("Jonas")
    assert raw[slice(*encoded.raw_span(start, start + 5))] == "Jonas"


def test_texts_with_nothing_encoded_are_read_as_they_stand() -> None:
    assert encoded_text('{"name": "Anna Schmidt"}') is None
    assert encoded_text("Pfad: C:\\Users\\nina\\docs") is None  # outside quotes
    assert encoded_text('Pfad: "C:\\Users\\nina"') is None  # \U is no JSON escape
    assert encoded_text('"\\ud83d alone"') is None  # a lone surrogate stays raw
    assert decoded('login CORP\\tom, "x\\ny"') == 'login CORP\\tom, "x\ny"'  # only the string
    assert encoded_text("R&D; AT&T; 100%DE, x=1+2") is None  # no reference, no UTF-8, no query


def test_json_written_into_a_json_string_is_read_too() -> None:
    record = {"kunde": "Jürgen Müller", "notiz": "Rückruf bei Frau Schäfer"}
    for raw in (json.dumps(json.dumps(record)), json.dumps({"result": json.dumps(record)})):
        encoded = encoded_text(raw)
        assert encoded is not None
        assert '"kunde": "Jürgen Müller"' in encoded.text
        start = encoded.text.index("Schäfer")
        out = encoded.rewrite([(start, start + 7, 'X "Y"')])
        inner = json.loads(out)
        inner = inner if isinstance(inner, str) else inner["result"]
        assert json.loads(inner) == {"kunde": "Jürgen Müller", "notiz": 'Rückruf bei Frau X "Y"'}


def test_html_references_and_url_encoding_are_decoded() -> None:
    assert decoded("Herr J&uuml;rgen M&#252;ller, Frau Sch&#xE4;fer") == (
        "Herr Jürgen Müller, Frau Schäfer"
    )
    assert decoded("<td>Anna&nbsp;Schmidt</td>") == "<td>Anna Schmidt</td>"  # a plain space
    assert decoded("/crm?kunde=J%C3%BCrgen%20M%C3%BCller&q=Anna+Schmidt") == (
        "/crm?kunde=Jürgen Müller&q=Anna Schmidt"
    )
    assert decoded("a+b /x?ort=K%C3%B6ln+Nord") == "a+b /x?ort=Köln Nord"  # "+" only in a query
    # a contact card's parameters are no query: its phone number keeps its "+"
    assert "VOICE:+49 30" in decoded("TEL;TYPE=WORK,VOICE:+49 30 1234567").upper()
    assert decoded("<a href='/x?a=1&amp;q=Anna+Schmidt'>") == "<a href='/x?a=1&q=Anna Schmidt'>"


def test_a_replacement_is_written_in_the_encoding_of_its_place() -> None:
    raw = "Link: /crm?kunde=J%C3%BCrgen%20M%C3%BCller (J&uuml;rgen M&uuml;ller)"
    encoded = encoded_text(raw)
    assert encoded is not None
    first = encoded.text.index("Jürgen Müller")
    second = encoded.text.index("Jürgen Müller", first + 1)
    out = encoded.rewrite([(first, first + 13, "Jörg Weiß"), (second, second + 13, "[PERSON_1]")])
    assert out == "Link: /crm?kunde=J%C3%B6rg%20Wei%C3%9F ([PERSON_1])"
    placeholder = encoded.rewrite([(first, first + 13, "[PERSON_1]")])
    assert placeholder.startswith("Link: /crm?kunde=[PERSON_1] (")  # readable, restorable


def test_rewrite_replaces_only_what_it_is_given_and_keeps_json_valid() -> None:
    raw = json.dumps({"a": "Grüße von Jürgen", "b": "Köln \u00e9"})
    encoded = encoded_text(raw)
    assert encoded is not None
    start = encoded.text.index("Jürgen")
    out = encoded.rewrite([(start, start + 6, 'X "quoted"')])
    assert json.loads(out) == {"a": 'Grüße von X "quoted"', "b": "Köln é"}
    assert out.startswith('{"a": "Gr\\u00fc\\u00dfe von X \\"quoted\\""')  # untouched bytes kept
    assert encoded.rewrite([]) == raw


def test_a_span_across_two_values_keeps_only_the_values() -> None:
    encoded = encoded_text(json.dumps(["Oliver", "Brandt\n"]))
    assert encoded is not None
    start = encoded.text.index("Oliver")
    pieces = encoded.pieces(start, encoded.text.index("Brandt") + 6)
    assert [encoded.text[a:b] for a, b in pieces] == ["Oliver", "Brandt"]
    assert encoded.pieces(start, start + 6) == [(start, start + 6)]
    nested = encoded_text(json.dumps(json.dumps(["Oliver", "Brandt\n"])))
    assert nested is not None
    start = nested.text.index("Oliver")
    pieces = nested.pieces(start, nested.text.index("Brandt") + 6)
    assert [nested.text[a:b] for a, b in pieces] == ["Oliver", "Brandt"]


def test_a_span_outside_every_literal_stays_whole() -> None:
    encoded = encoded_text('Kunde Jonas Becker schrieb: "Gr\\u00fc\\u00dfe"')
    assert encoded is not None
    start = encoded.text.index("Jonas Becker")
    assert encoded.pieces(start, start + 12) == [(start, start + 12)]
    assert encoded.rewrite([(start, start + 12, "[PERSON_1]")]) == (
        'Kunde [PERSON_1] schrieb: "Gr\\u00fc\\u00dfe"'
    )


def test_decomposed_letters_and_invisible_characters_are_read_as_seen() -> None:
    nfd = unicodedata.normalize("NFD", "Bitte ruf Jürgen Müller an.")
    encoded = encoded_text(nfd)
    assert encoded is not None and encoded.text == "Bitte ruf Jürgen Müller an."
    start = encoded.text.index("Jürgen Müller")
    assert encoded.rewrite([(start, start + 13, "[PERSON_1]")]) == "Bitte ruf [PERSON_1] an."
    assert decoded("Frau Mül\u00adler und Herr Sch\u200bmidt") == "Frau Müller und Herr Schmidt"
    assert encoded_text("Frau Müller\u00a0und Herr Schmidt") is None  # already as seen


def test_lines_in_capitals_are_read_capitalised() -> None:
    raw = "BITTE AN JÜRGEN MÜLLER-LÜDENSCHEIDT WEITERLEITEN\nIBAN: DE89 3704\nMAX_RETRIES = 5"
    encoded = encoded_text(raw)
    assert encoded is not None
    assert encoded.text == (
        "Bitte AN Jürgen Müller-Lüdenscheidt Weiterleiten\nIBAN: DE89 3704\nMAX_RETRIES = 5"
    )  # two-letter words, a line with one word, an identifier: as written
    start = encoded.text.index("Jürgen")
    out = encoded.rewrite([(start, start + 6, "Herr [person_1]")])
    assert out.startswith("BITTE AN HERR [PERSON_1] MÜLLER")  # written in capitals
    assert encoded_text("Normal text, with KPI and CEO in capitals.") is None


def test_numbers_read_out_digit_by_digit_are_read_as_digits() -> None:
    raw = "meine Nummer ist null eins sieben eins, zwei drei vier fünf sechs sieben acht danke"
    encoded = encoded_text(raw)
    assert encoded is not None and encoded.text == "meine Nummer ist 01712345678 danke"
    start = encoded.text.index("0171")
    assert raw[slice(*encoded.raw_span(start, start + 11))] == (
        "null eins sieben eins, zwei drei vier fünf sechs sieben acht"
    )
    assert encoded.rewrite([(start, start + 11, "[PHONE_1]")]) == "meine Nummer ist [PHONE_1] danke"
    assert decoded("Vier Sieben Eins Eins ist die Nummer") == "4711 ist die Nummer"
    assert encoded_text("on the count of one two three, go") is None  # three words: counting
    assert encoded_text("one two three fourteen") is None  # the last word runs on


def test_a_digit_said_twice_or_three_times_is_read_so() -> None:
    raw = "call me on oh seven seven double nine, one two three triple-four"
    encoded = encoded_text(raw)
    assert encoded is not None and encoded.text == "call me on 07799123444"
    start = encoded.text.index("0")
    assert raw[slice(*encoded.raw_span(start, len(encoded.text)))] == raw[len("call me on ") :]
    assert encoded_text("please double check one two three") is None
