"""Feed-forward pruning for the tagger recipe's ``--ffn`` (the neurons kept per layer)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from guardrails.ner.encoder import kept_neurons


def test_kept_neurons_are_the_largest_weight_products_in_order() -> None:
    fi = np.array([[1.0, 0.0], [3.0, 0.0], [0.1, 0.0], [2.0, 0.0]], dtype=np.float32)
    fo = np.array([[1.0, 1.0, 100.0, 1.0]], dtype=np.float32)  # neuron 2: small in, huge out
    # products: 1, 3, 10, 2
    assert kept_neurons(fi, fo, 2).tolist() == [1, 2]
    assert kept_neurons(fi, fo, 3).tolist() == [1, 2, 3]
    assert kept_neurons(fi, fo, 4).tolist() == [0, 1, 2, 3]


def test_distillation_loss_is_zero_for_the_teacher_and_ignores_padding() -> None:
    from guardrails.ner.train import distillation_loss

    torch.manual_seed(0)
    logits = torch.randn(2, 4, 5)
    teacher = torch.softmax(logits, -1)
    mask = torch.tensor([[1.0, 1.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]])
    assert float(distillation_loss(logits, teacher, mask, 2.0)) == pytest.approx(0.0, abs=1e-5)
    other = torch.randn(2, 4, 5)
    assert float(distillation_loss(other, teacher, mask, 2.0)) > 0.01
    # what the student says on padding does not count
    padded = logits.clone()
    padded[0, 3] = torch.randn(5) * 10
    padded[1, 2:] = torch.randn(2, 5) * 10
    assert float(distillation_loss(padded, teacher, mask, 2.0)) == pytest.approx(0.0, abs=1e-5)
