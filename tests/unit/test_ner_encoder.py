"""Feed-forward pruning for the tagger recipe's ``--ffn`` (the neurons kept per layer)."""

from __future__ import annotations

import numpy as np

from guardrails.ner.encoder import kept_neurons


def test_kept_neurons_are_the_largest_weight_products_in_order() -> None:
    fi = np.array([[1.0, 0.0], [3.0, 0.0], [0.1, 0.0], [2.0, 0.0]], dtype=np.float32)
    fo = np.array([[1.0, 1.0, 100.0, 1.0]], dtype=np.float32)  # neuron 2: small in, huge out
    # products: 1, 3, 10, 2
    assert kept_neurons(fi, fo, 2).tolist() == [1, 2]
    assert kept_neurons(fi, fo, 3).tolist() == [1, 2, 3]
    assert kept_neurons(fi, fo, 4).tolist() == [0, 1, 2, 3]
