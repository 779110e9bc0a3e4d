"""What is counted, in reports of any crisis: indicator, unit and group from the words.

Sentences written in the style of sitreps, ministry statements and wire reports, not
taken from the dev sets.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.extract.pipeline import extract_claims

DAY = date(2024, 3, 1)


def _kinds(text: str) -> list[tuple[str, str, str | None]]:
    return [(c.indicator, c.unit, c.group) for c in extract_claims(text, DAY)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The army said it lost up to 310 soldiers near the river.",
            ("combatants.losses", "people", "combatants"),
        ),
        (
            "Some 840 enemy personnel were eliminated over the week.",
            ("combatants.losses", "people", "combatants"),
        ),
        (
            "The ministry reported 2,300 military casualties in the battle.",
            ("combatants.losses", "people", "combatants"),
        ),
        ("Forces destroyed 14 tanks in the sector.", ("equipment.destroyed", "vehicles", "tank")),
        (
            "The brigade lost 6 armoured vehicles.",
            ("equipment.destroyed", "vehicles", "armored_vehicle"),
        ),
        ("Troops destroyed 12 tunnels.", ("equipment.destroyed", "tunnels", "tunnel")),
    ],
)
def test_military_losses_and_equipment(text: str, expected: tuple[str, str, str | None]) -> None:
    assert _kinds(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The convoy delivered 1,200 hygiene kits to the camp.", ("aid.delivered", "kits")),
        ("Partners distributed 5,000 litres of drinking water.", ("aid.delivered", "litres")),
        ("The agency received 800 kilograms of rice.", ("aid.delivered", "kg")),
        ("WFP dispatched 40 tonnes of food.", ("aid.delivered", "tonnes")),
        ("Fifteen trucks of relief items crossed into the enclave.", ("aid.delivered", "trucks")),
    ],
)
def test_aid_is_counted_in_its_own_unit(text: str, expected: tuple[str, str]) -> None:
    indicator, unit, _ = _kinds(text)[0]
    assert (indicator, unit) == expected


def test_aid_in_a_mass_unit_names_the_commodity_as_group() -> None:
    assert _kinds("The shipment included 12 tonnes of wheat flour.")[0][2] == "wheat_flour"


def test_flights_count_as_evacuation_vehicles_in_flights() -> None:
    assert _kinds("Twelve military flights left the airport overnight with evacuees.")[0][:2] == (
        "evacuation.vehicles",
        "flights",
    )


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("Some 4,100 internally displaced persons arrived in the district.", "people.displaced"),
        ("About 9,000 refugees crossed into the neighbouring country.", "people.displaced"),
        ("The storm left 230 people dead in the valley.", "casualties.killed"),
        ("Clashes caused 41 deaths and 120 injured.", "casualties.killed"),
        ("The medical evacuation of 23 people wounded in the shelling.", "people.evacuated"),
        ("The camp is hosting 12,000 displaced people.", "people.sheltered"),
        ("The town was home to 85,000 people before the war.", "population.in_area"),
        ("Some 60 villages changed hands during the week.", "territory.areas_taken"),
        ("An assessment found 900 families in need of shelter.", "other"),
    ],
)
def test_indicator_from_the_words_of_the_clause(text: str, indicator: str) -> None:
    assert _kinds(text)[0][0] == indicator


def test_coordinated_outcomes_keep_their_own_words() -> None:
    assert [k[0] for k in _kinds("Clashes caused 41 deaths and 120 injured.")] == [
        "casualties.killed",
        "casualties.injured",
    ]


def test_a_nationality_is_a_group_and_a_mixed_list_is_none() -> None:
    kinds = _kinds("Of the arrivals, 70 per cent Sudanese and 30 per cent Eritreans.")
    assert [k[2] for k in kinds] == ["sudanese", "eritreans"]
    assert _kinds("The survey counted 5,000 Somali and Kenyan people.")[0][2] is None


def test_an_unknown_noun_is_counted_as_written() -> None:
    _, unit, _ = _kinds("The army repelled four counterattacks.")[0]
    assert unit == "counterattacks"
    assert _kinds("Ten assessment teams were deployed.")[0][:2] == ("other", "teams")


def test_destroyed_aircraft_are_aircraft_and_nationalists_are_fighters() -> None:
    kinds = _kinds("In total, 174 aircraft and 2,956 tanks have been destroyed.")
    assert kinds == [
        ("equipment.destroyed", "aircraft", None),
        ("equipment.destroyed", "vehicles", "tank"),
    ]
    assert _kinds("Up to 80 nationalists were eliminated.")[0] == (
        "combatants.losses",
        "people",
        "combatants",
    )
    assert _kinds("Officials reported 312 civilian deaths.")[0][2] == "civilians"
