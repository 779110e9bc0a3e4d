"""Territory claims held against the mapped control: "claimed 93%, mapped 80.7% held".

Claims stay claims: the gap is reported in percentage points, never corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitroom.analysis.checks import CheckResult
from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Actor, SitroomError
from sitroom.geo.actors import DEFAULT_ACTORS
from sitroom.geo.checks import AreasTakenCheck, ShareCheck, compare_areas_taken, compare_share_claim
from sitroom.geo.shares import ControlMap


@dataclass(frozen=True, slots=True)
class TerritoryComparison:
    """One territory claim beside the mapped figure for the same actor, area and day."""

    claim: SourcedClaim
    share: ShareCheck | None = None
    areas: AreasTakenCheck | None = None
    problem: str | None = None  # why no comparison could be made

    @property
    def text(self) -> str:
        """A line for the briefing: "claimed 93%, mapped 80.7% held, 87.9% with ..."."""
        if self.share is not None:
            s = self.share
            return (
                f"{s.actor} in {s.area} on {s.date.isoformat()}: claimed {s.claimed:g}%, "
                f"mapped {s.mapped_held:.1f}% held, {s.mapped_held_or_unsettled:.1f}% with "
                f"the places it contests or disputes (gap {s.gap_held:+.1f} / "
                f"{s.gap_held_or_unsettled:+.1f} points; {s.unknown:.1f}% unknown)"
            )
        if self.areas is not None:
            a = self.areas
            return (
                f"{a.actor} in {a.area}, {a.window_start.isoformat()} to "
                f"{a.window_end.isoformat()}: claimed {a.claimed:g} areas taken, "
                f"{a.mapped} mapped neighbourhoods changed hands ({a.mapped_with_unsettled} "
                "with those newly contested or disputed)"
            )
        return f"{self.claim.claim.quote!r}: not compared ({self.problem})"


def _day(c: SourcedClaim) -> date:
    return c.claim.window_end or c.published_at


def compare_territory(
    claims: list[SourcedClaim], control: ControlMap, actors: list[Actor] | None = None
) -> list[TerritoryComparison]:
    """Each territory.share and territory.areas_taken claim beside the mapped control.

    A share is compared on the claim's day (its window's end, else its publication day) for
    the actor it names as `subject`; areas taken over the claim's window, or from the first
    mapped day when the claim states none.
    """
    known = actors or list(DEFAULT_ACTORS)
    first_day = min(control.ledger.days, default=None)
    found: list[TerritoryComparison] = []
    for c in claims:
        claim = c.claim
        if claim.indicator not in ("territory.share", "territory.areas_taken"):
            continue
        if not claim.place:
            found.append(TerritoryComparison(c, problem="the claim names no place"))
            continue
        area = claim.place
        try:
            if claim.indicator == "territory.share":
                if not claim.subject:
                    found.append(TerritoryComparison(c, problem="the claim names no actor"))
                    continue
                found.append(
                    TerritoryComparison(
                        c,
                        share=compare_share_claim(
                            claim.value, claim.subject, area, _day(c), control, known
                        ),
                    )
                )
            elif first_day is not None:
                if not claim.subject:
                    found.append(TerritoryComparison(c, problem="the claim names no actor"))
                    continue
                start = claim.window_start or first_day
                found.append(
                    TerritoryComparison(
                        c,
                        areas=compare_areas_taken(
                            claim.value,
                            start,
                            _day(c),
                            control,
                            actor=claim.subject,
                            area_name=area,
                            actors=known,
                        ),
                    )
                )
        except SitroomError as err:
            found.append(TerritoryComparison(c, problem=str(err)))
    return found


# A claimed share outside the mapped range by more than this many points fails the check:
# polygons are whole neighbourhoods, so a point or two is the map's own grain.
SHARE_TOLERANCE_POINTS = 2.0


def territory_checks(comparisons: list[TerritoryComparison]) -> list[CheckResult]:
    """Failed checks: a claimed share outside [held, held or unsettled] by more than the
    tolerance, or more areas claimed taken than mapped neighbourhoods changed hands."""
    results: list[CheckResult] = []
    for comparison in comparisons:
        s, a = comparison.share, comparison.areas
        if s is not None and not (
            s.mapped_held - SHARE_TOLERANCE_POINTS
            <= s.claimed
            <= s.mapped_held_or_unsettled + SHARE_TOLERANCE_POINTS
        ):
            results.append(
                CheckResult(
                    "territory_share_vs_mapped",
                    comparison.text,
                    (comparison.claim,),
                    {
                        "claimed": s.claimed,
                        "mapped_held": round(s.mapped_held, 2),
                        "mapped_held_or_unsettled": round(s.mapped_held_or_unsettled, 2),
                        "gap_points": round(s.gap_held, 2),
                    },
                )
            )
        if a is not None and a.claimed > a.mapped_with_unsettled:
            results.append(
                CheckResult(
                    "areas_taken_vs_mapped",
                    comparison.text,
                    (comparison.claim,),
                    {
                        "claimed": a.claimed,
                        "mapped": a.mapped,
                        "mapped_with_unsettled": a.mapped_with_unsettled,
                    },
                )
            )
    return results
