"""Which figures a briefing lists, which comes first, and how it moved since the last one."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.domain import Claim, Source
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.report.build import build_briefing
from sitroom.report.html import render_html
from sitroom.report.markdown import render_markdown
from sitroom.report.selection import SHOWN_PER_SECTION
from sitroom.store.claims import add_claims
from sitroom.store.database import Store
from sitroom.store.sources import add_source


def _said(store: Store, day: date, claims: list[Claim], title: str) -> None:
    with store.session() as session:
        source_id, _ = add_source(
            session,
            Source(title=title, published_at=day, sha256=title.encode().hex()[:64].ljust(64, "0")),
        )
        add_claims(session, source_id, claims)


def _evacuated(value: int, local_id: int = 1, claimant: str = "ICRC") -> Claim:
    quote = f"{value:,} people"
    return Claim(
        "people.evacuated",
        value,
        quote,
        0,
        len(quote),
        f"{quote} were evacuated from Aleppo.",
        place="Aleppo",
        claimant=claimant,
        local_id=local_id,
    )


def test_a_key_figure_says_how_it_moved_since_the_same_voice_said_it_last(
    sqlite_store: Store,
) -> None:
    _said(sqlite_store, date(2016, 12, 7), [_evacuated(8_000)], "ICRC 7 December")
    _said(sqlite_store, date(2016, 12, 9), [_evacuated(10_500)], "ICRC 9 December")
    briefing = build_briefing(
        sqlite_store, "Aleppo", date(2016, 12, 9), days=2, gazetteer=bundled_gazetteer()
    )
    [key] = briefing.key_figures
    assert key.figure.text.startswith("10,500 people")
    assert key.change == "new today; up from 8,000 people on 7 December"
    # the earlier figure is from the day before the window: footnoted, not listed
    assert key.earlier_footnote == len(briefing.footnotes)
    earlier = briefing.footnote(key.earlier_footnote)
    assert (earlier.source_title, earlier.evidence[0].quote) == ("ICRC 7 December", "8,000 people")
    assert (briefing.new_figures, briefing.new_sources) == (1, 1)
    text = render_markdown(briefing)
    assert f"new today; up from 8,000 people on 7 December[^{key.earlier_footnote}]" in text
    assert "Since the previous briefing: 1 new figure from 1 source published 9 December." in text


def test_a_figure_already_in_the_previous_briefing_says_so(sqlite_store: Store) -> None:
    _said(sqlite_store, date(2016, 12, 8), [_evacuated(10_500)], "ICRC 8 December")
    briefing = build_briefing(
        sqlite_store, "Aleppo", date(2016, 12, 9), days=2, gazetteer=bundled_gazetteer()
    )
    [key] = briefing.key_figures
    assert key.change == "in the previous briefing too" and key.earlier_footnote is None
    assert "no new figure (no source about Aleppo published 9 December)" in render_markdown(
        briefing
    )


def test_a_long_section_lists_its_first_figures_and_counts_the_rest(sqlite_store: Store) -> None:
    many = [_evacuated(100 + n, local_id=n + 1, claimant="Rudskoy") for n in range(40)]
    _said(sqlite_store, date(2016, 12, 9), many, "Briefing")
    # an independent voice's smaller figure ranks before every figure of a party alone
    _said(sqlite_store, date(2016, 12, 9), [_evacuated(3)], "ICRC")
    briefing = build_briefing(
        sqlite_store, "Aleppo", date(2016, 12, 9), gazetteer=bundled_gazetteer()
    )
    movements = next(s for s in briefing.sections if s.key == "movements")
    assert len(movements.figures) == SHOWN_PER_SECTION and movements.more == 41 - SHOWN_PER_SECTION
    assert len(briefing.footnotes) == SHOWN_PER_SECTION  # only listed figures are footnoted
    values = [f.claim.claim.value for f in movements.figures]
    assert 3 in values and min(v for v in values if v != 3) == 100 + 40 - (SHOWN_PER_SECTION - 1)
    assert briefing.key_figures[0].figure.claim.claim.value == 3
    assert [f.footnote for f in movements.figures] == list(range(1, SHOWN_PER_SECTION + 1))
    text = render_markdown(briefing)
    assert (
        f"- and {41 - SHOWN_PER_SECTION} more, ranked lower; every claim of the section in "
        "the window: `sitroom export claims --section movements --place Aleppo --from "
        "2016-12-03 --to 2016-12-09`"
    ) in text
    # the dashboard links the section's claims of the window
    page = render_html(briefing, standalone=False, source_url=lambda s, c: f"/sources/{s}")
    assert (
        'every claim of the section in the window on <a href="/claims?section=movements&amp;'
        'place=Aleppo&amp;parts=1&amp;from=2016-12-03&amp;to=2016-12-09">the claims page</a>'
    ) in page


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.integers(1, 3), st.integers(0, 50)), max_size=30),
    st.integers(1, 10),
)
def test_ranking_asks_few_parties_and_agrees_with_sorting_by_every_key(
    figures: list[tuple[bool, int, int]], limit: int
) -> None:
    from sitroom.analysis.sourced import SourcedClaim
    from sitroom.report.selection import Ranking

    source = Source("s", date(2016, 12, 9), "x", id=1)
    groups = [
        [SourcedClaim(_evacuated(value, local_id=n + 1), source)] * mentions
        for n, (_, mentions, value) in enumerate(figures)
    ]
    party = {id(g[0]): alone for g, (alone, _, _) in zip(groups, figures, strict=True)}
    asked: list[int] = []

    def party_only(c: SourcedClaim) -> bool:
        asked.append(id(c))
        return party[id(c)]

    ranking = Ranking(party_only, date(2016, 12, 3))
    members = list(range(len(groups)))
    expected = sorted(
        members, key=lambda n: (party[id(groups[n][0])], ranking.after_voice(groups[n]))
    )
    assert ranking.first(members, groups, limit) == expected[:limit]
    # corroboration is asked only down to the limit-th independent figure
    order = sorted(members, key=lambda n: ranking.after_voice(groups[n]))
    independent = [i for i, n in enumerate(order) if not party[id(groups[n][0])]]
    expected_asks = independent[limit - 1] + 1 if len(independent) >= limit else len(order)
    assert len(asked) == expected_asks


def test_the_same_figure_said_again_is_unchanged(sqlite_store: Store) -> None:
    _said(sqlite_store, date(2016, 12, 8), [_evacuated(8_000)], "ICRC 8 December")
    _said(sqlite_store, date(2016, 12, 9), [_evacuated(8_000)], "ICRC 9 December")
    briefing = build_briefing(
        sqlite_store, "Aleppo", date(2016, 12, 9), days=2, gazetteer=bundled_gazetteer()
    )
    [key] = briefing.key_figures
    assert key.change == "new today; unchanged from 8,000 people on 8 December"
    # the earlier figure is in the window and listed: its own footnote is named
    assert key.earlier_footnote is not None and key.earlier_footnote != key.figure.footnote
    assert len(briefing.footnotes) == 2


def test_a_key_figure_another_source_agrees_on_says_so(sqlite_store: Store) -> None:
    _said(sqlite_store, date(2016, 12, 9), [_evacuated(10_500)], "ICRC")
    _said(sqlite_store, date(2016, 12, 9), [_evacuated(10_500, claimant="OCHA")], "OCHA")
    briefing = build_briefing(
        sqlite_store, "Aleppo", date(2016, 12, 9), days=2, gazetteer=bundled_gazetteer()
    )
    [key] = briefing.key_figures
    assert key.why == "an independent source agrees"
