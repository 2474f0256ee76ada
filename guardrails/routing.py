"""Language routing: each text, or each language run of a mixed text, gets its own recognizers.

A message that mixes a German and an English passage ("Hi team, numbers attached. Mein
Kennzeichen ist M-AB 1234 ...") is detected run by run (:meth:`LanguageDetector.segments`),
each with the recognizers of its language, and the findings are mapped back to the text. A
text of one language costs one detection as before.
"""

from __future__ import annotations

from dataclasses import replace

from guardrails.findings import Detector, Finding
from guardrails.language import LanguageDetector


def detect_routed(
    detector: Detector, languages: LanguageDetector, text: str, language: str | None = None
) -> tuple[str, list[Finding]]:
    """The text's main language and its findings (offsets into ``text``).

    ``language`` given: the whole text in that language. Otherwise per language run; the main
    language is the one covering most characters.
    """
    if language is not None:
        return language, detector.detect(text, language)
    runs = languages.segments(text)
    if len(runs) == 1:
        return runs[0].language, detector.detect(text, runs[0].language)
    findings: list[Finding] = []
    share: dict[str, int] = {}
    for run in runs:
        share[run.language] = share.get(run.language, 0) + run.end - run.start
        for finding in detector.detect(text[run.start : run.end], run.language):
            findings.append(replace(finding, start=finding.start + run.start, end=finding.end + run.start))
    return max(share, key=lambda lang: share[lang]), findings
