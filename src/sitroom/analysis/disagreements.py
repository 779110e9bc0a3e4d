"""Disagreements: claims from different sources or claimants that cannot both hold."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import NamedTuple

from sitroom.analysis.scope import containers, is_within
from sitroom.analysis.sourced import SourcedClaim
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import fold
from sitroom.vocabulary import Vocabulary


class Disagreement(NamedTuple):
    """Two claims about the same thing whose values cannot both be true, side by side.

    A named tuple, not a frozen dataclass: a briefing of 100,000 claims makes 40,000 of
    them, and a frozen dataclass's field-by-field set costs three times as much."""

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
    # a pair (i, j), i < j, as the number i * n + j: hashed and sorted as one int
    n = len(claims)
    pairs: dict[int, str] = {}
    for members in groups.values():
        _same_scope_pairs(members, pairs, n)
        first = members[0][1].claim
        is_flow = first.indicator in vocabulary and vocabulary[first.indicator].kind == "flow"
        if is_flow and first.unit not in ("percent", "ratio"):
            _part_whole_pairs(members, pairs, n, gazetteer)
    found: list[Disagreement] = []
    seen: set[tuple[tuple[float, float], tuple[float, float], str]] = set()
    for pair in sorted(pairs):
        i, j = divmod(pair, n)
        a, b = claims[i], claims[j]
        key = (a.bounds, b.bounds, a.claim.indicator)
        if key in seen:
            continue  # the same figures stated again are the same disagreement
        seen.add(key)
        found.append(Disagreement(a.claim.indicator, a, b, pairs[pair]))
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


def _same_scope_pairs(members: list[Entry], pairs: dict[int, str], n: int) -> None:
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
                pairs.setdefault(i * n + j if i < j else j * n + i, SAME_SCOPE)


WindowKey = tuple[object, ...]  # what `_shelf_key` gives
# the figures of one area and window: the window's key, one figure of it, the figures
# sorted by upper bound and those bounds
Shelf = tuple[WindowKey, SourcedClaim, list[Entry], list[float]]
# of a shelf whose window holds an inner figure's: its figures, their upper bounds, and
# whether the window is the same as the inner figure's
Fit = tuple[list[Entry], list[float], bool]


def _part_whole_pairs(
    members: list[Entry], pairs: dict[int, str], n: int, gazetteer: Gazetteer | None
) -> None:
    # Figures are filed by each area they name, then by window (a shelf each, sorted by
    # upper bound, so those an inner figure exceeds are a prefix). An inner figure meets
    # only the areas that hold it; which shelves of an area hold its window is worked out
    # once per area and window, and whether one window holds another once per pair.
    keys = {i: _shelf_key(c) for i, c in members}
    by_area: dict[str, dict[WindowKey, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in members:
        for place in entry[1].places_key:
            by_area[place][keys[entry[0]]].append(entry)
    shelves: dict[str, list[Shelf]] = {}
    for area, by_window in by_area.items():
        shelves[area] = []
        for window, listed in by_window.items():
            listed.sort(key=_upper)
            highs = [c.bounds[1] for _, c in listed]
            shelves[area].append((window, listed[0][1], listed, highs))
    # whether a shelf's window holds an inner figure's, and is the same: asked once per
    # pair of window keys, which many areas share
    windows: dict[tuple[WindowKey, WindowKey], tuple[bool, bool]] = {}
    # the areas holding a place that have shelves, by place; the shelves of an area whose
    # window holds an inner figure's, by area and window key
    areas_of: dict[str, list[tuple[str, list[Shelf]]]] = {}
    fitting: dict[tuple[str, WindowKey], list[Fit]] = {}
    for i, inner in members:
        if not inner.places:
            continue
        low, inner_key = inner.bounds[0], keys[i]
        first_place = inner.places[0]
        if first_place not in areas_of:
            areas_of[first_place] = [
                (area, shelves[area])
                for area in containers(first_place, gazetteer)
                if area in shelves
            ]
        candidates: dict[int, SourcedClaim] = {}
        for area, on_area in areas_of[first_place]:
            fit = fitting.get((area, inner_key))
            if fit is None:
                fit = fitting[(area, inner_key)] = []
                for window, sample, listed, highs in on_area:
                    if (inner_key, window) not in windows:
                        # one figure stands for its shelf: the tests read only the keys
                        windows[(inner_key, window)] = (
                            _window_inside(inner, sample),
                            _same_window(inner, sample),
                        )
                    inside, same = windows[(inner_key, window)]
                    if inside:
                        fit.append((listed, highs, same))
            for listed, highs, same_window in fit:
                exceeded = listed[: bisect_left(highs, low)]
                if not same_window:
                    candidates.update(exceeded)
                else:  # same place and window is the first rule's, not a part and a whole
                    candidates.update(e for e in exceeded if e[1].places_key != inner.places_key)
        # a figure of one place is within every figure filed under an area that holds it
        one_place = len(inner.places) == 1
        for j, outer in candidates.items():
            key = i * n + j if i < j else j * n + i
            if j == i or key in pairs:
                continue
            if one_place or _places_inside(inner, outer, gazetteer):
                pairs[key] = PART_OVER_WHOLE
