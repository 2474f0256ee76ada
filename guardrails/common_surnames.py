"""Frequent German surnames that Faker's name lists lack.

Faker's ``de_DE``, ``de_AT`` and ``de_CH`` providers hold about 1,400 surnames, but not
"Schulze", "Schmitz", "Krüger" or "Wolff", which are among Germany's hundred most frequent.
The rules that need a known name ("Kunde: Schulze" in a record, "Schulze ist heute krank",
"@tkrueger") missed them. These were written down by the project from general knowledge of
German surname frequency and kept only where no name list had them; ordinary words among
frequent surnames ("Busch", "Stahl", "Wiese", "Vetter", "Schade") are left out, so a bush or
a pity is never a known name.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


COMMON_GERMAN_SURNAMES = _words(
    """
    Ahrens Behrens Böhme Böttcher Brinkmann Brüggemann Bruhn Bruns Carstensen Dreyer Eckert
    Ehlers Feldmann Gerdes Grimm Hanke Harms Hauck Heinemann Hildebrandt Hinrichs Hoppe
    Junker Kaminski Kleinschmidt Kowalski Krämer Kretschmer Krüger Kühn Kühne Kunze Lehnert
    Lemke Lorenzen Lüdtke Marquardt Matthes Meißner Menzel Mertens Nolte Oltmanns Pape
    Pietsch Radtke Reichert Riedel Röder Rösler Scheffler Schlüter Schmitz Schulte Schulze
    Schütte Struck Thiel Thiele Thoma Tiedemann Tietz Trautmann Uhlig Voigt Vollmer Wegner
    Weigel Weis Wendel Westphal Wiegand Winkelmann Witt Wójcik Wolff Wolter Wübben
    """
)
