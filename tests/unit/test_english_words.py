"""The shipped English word list (guardrails.english_words)."""

from __future__ import annotations

from guardrails.english_words import WORDS_FILE, english_words


def test_the_word_list_ships_lower_case_words_and_no_names() -> None:
    words = english_words()
    assert WORDS_FILE.is_file()
    assert len(words) > 50_000
    assert {"churn", "backlog", "invoice"} <= words
    assert all(w.isalpha() and w.islower() for w in words)
    assert "priya" not in words
