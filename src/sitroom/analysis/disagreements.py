"""Disagreements: claims from different sources or claimants that cannot both hold."""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.analysis.bounds import bounds, can_both_hold
from sitroom.analysis.scope import claim_places, is_within, window_of
from sitroom.analysis.sourced import SourcedClaim
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import fold
from sitroom.vocabulary import Vocabulary


@dataclass(frozen=True)
class Disagreement:
    """Two claims about the same thing whose values cannot both be true, side by side."""

    indicator: str
    first: SourcedClaim
    second: SourcedClaim
    reason: str


def _same_places(a: SourcedClaim, b: SourcedClaim) -> bool:
    return {fold(p) for p in claim_places(a.claim)} == {fold(p) for p in claim_places(b.claim)}


def _resolved(c: SourcedClaim) -> bool:
    return c.claim.window_start is not None or c.claim.window_end is not None


def _same_window(a: SourcedClaim, b: SourcedClaim) -> bool:
    """Same resolved days; windows whose words could not be resolved must read the same."""
    if not _resolved(a) and not _resolved(b):
        return fold(a.claim.window or "") == fold(b.claim.window or "") and (
            a.claim.window is not None or a.published_at == b.published_at
        )
    return window_of(a.claim, a.published_at) == window_of(b.claim, b.published_at)


def _inside(inner: SourcedClaim, outer: SourcedClaim, gazetteer: Gazetteer | None) -> bool:
    """True when every place of `inner` lies within some place of `outer`, and the window too."""
    inner_places, outer_places = claim_places(inner.claim), claim_places(outer.claim)
    if not inner_places or not outer_places:
        return False
    if not _resolved(inner) and not _resolved(outer) and not _same_window(inner, outer):
        return False  # unresolved words that differ: nothing says one window holds the other
    if not all(any(is_within(i, o, gazetteer) for o in outer_places) for i in inner_places):
        return False
    start_i, end_i = window_of(inner.claim, inner.published_at)
    start_o, end_o = window_of(outer.claim, outer.published_at)
    starts_ok = start_o is None or (start_i is not None and start_i >= start_o)
    ends_ok = end_o is None or (end_i is not None and end_i <= end_o)
    return starts_ok and ends_ok


def _comparable(a: SourcedClaim, b: SourcedClaim) -> bool:
    ca, cb = a.claim, b.claim
    if (ca.indicator, ca.unit, ca.group, ca.subject) != (
        cb.indicator,
        cb.unit,
        cb.group,
        cb.subject,
    ):
        return False
    # "other" holds unlike figures; nothing says they count the same thing. Two mentions of
    # one voice are compared too: a briefing that gives 24 and 21 sites for the same day
    # contradicts itself, which a reader must see as much as two sources apart.
    return ca.indicator != "other"


def find_disagreements(
    claims: list[SourcedClaim], vocabulary: Vocabulary, gazetteer: Gazetteer | None = None
) -> list[Disagreement]:
    """Pairs of claims that cannot both hold, each pair once.

    Same indicator, unit, group and subject (from any two voices, or one voice twice); and
    either the
    same places and window with disjoint bounds, or (for flows) a figure for a place and
    window inside another's that is larger than the other allows. Two figures that can
    both hold ("more than 10,500" and "around 11,000") are no disagreement.
    """
    found: list[Disagreement] = []
    seen: set[tuple[tuple[float, float], tuple[float, float], str]] = set()
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if not _comparable(a, b):
                continue
            reason = _conflict(a, b, vocabulary, gazetteer)
            if reason is None:
                continue
            key = (bounds(a.claim), bounds(b.claim), a.claim.indicator)
            if key in seen:
                continue  # the same figures stated again are the same disagreement
            seen.add(key)
            found.append(Disagreement(a.claim.indicator, a, b, reason))
    return found


def _conflict(
    a: SourcedClaim, b: SourcedClaim, vocabulary: Vocabulary, gazetteer: Gazetteer | None
) -> str | None:
    if _same_places(a, b) and _same_window(a, b):
        return None if can_both_hold(a.claim, b.claim) else "same place and window, values apart"
    is_flow = a.claim.indicator in vocabulary and vocabulary[a.claim.indicator].kind == "flow"
    if not is_flow or a.claim.unit in ("percent", "ratio"):
        return None
    for inner, outer in ((a, b), (b, a)):
        if _inside(inner, outer, gazetteer) and bounds(inner.claim)[0] > bounds(outer.claim)[1]:
            return "a figure for a part is larger than the figure for the whole"
    return None
