"""Fixtures of the extraction tests: a small gazetteer of real places, the sample reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.domain import Place, PlaceKind
from sitroom.geo.gazetteer import Gazetteer

REPORTS = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "reports"
GOLD = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "gold"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """A handful of places of the 2016 Aleppo evacuations, with their spelling variants."""
    return Gazetteer(
        [
            Place("Aleppo", PlaceKind.CITY, aliases=("Halab",)),
            Place("Syria", PlaceKind.COUNTRY),
            Place("Idlib", PlaceKind.ADMIN1, aliases=("Idleb",)),
            Place("Khan al-Shih", PlaceKind.SETTLEMENT, aliases=("Khan Eshieh", "Khan al-Sheh")),
            Place("Al-Tall", PlaceKind.SETTLEMENT, aliases=("At Tall",)),
            Place("Jibrin", PlaceKind.NEIGHBOURHOOD, aliases=("Jibreen",)),
            Place("Mahalej", PlaceKind.SITE, aliases=("Mahalij", "Al-Mahalej")),
            Place("Hanano", PlaceKind.NEIGHBOURHOOD),
            Place("Damascus", PlaceKind.CITY),
            Place("Rural Damascus", PlaceKind.ADMIN1),
            Place("Hama", PlaceKind.ADMIN1),
            Place("Homs", PlaceKind.ADMIN1),
        ]
    )
