"""Test doubles for the guardrail: a regex detector and a guard builder without spaCy.

``FakeDetector`` implements :class:`guardrails.findings.Detector`; the integration test
``tests/integration/test_guard_presidio.py`` checks it against the real Presidio detector on
the structured types it claims to find, so unit tests that rely on it stay honest.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from guardrails.audit import RotatingAuditLog
from guardrails.checksums import iban_valid, luhn_valid
from guardrails.crypto import GuardKeys
from guardrails.engine import GuardEngine
from guardrails.findings import Finding
from guardrails.gateway import PolicyGuard
from guardrails.policy import LoadedPolicy
from guardrails.vault_local import LocalVault

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b")
CARD = re.compile(r"\b(?:\d{4}[ -]?){3}\d{4}\b")
PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ /-]?)?\(?\d{2,5}\)?[ /-]?\d{3,4}[ -]?\d{2,5}\b")

DEFAULT_NAMES = ("Max Mustermann", "Erika Musterfrau", "John Smith", "Anna", "Jane Doe")


class FakeDetector:
    """Regexes for e-mail, IBAN, card (Luhn), phone, plus a fixed list of person names."""

    def __init__(
        self,
        names: Iterable[str] = DEFAULT_NAMES,
        fail: Exception | None = None,
        delay: threading.Event | None = None,
    ) -> None:
        self._names = sorted(set(names), key=len, reverse=True)
        self.fail = fail
        self.delay = delay
        self.calls = 0

    def _structured(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        for m in EMAIL.finditer(text):
            out.append(Finding("EMAIL_ADDRESS", m.start(), m.end(), 1.0, "fake-email"))
        for m in IBAN.finditer(text):
            if iban_valid(m.group()):
                out.append(Finding("IBAN_CODE", m.start(), m.end(), 1.0, "fake-iban"))
        for m in CARD.finditer(text):
            if luhn_valid(m.group()):
                out.append(Finding("CREDIT_CARD", m.start(), m.end(), 1.0, "fake-card"))
        for m in PHONE.finditer(text):
            if not any(f.start <= m.start() < f.end for f in out):
                out.append(Finding("PHONE_NUMBER", m.start(), m.end(), 0.75, "fake-phone"))
        return out

    def detect(self, text: str, language: str) -> list[Finding]:
        """Structured findings plus listed names."""
        self.calls += 1
        if self.delay is not None:
            self.delay.wait(30)
        if self.fail is not None:
            raise self.fail
        out = self._structured(text)
        for name in self._names:
            for m in re.finditer(rf"\b{re.escape(name)}\b", text):
                if not any(f.start < m.end() and m.start() < f.end for f in out):
                    out.append(Finding("PERSON", m.start(), m.end(), 0.85, "fake-names"))
        return sorted(out, key=lambda f: f.start)

    def detect_structured(self, text: str, language: str) -> list[Finding]:
        """Structured findings only."""
        return self._structured(text)


def write_policy(path: Path, text: str) -> Path:
    """Write a policy file and return its path."""
    path.write_text(text, encoding="utf-8")
    return path


BASIC_POLICY = """
mode: enforce
restore: true
entities:
  PERSON: {action: pseudonymize}
  EMAIL_ADDRESS: {action: pseudonymize}
  PHONE_NUMBER: {action: pseudonymize, threshold: 0.4}
  IBAN_CODE: {action: pseudonymize}
  CREDIT_CARD: {action: block}
teams:
  masked: {entities: {IBAN_CODE: {action: mask, mask_keep_last: 4}}}
  hashed: {entities: {EMAIL_ADDRESS: {action: hash}}}
  redacted: {entities: {EMAIL_ADDRESS: {action: redact}}}
  norestore: {restore: false}
  shadow: {mode: shadow}
"""


def make_guard(
    tmp: Path,
    policy: str = BASIC_POLICY,
    detector_factory: Callable[[LoadedPolicy], FakeDetector] | None = None,
    timeout_s: float = 5.0,
) -> PolicyGuard:
    """A PolicyGuard over the fake detector, a real LocalVault and a real audit log."""
    policy_file = write_policy(tmp / "policy.yaml", policy)
    factory = detector_factory or (lambda _loaded: FakeDetector())
    engine = GuardEngine(policy_file, factory, "en")
    keys = GuardKeys(b"unit-test-secret-0123456789abcdef")
    vault = LocalVault(tmp / "vault" / "vault.sqlite3", ttl_s=3600)
    audit = RotatingAuditLog(tmp / "audit", max_bytes=1_000_000, backups=2)
    return PolicyGuard(engine, vault, keys, audit, detection_timeout_s=timeout_s, workers=2)
