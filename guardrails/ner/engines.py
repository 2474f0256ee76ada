"""Inference engines for the tagger's graph: onnxruntime (int8, the default) or OpenVINO
(bfloat16, for CPUs with AMX).

Both run the shipped ``model.onnx`` (int8 weights, activations quantised on the fly by
onnxruntime). :class:`OpenVinoEngine` reads the same int8 weights as float32
(:func:`dequantized_graph`, exact: ``weight * scale``) and lets OpenVINO run them in bfloat16,
which a CPU with AMX multiplies natively. Measured on the 2-core Xeon development VM (AMX),
one core, 2026-12-03: a 128-token window 4.1-4.4 ms against onnxruntime's 7.8-8.4 ms, a
32-token one 1.2-1.5 ms against 2.0 ms when run back to back; but right after other work
(the guardrail benchmark, which alternates with Presidio) short messages were slower (100
characters: 5.5-6.4 ms per message against 4.0-4.7 ms), probably because a cold start
streams twice the weight bytes (bfloat16 against int8). Hence opt-in
(``guardrails.ner_engine``), for deployments whose traffic is long texts (retrieved context,
documents).

OpenVINO is fastest with fixed input shapes, so one model is compiled per length *bucket* and
a window is padded (masked) to the next bucket. Both engines take ``[1, tokens, hidden]`` word
vectors and return BIO logits. No text passes through this module.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

EngineKind = Literal["onnxruntime", "openvino"]
Vectors = npt.NDArray[np.float32]

#: onnxruntime fusions left out when the session is built. onnxruntime 1.32's fused
#: SkipLayerNormalization kernel took ~110 µs per call on this 4-layer graph for a
#: 200-character message, where the unfused Add + LayerNormalization take ~25 µs: without the
#: fusion the tagger runs ~10 % faster (3.45 -> 3.09 ms for 55 tokens on one core). The
#: int8 activations round differently in the fused kernel: on the held-out sets the decoded
#: names and places differ in 2 of 1,862 texts (probabilities by up to 0.14 on single tokens).
UNFUSED = ["SkipLayerNormFusion"]
#: window lengths (tokens, with the two special ones) OpenVINO compiles a model for. AMX
#: works on tiles of 16 rows and was fastest at multiples of 32 (1.2 ms for 32 tokens, 1.9 ms
#: for 34); each compiled model holds its own bfloat16 weights (~39 MB), so four of them
#: cost ~160 MB
BUCKET_STEP = 32


class TaggerEngine(Protocol):
    """Runs the tagger graph on one window."""

    name: str

    def logits(self, vectors: Vectors) -> Vectors:
        """BIO logits ``[tokens, labels]`` of word vectors ``[1, tokens, hidden]``."""
        ...


class OnnxRuntimeEngine:
    """The int8 graph as shipped, on onnxruntime's CPU provider (thread-safe)."""

    name = "onnxruntime"

    def __init__(self, model_path: Path, threads: int = 1) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"],
            disabled_optimizers=UNFUSED,
        )

    def logits(self, vectors: Vectors) -> Vectors:
        mask = np.ones(vectors.shape[:2], dtype=np.float32)
        (out,) = self._session.run(None, {"word_vectors": vectors, "mask": mask})
        return np.asarray(out[0], dtype=np.float32)


def bucket_lengths(max_tokens: int, step: int = BUCKET_STEP) -> list[int]:
    """Compiled window lengths: ``step, 2 * step, ...`` below ``max_tokens`` (the longest
    window, special tokens included), which is always the last."""
    lengths = list(range(step, max_tokens, step))
    return [*lengths, max_tokens]


def bucket_for(tokens: int, lengths: Sequence[int]) -> int | None:
    """The shortest compiled length holding ``tokens``; None when none does."""
    return next((n for n in lengths if n >= tokens), None)


class OpenVinoEngine:
    """The same weights in bfloat16 on OpenVINO, one compiled model per length bucket.

    An OpenVINO infer request serves one caller at a time, so each thread gets its own
    requests (detection runs on several worker threads). A window longer than the largest
    bucket (never made by :func:`~guardrails.ner.model.windows`) runs on a model compiled
    for it on first use.
    """

    name = "openvino"

    def __init__(self, model_path: Path, max_tokens: int, threads: int = 1) -> None:
        import openvino as ov

        self._core = ov.Core()
        self._config = {
            "INFERENCE_NUM_THREADS": threads,
            "INFERENCE_PRECISION_HINT": "bf16",
            "PERFORMANCE_HINT": "LATENCY",
        }
        if not native_bf16(self._core):
            log.warning(
                "OpenVINO runs the name tagger in float32 on this CPU (no native bfloat16): "
                "expect it slower than ner_engine: onnxruntime"
            )
        self._base = self._core.read_model(dequantized_graph(model_path), b"")
        self._hidden = self._base.input("word_vectors").get_partial_shape()[2].get_length()
        self._compiled: dict[int, Any] = {}
        self._lock = threading.Lock()
        self._local = threading.local()
        self.lengths = bucket_lengths(max_tokens)
        for length in self.lengths:
            self._compile(length)

    def _compile(self, length: int) -> Any:
        with self._lock:
            compiled = self._compiled.get(length)
            if compiled is None:
                model = self._base.clone()
                model.reshape({"word_vectors": [1, length, self._hidden], "mask": [1, length]})
                compiled = self._core.compile_model(model, "CPU", self._config)
                self._compiled[length] = compiled
            return compiled

    def _request(self, length: int) -> Any:
        requests: dict[int, Any] = self._local.__dict__.setdefault("requests", {})
        request = requests.get(length)
        if request is None:
            request = requests[length] = self._compile(length).create_infer_request()
        return request

    def logits(self, vectors: Vectors) -> Vectors:
        tokens, hidden = vectors.shape[1], vectors.shape[2]
        length = bucket_for(tokens, self.lengths) or tokens
        padded = np.zeros((1, length, hidden), dtype=np.float32)
        padded[:, :tokens] = vectors
        mask = np.zeros((1, length), dtype=np.float32)
        mask[:, :tokens] = 1.0
        request = self._request(length)
        request.infer({"word_vectors": padded, "mask": mask})
        return np.array(request.get_output_tensor(0).data[0, :tokens], dtype=np.float32)


