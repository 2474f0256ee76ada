"""Child process of the gateway section: the real gateway, served by uvicorn on loopback.

``python -m bench.gateway_server --config FILE --port N`` builds the gateway exactly as
``tresor up`` does (``build_gateway`` + ``create_app``, guardrail per the config) and serves it
until SIGTERM. It runs in its own process so the load generator does not share its GIL.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import uvicorn

from serving.api.app import create_app
from serving.config_loader import load_config
from serving.gateway import build_gateway
from serving.logging_setup import configure_logging


def main(argv: list[str] | None = None) -> int:
    """Serve the gateway described by ``--config`` on 127.0.0.1:``--port``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    config = load_config(args.config, environ={})
    configure_logging(config.logging.level, config.logging.format)
    app = create_app(build_gateway(config))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=args.port, log_config=None, access_log=False,
                       timeout_graceful_shutdown=5)
    )  # fmt: skip
    server.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
