"""Numbers stage: what counts, and the numbers that must not become claims."""

from __future__ import annotations

import pytest

from sitroom.extract.numbers import NumberKind, find_numbers


def values(text: str) -> list[tuple[str, float]]:
    return [(text[m.start : m.end], m.value) for m in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rudskoy said 1,096 militants have left Aleppo voluntarily, 953 of them have been "
            "amnestied.",
            [("1,096", 1096), ("953", 953)],
        ),
        ("Thirty militants in Aleppo agreed to lay down weapons.", [("Thirty", 30)]),
        ("an area with a population of more than 90 thousand", [("90 thousand", 90_000)]),
        ("some 1.1 million people remain", [("1.1 million", 1_100_000)]),
        ("Three dozen other civilians had also sought refuge there.", [("Three dozen", 36)]),
        ("Dozens of tons of humanitarian aid are delivered daily", [("Dozens of", 24)]),
        ("believes it is in the tens of thousands.", [("tens of thousands", 20_000)]),
        ("hundreds of families fled", [("hundreds of", 200)]),
        ("the area held by gunmen has decreased by one-third.", [("one-third", 0.3333)]),
        ("Two thirds of them have since left for other locations.", [("Two thirds", 0.6667)]),
        ("half of them were children", [("half", 0.5)]),
        ("twenty-five buses arrived", [("twenty-five", 25)]),
        ("The Syrian Army now controls 93% of the city's territory.", [("93%", 93)]),
        ("These areas constitute a mere 5 per cent of former east Aleppo.", [("5 per cent", 5)]),
    ],
)
def test_finds_counts_in_real_sentences(text: str, expected: list[tuple[str, float]]) -> None:
    assert values(text) == expected


def test_a_range_keeps_both_ends() -> None:
    (between,) = find_numbers("between 3,000 and 4,000 people left")
    (dash,) = find_numbers("3,000-4,000 people left")
    for mention in (between, dash):
        assert (mention.value, mention.low, mention.high) == (3000, 3000, 4000)


def test_percent_and_fraction_kinds() -> None:
    kinds = [m.kind for m in find_numbers("93% of the city and one-third of the area")]
    assert kinds == [NumberKind.PERCENT, NumberKind.FRACTION]


@pytest.mark.parametrize(
    "text",
    [
        "Russian and Syrian aircraft have not been used in the Aleppo area since October 18.",
        "Since 27 November, the shelters have been full.",
        "Over the past 24 hours, the shelling stopped.",
        "In the past four days alone, the front moved.",
        "Syrian Arab Republic: Aleppo - Situation Report No. 7",
        "in line with Security Council Resolution 2328",
        "The convoy left at 9.20 a.m. and arrived at 8:25pm.",
        "children over 12 and those aged 5 were vaccinated",
        "since 1 February 2016 (figures as of 30 November)",
        "From 16-19 December, the buses ran.",
        "in 2016 the army advanced",
        "a 24-hour ceasefire",
        "the 3rd convoy",
        "no one was hurt, one of the drivers said",
    ],
)
def test_dates_times_ages_documents_and_window_lengths_are_not_counts(text: str) -> None:
    assert values(text) == []


def test_a_counts_one_only_inside_a_breakdown() -> None:
    text = (
        "21 sites have been cleared of mines, among them two schools, a power supply "
        "substation, a water cleaning facility, two mosques."
    )
    assert [v for _, v in values(text)] == [21, 2, 1, 1, 2]
    assert values("a convoy reached a village") == []
