"""The fixed chat workload of the gateway-overhead section (pure).

The same prompts, in the same order, go directly to vLLM and through the gateway. Generation
is greedy (temperature 0) and ``ignore_eos`` makes every answer exactly ``max_tokens`` long,
so both paths produce the same number of tokens even where the guard changed a name in the
prompt. The prompts carry names and e-mail addresses, so the guardrail has work to do.
"""

from __future__ import annotations

from typing import Any

PROMPTS: tuple[str, ...] = (
    "Please write a short, friendly reminder to Anna Schneider (anna.schneider@example.com) "
    "that the quarterly report is due on Friday.",
    "Schreibe eine kurze Antwort an Herrn Jonas Weber: Der Termin am Dienstag wird auf "
    "Mittwoch, 10 Uhr, verschoben.",
    "Summarise in two sentences why our team should move the weekly sync to Thursdays.",
    "Fasse in zwei Sätzen zusammen, warum wir die Reisekostenrichtlinie überarbeiten sollten.",
    "Draft a thank-you note to Michael Brown for organising the customer workshop in Leeds.",
    "Bitte formuliere eine Absage an Frau Laura Hoffmann (laura.hoffmann@example.de) für das "
    "Angebot vom 3. März.",
    "List three questions to ask a supplier before signing a one-year service contract.",
    "Erkläre in einfachen Worten, was ein Lenkungskreis in einem IT-Projekt macht.",
)


def chat_payload(index: int, model: str, max_tokens: int) -> dict[str, Any]:
    """The streaming request body for request number ``index`` (prompts rotate)."""
    return {
        "model": model,
        "messages": [{"role": "user", "content": PROMPTS[index % len(PROMPTS)]}],
        "max_tokens": max_tokens,
        "temperature": 0,
        "ignore_eos": True,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
