"""File names read with spaces for the tagger (``guardrails.ner.file_names``)."""

from __future__ import annotations

import pytest

from guardrails.ner.file_names import spaced_file_names


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Anbei Lebenslauf_Anna_Schmidt.pdf", "Anbei Lebenslauf Anna Schmidt.pdf"),
        ("offer_letter_john_doe.PDF bitte", "offer letter john doe.PDF bitte"),
        ("Arbeitsvertrag-Kevin-Schulz.docx.", "Arbeitsvertrag Kevin Schulz.docx."),
        ("/HR/Zeugnis__Lena_Hoffmann.odt", "/HR/Zeugnis  Lena Hoffmann.odt"),
        ("Foto_Jonas.jpeg und Bericht_Tom.xlsx", "Foto Jonas.jpeg und Bericht Tom.xlsx"),
    ],
)
def test_joined_parts_of_a_file_name_read_as_words(text: str, read: str) -> None:
    assert spaced_file_names(text) == read


@pytest.mark.parametrize(
    "text",
    [
        "Bitte user_name und MAX_RETRIES in settings.py prüfen.",  # code: no document extension
        "Das E-Mail-Postfach von Hans-Peter ist voll.",  # hyphenated words
        "Siehe bericht.pdf und anna.schmidt@example.org",  # nothing joined
        "Die Datei Lebenslauf_Anna_Schmidt.pdf_alt liegt da.",  # the extension must end it
        "feature/add_login.pdfx",
        "",
    ],
)
def test_other_text_stays_as_it_is(text: str) -> None:
    assert spaced_file_names(text) == text


def test_the_length_never_changes() -> None:
    text = "a_b.pdf x--y__z.txt Lebenslauf_-_Anna.pdf"
    assert len(spaced_file_names(text)) == len(text)
