"""Country and territory names as addresses write them, English and German (casefolded).

From Faker's address providers (MIT; ``en`` and ``de_DE``), the parenthesised part of a name
both kept and dropped ("Slovakia (Slovak Republic)": both forms), plus usual forms that list
lacks ("United States", "Democratic Republic of the Congo"). Multi-word names are what the
word list :data:`~guardrails.ordinary_vocabulary.PLACES` cannot hold ("Marshall Islands":
"Marshall" alone is a surname).
"""

from __future__ import annotations

import importlib
import re
from functools import cache

_LOCALES = ("en", "de_DE")
_PARENTHESES = re.compile(r"\s*\(([^)]*)\)")
_USUAL_FORMS = (
    "united states", "united states of america", "united kingdom", "great britain",
    "democratic republic of the congo", "republic of the congo", "dr congo", "ivory coast",
    "south korea", "north korea", "czech republic", "vatican city", "east timor",
    "vereinigte staaten", "vereinigtes königreich", "tschechische republik",
)  # fmt: skip


@cache
def country_names() -> frozenset[str]:
    """Every known country or territory name, casefolded."""
    names: set[str] = set(_USUAL_FORMS)
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        for name in provider.countries:
            names.add(_PARENTHESES.sub("", name).strip().casefold())
            for inner in _PARENTHESES.findall(name):
                names.add(inner.strip().casefold())
    return frozenset(n for n in names if n)
