from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sitroom.analysis.scope import is_within, windows_overlap

DAY = date(2016, 12, 9)
days = st.one_of(st.none(), st.integers(-5, 5).map(lambda n: DAY + timedelta(days=n)))
windows = st.tuples(days, days)


def test_windows_that_share_a_day_overlap() -> None:
    assert windows_overlap((DAY, DAY + timedelta(days=2)), (DAY + timedelta(days=2), None))
    assert not windows_overlap((DAY, DAY), (DAY + timedelta(days=1), DAY + timedelta(days=1)))
    assert windows_overlap((None, DAY), (None, None))  # an open end reaches every day


@given(windows, windows)
def test_windows_overlap_when_the_latest_start_is_not_after_the_earliest_end(a, b) -> None:
    starts = [d for d in (a[0], b[0]) if d is not None]
    ends = [d for d in (a[1], b[1]) if d is not None]
    expected = not starts or not ends or max(starts) <= min(ends)
    assert windows_overlap(a, b) is expected


def test_a_place_lies_within_an_area_by_gazetteer_or_by_its_own_words() -> None:
    assert is_within("Old City of Aleppo", "Aleppo", None)
    assert not is_within("Aleppo", "Old City of Aleppo", None)


def test_a_city_covers_the_division_of_its_name_however_spelt() -> None:
    from sitroom.analysis.scope import names_namesake, namesakes
    from sitroom.geo.bundled import bundled_gazetteer

    gazetteer = bundled_gazetteer()
    assert namesakes("Khartoum", gazetteer) == {"khartoum state"}
    assert namesakes("Idlib", gazetteer) == {"idleb governorate"}  # spelt otherwise
    assert namesakes("Hodeidah", gazetteer) == {"al hudaydah governorate"}
    # the IOM report's "Khartoum state" (gold place of its 73.13%) is the city's division
    assert names_namesake("Khartoum state", None, None, "Khartoum", gazetteer)
    # words alone do not say so: "Hodeidah governorate" holds no word of the city's name
    # as the briefing resolves it, "Al Ḩudaydah"
    assert not is_within("Hodeidah governorate", "Al Ḩudaydah", gazetteer)
    assert names_namesake("Hodeidah governorate", None, None, "Al Ḩudaydah", gazetteer)


def test_a_city_does_not_cover_the_rest_of_its_division_nor_another_named_one() -> None:
    from sitroom.analysis.scope import names_namesake, namesakes
    from sitroom.geo.bundled import bundled_gazetteer

    gazetteer = bundled_gazetteer()
    assert not names_namesake("Omdurman", None, None, "Khartoum", gazetteer)
    assert namesakes("Mosul", gazetteer) == frozenset()  # its governorate is Nīnawá
    assert namesakes("Sudan", gazetteer) == frozenset()  # a country is no city
    assert namesakes("Khartoum State", gazetteer) == frozenset()
