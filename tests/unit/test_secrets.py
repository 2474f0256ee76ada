"""Credentials pasted into prompts (guardrails.recognizers.secrets)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.secrets import SecretRecognizer

RECOGNIZER = SecretRecognizer()
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)


def found(text: str) -> list[str]:
    spans = sorted(RECOGNIZER.spans(text))
    # overlapping finds of one secret are resolved later; keep the longest per start
    kept: list[tuple[int, int]] = []
    for start, end, _score in spans:
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return [text[start:end] for start, end in kept]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("export OPENAI_API_KEY=sk-proj-4fG7hJ2kL9mN3pQ6rS8tU1vW5xY0zA2b",
         ["sk-proj-4fG7hJ2kL9mN3pQ6rS8tU1vW5xY0zA2b"]),
        ("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", ["AKIAIOSFODNN7EXAMPLE"]),
        ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
         ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]),
        ("token: ghp_16C7e42F292c6912E7710c838347Ae178B4a",
         ["ghp_16C7e42F292c6912E7710c838347Ae178B4a"]),
        (f"Authorization: Bearer {JWT}", [JWT]),
        ("postgres://admin:S3cretPa55@db.internal:5432/prod", ["S3cretPa55"]),
        ("https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXX",
         ["T0000/B0000/XXXXXXXXXXXXXXXXXXXX"]),
        ('client_secret: "Zx81kQp02LmN7rTb"', ["Zx81kQp02LmN7rTb"]),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
         ["-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"]),
    ],
)  # fmt: skip
def test_keys_tokens_and_url_passwords(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my api_key = test",  # too short
        "secret_name: prod-db-password",  # a name, not a key
        "token_count = my_secret_value_2024",
        "Use the SECRET_KEY setting and rotate the token monthly.",
        "The token endpoint is https://auth.corp/token",
        "https://user@github.com/org/repo",  # a user, no password
        "a task-force meeting about risk-assessment",
    ],
)
def test_words_about_secrets_stay(text: str) -> None:
    assert found(text) == []
