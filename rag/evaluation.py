"""``tresor eval retrieval``: sentence retrieval on XQuAD-R style data, dense vs hybrid.

XQuAD-R (LAReQA) files hold SQuAD-style articles whose paragraphs carry ``sentences`` and
``sentence_breaks``. The corpus is every sentence (each paragraph is one document whose
sentences are its chunks, so neighbours are known); a question's gold is the sentence holding
its answer start. The corpus goes into a scratch collection and every question is searched
in each mode. Metric functions are pure and tested on their own.

The scratch collection lives in a temporary folder (or, with ``rag.qdrant.url``, in a
temporary collection on the server that is deleted afterwards).
"""

from __future__ import annotations

import json
import math
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.documents import DocumentUnit, SourceDocument, content_hash, title_from_name
from rag.embeddings import Embedder, build_embedder
from rag.ingest import Ingestor, IngestProgress
from rag.retriever import Retriever, SearchMode
from rag.sealing import scratch_sealer
from rag.settings import RagSettings
from rag.vectorstore import open_store

EVAL_GROUP = "eval"
CUTOFF = 10


@dataclass(frozen=True)
class EvalQuery:
    """A question and the ids of the sentences that answer it."""

    query_id: str
    text: str
    gold: frozenset[str]


@dataclass(frozen=True)
class RetrievalDataset:
    """Corpus documents (paragraphs of sentences) and questions with gold sentence ids."""

    documents: list[SourceDocument]
    queries: list[EvalQuery]

    @property
    def sentences(self) -> int:
        return sum(len(d.units) for d in self.documents)


class DatasetError(Exception):
    """The dataset file is not XQuAD-R shaped; the message says where."""


def _gold_sentence(breaks: Sequence[Sequence[int]], start: int) -> int | None:
    best = None
    for i, (begin, _end) in enumerate(breaks):
        if begin <= start:
            best = i
    return best


