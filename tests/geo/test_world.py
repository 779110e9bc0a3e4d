"""The world gazetteer: GeoNames places by any spelling, found word by word in texts."""

from __future__ import annotations

import pytest

from sitroom.domain import PlaceKind
from sitroom.extract.places import find_places, in_person_phrase
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.geo.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return bundled_gazetteer()


# spellings reports use for one place: Arabic articles, ou/u, e/i, doubled letters,
# Russian and Ukrainian transliterations
VARIANT_PAIRS = [
    ("Hodeidah", "Hudaydah"),
    ("Hodeidah", "Al Hudaydah"),
    ("Al-Hudaydah", "Hudaydah"),
    ("Kharkiv", "Kharkov"),
    ("Idleb", "Idlib"),
    ("El Fasher", "Al Fashir"),
    ("Kyiv", "Kiev"),
    ("Luhansk", "Lugansk"),
    ("Sanaa", "Sana'a"),
    ("Geneina", "El Geneina"),
    ("Derna", "Darnah"),
]


@pytest.mark.parametrize(("one", "other"), VARIANT_PAIRS)
def test_spelling_variants_find_one_place(gazetteer: Gazetteer, one: str, other: str) -> None:
    first, second = gazetteer.find(one), gazetteer.find(other)
    assert first is not None and second is not None
    assert first.name == second.name


def test_a_town_has_its_division_and_country_as_parents(gazetteer: Gazetteer) -> None:
    nyala = gazetteer.find("Nyala")
    assert nyala is not None and nyala.kind is PlaceKind.CITY
    state = gazetteer.find(nyala.parent or "")
    assert state is not None and state.kind is PlaceKind.ADMIN1
    assert state.parent == "Sudan"
    sudan = gazetteer.find("Sudan")
    assert sudan is not None and sudan.kind is PlaceKind.COUNTRY
    assert "Nyala" in {p.name for p in gazetteer.inside(sudan)}


def test_a_division_alias_that_names_a_town_is_the_town(gazetteer: Gazetteer) -> None:
    beirut, mount = gazetteer.find("Beirut"), gazetteer.find("Mount Lebanon")
    assert beirut is not None and beirut.kind is PlaceKind.CITY
    assert mount is not None and mount.kind is PlaceKind.ADMIN1 and mount.parent == "Lebanon"


def _found(text: str, gazetteer: Gazetteer) -> list[str]:
    return [span.name for span in find_places(text, gazetteer)]


def test_places_of_a_sitrep_are_found_with_their_division_words(gazetteer: Gazetteer) -> None:
    text = (
        "Some 3,000 households fled El Fasher to Nyala and Zalingei in South Darfur, "
        "while others crossed from Al-Hudaydah governorate into Aden and Donetsk Oblast."
    )
    assert _found(text, gazetteer) == [
        "El Fasher",
        "Nyala",
        "Zalingei",
        "South Darfur",
        "Al-Hudaydah governorate",
        "Aden",
        "Donetsk Oblast",
    ]


def test_common_words_and_lower_case_are_not_places(gazetteer: Gazetteer) -> None:
    text = (
        "Of the 40 people, Police said in May that Hope and Mercy were given as aid. "
        "From March, the Republic sent food to the bar in the White House."
    )
    assert _found(text, gazetteer) == []


def test_acronyms_are_not_places(gazetteer: Gazetteer) -> None:
    assert _found("The RSF and SAF clashed; IOM DTM counted 300.", gazetteer) == []


@pytest.mark.parametrize(
    "text",
    [
        "deputy minister Jasim al-Atiyah said 30 people were killed.",
        "Jasim al-Atiyah, the deputy minister, said 30 people were killed.",
        "Mr Jasim told reporters that 30 people were killed.",
    ],
)
def test_a_persons_name_is_never_a_place(gazetteer: Gazetteer, text: str) -> None:
    assert "Jasim" not in _found(text, gazetteer)


def test_a_place_before_a_title_stays_a_place(gazetteer: Gazetteer) -> None:
    text = "Kharkiv Governor Oleh Syniehubov said 12 people were killed in Jasim."
    assert _found(text, gazetteer) == ["Kharkiv", "Jasim"]
    assert not in_person_phrase(text, 0, len("Kharkiv"))


def test_a_place_that_locates_another_is_dropped(gazetteer: Gazetteer) -> None:
    text = "families moved to the Kutupalong camp near Cox's Bazar"
    assert _found(text, gazetteer) == ["Kutupalong camp"]


def test_matching_is_linear_in_the_text(gazetteer: Gazetteer) -> None:
    # one look-up per word: a long text of place names and words finds each once
    text = "Displacement from Kharkiv to Lviv and Odesa continued. " * 2000
    assert len(gazetteer.mentions(text)) == 6000


def test_regions_of_places_toml_are_places_with_their_country() -> None:
    from sitroom.geo.bundled import bundled_gazetteer

    gazetteer = bundled_gazetteer()
    for name, region, country in [
        ("Darfur", "Darfur", "Sudan"),
        ("Karabakh", "Nagorno-Karabakh", "Azerbaijan"),
        ("Gaza", "Gaza Strip", "Palestinian Territory"),
    ]:
        place = gazetteer.find(name)
        assert place is not None and (place.name, place.parent) == (region, country)


def test_a_kind_word_after_a_known_name_finds_the_place() -> None:
    from sitroom.domain import Place, PlaceKind
    from sitroom.geo.gazetteer import Gazetteer

    gazetteer = Gazetteer([Place("Saltivskyi", PlaceKind.ADMIN2, parent="Kharkiv")])
    found = gazetteer.find("Saltivskyi district")
    assert found is not None and found.name == "Saltivskyi"
