"""``tresor check-config [FILE]``: validate a config file without starting anything."""

from __future__ import annotations

import argparse
from pathlib import Path

from serving.cli import CommandRegistry
from serving.config_loader import load_config


def _check(args: argparse.Namespace) -> int:
    path = args.file or args.config
    config = load_config(path)
    print(
        f"{path or 'configs/tresor.yaml'}: OK (data_dir={config.data_dir}, upstream={config.upstream.mode})"
    )
    return 0


def register(registry: CommandRegistry) -> None:
    sub = registry.add("check-config", _check, "Validate a Tresor config file.")
    sub.add_argument(
        "file", nargs="?", type=Path, help="Config file (default: --config or configs/tresor.yaml)."
    )
