"""CLI command groups. Each module exposes ``register(registry)``; see :mod:`serving.cli`."""
