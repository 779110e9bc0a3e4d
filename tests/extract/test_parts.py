"""Part-of links: the indexed linker gives what the old scan gave, and stays linear."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

import parts_reference
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.extract.numbers import find_numbers
from sitroom.extract.parts import link_breakdowns as link_parts
from sitroom.extract.phrases import counted_phrase
from sitroom.extract.pipeline import extract_claims
from sitroom.extract.sentences import split_sentences

# Pieces of breakdowns as reports write them, to reach every rule of the linker.
PIECES = st.sampled_from(
    [
        "more than 10,500 people",
        "1,096 militants",
        " including over 4,000 children",
        ", among them 300 women",
        " 953 of them",
        " of whom 12 were injured",
        "Aleppo (271,691), Hama (91,645)",
        " (30)",
        "(",
        ")",
        "; ",
        ". ",
        ", ",
        " and ",
        "\n",
        "\n- ",
        "\n• ",
        " displaced:",
        "Six children were amongst the evacuees",
        "Nearly 150 civilians were evacuated",
        "118 patients were taken to hospitals",
        "30 men, women and children were transferred",
        "dozens of families",
        "half of them",
        "incl. 5 boys",
        "namely 7 girls",
        "comprising 20 trucks",
        "5%",
    ]
)


def _inputs(text: str):  # type: ignore[no-untyped-def]
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    numbers, phrases, sentence_of = [], [], []
    for number in find_numbers(text):
        index = bisect_right(starts, number.start) - 1
        if index < 0 or number.end > sentences[index].end:
            continue
        numbers.append(number)
        phrases.append(counted_phrase(text, number))
        sentence_of.append(index)
    return text, sentences, numbers, phrases, sentence_of


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join))
def test_links_are_those_of_the_old_scan_on_any_small_text(text: str) -> None:
    inputs = _inputs(text)
    assert link_parts(*inputs) == parts_reference.link_parts(*inputs)


def test_breakdowns_link_to_their_wholes() -> None:
    text = (
        "More than 10,500 people, including over 4,000 children, left; 953 of them returned.\n"
        "464,767 people were displaced in Aleppo (271,691) and Hama (91,645)."
    )
    inputs = _inputs(text)
    assert [n.value for n in inputs[2]] == [10500, 4000, 953, 464767, 271691, 91645]
    assert link_parts(*inputs) == [None, 0, 0, None, 3, 3]


def test_a_sentence_of_two_thousand_numbers_extracts() -> None:
    text = " ".join(str(n) for n in range(1, 2001)) + "."
    claims = extract_claims(text, date(2024, 1, 1))
    # the numbers that read as years (1900-2000) are left out, as in any text
    assert len(claims) > 1800
    assert all(claim.quote == str(int(claim.value)) for claim in claims)


def _links(text: str) -> list[tuple[str, str | None]]:
    from datetime import date

    from sitroom.extract.pipeline import extract_claims

    claims = extract_claims(text, date(2024, 1, 10))
    return [(c.quote, claims[c.part_of].quote if c.part_of is not None else None) for c in claims]


def test_shares_of_a_count_are_its_parts() -> None:
    links = _links(
        "Some 48,000 people crossed into Chad this week, with 70 per cent Sudanese "
        "and 30 per cent South Sudanese nationals."
    )
    assert [whole for _, whole in links[1:]] == ["Some 48,000 people"] * 2


def test_shares_by_place_in_brackets_break_down_the_paragraph_total() -> None:
    links = _links(
        "An estimated 120,000 IDPs were recorded. The largest shares are in Kassala "
        "(41.2%), Gedaref (30.5%) and Sennar (12.1%)."
    )
    assert [whole for _, whole in links[1:]] == ["An estimated 120,000 IDPs"] * 3


def test_a_share_of_territory_is_no_part() -> None:
    links = _links("About 2,000 fighters left. The army holds 80% of the province.")
    assert links[-1] == ("80%", None)


def test_a_restatement_in_another_unit_is_no_part() -> None:
    assert _links("Fighting displaced 40,500 individuals (8,100 households).")[1] == (
        "8,100 households",
        None,
    )


def test_a_list_after_included_breaks_down_the_figure_before() -> None:
    links = _links(
        "A convoy brought 25 tonnes of relief items. The cargo included 20 tonnes of rice, "
        "800 kilograms of lentils and 1,200 litres of cooking oil."
    )
    assert [whole for _, whole in links[1:]] == ["25 tonnes"] * 3


def test_every_item_of_a_bracketed_list_is_a_part() -> None:
    links = _links("Crews used 14 buses (9 coaches, 3 minibuses and 2 vans) to move the families.")
    assert [whole for _, whole in links[1:]] == ["14 buses"] * 3


def test_figures_of_one_kind_that_add_up_break_down_the_figure_before() -> None:
    links = _links(
        "A total of 5,000 people were evacuated overnight.\n"
        "It took 20 buses carrying 3,100 people and 12 trucks carrying 1,900 people."
    )
    wholes = dict(links)
    assert wholes["3,100 people"] == wholes["1,900 people"] == "5,000 people"
    assert wholes["20 buses"] is None


def test_a_share_in_brackets_restating_a_count_is_of_the_total() -> None:
    links = _links(
        "Some 477,100 IDPs are displaced. By district: Mosul 438,900 IDPs (92%), "
        "Telafar (21,100; 4%) and Hamdaniya (8,000; 2%)."
    )
    wholes = dict(links)
    assert wholes["92%"] == wholes["4%"] == wholes["2%"] == "Some 477,100 IDPs"
