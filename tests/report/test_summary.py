"""The briefing's first screen: a key figure per section, and what needs a second look."""

from __future__ import annotations

from datetime import date

from sitroom.geo.bundled import bundled_gazetteer
from sitroom.ingest.sample import load_sample
from sitroom.report.build import briefing_for
from sitroom.report.summary import to_review
from sitroom.store.database import Store


def test_one_key_figure_a_section_with_why_it_comes_first(sqlite_store: Store) -> None:
    load_sample(sqlite_store, gazetteer=bundled_gazetteer())
    briefing = briefing_for(sqlite_store, "Aleppo", date(2016, 12, 9))
    keys = briefing.key_figures
    sections = [k.section for k in keys]
    assert len(sections) == len(set(sections)) and "Other figures" not in sections
    control = next(k for k in keys if k.section == "Control")
    assert control.figure.text.startswith("93%")
    assert control.why == "only a party to the conflict gives it; stated 4 times"
    movements = next(k for k in keys if k.section == "Population movements")
    assert not movements.figure.party_only  # an independent voice before a party's alone
    assert to_review(briefing) == "no disagreement and 2 failed checks"


def test_disagreements_are_grouped_largest_gap_first_and_capped() -> None:
    from sitroom.analysis.disagreements import Disagreement
    from sitroom.analysis.sourced import SourcedClaim
    from sitroom.domain import Claim, Source
    from sitroom.report.model import Briefing
    from sitroom.report.summary import disagreement_groups, gap

    def said(value: float, place: str, source: int) -> SourcedClaim:
        claim = Claim("people.displaced", value, f"{value:g}", 0, 3, "s", place=place)
        return SourcedClaim(claim, Source(f"s{source}", date(2023, 7, 18), f"{source}", id=source))

    pairs = [
        Disagreement(
            "people.displaced", said(100, "Khartoum", 1), said(100 - n, "Khartoum", 2), "apart"
        )
        for n in range(1, 9)
    ]
    pairs.append(
        Disagreement("people.displaced", said(10, "Kassala", 1), said(1000, "Kassala", 3), "apart")
    )
    briefing = Briefing(
        "Sudan", date(2023, 7, 18), date(2023, 7, 12), (), tuple(pairs), (), (), 3, "t"
    )
    groups = disagreement_groups(briefing, per_group=5).groups
    assert [(g.place, len(g.shown), g.more) for g in groups] == [
        ("Kassala", 1, 0),
        ("Khartoum", 5, 3),
    ]
    only_first = disagreement_groups(briefing, per_group=5, groups_shown=1)
    assert [g.place for g in only_first.groups] == ["Kassala"]
    assert (only_first.more_groups, only_first.more_in_groups) == (1, 8)
    khartoum = groups[1].shown
    assert [gap(d) for d in khartoum] == sorted((gap(d) for d in khartoum), reverse=True)
    assert khartoum[0].second.claim.value == 92  # the widest gap of the group first


def test_parts_read_under_their_whole_and_footnotes_follow_the_reading(sqlite_store: Store) -> None:
    from sitroom.report.markdown import render_markdown

    load_sample(sqlite_store, gazetteer=bundled_gazetteer())
    briefing = briefing_for(sqlite_store, "Aleppo", date(2016, 12, 9))
    numbers = [f.footnote for s in briefing.sections for f in s.figures]
    assert numbers == list(range(1, len(numbers) + 1))
    assert [n.number for n in briefing.footnotes] == numbers
    text = render_markdown(briefing)
    whole = text.index("- People evacuated: **Nearly 150 civilians")
    part = text.index("  - of which **118 patients")
    assert whole < part < text.index("- People sheltered:")


def test_the_appendix_quotes_only_the_disagreements_shown() -> None:
    from sitroom.analysis.disagreements import Disagreement
    from sitroom.analysis.sourced import SourcedClaim
    from sitroom.domain import Claim, Source
    from sitroom.report.model import Briefing
    from sitroom.report.summary import (
        GROUPS_SHOWN,
        check_groups,
        disagreement_groups,
        shown_claims,
    )

    def said(value: float, place: str, source: int) -> SourcedClaim:
        claim = Claim("people.displaced", value, f"{value:g}", 0, 3, "s", place=place)
        return SourcedClaim(claim, Source(f"s{source}", date(2023, 7, 18), f"{source}", id=source))

    pairs = tuple(
        Disagreement(
            "people.displaced", said(100, f"P{n}", 2 * n), said(10 + n, f"P{n}", 2 * n + 1), "apart"
        )
        for n in range(GROUPS_SHOWN + 2)
    )
    briefing = Briefing("Sudan", date(2023, 7, 18), date(2023, 7, 12), (), pairs, (), (), 3, "t")
    shown = shown_claims(disagreement_groups(briefing), check_groups(briefing))
    quoted = {c.source.id for c in shown}
    # the widest gaps (smallest second figures) are shown; the two narrowest only counted
    assert quoted == {i for n in range(GROUPS_SHOWN) for i in (2 * n, 2 * n + 1)}
