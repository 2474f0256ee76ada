"""Tresor privacy guardrail: policy, PII detection, pseudonymization vault, restore, audit.

Entry point for the gateway: :func:`guardrails.gateway.build_guard` returns a
:class:`guardrails.gateway.PolicyGuard` (``serving.stages.RequestGuard``).

Pure cores (no I/O, no engines): ``policy`` (policy model, team views), ``findings``
(decisions, overlaps), ``language`` (de/en guess), ``pseudonyms`` (placeholder style),
``normalization``, ``checksums``, ``name_rules``, ``rewriter`` (actions), ``restore`` (whole
and streamed restore, output scanning), ``messages`` (all texts of chat messages),
``evaluation`` (detection scores).

Adapters: ``presidio_detector`` / ``presidio_recognizers`` (Presidio + spaCy),
``vault_local`` (SQLite) / ``vault_redis`` (Redis), ``audit`` (rotating JSON lines),
``crypto`` (secret, HMACs, AES-GCM), ``policy_store`` (file + hot reload).

Composition: ``engine`` (policy + detector snapshot), ``protector`` (one request's texts),
``gateway`` (the guard), ``commands`` (CLI), ``batch_analyze``, ``eval_datasets``,
``person_names`` (trained tagger or name rules).
"""
