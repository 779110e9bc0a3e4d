"""Rules found by trying the extractor on reports of crises it was not built on.

Each sentence is written for its rule, in the style of sitreps, ministry statements and
wire reports; none is taken from a dev set.
"""

from __future__ import annotations

from datetime import date

from sitroom.extract.pipeline import extract_claims
from sitroom.geo.bundled import bundled_gazetteer

DAY = date(2024, 6, 10)


def test_a_place_inside_an_organisation_name_is_no_place() -> None:
    text = (
        "The UN Relief and Works Agency for Palestine Refugees said 4,000 people were "
        "sheltering in Rafah."
    )
    [claim] = extract_claims(text, DAY, bundled_gazetteer())
    assert claim.place == "Rafah"


def test_a_movement_end_the_gazetteer_lacks_is_read_from_its_name() -> None:
    [claim] = extract_claims(
        "Some 3,000 people fled from Nyala to Qarat Sulayb over the weekend.",
        DAY,
        bundled_gazetteer(),
    )
    assert (claim.origin, claim.destination) == ("Nyala", "Qarat Sulayb")


def test_the_noun_a_figure_is_said_to_be_gives_its_group() -> None:
    claims = extract_claims(
        "At least 2,100 people were killed, of whom 900 are children and 400 are women.", DAY
    )
    assert [(c.group, c.part_of) for c in claims[1:]] == [("children", 0), ("women", 0)]


def test_a_sentence_opening_of_those_breaks_down_the_figure_before() -> None:
    claims = extract_claims(
        "Some 12,000 people left the city this week. Of those, 7,500 reached the camps.", DAY
    )
    assert claims[1].part_of == 0
    assert claims[1].indicator == "people.displaced"


def test_a_window_after_listed_figures_bounds_each_of_them() -> None:
    claims = extract_claims(
        "At least 40 civilians were killed and 130 injured in the past week.", DAY
    )
    assert [c.window for c in claims] == ["in the past week", "in the past week"]
    assert claims[0].window_start == date(2024, 6, 3)


def test_more_before_the_noun_keeps_the_noun_counted() -> None:
    [claim] = extract_claims("Troops recaptured six more villages on Sunday.", DAY)
    assert (claim.quote, claim.indicator) == ("six more villages", "territory.areas_taken")


def test_a_share_of_a_population_counts_what_happened_to_it() -> None:
    [claim] = extract_claims(
        "More than 60 per cent of the population of the district has been displaced.", DAY
    )
    assert claim.indicator == "people.displaced"


def test_a_share_of_the_wounded_counts_no_fighters() -> None:
    [claim] = extract_claims("More than half of the wounded were women and children.", DAY)
    assert claim.indicator == "casualties.injured"


def test_a_count_of_other_things_is_no_part_of_a_count_of_people() -> None:
    claims = extract_claims(
        "Some 80,000 displaced people (IDPs) are sheltering in 95 facilities, "
        "including 40 schools.",
        DAY,
    )
    assert claims[0].indicator == "people.sheltered"
    assert claims[1].part_of is None and claims[2].part_of == 1


def test_the_goods_of_a_measure_end_where_a_verb_begins() -> None:
    [claim] = extract_claims("Some 12,000 litres of fuel entered the enclave.", DAY)
    assert (claim.indicator, claim.unit, claim.group) == ("aid.delivered", "litres", "fuel")


def test_the_number_of_things_brought_to_a_figure_is_what_it_counts() -> None:
    [claim] = extract_claims(
        "This brings the number of districts retaken since January to 14.", DAY
    )
    assert claim.indicator == "territory.areas_taken"


def test_coordinated_clauses_keep_their_own_verbs_and_wholes() -> None:
    claims = extract_claims(
        "Some 120 people were killed and 340 were injured, including 12 killed and 30 "
        "injured in the last day.",
        DAY,
    )
    assert [(c.indicator, c.part_of, c.window) for c in claims] == [
        ("casualties.killed", None, None),
        ("casualties.injured", None, None),
        ("casualties.killed", 0, "in the last day"),
        ("casualties.injured", 1, "in the last day"),
    ]


def test_one_killed_and_another_wounded_are_two_counts_of_one() -> None:
    claims = extract_claims("A nurse was killed and another wounded in the strike.", DAY)
    assert [(c.quote, c.value, c.indicator) for c in claims] == [
        ("A nurse", 1, "casualties.killed"),
        ("another", 1, "casualties.injured"),
    ]
    assert [c.indicator for c in extract_claims("Killed one and wounded three.", DAY)] == [
        "casualties.killed",
        "casualties.injured",
    ]


