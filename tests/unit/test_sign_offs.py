"""The name under a message's closing (``guardrails.recognizers.sign_offs``)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.sign_offs import SignOffRecognizer

RECOGNIZER = SignOffRecognizer("de")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Passt so. VG Flo", ["Flo"]),
        ("Cheers, Mo", ["Mo"]),
        ("Danke euch!\n\nViele Grüße\nJessi", ["Jessi"]),
        ("Best regards,\nGwendolyn Okonkwo-Barnes", ["Gwendolyn Okonkwo-Barnes"]),
        ("Bis morgen, Gruß Steffi 🙂", ["Steffi"]),
        ("Can you list Kubernetes Best Practices", []),  # no closing: "Best" inside a clause
        ("Best Practices", []),  # "best" closes only before a comma or a new line
        ("Thanks, Team", []),
        ("Viele Grüße, Staff", []),  # a group signs
        ("Cheers, Admins", []),
        ("Viele Grüße, Ihr Vertriebsteam", []),
        ("Viele Grüße aus Berlin", []),
        ("Danke, Ihnen auch!", []),
        ("Gruß Vertrieb", []),  # a department signs
        ("Best, Engineering", []),
        ("The vendor replied: Thanks, Regards", []),
        ("Wer hat die Folien? Cheers", []),  # a closing without a name
        # a mail's signature block under the name
        (
            "Thanks,\n\nHope Winter\nSenior Analyst | Finance\nM +44 7700 900123",
            ["Hope Winter"],
        ),
        ("Mit freundlichen Grüßen\nPetra Lange\nLeiterin Einkauf\nTel. 089 1234", ["Petra Lange"]),
        ("Thanks,\nThe Platform Team\nhttps://wiki.example.com", []),
        ("Viele Grüße\nIhr Vertriebsteam\nTel. 089 1234", []),
    ],
)
def test_the_name_under_a_closing(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e, _ in RECOGNIZER.spans(text)] == names


def test_only_the_message_end_is_read() -> None:
    text = "LG Basti\n\nPS: kommt morgen jemand mit?"
    assert list(RECOGNIZER.spans(text)) == []
