"""Retrieval benchmarks for the benchmark harness: ingestion rate, query latency, memory.

:func:`run_retrieval_bench` measures, for each index size N:

* the embedder's passage rate on real text (chunks/s: what bounds ingestion on CPU);
* the store's write rate and index build time for N chunks;
* query latency p50/p95 *excluding embedding* for dense and hybrid search, with the ACL
  filter on (the caller reads one of four teams' groups), plus query embedding latency;
* process RSS and index size on disk.

Embedding N = 100k chunks on two cores would take hours, so the index is filled with
vectors derived from a real embedded sample (each a perturbed copy, re-normalised) and
lexical vectors of generated text with a Zipf-like vocabulary; latency depends on sizes and
sparsity, not on meaning. :func:`bench_pdf_ingest` times a real 100-page PDF end to end.
Numbers are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.embeddings import (
    Embedder,
    build_embedder,
    embed_matrix,
    neighbourhood_vectors,
    normalize_rows,
)
from rag.lexical import LexicalEncoder
from rag.retriever import PreparedQuery, Retriever
from rag.sealing import IndexSealer, scratch_sealer
from rag.settings import QdrantSettings, RagSettings
from rag.vectorstore import CollectionSpec, StoredChunk, open_store

TEAMS = ("hr", "engineering", "sales", "legal")
_SYLLABLES = ("ver", "trag", "kun", "di", "gung", "ur", "laub", "rei", "se", "kos", "ten", "an",
              "trag", "mit", "ar", "beit", "ser", "ver", "dienst", "po", "li", "cy", "re", "port",
              "da", "ten", "schutz", "pro", "jekt", "plan", "bud", "get", "kun", "de", "an", "ge")


def _percentiles(samples_s: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples_s)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] * 1000

    return {"p50_ms": round(pick(0.50), 2), "p95_ms": round(pick(0.95), 2),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 2)}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def synthetic_texts(count: int, *, words: int = 120, seed: int = 0) -> list[str]:
    """Deterministic pseudo-German chunk texts with a skewed (Zipf-like) vocabulary."""
    rng = random.Random(seed)
    vocabulary = sorted({"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4)))
                         for _ in range(20_000)})
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    return [" ".join(rng.choices(vocabulary, weights, k=words)) + "." for _ in range(count)]


def _synthetic_chunks(sample: np.ndarray, texts: list[str], n: int, lexical: LexicalEncoder,
                      rng: np.random.Generator, spec: CollectionSpec, offset: int = 0,
                      sealer: IndexSealer | None = None, collection: str = "") -> list[StoredChunk]:
    base = sample[rng.integers(0, len(sample), n)]
    vectors = normalize_rows(base + rng.normal(0, 0.05, base.shape).astype(np.float32))
    ctx = neighbourhood_vectors(vectors, [(i, min(n, i + 8)) for i in range(0, n, 8)]) if spec.context_vector else None
    # a chunk read in its document: near its own vector, not equal to it
    late = normalize_rows(base + rng.normal(0, 0.05, base.shape).astype(np.float32)) if spec.late_vector else None
    chunks = []
    for j in range(n):
        i = offset + j
        text = texts[i % len(texts)]
        point_id = str(uuid.uuid4())
        payload = {"text": text, "groups": [TEAMS[i % len(TEAMS)]], "source": f"doc-{i // 8}",
                   "chunk_index": i % 8, "title": f"Document {i // 8}", "path": f"docs/{i // 8}.pdf",
                   "page": i % 8 + 1, "fingerprint": "bench"}
        if sealer is not None:
            payload = sealer.seal(payload, collection=collection, point_id=point_id)
        chunks.append(StoredChunk(
            point_id=point_id,
            text_vector=vectors[j].tolist(),
            context_vector=ctx[j].tolist() if ctx is not None else None,
            late_vector=late[j].tolist() if late is not None else None,
            lexical=lexical.encode_document(text, language="german"),
            payload=payload,
        ))
    return chunks


def run_retrieval_bench(
    sizes: Sequence[int] = (2_000,),
    *,
    queries: int = 50,
    embed_sample: int = 64,
    settings: RagSettings | None = None,
    embedder: Embedder | None = None,
    modes: Sequence[str] = ("dense", "hybrid"),
    workdir: Path | None = None,
    batch: int = 512,
) -> dict[str, Any]:
    """Benchmark ingestion and search at each size in ``sizes`` (default small for 2 cores).

    Pass ``sizes=(10_000, 100_000)`` for the issue's figures. Uses the configured local
    engine in a temporary folder (or ``settings.qdrant.url``'s server).
    """
    settings = settings or RagSettings()
    embedder = embedder or build_embedder(settings.embedder)
    # Sealed as configured (a throwaway key: the collections are scratch), so search latency
    # includes opening the hits.
    sealer = scratch_sealer(settings.seal_index)
    lexical = LexicalEncoder(settings.lexical)
    if sealer is not None:
        lexical = lexical.with_key(sealer.term_key)
    rng = np.random.default_rng(0)
    texts = synthetic_texts(max(embed_sample, 2048))

    started = time.perf_counter()
    sample = embed_matrix(embedder, texts[:embed_sample])
    embed_s = time.perf_counter() - started
    query_texts = [" ".join(t.split()[:8]) for t in texts[-queries:]]
    query_times = []
    for text in query_texts[: min(20, queries)]:
        t0 = time.perf_counter()
        embed_matrix(embedder, [text], is_query=True)
        query_times.append(time.perf_counter() - t0)

    result: dict[str, Any] = {
        "engine": "server" if settings.qdrant.url else settings.qdrant.local_engine,
        "model": embedder.model_name,
        "embed_passages_per_s": round(embed_sample / embed_s, 2),
        "embed_query": _percentiles(query_times),
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="tresor-bench-", dir=workdir) as tmp:
        qdrant: QdrantSettings = settings.qdrant.model_copy(update={"path": Path(tmp)})
        store = open_store(qdrant, Path(tmp))
        retriever = Retriever(store, embedder, settings, sealer=sealer)
        try:
            spec = CollectionSpec(embedder.dimension, embedder.model_name, lexical.version,
                                  settings.context_vector, settings.late_vector, sealed=sealer is not None,
                                  key_check=sealer.key_check if sealer is not None else None)
            prepared = [
                PreparedQuery(dense=normalize_rows(sample[[i % len(sample)]] + rng.normal(0, 0.05, (1, sample.shape[1])).astype(np.float32))[0].tolist(),
                              lexical=lexical.encode_query(q, language="german"))
                for i, q in enumerate(query_texts)
            ]
            for n in sizes:
                name = f"bench-{n}"
                store.ensure_collection(name, spec)
                write_s = 0.0
                for start in range(0, n, batch):  # generated per batch: 100k never sit in RAM
                    chunks = _synthetic_chunks(sample, texts, min(batch, n - start), lexical, rng,
                                               spec, offset=start,
                                               sealer=sealer, collection=name)
                    t0 = time.perf_counter()
                    store.upsert(name, chunks)
                    write_s += time.perf_counter() - t0
                store.record_ingest(name, {"german": n // 8}, TEAMS)
                t0 = time.perf_counter()
                store.finish_ingest(name)
                index_s = time.perf_counter() - t0
                row: dict[str, Any] = {
                    "write_chunks_per_s": round(n / write_s, 1),
                    "index_build_s": round(index_s, 2),
                }
                for mode in modes:
                    retriever.search_prepared(prepared[0], groups=["hr"], collection=name, mode=mode)  # type: ignore[arg-type]
                    times = []
                    for p in prepared:
                        t0 = time.perf_counter()
                        retriever.search_prepared(p, groups=["hr"], collection=name, top_k=settings.top_k, mode=mode)  # type: ignore[arg-type]
                        times.append(time.perf_counter() - t0)
                    row[f"search_{mode}"] = _percentiles(times)
                row["rss_mb"] = round(_rss_mb(), 1)
                row["disk_mb"] = round(_dir_mb(Path(tmp)), 1)
                result["sizes"][str(n)] = row
                store.delete_collection(name)
        finally:
            retriever.close()
    return result


def bench_pdf_ingest(pages: int = 100, *, chars_per_page: int = 2500,
                     page_texts: Sequence[str] | None = None,
                     settings: RagSettings | None = None, embedder: Embedder | None = None) -> dict[str, Any]:
    """Make a ``pages``-page PDF with reportlab and time ``tresor ingest`` on it end to end.

    ``page_texts``: real prose to cycle through (synthetic text tokenises into far more
    sub-words than real language and so overstates embedding time). ``cpu_s`` is the
    process CPU time: on a busy shared machine it shows what the run costs.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from rag.ingest import Ingestor

    settings = settings or RagSettings()
    embedder = embedder or build_embedder(settings.embedder)
    source = list(page_texts) if page_texts else synthetic_texts(pages, words=chars_per_page // 8)
    words = [source[i % len(source)][:chars_per_page] for i in range(pages)]
    with tempfile.TemporaryDirectory(prefix="tresor-pdf-") as tmp:
        pdf_path = Path(tmp) / "handbook.pdf"
        pdf = canvas.Canvas(str(pdf_path), pagesize=A4)
        for page_text in words:
            line, y = "", 810
            for word in page_text.split():
                if len(line) + len(word) > 95:
                    pdf.drawString(40, y, line)
                    line, y = "", y - 12
                line += word + " "
            pdf.drawString(40, y, line)
            pdf.showPage()
        pdf.save()
        store = open_store(settings.qdrant.model_copy(update={"path": Path(tmp) / "index"}), Path(tmp))
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            sealer = scratch_sealer(settings.seal_index)
            report = Ingestor(store, embedder, settings, sealer=sealer).ingest_paths(
                [pdf_path], "pdf", ["bench"])
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        finally:
            store.close()
    return {"pages": pages, "chunks": report.chunks, "seconds": round(elapsed, 2), "cpu_s": round(cpu, 2),
            "chunks_per_s": round(report.chunks / elapsed, 2), "failed": len(report.failed)}


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m rag.bench --sizes 10000,100000 [--pdf-pages 100] [--json OUT]``."""
    parser = argparse.ArgumentParser(prog="python -m rag.bench", description=__doc__)
    parser.add_argument("--sizes", default="2000", help="Comma-separated index sizes.")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--pdf-pages", type=int, default=0, help="Also time a PDF of this many pages.")
    parser.add_argument("--pdf-text", help="A UTF-8 text file of real prose for the PDF's pages.")
    parser.add_argument("--json", help="Write the result here.")
    args = parser.parse_args(argv)
    result = run_retrieval_bench([int(s) for s in args.sizes.split(",")], queries=args.queries)
    if args.pdf_pages:
        texts = None
        if args.pdf_text:
            prose = Path(args.pdf_text).read_text(encoding="utf-8")
            texts = [prose[i : i + 2500] for i in range(0, len(prose), 2500)]
        result["pdf_ingest"] = bench_pdf_ingest(args.pdf_pages, page_texts=texts)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
