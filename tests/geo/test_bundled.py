import pytest

from sitroom.domain import PlaceKind
from sitroom.geo.bundled import CITY, bundled_gazetteer, bundled_places


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Aleppo", "Aleppo"),
        ("ALEPPO", "Aleppo"),
        ("حلب", "Aleppo"),
        ("Jibrin", "Jibreen"),
        ("Jibreen", "Jibreen"),
        ("Mahalij", "Mahalej"),
        ("Al-Mahalej", "Mahalej"),
        ("Khan Eshieh", "Khan al-Shih"),
        ("Khan al-Sheh", "Khan al-Shih"),
        ("Idleb", "Idlib"),
        ("Idleb Governorate", "Idleb Governorate"),
        ("Idlib Governorate", "Idleb Governorate"),
        ("Aleppo Governorate", "Aleppo Governorate"),
        ("eastern Aleppo", "East Aleppo"),
        ("west Aleppo", "West Aleppo"),
        ("At Tall", "Al-Tall"),
        ("Sheikh Said", "Sheikh Sa’eed"),
        ("Masaken Hanano", "Hanano"),
    ],
)
def test_bundled_gazetteer_finds_every_spelling(written: str, name: str) -> None:
    place = bundled_gazetteer().find(written)
    assert place is not None and place.name == name


def test_bundled_places_hold_city_governorates_and_all_neighbourhood_names() -> None:
    places = bundled_places()
    kinds = [p.kind for p in places]
    assert kinds.count(PlaceKind.ADMIN1) == 14
    neighbourhoods = [p for p in places if p.kind is PlaceKind.NEIGHBOURHOOD]
    assert len(neighbourhoods) == 126
    assert all(p.parent == CITY and p.area_km2 for p in neighbourhoods)
    assert len({p.name for p in places}) == len(places)


def test_city_area_is_the_sum_of_its_neighbourhoods() -> None:
    places = {p.name: p for p in bundled_places()}
    parts = sum(p.area_km2 or 0 for p in places.values() if p.parent == CITY)
    assert places[CITY].area_km2 == pytest.approx(parts, rel=1e-6)
    assert 120 < parts < 130  # km², on an equal-area projection, not square degrees
    # Sheikh Najjar is about a fifth of the city (sample/control/README.md)
    assert places["Sheikh Najjar"].area_km2 == pytest.approx(25.6, abs=0.2)


def test_mahalej_has_no_geometry_and_sits_in_jibreen() -> None:
    mahalej = bundled_gazetteer().find("Mahalej")
    assert mahalej is not None
    assert mahalej.geometry is None and mahalej.parent == "Jibreen"


def test_mentions_find_places_across_transliterations() -> None:
    text = "buses left eastern Aleppo for Khan Eshieh and Idleb; the shelter in Mahalij"
    found = [m.place.name for m in bundled_gazetteer().mentions(text)]
    assert found == ["East Aleppo", "Khan al-Shih", "Idlib", "Mahalej"]