def load_xquad_r(path: Path) -> RetrievalDataset:
    """Parse an XQuAD-R JSON file into paragraph documents and questions."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = data["data"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise DatasetError(f"{path}: not an XQuAD-R file ({type(exc).__name__})") from None
    documents: list[SourceDocument] = []
    queries: list[EvalQuery] = []
    for a, article in enumerate(articles):
        title = title_from_name(str(article.get("title") or f"article {a}"))
        for p, paragraph in enumerate(article.get("paragraphs", [])):
            sentences = paragraph.get("sentences")
            breaks = paragraph.get("sentence_breaks")
            if not sentences or not breaks or len(sentences) != len(breaks):
                raise DatasetError(f"{path}: data[{a}].paragraphs[{p}] lacks sentences/breaks")
            ids = [f"{a}-{p}-{s}" for s in range(len(sentences))]
            cleaned = [s.replace("\ufeff", "").strip() for s in sentences]
            documents.append(
                SourceDocument(
                    key=f"xquad:{a}-{p}",
                    title=title,
                    units=[DocumentUnit(text=s) for s in cleaned],
                    content_hash=content_hash("\n".join(cleaned).encode()),
                    path=f"{path.name}#{a}-{p}",
                    unit_ids=ids,
                    presplit=True,
                )
            )
            for qa in paragraph.get("qas", []):
                answers = qa.get("answers") or []
                golds = {
                    ids[i]
                    for ans in answers
                    if (i := _gold_sentence(breaks, int(ans.get("answer_start", -1)))) is not None
                }
                if golds:
                    queries.append(EvalQuery(str(qa["id"]), str(qa["question"]), frozenset(golds)))
    if not documents or not queries:
        raise DatasetError(f"{path}: no sentences or questions")
    return RetrievalDataset(documents, queries)


def rank_metrics(rankings: Sequence[Sequence[str]], golds: Sequence[frozenset[str]]) -> dict[str, float]:
    """R@1, R@10, MRR@10 and nDCG@10 (binary relevance) averaged over queries.

    R@k counts a query as found when any gold id is in its first k results.
    """
    if len(rankings) != len(golds):
        raise ValueError("one ranking per query")
    if not rankings:
        return {"R@1": 0.0, "R@10": 0.0, "MRR@10": 0.0, "nDCG@10": 0.0}
    r1 = r10 = mrr = ndcg = 0.0
    for ranked, gold in zip(rankings, golds, strict=True):
        top = list(ranked[:CUTOFF])
        positions = [i for i, item in enumerate(top) if item in gold]
        if positions:
            r10 += 1
            mrr += 1 / (positions[0] + 1)
            r1 += 1 if positions[0] == 0 else 0
        dcg = sum(1 / math.log2(i + 2) for i in positions)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(gold), CUTOFF)))
        ndcg += dcg / ideal if ideal else 0.0
    n = len(rankings)
    return {"R@1": r1 / n, "R@10": r10 / n, "MRR@10": mrr / n, "nDCG@10": ndcg / n}


@dataclass
class EvalReport:
    """Metrics per search mode plus corpus size and timings."""

    dataset: str
    sentences: int
    queries: int
    model: str
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    timings_s: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "sentences": self.sentences,
            "queries": self.queries,
            "model": self.model,
            "metrics": {m: {k: round(v, 4) for k, v in vals.items()} for m, vals in self.metrics.items()},
            "timings_s": {k: round(v, 2) for k, v in self.timings_s.items()},
        }

    def table(self) -> str:
        """A plain-text table: one row per mode."""
        cols = ["R@1", "R@10", "MRR@10", "nDCG@10"]
        lines = [f"{'mode':<8}" + "".join(f"{c:>9}" for c in cols)]
        for mode, values in self.metrics.items():
            lines.append(f"{mode:<8}" + "".join(f"{values[c]:>9.4f}" for c in cols))
        return "\n".join(lines)


def evaluate_retrieval(
    dataset_path: Path,
    settings: RagSettings,
    *,
    data_dir: Path,
    modes: Sequence[SearchMode] = ("dense", "hybrid"),
    embedder: Embedder | None = None,
    progress: IngestProgress | None = None,
) -> EvalReport:
    """Build the sentence corpus, ingest it into a scratch collection, score every mode."""
    dataset = load_xquad_r(dataset_path)
    embedder = embedder or build_embedder(settings.embedder, data_dir=data_dir)
    scratch = None
    if settings.qdrant.url:
        store = open_store(settings.qdrant, data_dir)
        collection = f"tresor-eval-{uuid.uuid4().hex[:12]}"
    else:
        # A private folder: works while the gateway holds the data directory's index.
        scratch = tempfile.TemporaryDirectory(prefix="tresor-eval-")
        local = settings.qdrant.model_copy(update={"path": Path(scratch.name)})
        store = open_store(local, data_dir)
        collection = "eval"
    report = EvalReport(dataset_path.name, dataset.sentences, len(dataset.queries), embedder.model_name)
    # A scratch collection: a throwaway key measures the sealed index as configured.
    sealer = scratch_sealer(settings.seal_index)
    retriever = Retriever(store, embedder, settings, sealer=sealer)
    try:
        started = time.perf_counter()
        Ingestor(store, embedder, settings, sealer=sealer).ingest_documents(
            dataset.documents, collection, [EVAL_GROUP], progress=progress
        )
        report.timings_s["ingest"] = time.perf_counter() - started
        started = time.perf_counter()
        prepared = retriever.prepare([q.text for q in dataset.queries], collection=collection)
        report.timings_s["embed_queries"] = time.perf_counter() - started
        golds = [q.gold for q in dataset.queries]
        for mode in modes:
            started = time.perf_counter()
            rankings = [
                [
                    str(hit.payload.get("record_id", hit.point_id))
                    for hit in retriever.search_prepared(
                        p, groups=[EVAL_GROUP], collection=collection, top_k=CUTOFF, mode=mode
                    )
                ]
                for p in prepared
            ]
            report.timings_s[f"search_{mode}"] = time.perf_counter() - started
            report.metrics[mode] = rank_metrics(rankings, golds)
    finally:
        if settings.qdrant.url:
            store.delete_collection(collection)
        retriever.close()
        if scratch is not None:
            scratch.cleanup()
    return report
