"""Tresor serving: composition root (config, CLI, gateway app, vLLM launcher and client)."""
