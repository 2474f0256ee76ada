"""``tresor pii analyze``: JSON lines in, one result line per input line out, in order.

Each input line is ``{"text": ...}``; each output line ``{"entities": [{"type", "start",
"end", "score", "action"}]}`` with character offsets: every detection above the policy's
thresholds, whatever its action (``allow`` for a type the policy leaves alone but a
recognizer that runs anyway found, such as the name tagger's places), found exactly as the
gateway finds it. A bad line yields
``{"error": ...}`` for that line; the run goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from guardrails.engine import Analysis

#: text, language or None (auto) -> analysis
Analyzer = Callable[[str, "str | None"], Analysis]


def result_line(analysis: Analysis) -> dict[str, Any]:
    """The output record of one analysed text."""
    return {
        "entities": [
            {
                "type": d.finding.entity_type,
                "start": d.finding.start,
                "end": d.finding.end,
                "score": d.finding.score,
                "action": d.action,
            }
            for d in analysis.reported()
        ],
        "language": analysis.language,
    }


def analyze_line(line: str, analyze: Analyzer, language: str | None) -> dict[str, Any]:
    """Result (or error record) of one input line; error messages never quote the line."""
    try:
        record = json.loads(line)
    except ValueError:
        return {"error": "line is not valid JSON"}
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return {"error": 'expected an object with a string field "text"'}
    try:
        return result_line(analyze(record["text"], language))
    except Exception as exc:  # one bad text must not abort a batch
        return {"error": f"analysis failed ({type(exc).__name__})"}


def analyze_stream(
    lines: Iterable[str],
    out: TextIO,
    analyze: Analyzer,
    language: str | None,
    on_line: Callable[[], None] | None = None,
) -> tuple[int, int]:
    """Analyse every line of ``lines`` into ``out``; returns (lines, errors)."""
    count = errors = 0
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip():
            record: dict[str, Any] = {"error": "empty line"}
        else:
            record = analyze_line(line, analyze, language)
        errors += "error" in record
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
        if on_line is not None:
            on_line()
    return count, errors
