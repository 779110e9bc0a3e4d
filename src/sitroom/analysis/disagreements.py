"""Disagreements: claims from different sources or claimants that cannot both hold."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from sitroom.analysis.scope import containers, is_within
from sitroom.analysis.sourced import SourcedClaim
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import fold
from sitroom.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two claims about the same thing whose values cannot both be true, side by side."""

    indicator: str
    first: SourcedClaim
    second: SourcedClaim
    reason: str


def _same_window(a: SourcedClaim, b: SourcedClaim) -> bool:
    """Same resolved days; windows whose words could not be resolved must read the same."""
    if not a.resolved and not b.resolved:
        return fold(a.claim.window or "") == fold(b.claim.window or "") and (
            a.claim.window is not None or a.published_at == b.published_at
        )
    return a.days == b.days


def _window_inside(inner: SourcedClaim, outer: SourcedClaim) -> bool:
    """True when `inner`'s days lie within `outer`'s; unresolved words that differ never do."""
    if not inner.resolved and not outer.resolved and not _same_window(inner, outer):
        return False  # nothing says one window holds the other
    start_i, end_i = inner.days
    start_o, end_o = outer.days
    starts_ok = start_o is None or (start_i is not None and start_i >= start_o)
    ends_ok = end_o is None or (end_i is not None and end_i <= end_o)
    return starts_ok and ends_ok


def _places_inside(inner: SourcedClaim, outer: SourcedClaim, gazetteer: Gazetteer | None) -> bool:
    """True when every place of `inner` lies within some place of `outer`."""
    inner_places, outer_places = inner.places, outer.places
    if not inner_places or not outer_places:
        return False
    return all(any(is_within(i, o, gazetteer) for o in outer_places) for i in inner_places)


SAME_SCOPE = "same place and window, values apart"
PART_OVER_WHOLE = "a figure for a part is larger than the figure for the whole"

Entry = tuple[int, SourcedClaim]  # a figure and its position among the briefing's figures


def find_disagreements(
    claims: list[SourcedClaim], vocabulary: Vocabulary, gazetteer: Gazetteer | None = None
) -> list[Disagreement]:
    """Pairs of claims that cannot both hold, each pair once, in the order of the claims.

    Same indicator, unit, group and subject (from any two voices, or one voice twice); and
    either the same places and window with disjoint bounds, or (for flows) a figure for a
    place and window inside another's that is larger than the other allows. Two figures
    that can both hold ("more than 10,500" and "around 11,000") are no disagreement.

    Pairs are looked up, not enumerated: figures are filed by what they count, then by
    their places and window (first rule) or by every area that holds their places (second
    rule), so a briefing over thousands of figures stays fast. A test holds the lookups
    to comparing every pair.
    """
    groups: dict[tuple[object, ...], list[Entry]] = defaultdict(list)
    for entry in enumerate(claims):
        claim = entry[1].claim
        if claim.indicator != "other":  # unlike figures; nothing says they count one thing
            groups[(claim.indicator, claim.unit, claim.group, claim.subject)].append(entry)
    pairs: dict[tuple[int, int], str] = {}
    for members in groups.values():
        _same_scope_pairs(members, pairs)
        first = members[0][1].claim
        is_flow = first.indicator in vocabulary and vocabulary[first.indicator].kind == "flow"
        if is_flow and first.unit not in ("percent", "ratio"):
            _part_whole_pairs(members, pairs, gazetteer)
    found: list[Disagreement] = []
    seen: set[tuple[tuple[float, float], tuple[float, float], str]] = set()
    for i, j in sorted(pairs):
        a, b = claims[i], claims[j]
        key = (a.bounds, b.bounds, a.claim.indicator)
        if key in seen:
            continue  # the same figures stated again are the same disagreement
        seen.add(key)
        found.append(Disagreement(a.claim.indicator, a, b, pairs[(i, j)]))
    return found


