"""Tresor privacy guardrail: policy, PII detection, pseudonymization vault, restore, audit."""
