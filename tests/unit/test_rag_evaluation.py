"""XQuAD-R parsing and ranking metrics (pure)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from rag.evaluation import DatasetError, load_xquad_r, rank_metrics

G = frozenset


@pytest.mark.parametrize(
    ("ranking", "gold", "expected"),
    [
        (["a", "b"], G({"a"}), {"R@1": 1, "R@10": 1, "MRR@10": 1, "nDCG@10": 1}),
        (["x", "a"], G({"a"}), {"R@1": 0, "R@10": 1, "MRR@10": 0.5, "nDCG@10": 1 / math.log2(3)}),
        ([f"x{i}" for i in range(10)] + ["a"], G({"a"}), {"R@1": 0, "R@10": 0, "MRR@10": 0, "nDCG@10": 0}),
        (["a", "x", "b"], G({"a", "b"}),
         {"R@1": 1, "R@10": 1, "MRR@10": 1, "nDCG@10": (1 + 0.5) / (1 + 1 / math.log2(3))}),
    ],
)
def test_rank_metrics_single_query(ranking: list[str], gold: frozenset[str], expected: dict[str, float]) -> None:
    got = rank_metrics([ranking], [gold])
    assert got == pytest.approx(expected)


def test_rank_metrics_average_over_queries() -> None:
    got = rank_metrics([["a"], ["x", "b"]], [G({"a"}), G({"b"})])
    assert got["R@1"] == 0.5 and got["MRR@10"] == pytest.approx(0.75)


def test_rank_metrics_needs_one_ranking_per_query() -> None:
    with pytest.raises(ValueError):
        rank_metrics([["a"]], [])


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_xquad_r_gold_is_sentence_holding_answer_start(tmp_path: Path) -> None:
    context = "\ufeffFirst one. Second one here. Third."
    data = {"data": [{"title": "Some_Article", "paragraphs": [{
        "context": context,
        "sentences": ["\ufeffFirst one.", "Second one here.", "Third."],
        "sentence_breaks": [[0, 11], [12, 28], [29, 35]],
        "qas": [{"id": "q1", "question": "Which second?", "answers": [{"answer_start": 19, "text": "here"}]},
                {"id": "q2", "question": "Which first?", "answers": [{"answer_start": 1, "text": "First"}]}],
    }]}]}
    ds = load_xquad_r(_write(tmp_path, data))
    assert ds.sentences == 3
    doc = ds.documents[0]
    assert doc.title == "Some Article" and doc.presplit and doc.units[0].text == "First one."
    assert [q.gold for q in ds.queries] == [G({"0-0-1"}), G({"0-0-0"})]
    assert doc.unit_ids == ["0-0-0", "0-0-1", "0-0-2"]


@pytest.mark.parametrize("data", [{"nope": 1}, {"data": []},
                                  {"data": [{"title": "t", "paragraphs": [{"context": "c", "qas": []}]}]}])
def test_load_xquad_r_rejects_other_shapes(tmp_path: Path, data: object) -> None:
    with pytest.raises(DatasetError):
        load_xquad_r(_write(tmp_path, data))
