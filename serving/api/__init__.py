"""The OpenAI-compatible HTTP API: one small module per endpoint, errors mapped in one place."""
