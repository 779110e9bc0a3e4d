"""Counted phrase and indicator stages on real sentences."""

from __future__ import annotations

import pytest

from sitroom.extract.indicators import classify
from sitroom.extract.numbers import find_numbers
from sitroom.extract.phrases import counted_phrase
from sitroom.vocabulary import default_vocabulary


def first(text: str) -> tuple[str, str | None, str, str]:
    number = find_numbers(text)[0]
    phrase = counted_phrase(text, number)
    found = classify(text, 0, number, phrase, default_vocabulary())
    assert found is not None
    return text[number.start : phrase.end], found.group, found.indicator, found.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rudskoy said 1,096 militants have left Aleppo voluntarily.",
            ("1,096 militants", "combatants", "combatants.left", "people"),
        ),
        (
            "more than 10,500 people have been taken from the Aleppo areas controlled by militants",
            ("10,500 people", None, "people.evacuated", "people"),
        ),
        (
            "Thirty militants in Aleppo agreed to lay down weapons and gave themselves up.",
            ("Thirty militants", "combatants", "combatants.surrendered", "people"),
        ),
        (
            "over 3,500 militants had been transferred from the Khan al-Shih township to Idlib",
            ("3,500 militants", "combatants", "people.transferred", "people"),
        ),
        (
            "the Russian military have delivered more than 270 tons of humanitarian aid",
            ("270 tons", None, "aid.delivered", "tonnes"),
        ),
        (
            "A total of 155 field kitchens have been deployed to provide hot meals",
            ("155 field kitchens", None, "aid.field_kitchens", "kitchens"),
        ),
        (
            "two temporary accommodation centers have been set up for civilians who have fled",
            ("two temporary accommodation centers", None, "shelters.opened", "centres"),
        ),
        (
            "52 neighborhoods in east Aleppo have been recaptured from militants",
            ("52 neighborhoods", None, "territory.areas_taken", "areas"),
        ),
        (
            "Some 9,600 IDPs were registered in Hanano and surroundings",
            ("9,600 IDPs", None, "people.sheltered", "people"),
        ),
        (
            "Close to 7,000 people left the shelters for unknown locations.",
            ("7,000 people", None, "people.displaced", "people"),
        ),
        (
            "Six orphaned and very young children were amongst the evacuees.",
            ("Six orphaned and very young children", "children", "people.evacuated", "people"),
        ),
        (
            "The Syrian Army now controls 93% of the city's territory.",
            ("93%", None, "territory.share", "percent"),
        ),
        (
            "21 sites have been cleared of mines",
            ("21 sites", None, "mine_action.sites_cleared", "sites"),
        ),
        (
            "the area held by gunmen has decreased by one-third.",
            ("one-third", None, "territory.held_change", "ratio"),
        ),
        # kinds of people listed as one count are one phrase, and a mixed one narrows to none
        (
            "Some 2,000 elderly people, women and children were evacuated from the old town",
            ("2,000 elderly people, women and children", None, "people.evacuated", "people"),
        ),
        (
            "At least 300 men, women and children fled the shelling overnight.",
            ("300 men, women and children", None, "people.displaced", "people"),
        ),
        (
            "1,200 women, children and the elderly were bussed out of the besieged quarter",
            ("1,200 women, children and the elderly", None, "people.transferred", "people"),
        ),
    ],
)
def test_indicator_group_and_unit(text: str, expected: tuple[str, str | None, str, str]) -> None:
    assert first(text) == expected


def test_a_figure_no_trigger_fits_is_left_to_the_caller() -> None:
    text = "95 critically ill"
    number = find_numbers(text)[0]
    assert classify(text, 0, number, counted_phrase(text, number), default_vocabulary()) is None


def test_n_of_them_counts_the_whole_named_before() -> None:
    text = "1,096 militants have left, 953 of them have been amnestied"
    phrase = counted_phrase(text, find_numbers(text)[1])
    assert phrase.anaphoric and phrase.head == ""


def test_families_and_households_are_counted_as_such_not_as_people() -> None:
    from datetime import date

    from sitroom.extract.pipeline import extract_claims

    [claim] = extract_claims("200 families were displaced from Hanano.", date(2016, 12, 9))
    assert (claim.indicator, claim.unit, claim.group) == ("people.displaced", "families", None)
    [claim] = extract_claims("Some 1,500 households fled the town.", date(2016, 12, 9))
    assert (claim.indicator, claim.unit) == ("people.displaced", "households")
    [_, _, members] = extract_claims(
        "3,690 people were transferred, including 2,079 militants and 1,611 their family members.",
        date(2016, 12, 9),
    )
    assert (members.unit, members.group) == ("people", "family_members")


def test_a_count_listed_with_another_count_keeps_to_its_own_people() -> None:
    text = "2,000 residents and 300 fighters left the area."
    phrase = counted_phrase(text, find_numbers(text)[0])
    assert phrase.words == ("residents",)


def test_evacuees_moved_on_to_shelters_are_still_evacuees() -> None:
    from datetime import date

    from sitroom.extract.pipeline import extract_claims

    whole, part = extract_claims(
        "Overnight, 900 people were evacuated from the Old City, of whom 250 were later "
        "transferred to shelters in Jibrin.",
        date(2016, 12, 9),
    )
    assert (whole.indicator, part.part_of) == ("people.evacuated", whole.local_id)
    assert part.indicator == "people.evacuated"
    # a transfer that is nobody's part stays a transfer
    [alone] = extract_claims("250 people were transferred to Jibrin.", date(2016, 12, 9))
    assert alone.indicator == "people.transferred"