def _window_key(c: SourcedClaim) -> tuple[object, ...]:
    """Claims with the same key have the same window (`_same_window`)."""
    if not c.resolved:
        words = fold(c.claim.window or "")
        return ("words", words, None if c.claim.window else c.published_at)
    return ("days", *c.days)


def _shelf_key(c: SourcedClaim) -> tuple[object, ...]:
    """Everything `_same_window` and `_window_inside` read of a claim's window: against
    any other claim, claims with the same key give the same answers to both."""
    if not c.resolved:
        return ("words", fold(c.claim.window or ""), c.claim.window is None, c.published_at)
    return ("days", *c.days)


def _upper(entry: Entry) -> float:
    return entry[1].bounds[1]


def _same_scope_pairs(members: list[Entry], pairs: dict[tuple[int, int], str]) -> None:
    buckets: dict[tuple[object, ...], list[Entry]] = defaultdict(list)
    for entry in members:
        c = entry[1]
        buckets[(c.places_key, _window_key(c))].append(entry)
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        # sorted by upper bound: the figures a figure is apart from are a prefix
        ranked = sorted(bucket, key=_upper)
        highs = [c.bounds[1] for _, c in ranked]
        for i, a in bucket:
            for j, _ in ranked[: bisect_left(highs, a.bounds[0])]:
                pairs.setdefault((i, j) if i < j else (j, i), SAME_SCOPE)


# figures of one area and window sorted by upper bound, those bounds, and whether the
# window is the same as that of the inner figure the shelf is looked up for
Shelf = tuple[list[Entry], list[float], bool]


def _part_whole_pairs(
    members: list[Entry], pairs: dict[tuple[int, int], str], gazetteer: Gazetteer | None
) -> None:
    # Figures are filed by each area they name, then by window (a shelf each, sorted by
    # upper bound, so those an inner figure exceeds are a prefix). An inner figure meets
    # only the areas that hold it, and which shelves' windows hold its window is worked
    # out once per area and window, not once per figure.
    keys = {i: _shelf_key(c) for i, c in members}
    by_area: dict[str, dict[tuple[object, ...], list[Entry]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for entry in members:
        for place in entry[1].places_key:
            by_area[place][keys[entry[0]]].append(entry)
    shelves: dict[str, list[tuple[SourcedClaim, list[Entry], list[float]]]] = {}
    for area, by_window in by_area.items():
        shelves[area] = []
        for listed in by_window.values():
            listed.sort(key=_upper)
            shelves[area].append((listed[0][1], listed, [c.bounds[1] for _, c in listed]))
    fitting: dict[tuple[str, tuple[object, ...]], list[Shelf]] = {}
    for i, inner in members:
        if not inner.places:
            continue
        low, inner_key = inner.bounds[0], keys[i]
        candidates: dict[int, SourcedClaim] = {}
        for area in containers(inner.places[0], gazetteer):
            on_area = shelves.get(area)
            if on_area is None:
                continue
            fit = fitting.get((area, inner_key))
            if fit is None:
                # one figure stands for its shelf: the window tests read only the shelf key
                fit = fitting[(area, inner_key)] = [
                    (listed, highs, _same_window(inner, sample))
                    for sample, listed, highs in on_area
                    if _window_inside(inner, sample)
                ]
            for listed, highs, same_window in fit:
                exceeded = listed[: bisect_left(highs, low)]
                if not same_window:
                    candidates.update(exceeded)
                else:  # same place and window is the first rule's, not a part and a whole
                    candidates.update(e for e in exceeded if e[1].places_key != inner.places_key)
        # a figure of one place is within every figure filed under an area that holds it
        one_place = len(inner.places) == 1
        for j, outer in candidates.items():
            key = (i, j) if i < j else (j, i)
            if j == i or key in pairs:
                continue
            if one_place or _places_inside(inner, outer, gazetteer):
                pairs[key] = PART_OVER_WHOLE
