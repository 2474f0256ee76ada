"""The ``tresor`` command: one entry point, command groups contributed by each package.

Each command module exposes ``register(registry: CommandRegistry)`` and adds its sub-commands
with a handler ``(args) -> int``. Handlers load the config themselves (``registry.config(args)``)
so that commands which need none (``check-config FILE``) stay cheap.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from serving.config import TresorConfig
from serving.config_loader import ConfigError, load_config

Handler = Callable[[argparse.Namespace], int]

COMMAND_MODULES = (
    "serving.commands.up",
    "serving.commands.config",
    "serving.commands.keys",
    "guardrails.commands",
    "guardrails.usefulness.commands",
    "rag.commands",
)


class CommandRegistry:
    """Holds the top-level and ``eval`` sub-parsers that command modules add to."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser
        self.top = parser.add_subparsers(dest="command", metavar="COMMAND")
        eval_parser = self.top.add_parser("eval", help="Measure detection, retrieval, usefulness.")
        self.eval = eval_parser.add_subparsers(dest="eval_command", metavar="SUITE")
        eval_parser.set_defaults(handler=lambda _args: _usage(eval_parser))

    def add(
        self,
        name: str,
        handler: Handler,
        help: str,
        *,
        parent: argparse._SubParsersAction | None = None,
    ) -> argparse.ArgumentParser:
        """Add a command; its handler receives the parsed arguments."""
        escaped = help.replace("%", "%%")  # argparse %-formats help, not descriptions
        sub = (parent or self.top).add_parser(name, help=escaped, description=help)
        sub.set_defaults(handler=handler)
        return sub

    def group(self, name: str, help: str) -> argparse._SubParsersAction:
        """Add a command group (``keys``, ``policy`` ...) and return its sub-parsers."""
        grp = self.top.add_parser(name, help=help, description=help)
        grp.set_defaults(handler=lambda _args: _usage(grp))
        return grp.add_subparsers(dest=f"{name}_command", metavar="ACTION")

    @staticmethod
    def config(args: argparse.Namespace) -> TresorConfig:
        """Load the config named by ``--config`` (errors are reported by :func:`main`)."""
        return load_config(args.config)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The full parser with every available command module registered."""
    parser = argparse.ArgumentParser(
        prog="tresor", description="Tresor: privacy-preserving internal GenAI assistant."
    )
    parser.add_argument(
        "--config", type=Path, default=None, help="Config file (default: configs/tresor.yaml)."
    )
    parser.set_defaults(handler=lambda _args: _usage(parser))
    registry = CommandRegistry(parser)
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # the package has not contributed commands yet
                continue
            raise
        module.register(registry)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``tresor`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ConfigError as exc:
        print(f"tresor: invalid configuration\n{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