def test_a_convoy_carrying_people_evacuates_them() -> None:
    [claim] = extract_claims("A convoy carrying 250 civilians left the besieged district.", DAY)
    assert claim.indicator == "people.evacuated"


def test_the_residents_of_a_place_are_its_population() -> None:
    [claim] = extract_claims("The city's 1.2 million residents face shortages.", DAY)
    assert (claim.indicator, claim.value) == ("population.in_area", 1_200_000)


def test_a_movement_into_a_place_the_gazetteer_lacks_before_one_it_knows() -> None:
    [claim] = extract_claims(
        "About 900 families arrived in Qarat Sulayb from Nyala.", DAY, bundled_gazetteer()
    )
    assert (claim.origin, claim.destination) == ("Nyala", "Qarat Sulayb")


def test_lists_of_places_stay_lists_and_movements_read_either_way() -> None:
    gazetteer = bundled_gazetteer()
    [listed] = extract_claims(
        "Fighting displaced 25,000 people in Nyala, Zalingi and El Obeid towns.", DAY, gazetteer
    )
    assert listed.place == "Nyala; Zalingi; El Obeid"
    [moved] = extract_claims(
        "Some 3,000 people left out of Kharkiv, heading to Dnipro.", DAY, gazetteer
    )
    assert (moved.origin, moved.destination) == ("Kharkiv", "Dnipro")
    [crossed] = extract_claims("Some 4,000 refugees crossed into Chad.", DAY, gazetteer)
    assert (crossed.place, crossed.destination) == ("Chad", "Chad")


def test_a_bare_figure_joined_to_the_one_before_counts_its_noun() -> None:
    claims = extract_claims(
        "At least 226 civilians have been killed and over 700 injured this month.", DAY
    )
    assert [(c.indicator, c.group) for c in claims] == [
        ("casualties.killed", "civilians"),
        ("casualties.injured", "civilians"),
    ]
    tanks = extract_claims("Troops destroyed 12 tanks and 4 were captured.", DAY)
    assert [(c.indicator, c.unit) for c in tanks] == [("equipment.destroyed", "vehicles")] * 2


def test_a_name_ending_in_a_place_name_is_no_place_unless_known() -> None:
    from sitroom.extract.places import find_places

    gazetteer = bundled_gazetteer()
    names = [p.name for p in find_places("Hayat Tahrir al-Sham fighters left Douma.", gazetteer)]
    assert names == ["Douma"]
    assert [p.name for p in find_places("IDPs in Salah al-Din.", gazetteer)] == ["Salah al-Din"]
    assert [p.name for p in find_places("El Fasher Flash Update", gazetteer)] == ["El Fasher"]


def test_a_number_after_a_label_noun_names_rather_than_counts() -> None:
    quotes = [c.quote for c in extract_claims("Camps 1 and 2 host 30,000 people.", DAY)]
    assert quotes == ["30,000 people"]
    assert [c.quote for c in extract_claims("In Zone 4, 12 people died.", DAY)] == ["12 people"]


def test_a_bare_part_counts_what_its_whole_counts() -> None:
    claims = extract_claims(
        "Some 1,200 collective centres are open. Of these, 430 are schools and 200 are in use.",
        DAY,
    )
    assert [(c.part_of, c.group) for c in claims[1:]] == [(0, "school"), (0, None)]
    assert claims[2].unit == "centres"  # the bare part counts its whole's centres


def test_a_movement_reads_around_the_breakdown_but_not_into_a_part() -> None:
    gazetteer = bundled_gazetteer()
    whole, part = extract_claims(
        "Some 1,040 people, among them 86 children, were taken from Mariupol to Donetsk.",
        DAY,
        gazetteer,
    )
    assert (whole.origin, whole.destination) == ("Mariupol", "Donetsk")
    assert (part.origin, part.destination) == ("Mariupol", "Donetsk")
    returned = extract_claims(
        "Another 127,430 people have returned home, the majority (82%) to east Mosul.",
        DAY,
        gazetteer,
    )
    assert returned[0].destination is None


def test_a_movement_stated_for_the_figures_listed_with_it() -> None:
    [militants, _] = extract_claims(
        "Some 52 militants, together with 147 members of their families, were transported "
        "from Douma to Idlib.",
        DAY,
        bundled_gazetteer(),
    )
    assert (militants.origin, militants.destination) == ("Douma", "Idlib")
