"""Lower-case English dictionary words: "churn", "backlog", "overdue".

The name tagger is sometimes sure of a lower-case word that is no name at all ("reduce
churn", "our HR chatbot"): in chat, names are typed in lower case too, so lower case alone
says nothing, and a word no list knows may be a name the lists lack ("priya"). A word the
English dictionary holds and no name list knows is a thing, however sure the tagger is
(:mod:`guardrails.person_evidence`). The list is SCOWL's American English word list as
Debian's ``wamerican`` package ships it (the lower-case, letters-only entries; Copyright
2000-2011 Kevin Atkinson, permissive licence, see ``guardrails/data/README.md``).
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("data") / "english_words.txt.gz"


@cache
def english_words() -> frozenset[str]:
    """The lower-case English dictionary words (empty when the file is missing)."""
    try:
        with gzip.open(WORDS_FILE, "rt", encoding="utf-8") as handle:
            return frozenset(line.strip() for line in handle if line.strip())
    except OSError:
        return frozenset()