def dequantized_graph(model_path: Path) -> bytes:
    """``model_path``'s graph with each int8 ``MatMulInteger`` (and the dynamic quantisation
    of its input) replaced by a float32 ``MatMul`` over the dequantised weights.

    onnxruntime's dynamic quantisation writes, per weight matrix ``W``::

        xq, xs, xz = DynamicQuantizeLinear(x)
        y = Cast(MatMulInteger(xq, W, xz, W_zero)) * (xs * W_scale)

    which becomes ``y = MatMul(x, (W - W_zero) * W_scale)``; the dangling quantisation nodes
    are pruned. Raises ValueError when the graph has another shape.
    """
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(model_path))
    graph = model.graph
    constants = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            constants[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    producer = {out: node for node in graph.node for out in node.output}
    consumers: dict[str, list[Any]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    replaced: dict[int, Any] = {}  # id of the final Mul -> its MatMul replacement
    dropped: set[int] = set()
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            continue
        quantised_x, weight, _, weight_zero = (list(node.input) + [""] * 4)[:4]
        quantise = producer.get(quantised_x)
        cast = _only(consumers.get(node.output[0], []), "Cast")
        scale_mul = _only(consumers.get(cast.output[0], []), "Mul")
        if quantise is None or quantise.op_type != "DynamicQuantizeLinear":
            raise ValueError("MatMulInteger without DynamicQuantizeLinear input")
        scale_name = next(i for i in scale_mul.input if i != cast.output[0])
        scale_node = producer.get(scale_name)
        if scale_node is None:
            raise ValueError("weight scale not found")
        weight_scale = next(
            (constants[i] for i in scale_node.input if i in constants), None
        )
        if weight not in constants or weight_scale is None:
            raise ValueError("MatMulInteger weights are not constants")
        values = constants[weight].astype(np.float32)
        if weight_zero in constants:
            values = values - constants[weight_zero].astype(np.float32)
        dense_name = f"{weight}_dequantized"
        graph.initializer.append(
            numpy_helper.from_array((values * weight_scale).astype(np.float32), dense_name)
        )
        replaced[id(scale_mul)] = onnx.helper.make_node(
            "MatMul", [quantise.input[0], dense_name], [scale_mul.output[0]]
        )
        dropped |= {id(node), id(cast)}

    nodes = [replaced.get(id(n), n) for n in graph.node if id(n) not in dropped]
    nodes = _live(nodes, {o.name for o in graph.output})
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for node in nodes for name in node.input}
    kept = [t for t in graph.initializer if t.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    return bytes(model.SerializeToString())


def _only(nodes: list[Any], op_type: str) -> Any:
    if len(nodes) != 1 or nodes[0].op_type != op_type:
        raise ValueError(f"expected one {op_type} after MatMulInteger")
    return nodes[0]


def _live(nodes: list[Any], outputs: set[str]) -> list[Any]:
    """``nodes`` without those whose outputs nothing uses (repeated until none is left)."""
    while True:
        used = {name for node in nodes for name in node.input} | outputs
        kept = [n for n in nodes if any(out in used for out in n.output)]
        if len(kept) == len(nodes):
            return kept
        nodes = kept


def native_bf16(core: Any) -> bool:
    """Whether OpenVINO reports native bfloat16 arithmetic on this CPU (AMX, AVX512-BF16)."""
    try:
        capabilities = core.get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    except RuntimeError:
        return False
    return "BF16" in capabilities


def open_engine(
    model_path: Path, kind: EngineKind = "onnxruntime", *, max_tokens: int, threads: int = 1
) -> TaggerEngine:
    """The engine ``kind`` names, running ``model_path``; onnxruntime, with a warning, when
    OpenVINO is asked for but cannot run the graph here."""
    if kind == "openvino":
        try:
            return OpenVinoEngine(model_path, max_tokens, threads)
        except (ImportError, RuntimeError, ValueError) as exc:
            log.warning(
                "OpenVINO cannot run the name tagger (%s); using onnxruntime", type(exc).__name__
            )
    return OnnxRuntimeEngine(model_path, threads)
