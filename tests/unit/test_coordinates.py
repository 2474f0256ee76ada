"""GEO_COORDINATES: latitude and longitude in the forms they are written, and numbers that
only look like them."""

from __future__ import annotations

import pytest

from guardrails.recognizers.coordinates import GeoCoordinatesRecognizer

RECOGNIZER = GeoCoordinatesRecognizer("en")


def found(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in RECOGNIZER.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The GPS coordinates of his home: 52.5200, 13.4050", ["52.5200, 13.4050"]),
        ("Er wohnt bei 48.137154, 11.576124.", ["48.137154, 11.576124"]),  # metre precision
        ("https://www.google.com/maps/@52.5200,13.4050,15z", ["52.5200,13.4050"]),
        ("London office: 51.507351, -0.127758", ["51.507351, -0.127758"]),
        ("Standort: 48.1372 N, 11.5756 E", ["48.1372 N, 11.5756 E"]),
        ("52°31'12.0\"N 13°24'18.0\"E", ["52°31'12.0\"N 13°24'18.0\"E"]),
        ("Treffpunkt 48° 8.23' N, 11° 34.58' O", ["48° 8.23' N, 11° 34.58' O"]),
        ("lat=52.5200&lon=13.4050", ["52.5200", "13.4050"]),
        ('{"lat": 48.1372, "lng": 11.5756}', ["48.1372", "11.5756"]),
        ("Breitengrad: 48.137, Längengrad: 11.575", ["48.137", "11.575"]),
    ],
)
def test_coordinates_are_found(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "precision 0.9123, 0.8765",  # four decimals and no geographic word
        "AUC 0.91234, 0.87651",  # five, but a latitude under 1°: a statistic
        "Länge: 12.50 m, Breite: 48.50 cm",  # a box's length and width
        "version 1.2.3, 4.5678",
        "GPS: 95.12345, 13.40500",  # no latitude beyond 90°
        "lat=123.45",
        "Der Umsatz stieg um 12.5 %, 3.4 Mio. Euro",
    ],
)
def test_numbers_that_only_look_like_coordinates_stay(text: str) -> None:
    assert found(text) == []
