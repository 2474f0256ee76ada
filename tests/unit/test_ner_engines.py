"""The tagger's engine helpers: length buckets and the int8 -> float32 graph rewrite (on a tiny
graph quantised by onnxruntime itself, run by onnxruntime)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from guardrails.ner.engines import bucket_for, bucket_lengths, dequantized_graph
from guardrails.ner.export import quantize_int8


def test_buckets_are_multiples_of_the_step_and_end_at_the_longest_window() -> None:
    assert bucket_lengths(128) == [32, 64, 96, 128]
    assert bucket_lengths(130) == [32, 64, 96, 128, 130]
    assert bucket_lengths(20) == [20]
    lengths = bucket_lengths(128)
    assert [bucket_for(n, lengths) for n in (1, 32, 33, 97, 128)] == [32, 32, 64, 128, 128]
    assert bucket_for(129, lengths) is None


def _matmul_model(path: Path, weight: np.ndarray) -> None:
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, None, weight.shape[0]])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, None, weight.shape[1]])
    relu = helper.make_node("Relu", ["h"], ["y"])
    node = helper.make_node("MatMul", ["x", "w"], ["h"])
    graph = helper.make_graph(
        [node, relu], "tiny", [x], [y], [numpy_helper.from_array(weight, "w")]
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


def _run(model: bytes | str, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    return np.asarray(session.run(None, {"x": x})[0])


def test_dequantized_graph_is_the_int8_weights_in_float32(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    weight = rng.normal(size=(64, 32)).astype(np.float32)
    _matmul_model(tmp_path / "fp32.onnx", weight)
    quantize_int8(tmp_path / "fp32.onnx", tmp_path / "int8.onnx")
    int8 = onnx.load(str(tmp_path / "int8.onnx"))
    assert any(n.op_type == "MatMulInteger" for n in int8.graph.node)

    rewritten = onnx.load_from_string(dequantized_graph(tmp_path / "int8.onnx"))
    ops = [n.op_type for n in rewritten.graph.node]
    assert ops == ["MatMul", "Relu"]  # quantisation nodes pruned
    dense = numpy_helper.to_array(rewritten.graph.initializer[0])
    # per output channel: int8 * scale, within half a step of the float32 original
    step = np.abs(weight).max(axis=0) / 127
    assert np.all(np.abs(dense - weight) <= step / 2 + 1e-6)

    x = rng.normal(size=(1, 5, 64)).astype(np.float32)
    np.testing.assert_allclose(
        _run(rewritten.SerializeToString(), x), np.maximum(x @ dense, 0), rtol=1e-4, atol=1e-4
    )
    # close to what the int8 graph computes with its quantised activations
    np.testing.assert_allclose(
        _run(str(tmp_path / "int8.onnx"), x), _run(rewritten.SerializeToString(), x), atol=0.3
    )


def test_a_graph_without_the_pattern_is_refused(tmp_path: Path) -> None:
    x = helper.make_tensor_value_info("x", TensorProto.UINT8, [2, 4])
    y = helper.make_tensor_value_info("y", TensorProto.INT32, [2, 3])
    w = numpy_helper.from_array(np.ones((4, 3), dtype=np.int8), "w")
    node = helper.make_node("MatMulInteger", ["x", "w"], ["y"])  # no Cast/Mul after it
    model = helper.make_model(
        helper.make_graph([node], "odd", [x], [y], [w]),
        opset_imports=[helper.make_opsetid("", 17)],
    )
    onnx.save(model, str(tmp_path / "odd.onnx"))
    with pytest.raises(ValueError, match="Cast"):
        dequantized_graph(tmp_path / "odd.onnx")
