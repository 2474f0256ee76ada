"""User names after a cue through the real guardrail (shipped tagger and policy): the model
reads a typed token, the caller gets the name back, system accounts and prose stay."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guardrails.engine import load_engine
from guardrails.settings import GuardrailSettings
from tests.integration.test_person_mentions import POLICY

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def engine() -> Iterator[Any]:
    engine = load_engine(GuardrailSettings(policy_file=POLICY, detection_cache_size=0))
    yield engine
    engine.close()


def decided(engine: Any, text: str) -> list[tuple[str, str, str]]:
    analysis = engine.analyze(text, "", None)
    return [
        (d.finding.entity_type, text[d.finding.start : d.finding.end], d.action)
        for d in analysis.decisions
    ]


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("Please unlock user jsmith1984 in Active Directory.", "jsmith1984"),
        ("The VPN rejects login m.mueller since Monday.", "m.mueller"),
        ("user: x7k2p9 cannot log in", "x7k2p9"),
        ("Der Account von Benutzer svc_backup01 ist abgelaufen.", "svc_backup01"),
        (r"Bitte C:\Users\jschneider\Documents\Bewerbung.docx wiederherstellen.", "jschneider"),
        ("/home/mkoch/.ssh/id_rsa permissions are wrong", "mkoch"),
        ("ssh deploy@build-01 fails, but ssh kpatel@jumphost works.", "kpatel"),
    ],
)
def test_user_names_are_protected(engine: Any, text: str, login: str) -> None:
    assert decided(engine, text) == [("USERNAME", login, "pseudonymize")]


def test_a_login_the_tagger_reads_as_a_name_is_protected_too(engine: Any) -> None:
    # German text is read whole by the tagger, which takes "kwagner" for a person first
    (found,) = decided(engine, "Benutzername: kwagner, Rolle Controlling")
    assert found[1:] == ("kwagner", "pseudonymize") and found[0] in ("USERNAME", "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Log in as root and restart the service.",
        "Die Login-Seite lädt nicht, der User hat keine Rechte.",
        "The user interface of the account page is slow.",
        "def get_user(user_id: int) -> User: return session.get(User, user_id)",
    ],
)
def test_no_user_names_in_ordinary_text(engine: Any, text: str) -> None:
    assert [d for d in decided(engine, text) if d[0] == "USERNAME"] == []


def test_the_model_reads_a_token_and_the_answer_restores(tmp_path: Path) -> None:
    import asyncio

    from guardrails.gateway import build_guard
    from serving.stages import CallerContext

    guard = build_guard(
        GuardrailSettings(policy_file=POLICY, detection_cache_size=0), tmp_path / "guard"
    )
    try:
        ctx = CallerContext("r1", "key", "team", (), "conv")
        text = "Please unlock user jsmith1984 in Active Directory."
        call = asyncio.run(guard.guard_input([{"role": "user", "content": text}], ctx))
        seen = call.messages[0]["content"]
        assert "jsmith1984" not in seen and "[USER_1]" in seen
        assert call.restore("Done: [USER_1] is unlocked.") == "Done: jsmith1984 is unlocked."
    finally:
        guard.close()
