"""Training features: token ids with BIO labels (persons, places, organisations), length-bucketed batches,
padded tensors."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from guardrails.ner.corpus import Example
from guardrails.ner.spans import IGNORE, char_spans_to_labels
from guardrails.ner.tokenizer import UnigramTokenizer

__all__ = ["IGNORE", "Feature", "collate", "encode_examples", "make_batches"]


@dataclass(frozen=True)
class Feature:
    """One model input window: ids include ``<s>``/``</s>``; their labels are ``IGNORE``."""

    ids: tuple[int, ...]
    labels: tuple[int, ...]


def encode_examples(
    tokenizer: UnigramTokenizer, examples: Sequence[Example], max_tokens: int
) -> list[Feature]:
    """Tokenize and label examples; texts longer than ``max_tokens`` become several windows."""
    width = max_tokens - 2
    out: list[Feature] = []
    for ex in examples:
        enc = tokenizer.encode(ex.text)
        labels = char_spans_to_labels(
            enc.offsets, ex.spans, ex.locations, ex.masked, ex.organizations
        )
        for start in range(0, max(len(enc.ids), 1), width):
            ids = enc.ids[start : start + width]
            lab = labels[start : start + width]
            out.append(Feature((tokenizer.bos, *ids, tokenizer.eos), (IGNORE, *lab, IGNORE)))
    return out


def make_batches(
    features: Sequence[Feature], tokens_per_batch: int, rng: random.Random
) -> list[list[int]]:
    """Group indices of similar length so a batch holds about ``tokens_per_batch`` tokens."""
    order = sorted(range(len(features)), key=lambda i: (len(features[i].ids), rng.random()))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        longest_if_added = max(longest, len(features[i].ids))
        if current and longest_if_added * (len(current) + 1) > tokens_per_batch:
            batches.append(current)
            current, longest_if_added = [], len(features[i].ids)
        current.append(i)
        longest = longest_if_added
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def collate(
    features: Sequence[Feature], indices: Sequence[int]
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Padded ``ids`` ``[B, T]``, ``mask`` ``[B, T]`` and ``labels`` ``[B, T]`` tensors."""
    width = max(len(features[i].ids) for i in indices)
    ids = np.zeros((len(indices), width), dtype=np.int64)
    mask = np.zeros((len(indices), width), dtype=np.float32)
    labels = np.full((len(indices), width), IGNORE, dtype=np.int64)
    for row, i in enumerate(indices):
        f = features[i]
        ids[row, : len(f.ids)] = f.ids
        mask[row, : len(f.ids)] = 1.0
        labels[row, : len(f.labels)] = f.labels
    return torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(labels)
