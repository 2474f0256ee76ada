"""build_context: numbered excerpts within a budget, deduplicated sources (pure)."""

from __future__ import annotations

from rag.prompting import CITATION_INSTRUCTION, build_context, estimate_tokens
from serving.stages import RetrievedChunk, SourceRef


def chunk(text: str, title: str = "Handbook", path: str | None = "hr/handbook.pdf",
          page: int | None = 1, chunk_id: str = "c") -> RetrievedChunk:
    return RetrievedChunk(text, SourceRef(index=0, title=title, path=path, page=page,
                                          collection="docs", chunk_id=chunk_id, score=0.5))


def test_excerpts_are_numbered_in_rank_order_with_sources() -> None:
    text, sources = build_context(
        [chunk("Holidays are 30 days.", page=3), chunk("Travel is booked online.", title="Travel",
                                                        path="travel.docx", page=None)],
        budget_tokens=500,
    )
    assert text.startswith(CITATION_INSTRUCTION)
    assert "[1] Handbook, hr/handbook.pdf, page 3\nHolidays are 30 days." in text
    assert "[2] Travel, travel.docx\nTravel is booked online." in text
    assert [(s.index, s.title, s.path, s.page) for s in sources] == [
        (1, "Handbook", "hr/handbook.pdf", 3),
        (2, "Travel", "travel.docx", None),
    ]


def test_chunks_of_one_page_share_a_number() -> None:
    text, sources = build_context([chunk("A.", chunk_id="1"), chunk("B.", chunk_id="2")], 500)
    assert len(sources) == 1 and "[1] (continued)\nB." in text


def test_budget_is_respected_and_last_excerpt_is_cut_at_a_word() -> None:
    long = " ".join(f"word{i}" for i in range(2000))
    budget = 300
    text, sources = build_context([chunk("Short first."), chunk(long, path="b.pdf")], budget)
    assert estimate_tokens(text) <= budget
    assert text.endswith(" …") and len(sources) == 2
    assert text.rsplit(" ", 2)[-2].startswith("word")


def test_nothing_fits_gives_no_message() -> None:
    assert build_context([chunk("x " * 500)], budget_tokens=estimate_tokens(CITATION_INSTRUCTION)) == ("", [])
    assert build_context([], 1000) == ("", [])


def test_excerpts_that_do_not_fit_are_dropped_whole() -> None:
    first = "a " * 300
    text, sources = build_context([chunk(first, path="a"), chunk("b " * 300, path="b")],
                                  budget_tokens=estimate_tokens(CITATION_INSTRUCTION) + 200)
    assert len(sources) == 1 and "[2]" not in text


def test_estimate_is_conservative_for_multibyte_text() -> None:
    assert estimate_tokens("abcd" * 10) == 12
    assert estimate_tokens("北京" * 10) >= 17
