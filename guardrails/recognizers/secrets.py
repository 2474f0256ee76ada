"""Credentials pasted into a prompt: API keys, access tokens, private keys, passwords inside
URLs (``SECRET``).

People paste configuration, logs and code to ask about them, and the keys come along
(``export OPENAI_API_KEY=sk-...``, ``Authorization: Bearer eyJ...``,
``postgres://admin:S3cret@db:5432``). A key opens someone's account or a company's systems
and says who made the request; the model never needs its characters, so it gets a
placeholder and the caller reads the key back in the answer. Found by the formats vendors
give their keys (prefixes such as ``sk-``, ``AKIA``, ``ghp_``, ``xoxb-``, ``AIza``), by the
structure of JSON Web Tokens and PEM private keys, by the password part of a URL, and by a
long random-looking value assigned to a key-like name (``client_secret = "..."``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: A vendor's key format or a token's structure: no doubt left.
SECRET_SCORE = 0.95
#: A long random-looking value assigned to a key-like name.
ASSIGNED_SECRET_SCORE = 0.8

# vendor key formats and token structures; the whole match is the secret
_FORMATS = re.compile(
    r"(?<![\w-])(?:"
    r"sk-(?:proj-|svcacct-|admin-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{20,}"  # OpenAI, Anthropic
    r"|(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}"  # AWS access key ids
    r"|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,}"  # GitHub
    r"|glpat-[A-Za-z0-9_-]{20,}"  # GitLab
    r"|xox[abposr]-[A-Za-z0-9-]{10,}"  # Slack
    r"|AIza[0-9A-Za-z_-]{35}"  # Google
    r"|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"  # Stripe secret and restricted keys
    r"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"  # JSON Web Tokens
    r"|-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z]+ )*PRIVATE KEY-----"
    r")(?![\w-])"
)
# the secret is the group "secret"
_PARTS = re.compile(
    # the password of a URL: scheme://user:password@host
    r"\b[a-z][a-z0-9+.-]*://[^\s:/@]+:(?P<url>[^\s@/]+)@"
    # a bearer token, a Slack webhook's path
    r"|\bBearer\s+(?P<bearer>[A-Za-z0-9._~+/-]{20,}=*)"
    r"|hooks\.slack\.com/services/(?P<hook>[A-Za-z0-9/]{20,})",
)
# a key-like name, then "=" or ":", then the value (perhaps quoted)
_ASSIGNED = re.compile(
    r"(?i:[\w-]*(?:api[_-]?key|secret|token|access[_-]?key|private[_-]?key|auth[_-]?key"
    r"|credentials?)[\w-]*)[\"']?\s*[:=]\s*[\"']?(?P<value>[A-Za-z0-9_/+=.\-]{16,})"
)
#: anything worth a closer look (most texts have none of these)
_GATE = re.compile(
    r"sk-|AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|gh[pousr]_|github_pat_|glpat-|xox|AIza|_live_"
    r"|_test_|eyJ|PRIVATE KEY|://|Bearer|(?i:key|secret|token|credential)"
)


def _random_looking(value: str) -> bool:
    """Letters mixed with digits, or long mixed case, as keys are; unlike a word, a name or a
    path ("prod-db-password", "SECRET_KEY")."""
    digits = any(c.isdigit() for c in value)
    mixed_case = any(c.islower() for c in value) and any(c.isupper() for c in value)
    letters = sum(c.isalpha() for c in value)
    return (
        letters >= 4
        and ((digits and (mixed_case or letters < len(value) - 2)) or (mixed_case and len(value) >= 20))
        and not re.fullmatch(r"[A-Za-z]+(?:[_.-][A-Za-z]+)*(?:[_.-]?\d{1,4})?", value)
    )


class SecretRecognizer(SpanRecognizer):
    """``SECRET``: keys, tokens, private keys and URL passwords."""

    ENTITY = "SECRET"
    NAME = "SecretRecognizer"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each secret in ``text``."""
        if not _GATE.search(text):
            return []
        found = [(m.start(), m.end(), SECRET_SCORE) for m in _FORMATS.finditer(text)]
        for match in _PARTS.finditer(text):
            group = next(g for g in ("url", "bearer", "hook") if match.group(g) is not None)
            found.append((match.start(group), match.end(group), SECRET_SCORE))
        for match in _ASSIGNED.finditer(text):
            if _random_looking(match.group("value")):
                found.append((match.start("value"), match.end("value"), ASSIGNED_SECRET_SCORE))
        return sorted(set(found))
