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
