"""Employee numbers after a cue: "Personalnummer 004711", "Pers.-Nr.: P-48213", "employee
ID E-482913", "staff no. 7731".

HR questions and tickets name colleagues by their personnel number as often as by name, and
inside the company the number identifies the person as surely. Its form differs from company
to company, so only the cue makes it one: a German or English personnel-number word right
before a token of 3 to 16 letters, digits and ``-``/``/`` that holds at least one digit. A
company with a fixed format can still add its own pattern in the policy (``recognizers``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: A cue right before the number: as sure as the document-number recognizers with context.
EMPLOYEE_ID_SCORE = 0.85

_CUES = (
    r"personal[ -]?(?:nummer|nr\.?|kennziffer)|pers\.?[ -]?nr\.?|persnr\.?"
    r"|mitarbeiter[ -]?(?:nummer|nr\.?|id|kennung)|ma[ -]nr\.?"
    r"|(?:employee|staff|personnel|payroll)[ -]?(?:number|no\.?|id)|employee(?=\s*#)|emp[ -]?id"
    r"|badge[ -]?(?:number|no\.?|id)"
)
_EMPLOYEE_ID = re.compile(
    rf"(?<![\w.-])(?:{_CUES})(?:\s*[:#=]\s*|\s+(?:is|ist|lautet)\s+|\s+)"
    r"(?P<id>(?=[A-Za-z/-]*\d)[A-Za-z0-9][A-Za-z0-9/-]{1,14}[A-Za-z0-9])"
    r"(?![\w@]|[.,]\d)",
    re.IGNORECASE,
)
#: any cue at all (most texts have none: then nothing else is looked for)
_ANY_CUE = re.compile(
    r"personal|pers\.?[ -]?nr|persnr|mitarbeiter|ma[ -]nr|employee|staff|personnel|payroll"
    r"|emp[ -]?id|badge",
    re.IGNORECASE,
)


class EmployeeIdRecognizer(SpanRecognizer):
    """``EMPLOYEE_ID``: a personnel number right after its cue."""

    ENTITY = "EMPLOYEE_ID"
    NAME = "EmployeeIdRecognizer"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language, [])

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each employee number that follows a cue."""
        if not _ANY_CUE.search(text):
            return
        for match in _EMPLOYEE_ID.finditer(text):
            yield match.start("id"), match.end("id"), EMPLOYEE_ID_SCORE
