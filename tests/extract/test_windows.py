"""Time windows: the ways reports bound time, resolved against the publication date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitroom.domain import InputError
from sitroom.extract.window_words import load_window_words, parse_window_words
from sitroom.extract.windows import (
    Window,
    find_windows,
    parse_date,
    ties_back,
    window_before,
    window_for,
    windows_in,
)

PUBLISHED = date(2024, 6, 15)  # a Saturday


def _only(text: str, published: date = PUBLISHED) -> Window:
    (window,) = find_windows(text, published)
    return window


@pytest.mark.parametrize(
    ("text", "words", "first", "last"),
    [
        ("In the past week, 1,200 people fled.", "In the past week", "2024-06-08", "2024-06-15"),
        ("During the past day, 40 trucks crossed.", "During the past day", "2024-06-14", None),
        ("Over the last 48 hours, 12 died.", "Over the last 48 hours", "2024-06-13", None),
        ("at least 9 killed in the past 24 hours", "in the past 24 hours", "2024-06-14", None),
        ("1,500 households displaced since 1 December", "since 1 December", "2023-12-01", None),
        ("since mid-April, 3,000 returned", "since mid-April", "2024-04-11", None),
        ("since late August", "since late August", "2023-08-21", None),
        ("since 2011, 90 schools closed", "since 2011", "2011-01-01", None),
        ("since the beginning of the year", "since the beginning of the year", "2024-01-01", None),
        ("since Tuesday", "since Tuesday", "2024-06-11", None),
        ("between 3 and 5 June", "between 3 and 5 June", "2024-06-03", "2024-06-05"),
        (
            "between 1 March and 30 April 2024",
            "between 1 March and 30 April 2024",
            "2024-03-01",
            "2024-04-30",
        ),
        ("between March and May", "between March and May", "2024-03-01", "2024-05-31"),
        ("from 28 December to 3 January 2024", None, "2023-12-28", "2024-01-03"),
        ("from 15 April 2023, 8,000 arrived", "from 15 April 2023", "2023-04-15", "2024-06-15"),
        ("as of 20 July", "as of 20 July", "2023-07-20", "2023-07-20"),
        ("as of mid-July", "as of mid-July", "2023-07-15", "2023-07-15"),
        ("on Saturday", "on Saturday", "2024-06-15", "2024-06-15"),
        ("on Thursday morning", "on Thursday morning", "2024-06-13", "2024-06-13"),
        ("last Saturday", "last Saturday", "2024-06-08", "2024-06-08"),
        ("on 12 September", "on 12 September", "2023-09-12", "2023-09-12"),
        ("on 12/09/2023", "on 12/09/2023", "2023-09-12", "2023-09-12"),
        ("on 09/25/2023", "on 09/25/2023", "2023-09-25", "2023-09-25"),
        ("on 4, 5 and 6 June", "on 4, 5 and 6 June", "2024-06-04", "2024-06-06"),
        ("On 4 and 5 June", "On 4 and 5 June", "2024-06-04", "2024-06-05"),
        ("on June 4 and June 5", "on June 4 and June 5", "2024-06-04", "2024-06-05"),
        ("on Friday 14 June", "on Friday 14 June", "2024-06-14", "2024-06-14"),
        ("yesterday", "yesterday", "2024-06-14", "2024-06-14"),
        ("last week", "last week", "2024-06-03", "2024-06-09"),
        ("this week", "this week", "2024-06-10", "2024-06-15"),
        ("last month", "last month", "2024-05-01", "2024-05-31"),
        ("in July", "in July", "2023-07-01", "2023-07-31"),
        ("in July and August", "in July and August", "2023-07-01", "2023-08-31"),
        ("in January-March 2024", "in January-March 2024", "2024-01-01", "2024-03-31"),
        ("in early 2024", "in early 2024", "2024-01-01", "2024-04-30"),
        ("two weeks ago", "two weeks ago", "2024-06-01", "2024-06-01"),
        ("within 72 hours", "within 72 hours", "2024-06-12", None),
        ("to date", "to date", None, "2024-06-15"),
        ("In recent days, 5,000 families fled", "In recent days", None, None),
        ("Over the weekend, 300 people arrived", "Over the weekend", "2024-06-15", None),
        (
            "In the 24 hours to 6 p.m. on Thursday, 12 civilians died",
            "In the 24 hours to 6 p.m. on Thursday",
            "2024-06-12",
            "2024-06-13",
        ),
        ("During the first week of March", None, "2024-03-01", "2024-03-07"),
        ("in the last week of May", None, "2024-05-25", "2024-05-31"),
        ("in the first half of 2023", None, "2023-01-01", "2023-06-30"),
        ("in the third quarter of 2023", None, "2023-07-01", "2023-09-30"),
        ("so far this year", "so far this year", "2024-01-01", "2024-06-15"),
        ("up until 29 May", "up until 29 May", None, "2024-05-29"),
        (
            "since October 2023 and up until 29 May",
            "since October 2023 and up until 29 May",
            "2023-10-01",
            "2024-05-29",
        ),
        (
            "since 1 February 2024 (figures as of 30 May)",
            "since 1 February 2024 (figures as of 30 May)",
            "2024-02-01",
            "2024-05-30",
        ),
    ],
)
def test_window_words_resolve_against_publication(
    text: str, words: str | None, first: str | None, last: str | None
) -> None:
    window = _only(text)
    if words is not None:
        assert window.words == words
    assert window.first_day == (date.fromisoformat(first) if first else None)
    assert window.last_day == (date.fromisoformat(last) if last else PUBLISHED)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("since the start of the offensive", "since the start of the offensive"),
        ("Since the ceasefire took effect, 300 returned", "Since the ceasefire took effect"),
        ("since the escalation of hostilities", "since the escalation of hostilities"),
        ("since the Russian full-scale invasion", "since the Russian full-scale invasion"),
        (
            "since the war in Sudan began more than a year ago",
            "since the war in Sudan began more than a year ago",
        ),
        ("since the earthquake struck, 12,000 were", "since the earthquake struck"),
        ("over the course of the conflict", "over the course of the conflict"),
        ("killed in the war", "in the war"),
    ],
)
def test_a_window_since_an_event_has_an_open_start(text: str, words: str) -> None:
    window = _only(text)
    assert (window.words, window.first_day, window.last_day) == (words, None, PUBLISHED)


@pytest.mark.parametrize(
    "text",
    [
        "prior to the latest round of fighting",
        "before the floods",
        "during the reporting period",
        "within the same period",
        "up to that point",
    ],
)
def test_a_window_whose_dates_the_text_gives_elsewhere_stays_open(text: str) -> None:
    window = _only(text)
    assert (window.words, window.first_day, window.last_day) == (text, None, None)


def test_an_event_with_its_date_starts_on_it() -> None:
    window = _only("since the outbreak of war on 15 April 2023, 4 million fled")
    assert window.words == "since the outbreak of war on 15 April 2023"
    assert window.first_day == date(2023, 4, 15)


def test_clock_times_belong_to_the_window() -> None:
    window = _only("A total of 5,200 people left from 3 June at 6:00 GMT to 4 June at 6:00 GMT.")
    assert window.words == "from 3 June at 6:00 GMT to 4 June at 6:00 GMT"
    assert (window.first_day, window.last_day) == (date(2024, 6, 3), date(2024, 6, 4))
    morning = _only("As of 10:00 a.m. (09:00 GMT) on 14 June, 830 people had crossed")
    assert morning.words == "As of 10:00 a.m. (09:00 GMT) on 14 June"
    assert morning.first_day == date(2024, 6, 14)
    local = _only("had registered 4,100 arrivals as of 7:30 a.m. local time, officials said")
    assert (local.words, local.first_day) == ("as of 7:30 a.m. local time", PUBLISHED)
    yesterday = _only("As of yesterday afternoon, 40 tents stood")
    assert yesterday.words == "As of yesterday afternoon"
    assert yesterday.first_day == date(2024, 6, 14)
    prior = _only("as of 10 June, prior to the truce, 3,000 people")
    assert prior.words == "as of 10 June, prior to the truce"


@pytest.mark.parametrize(
    "text",
    [
        "Returnees may need shelter.",  # "may" is no month
        "a march of 3,000 people through the town",
        "people from 12 villages",
        "the 2011 uprising",
        "within 5 km of the border",
        "since the people left",  # "people" is no event
        "since the start, aid has flowed",
        "in the war-torn city",
        "in 24 districts",
        "in these days",
        "a few more days ago they",
        "in the past, aid came by road",
        "The spokesperson said on Friday that 40 were hurt.",  # the day of speaking
    ],
)
def test_words_that_bound_no_time_are_no_window(text: str) -> None:
    assert find_windows(text, PUBLISHED) == []


def test_a_full_month_name_does_not_take_the_full_stop() -> None:
    assert _only("Some 900 people were displaced since 1 December.").words == "since 1 December"
    assert _only("aid has arrived since 3 Dec. in the north").words == "since 3 Dec."


def test_without_a_publication_date_the_days_stay_open() -> None:
    window = _only("over the past 48 hours", None)
    assert (window.first_day, window.last_day) == (None, None)


def test_parse_date_takes_the_latest_day_not_after_publication() -> None:
    assert parse_date("27 December", date(2017, 1, 5)) == date(2016, 12, 27)
    assert parse_date("Saturday 23 September", date(2023, 9, 26)) == date(2023, 9, 23)
    assert parse_date("2023-09-12", PUBLISHED) == date(2023, 9, 12)
    assert parse_date("nothing", PUBLISHED) is None


def _spans(text: str, *quotes: str) -> list[tuple[int, int]]:
    return [(text.index(q), text.index(q) + len(q)) for q in quotes]


def _window_of(text: str, quote: str, *other_quotes: str) -> str | None:
    ((start, end),) = _spans(text, quote)
    others = _spans(text, *other_quotes)
    window = window_for(text, start, end, find_windows(text, PUBLISHED), others)
    return window.words if window else None


def test_a_window_that_opens_a_clause_is_not_the_figure_before_it() -> None:
    text = (
        "Officials cite 1.3 million people affected, while the tracking shows that as of "
        "10 June, 899,725 people have been displaced."
    )
    assert _window_of(text, "1.3 million people", "899,725 people") is None
    assert _window_of(text, "899,725 people", "1.3 million people") == "as of 10 June"


def test_a_trailing_window_does_not_reach_the_next_clause() -> None:
    text = (
        "The army lost up to 300 soldiers in the past week, the ministry added, and up to "
        "120 soldiers near the river."
    )
    assert _window_of(text, "up to 300 soldiers", "120 soldiers") == "in the past week"
    assert _window_of(text, "120 soldiers", "up to 300 soldiers") is None


def test_a_window_after_a_list_covers_each_figure_of_it() -> None:
    text = "The forces lost 1,200 personnel, 30 tanks and 45 artillery systems since 1 May."
    quotes = ("1,200 personnel", "30 tanks", "45 artillery systems")
    for quote in quotes:
        others = [q for q in quotes if q != quote]
        assert _window_of(text, quote, *others) == "since 1 May"
    text = "Shelling killed 12 people and hospitals treated 40 wounded since 1 May."
    assert _window_of(text, "12 people", "40 wounded") is None


def test_a_leading_window_covers_every_figure_of_its_sentence() -> None:
    text = "Since 1 May, 300 communities changed hands and 90,000 people fled."
    assert _window_of(text, "90,000 people", "300 communities") == "Since 1 May"


def test_a_window_the_counted_phrase_runs_into_is_still_the_figures() -> None:
    text = "The area was home to 3 million people prior to the floods, officials said."
    start = text.index("3 million")
    end = text.index("prior") + len("prior")  # a phrase that took one word too many
    window = window_for(text, start, end, find_windows(text, PUBLISHED), [])
    assert window is not None
    assert window.words == "prior to the floods"


def test_sentences_tie_back_only_where_the_text_points_back() -> None:
    assert ties_back("These clashes displaced 4,000 people.")
    assert ties_back("Of these, 1,200 are children.")
    assert ties_back("This brings the total to 12,000.")
    assert ties_back("Among them were 30 health workers.")
    assert ties_back("The supplies -- bound for the north -- included 40 tonnes of flour.")
    assert not ties_back("Additionally, 500 soldiers were lost near the river.")
    assert not ties_back("The convoy reached the city at noon with 12 trucks.")
    assert not ties_back("Theirs is a hard task.")


def test_window_words_are_data_a_user_can_extend(tmp_path: Path) -> None:
    bundled = (Path(__file__).parents[2] / "src/sitroom/windows.toml").read_text()
    extended = bundled.replace('nouns = [\n    "war",', 'nouns = [\n    "referendum", "war",', 1)
    path = tmp_path / "windows.toml"
    path.write_text(extended, encoding="utf-8")
    words = load_window_words(path)
    text = "since the referendum, 2,000 people left"
    assert find_windows(text, PUBLISHED) == []
    (window,) = find_windows(text, PUBLISHED, words)
    assert window.words == "since the referendum"


def test_a_bad_window_file_is_refused_with_the_field() -> None:
    with pytest.raises(InputError) as refused:
        parse_window_words('[relative]\n"today" = "fortnight 2"\n')
    assert refused.value.field == "relative.today"
    with pytest.raises(InputError):
        parse_window_words("[units]\nday = -1\n")


def test_windows_in_and_window_before_bisect_the_windows() -> None:
    text = "Since 1 May, 30 fled. In the past week, 12 died. As of today, 4 remain."
    windows = find_windows(text, PUBLISHED)
    second = text.index("In the past")
    assert [w.words for w in windows_in(windows, second, text.index("As of"))] == [
        "In the past week"
    ]
    before = window_before(windows, text.index("As of"))
    assert before is not None
    assert before.words == "In the past week"
    assert window_before(windows, 0) is None


def test_every_copy_of_a_long_text_gives_its_windows() -> None:
    # how the time grows with the text is measured by bench/extract.py, not asserted here:
    # tests assert behaviour, never wall-clock time
    sentence = (
        "Since the escalation of hostilities on 3 June, 1,200 people fled between 3 and "
        "5 June, as of 7:00 a.m. local time, in the past 24 hours and during the reporting "
        "period; 40 trucks crossed on Saturday 14 June. "
    )
    one = [w.words for w in find_windows(sentence, PUBLISHED)]
    assert len(one) == 6
    many = find_windows(sentence * 800, PUBLISHED)
    assert [w.words for w in many] == one * 800


def test_an_event_without_the_is_a_window_where_its_verb_follows() -> None:
    from datetime import date

    from sitroom.extract.windows import find_windows

    day = date(2024, 6, 9)
    [window] = find_windows("Since fighting erupted in El Fasher on 10 May, 1,315 arrived.", day)
    assert (window.words, window.first_day, window.last_day) == (
        "Since fighting erupted in El Fasher on 10 May",
        date(2024, 5, 10),
        day,
    )
    assert [w.words for w in find_windows("Since hostilities began, 300 died.", day)] == [
        "Since hostilities began"
    ]


def test_after_a_date_is_a_window_from_it_and_daily_before_a_noun_is_none() -> None:
    from datetime import date

    from sitroom.extract.windows import find_windows

    day = date(2024, 6, 9)
    [after] = find_windows("After 1 February 2021, 2.7 million were displaced.", day)
    assert (after.first_day, after.last_day) == (date(2021, 2, 1), day)
    assert find_windows("Fuel covers 9 per cent of daily requirements.", day) == []
    assert [w.words for w in find_windows("Aid is delivered daily to the districts.", day)] == [
        "daily"
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Since the beginning of the humanitarian pauses on February 27, 1,540 left.",
            "Since the beginning of the humanitarian pauses on February 27",
        ),
        (
            "Since the opening of the Rafah crossing in November, 300 were evacuated.",
            "Since the opening of the Rafah crossing in November",
        ),
        ("During the humanitarian pause, 200 trucks entered.", "During the humanitarian pause"),
        ("Currently, 12 hospitals function.", "Currently"),
        ("During the week, 40 people died.", "During the week"),
    ],
)
def test_windows_of_pauses_crossings_and_the_present(text: str, words: str) -> None:
    [window] = find_windows(text, PUBLISHED)
    assert window.words == words


def test_a_window_before_a_colon_bounds_the_list_after_it() -> None:
    from sitroom.extract.pipeline import extract_claims

    claims = extract_claims(
        "New arrivals by locality since 10 May: Tawila, 47,300 people; Zamzam, 41,600 people.",
        PUBLISHED,
    )
    assert [c.window for c in claims] == ["since 10 May", "since 10 May"]
    [window] = find_windows(
        "Since the opening of the crossing for medical evacuations in November, 4,895 left.",
        PUBLISHED,
    )
    assert window.words == "Since the opening of the crossing for medical evacuations in November"


@pytest.mark.parametrize(
    "text",
    [
        "Since the offensive began on 19 February, 44,000 people fled.",
        "Since military operations to retake the west began on 19 February, 44,000 fled.",
    ],
)
def test_an_event_that_began_on_a_day_starts_the_window_that_day(text: str) -> None:
    [window] = find_windows(text, PUBLISHED)
    assert window.words.endswith("began on 19 February")
    assert window.first_day == date(2024, 2, 19)
