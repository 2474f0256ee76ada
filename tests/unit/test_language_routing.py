"""Routing a mixed German/English text run by run to the detector (a fake detector)."""

from __future__ import annotations

from guardrails.findings import Finding
from guardrails.language import LanguageDetector
from guardrails.routing import detect_routed

EN = "Hi team, the quarterly numbers are attached and I will send more later. "
DE = "Mein Kennzeichen ist M-AB 1234, bitte für den Parkplatz eintragen."


class _PerLanguage:
    """Finds the word "Kennzeichen" only when asked in German, and records the calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def detect(self, text: str, language: str) -> list[Finding]:
        self.calls.append((language, text))
        at = text.find("Kennzeichen")
        if language != "de" or at < 0:
            return []
        return [Finding("DE_KFZ", at, at + len("Kennzeichen"), 0.9, "fake")]

    def detect_structured(self, text: str, language: str) -> list[Finding]:
        return []


def test_each_run_gets_its_language_and_findings_map_back_to_the_text() -> None:
    detector = _PerLanguage()
    language, findings = detect_routed(detector, LanguageDetector("en"), EN + DE)
    assert [lang for lang, _ in detector.calls] == ["en", "de"]
    assert [(f.entity_type, (EN + DE)[f.start : f.end]) for f in findings] == [("DE_KFZ", "Kennzeichen")]
    assert language == "en"  # the English run is the longer one


def test_a_given_language_or_a_single_language_text_is_one_call() -> None:
    detector = _PerLanguage()
    assert detect_routed(detector, LanguageDetector("en"), EN + DE, "en") == ("en", [])
    language, findings = detect_routed(detector, LanguageDetector("en"), DE)
    assert language == "de" and len(findings) == 1
    assert detector.calls == [("en", EN + DE), ("de", DE)]


def test_an_abbreviation_does_not_end_a_language_run() -> None:
    # "Apt." and "Dr." end no sentence: the address block and the name stay in one run
    text = (
        "Die Unterlagen sind schon in der Post und kommen bald bei dir an.\n"
        "Anna Berger\n24 St Marys Rd\nApt. 389 Winnipeg, the parcel is in the mail and will be "
        "there soon, Dr. Meier says. Király u. 15.\nSzeged is where it goes, thank you so much."
    )
    runs = LanguageDetector("en").segments(text)
    assert [r.language for r in runs] == ["de", "en"]
    for word in ("Apt. 389", "Dr. Meier", "15.\nSzeged"):
        at = text.index(word)
        assert not any(at < r.start < at + len(word) for r in runs)


def test_a_house_numbers_full_stop_keeps_the_town_in_its_run() -> None:
    text = (
        "Bitte schick die Unterlagen an diese Adresse, sie ist neu.\nKirály u. 15.\nSzeged\n"
        "The parcel is in the mail and it will be there soon, thank you."
    )
    runs = LanguageDetector("en").segments(text)
    town = text.index("Szeged")
    assert not any(r.start == town for r in runs)
