"""Usefulness of the guardrail: ordinary text passes untouched, the user's values come back.

``datasets`` reads the development sets in ``data/``, ``scoring`` holds the pure measures
(over-masking share, restore rate), ``runners`` drives the real guard, gateway and vLLM, and
``commands`` adds ``tresor eval overmasking`` and ``tresor eval restore``.
"""
