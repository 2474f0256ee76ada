"""Synthetic German and English chat messages with known personal data (pure, seeded).

The guardrail benchmark needs texts of exact lengths (100, 1,000, 5,000 characters) in both
languages, all different (so no detection cache helps), and it needs to know which values
were planted so it can tell how many the protection let through. Faker provides the values;
the sentences are written here for office chat, not taken from any evaluation set.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Literal

from faker import Faker

Language = Literal["de", "en"]

PII_SENTENCES: dict[Language, tuple[str, ...]] = {
    "en": (
        "Hi, this is {name}, please call me back at {phone}.",
        "Please send the contract to {email} by Friday.",
        "{name} from accounting asked whether the travel costs were approved.",
        "My colleague {name} ({email}) will join the meeting tomorrow.",
        "The refund goes to IBAN {iban}, account holder {name}.",
        "Can you draft a polite reply to {name} about the delayed delivery?",
    ),
    "de": (
        "Hallo, hier ist {name}, bitte rufen Sie mich unter {phone} zurück.",
        "Bitte schicken Sie den Vertrag bis Freitag an {email}.",
        "{name} aus der Buchhaltung fragt, ob die Reisekosten genehmigt sind.",
        "Mein Kollege {name} ({email}) nimmt morgen an dem Termin teil.",
        "Die Erstattung geht auf das Konto {iban}, Kontoinhaber {name}.",
        "Kannst du eine höfliche Antwort an {name} wegen der verspäteten Lieferung entwerfen?",
    ),
}

FILLER_SENTENCES: dict[Language, tuple[str, ...]] = {
    "en": (
        "Could you summarise the attached quarterly report in three bullet points?",
        "We need the draft before the steering committee meets next week.",
        "The numbers for the third quarter look better than expected.",
        "Please keep the tone formal and avoid internal abbreviations.",
        "The project plan has to be updated after the last review.",
        "Let me know if anything in the budget is unclear.",
    ),
    "de": (
        "Kannst du den angehängten Quartalsbericht in drei Stichpunkten zusammenfassen?",
        "Wir brauchen den Entwurf, bevor der Lenkungskreis nächste Woche tagt.",
        "Die Zahlen für das dritte Quartal sehen besser aus als erwartet.",
        "Bitte bleib förmlich und verwende keine internen Abkürzungen.",
        "Der Projektplan muss nach dem letzten Review aktualisiert werden.",
        "Sag Bescheid, wenn im Budget etwas unklar ist.",
    ),
}

FAKER_LOCALE: dict[Language, str] = {"en": "en_US", "de": "de_DE"}

_FIELD = re.compile(r"\{(name|email|phone|iban)\}")


@dataclass(frozen=True)
class PlantedValue:
    """A personal value placed in a text at ``text[start:end]``."""

    kind: Literal["name", "email", "phone", "iban"]
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class PiiText:
    """A synthetic message and the values planted in it (only those wholly inside)."""

    language: Language
    text: str
    planted: tuple[PlantedValue, ...]


class PiiTextFactory:
    """Makes distinct messages of exact lengths; the same seed gives the same texts."""

    def __init__(self, seed: int = 7) -> None:
        self._random = random.Random(seed)
        self._fakers: dict[Language, Faker] = {}
        for offset, (language, locale) in enumerate(FAKER_LOCALE.items()):
            faker = Faker(locale)
            faker.seed_instance(seed + offset)
            self._fakers[language] = faker

    def _value(self, language: Language, kind: str) -> str:
        faker = self._fakers[language]
        if kind == "name":
            return f"{faker.first_name()} {faker.last_name()}"
        if kind == "email":
            return str(faker.email())
        if kind == "phone":
            return str(faker.phone_number())
        return str(faker.iban())

    def _sentence(
        self, language: Language, with_pii: bool, offset: int
    ) -> tuple[str, list[PlantedValue]]:
        pool = PII_SENTENCES[language] if with_pii else FILLER_SENTENCES[language]
        template = self._random.choice(pool)
        parts: list[str] = []
        planted: list[PlantedValue] = []
        cursor = 0
        length = offset
        for match in _FIELD.finditer(template):
            literal = template[cursor : match.start()]
            parts.append(literal)
            length += len(literal)
            value = self._value(language, match.group(1))
            planted.append(PlantedValue(match.group(1), value, length, length + len(value)))  # type: ignore[arg-type]
            parts.append(value)
            length += len(value)
            cursor = match.end()
        parts.append(template[cursor:])
        return "".join(parts), planted

    def make(self, language: Language, size: int) -> PiiText:
        """A message of exactly ``size`` characters that starts with a sentence holding PII.

        About every second sentence carries personal data. The text is cut at ``size``; a
        value the cut splits is not counted as planted.
        """
        if size < 20:
            raise ValueError("messages shorter than 20 characters cannot hold a value")
        text = ""
        planted: list[PlantedValue] = []
        with_pii = True
        while len(text) < size:
            offset = len(text) + (1 if text else 0)
            sentence, values = self._sentence(language, with_pii, offset)
            text = f"{text} {sentence}" if text else sentence
            planted.extend(values)
            with_pii = self._random.random() < 0.5
        if len(text) > size:
            text = text[:size]
        return PiiText(language, text, tuple(v for v in planted if v.end <= size))


def leaked(sample: PiiText, protected: str) -> list[PlantedValue]:
    """Planted values still readable in ``protected`` (what the model or a log would see).

    A name leaks when any of its words (3+ letters) is still there as a whole word, so a
    half-masked name counts as a leak; other values leak when they appear verbatim.
    """
    out: list[PlantedValue] = []
    for value in sample.planted:
        if value.kind == "name":
            words = [w for w in re.split(r"\s+", value.value) if len(w) >= 3]
            if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", protected) for w in words):
                out.append(value)
        elif value.value in protected:
            out.append(value)
    return out
