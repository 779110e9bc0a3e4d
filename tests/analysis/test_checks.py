from dataclasses import replace
from datetime import date

from sitroom.analysis.checks import check_cumulative, check_parts, check_ranges
from sitroom.analysis.sourced import SourcedClaim
from sitroom.vocabulary import default_vocabulary


def _with_value(c: SourcedClaim, value: float) -> SourcedClaim:
    return SourcedClaim(replace(c.claim, value=value), c.source)


def test_unhcr_breakdown_adds_up_and_stays_quiet(unhcr: list[SourcedClaim]) -> None:
    assert check_parts(unhcr) == []


def test_breakdown_that_misses_its_total_fires(unhcr: list[SourcedClaim]) -> None:
    changed = [_with_value(c, 70_000) if c.claim.quote == "91,645" else c for c in unhcr]
    [result] = check_parts(changed)
    assert result.rule == "breakdown_not_total"
    assert result.numbers == {"parts_sum": 464767 - 91645 + 70000, "total": 464767}


def test_rudskoy_parts_fit_their_wholes(rudskoy: list[SourcedClaim]) -> None:
    assert check_parts(rudskoy) == []


def test_part_larger_than_whole_fires(rudskoy: list[SourcedClaim]) -> None:
    changed = [_with_value(c, 1_200) if c.claim.quote == "953" else c for c in rudskoy]
    rules = [r.rule for r in check_parts(changed)]
    assert "part_larger_than_whole" in rules


def test_parts_exceeding_total_fire(rudskoy: list[SourcedClaim]) -> None:
    changed = [_with_value(c, 3_000) if c.claim.quote == "1,611" else c for c in rudskoy]
    rules = [r.rule for r in check_parts(changed)]
    assert rules == ["parts_exceed_total"]


def test_cumulative_figure_that_shrinks_fires(unhcr: list[SourcedClaim]) -> None:
    total = next(c for c in unhcr if c.claim.quote == "464,767 people")
    first = SourcedClaim(
        replace(total.claim, window_start=date(2016, 2, 1), window_end=date(2016, 11, 30)),
        total.source,
    )
    later = SourcedClaim(
        replace(first.claim, value=400_000, window_end=date(2016, 12, 15), id=99),
        replace(total.source, id=5, published_at=date(2016, 12, 16)),
    )
    [result] = check_cumulative([first, later])
    assert result.rule == "cumulative_decreased"
    assert (
        check_cumulative([first, SourcedClaim(replace(later.claim, value=470_000), later.source)])
        == []
    )


def test_value_outside_plausible_range_fires(rudskoy: list[SourcedClaim]) -> None:
    share = next(c for c in rudskoy if c.claim.indicator == "territory.share")
    assert check_ranges(rudskoy, default_vocabulary()) == []
    [result] = check_ranges([_with_value(share, 130)], default_vocabulary())
    assert result.rule == "value_out_of_range"
