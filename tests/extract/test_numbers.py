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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nearly half a million people have fled the fighting.", [("half a million", 500_000)]),
        (
            "A quarter of a million children are out of school, UNICEF said.",
            [("A quarter of a million", 250_000)],
        ),
        (
            "three quarters of a million people depend on the crossing",
            [("three quarters of a million", 750_000)],
        ),
        ("One and a half million people need food aid.", [("One and a half million", 1_500_000)]),
        ("two and a half thousand families arrived", [("two and a half thousand", 2_500)]),
        ("A million people remain trapped in the city.", [("A million", 1_000_000)]),
        ("a hundred thousand refugees crossed", [("a hundred thousand", 100_000)]),
        ("The city's 1.2m residents face shortages.", [("1.2m", 1_200_000)]),
        ("The appeal seeks $4.3bn this year.", [("$4.3bn", 4_300_000_000)]),
        ("donors pledged £30m and US$1.5 billion", [("£30m", 30e6), ("US$1.5 billion", 1.5e9)]),
        ("about 10k people", [("10k", 10_000)]),
        ("Some 3.8 million people are displaced.", [("3.8 million", 3_800_000)]),
        ("At least 25 000 people crossed into Chad.", [("25 000", 25_000)]),
        ("a total of 1 234 567 people", [("1 234 567", 1_234_567)]),
        ("in 2023 12 people died", [("12", 12)]),
        ("On 12 June 2023 150 people were evacuated", [("150", 150)]),
        ("tens of thousands of people fled", [("tens of thousands", 20_000)]),
        ("Hundreds of thousands remain besieged.", [("Hundreds of thousands", 200_000)]),
        ("thousands more were displaced", [("thousands", 2_000)]),
        ("Thousands have fled since Monday.", [("Thousands", 2_000)]),
        ("several hundred thousand people", [("several hundred thousand", 200_000)]),
        ("the 2000 people who fled", [("2000", 2_000)]),
        ("the militia killed one and wounded three", [("one", 1), ("three", 3)]),
        ("an airstrike killed one, wounding two", [("one", 1), ("two", 2)]),
        ("killed 20 in 24 hours", [("20", 20)]),
        ("killed 20 in two attacks", [("20", 20), ("two", 2)]),
    ],
)
def test_scale_fraction_and_vague_words(text: str, expected: list[tuple[str, float]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "written", "share"),
    [
        ("One in four households lacks safe water.", "One in four", 0.25),
        ("one in five children is acutely malnourished", "one in five", 0.2),
        ("nine out of ten displaced people live in camps", "nine out of ten", 0.9),
        ("1 in 3 health facilities is not functioning", "1 in 3", 0.3333),
        ("one in every three schools was damaged", "one in every three", 0.3333),
    ],
)
def test_a_share_is_one_fraction_not_two_counts(text: str, written: str, share: float) -> None:
    (mention,) = find_numbers(text)
    assert (text[mention.start : mention.end], mention.value) == (written, share)
    assert mention.kind is NumberKind.FRACTION


def test_money_keeps_its_currency_in_the_span() -> None:
    (mention,) = find_numbers("The appeal seeks $4.3bn this year.")
    assert mention.currency == "$"


@pytest.mark.parametrize(
    "text",
    [
        "the 2011 uprising",
        "damage from the 2023 floods",
        "Sudan's 2023 war",
        "in the second half of 2023 displacement rose",
        "during the first half of the year",
        "in the first quarter of 2024",
        "shelling within 5 km of the border",
        "30 kilometres from the border",
        "a 10-km stretch of road",
        "500m from the hospital",
        "two miles south of the camp",
        "between 3 and 5 June",
        "On 3-5 June",
        "from 1 to 7 March 2024",
        "On 14 and 15 February",
        "on June 3 and 5",
        "Situation Report 13, 18 July 2023",
        "Flash Update 4",
        "two and a half years of war",
    ],
)
def test_years_parts_of_years_distances_and_day_ranges_are_not_counts(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the area held shrank by a third.", [("a third", 0.3333)]),
        ("one-third of the camp was flooded", [("one-third", 0.3333)]),
        ("five eighths of the wells are dry", [("five eighths", 0.625)]),
        ("½ of the population", [("½", 0.5)]),
        ("a third convoy reached the town", []),
        ("the fifth round of talks", []),
        ("3 million and a half people", [("3 million and a half", 3_500_000)]),
        ("one hundred and three quarters", [("one hundred and three quarters", 100.75)]),
        ("the price of bread rose to $12.50 a bag", [("$12.50", 12.5)]),
        ("three dozens tents", [("three dozens", 36)]),
        ("an area of 12km2 was cleared; 50kg bags; the 5km road", [("12", 12)]),
        ("see https://reliefweb.int/report?id=305&q=30%25 for 2,000 more", [("2,000", 2000)]),
    ],
)
def test_fractions_money_and_addresses(text: str, expected: list[tuple[str, float]]) -> None:
    assert values(text) == expected


def test_a_list_of_numbers_stays_a_list() -> None:
    # years (1900 on) stand alone with no word after them: they are read as years
    text = " ".join(str(n) for n in range(1, 1900))
    assert [v for _, v in values(text)] == list(range(1, 1900))


def test_an_area_stays_a_count_where_a_distance_does_not() -> None:
    assert values("78.5 square kilometres were liberated, 5 km2 more") == [
        ("78.5", 78.5),
        ("5", 5),
    ]


def test_a_counts_one_only_inside_a_breakdown() -> None:
    text = (
        "21 sites have been cleared of mines, among them two schools, a power supply "
        "substation, a water cleaning facility, two mosques."
    )
    assert [v for _, v in values(text)] == [21, 2, 1, 1, 2]
    assert values("a convoy reached a village") == []
