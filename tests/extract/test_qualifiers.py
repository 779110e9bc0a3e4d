"""Qualifiers stage: "more than", "nearly", "up to", vague, range, and the sign of a change."""

from __future__ import annotations

import pytest

from sitroom.domain import Qualifier
from sitroom.extract.numbers import find_numbers
from sitroom.extract.qualifiers import qualify


def qualifiers(text: str) -> list[tuple[Qualifier, str]]:
    found = []
    for number in find_numbers(text):
        q = qualify(text, number)
        found.append((q.qualifier, text[q.start : number.end]))
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "More than 1,000 militants have voluntarily left",
            (Qualifier.AT_LEAST, "More than 1,000"),
        ),
        ("including over 4,000 children", (Qualifier.AT_LEAST, "over 4,000")),
        ("at least 39,250 IDPs have arrived", (Qualifier.AT_LEAST, "at least 39,250")),
        ("up to 5,000 people may leave", (Qualifier.AT_MOST, "up to 5,000")),
        ("fewer than 200 families", (Qualifier.AT_MOST, "fewer than 200")),
        ("Nearly 150 civilians were evacuated", (Qualifier.APPROX, "Nearly 150")),
        ("Some 9,600 IDPs were registered", (Qualifier.APPROX, "Some 9,600")),
        ("Close to 7,000 people left the shelters", (Qualifier.APPROX, "Close to 7,000")),
        ("an estimated 100,000 people", (Qualifier.APPROX, "an estimated 100,000")),
        ("Dozens of tons of humanitarian aid", (Qualifier.VAGUE, "Dozens of")),
        ("between 3,000 and 4,000 people", (Qualifier.RANGE, "between 3,000 and 4,000")),
        ("118 patients were taken", (Qualifier.EXACT, "118")),
    ],
)
def test_qualifier_of_real_figures(text: str, expected: tuple[Qualifier, str]) -> None:
    assert qualifiers(text)[0] == expected


def test_a_decrease_gives_a_negative_sign() -> None:
    text = "the area held by gunmen has decreased by one-third."
    (number,) = find_numbers(text)
    assert qualify(text, number).sign == -1
    text = "the number of shelters increased by 20"
    (number,) = find_numbers(text)
    assert qualify(text, number).sign == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the death toll exceeded 2,000 on Friday", (Qualifier.AT_LEAST, "exceeded 2,000")),
        ("arrivals surpassed 1 million", (Qualifier.AT_LEAST, "surpassed 1 million")),
        ("The number of IDPs has topped 5,000.", (Qualifier.AT_LEAST, "topped 5,000")),
        ("costs now exceed $4.3bn", (Qualifier.AT_LEAST, "exceed $4.3bn")),
    ],
)
def test_a_passed_mark_is_at_least_the_mark(text: str, expected: tuple[Qualifier, str]) -> None:
    assert qualifiers(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia lost 900 soldiers in the past day",
        "the brigade lost nine tanks",
        "the population fell to 20,000",
        "rations were reduced to 1,200 kcal",
        "down to 300 families",
    ],
)
def test_a_loss_or_a_level_after_a_fall_stays_positive(text: str) -> None:
    number = find_numbers(text)[0]
    assert qualify(text, number).sign == 1


@pytest.mark.parametrize(
    "text",
    [
        "the area held by gunmen has decreased by a further 10%",
        "admissions fell 20% in May",
        "a reduction of 15 per cent in rations",
        "the caseload dropped by 3,000",
        "the area held has shrunk by a third",
    ],
)
def test_a_stated_change_of_a_fall_is_negative(text: str) -> None:
    number = find_numbers(text)[0]
    assert qualify(text, number).sign == -1
