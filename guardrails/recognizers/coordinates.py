"""``GEO_COORDINATES``: a place given as latitude and longitude.

A phone's last position, a delivery address, a field visit, "his home: 52.520008,
13.404954": coordinates place someone to a few metres, as surely as a street address. Found:

- degrees and minutes (seconds optional) with hemisphere letters, "52°31'12.0\"N
  13°24'18.0\"E", "48° 8.23' N, 11° 34.58' O": nothing else is written so;
- a decimal pair in range, "52.520008, 13.404954", "48.1372 N, 11.5756 E", a map link's
  "@52.5200,13.4050,15z": with five or more decimals each (metres, which no statistic
  reports; a latitude of 1° or more, as few people live on the equator and "AUC 0.91234,
  0.87651" is a statistic), or four or more where a geographic word stands before it on its
  line ("GPS", "Koordinaten", "coordinates", "Standort", "location", "Maps" ...);
- a value after a latitude or longitude key, "lat=52.5200&lon=13.4050", "Breitengrad:
  48.137" ("Breite" and "Länge" are a box's width and length as often, and stay).

A pair is one finding (both numbers and what stands between them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: degrees, minutes and seconds with hemisphere letters, or a pair after a geographic word
SURE_SCORE = 0.85
#: a bare decimal pair at metre precision, or a value after a latitude / longitude key
PAIR_SCORE = 0.7

_MINUTES = r"\d{1,2}(?:[.,]\d+)?\s*['′’]"
_SECONDS = r"(?:\s*\d{1,2}(?:[.,]\d+)?\s*(?:\"|″|''|”))?"
_DMS = re.compile(
    rf"(?<![\w°])\d{{1,2}}\s*°\s*{_MINUTES}{_SECONDS}\s*[NS]\b[\s,;/]*"
    rf"\d{{1,3}}\s*°\s*{_MINUTES}{_SECONDS}\s*[EWO]\b"
)
_PAIR = re.compile(
    r"(?<![\w.,+-])(?P<lat>[-+]?\d{1,2}\.(?P<lat_places>\d{4,}))(?:\s*°)?(?:\s*[NS]\b)?"
    r"\s*[,;/ ]\s*"
    r"(?P<lon>[-+]?\d{1,3}\.(?P<lon_places>\d{4,}))(?:\s*°)?(?:\s*[EWO]\b)?(?!\d|\.\d)"
)
_KEYED = re.compile(
    r"(?<![^\W_])(?:(?P<lat_key>lat|latitude|breitengrad)|lon|lng|long|longitude|längengrad)"
    r"[\"']?\s*[:=]\s*[\"']?(?P<value>[-+]?\d{1,3}\.\d{2,})(?!\d|\.\d)",
    re.IGNORECASE,
)
_GEO_WORD = re.compile(
    r"(?<![^\W_])(?:gps|geo\w*|koordinaten?|coordinates?|coords|standort\w*|location|position"
    r"|maps?|karte|wgs ?84|lat|lon|lng|breitengrad|längengrad)(?![^\W_])",
    re.IGNORECASE,
)
#: every decimal value in a pair or after a key has two decimals at least (a literal first
#: character: found fast)
_DECIMALS = re.compile(r"\.\d\d")
#: how far around such a decimal a pair or a key is looked for
_BEFORE, _AFTER = 30, 30


class GeoCoordinatesRecognizer(SpanRecognizer):
    """``GEO_COORDINATES`` in any language (see the module's notes)."""

    ENTITY = "GEO_COORDINATES"
    NAME = "GeoCoordinatesRecognizer"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each pair of coordinates, and each value after a latitude or longitude key."""
        if "°" in text:
            for m in _DMS.finditer(text):
                yield m.start(), m.end(), SURE_SCORE
        for start, end in _windows(text):
            yield from _decimal_spans(text, start, end)


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around its decimals, merged where they meet."""
    windows: list[tuple[int, int]] = []
    for m in _DECIMALS.finditer(text):
        start, end = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _decimal_spans(text: str, start: int, end: int) -> Iterable[tuple[int, int, float]]:
    """Decimal pairs and keyed values in ``text[start:end]``."""
    for m in _PAIR.finditer(text, start, end):
        if not (abs(float(m["lat"])) <= 90 and abs(float(m["lon"])) <= 180):
            continue
        if _geo_word_before(text, m.start()):
            yield m.start(), m.end(), SURE_SCORE
        elif min(len(m["lat_places"]), len(m["lon_places"])) >= 5 and abs(float(m["lat"])) >= 1:
            yield m.start(), m.end(), PAIR_SCORE
    for m in _KEYED.finditer(text, start, end):
        limit = 90 if m["lat_key"] else 180
        if abs(float(m["value"])) <= limit:
            yield m.start("value"), m.end("value"), PAIR_SCORE


def _geo_word_before(text: str, start: int) -> bool:
    """Whether a geographic word stands before ``start`` on its line (80 characters back at
    most)."""
    line_start = text.rfind("\n", max(0, start - 80), start) + 1
    return _GEO_WORD.search(text, max(line_start, start - 80), start) is not None
