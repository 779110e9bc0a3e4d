"""Who speaks: claimants resolved to known actors, and whether a figure comes only from a party."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, cached_property
from importlib import resources
from itertools import chain

from sitroom.analysis.bounds import can_both_hold
from sitroom.analysis.scope import containers, is_within, window_of, windows_overlap
from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Actor
from sitroom.geo.actors import parse_actors
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import fold


@dataclass(frozen=True, eq=False)
class Voices:
    """Known claimants, each found by its name or an alias as whole words of a longer name."""

    actors: tuple[Actor, ...]

    @cached_property
    def _pattern(self) -> tuple[re.Pattern[str], dict[str, Actor]]:
        by_spelling: dict[str, Actor] = {}
        for actor in self.actors:
            for spelling in (actor.name, *actor.aliases):
                by_spelling.setdefault(fold(spelling), actor)
        by_spelling.pop("", None)
        # longest first, so "UN OCHA" finds OCHA before "UN" finds the United Nations
        body = "|".join(re.escape(s) for s in sorted(by_spelling, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)"), by_spelling

    @cached_property
    def _resolved(self) -> dict[str, Actor | None]:
        return {}

    def resolve(self, claimant: str | None) -> Actor | None:
        """The known actor a claimant's name refers to, the longest alias winning, or None."""
        if not claimant:
            return None
        if claimant not in self._resolved:
            pattern, by_spelling = self._pattern
            match = pattern.search(fold(claimant))
            self._resolved[claimant] = by_spelling[match.group(0)] if match else None
        return self._resolved[claimant]

    def is_party(self, claimant: str | None) -> bool:
        """True when the claimant is a party to the conflict (or speaks for one)."""
        actor = self.resolve(claimant)
        seen = 0
        while actor is not None and seen < 5:
            if actor.is_party:
                return True
            actor = self.resolve(actor.parent) if actor.parent else None
            seen += 1
        return False


def with_stored(voices: Voices, stored: Iterable[Actor]) -> Voices:
    """`voices` with the store's actors, whose party flag is a user's word on it (`sitroom
    grade actor`): a stored actor of a known name keeps the known aliases and takes the
    stored flag; one marked not a party no longer counts its known parent's side either;
    new names are added."""
    merged = {fold(a.name): a for a in voices.actors}
    for actor in stored:
        key = fold(actor.name)
        known = merged.get(key)
        if known is None:
            merged[key] = actor
            continue
        merged[key] = replace(
            known,
            aliases=tuple(dict.fromkeys((*known.aliases, *actor.aliases))),
            parent=(actor.parent or known.parent) if actor.is_party else actor.parent,
            is_party=actor.is_party,
        )
    return Voices(tuple(merged.values()))


def parse_voices(text: str, path: str = "claimants.toml") -> Voices:
    """Known claimants from TOML; a bad entry raises InputError naming the entry and field."""
    return Voices(parse_actors(text, path))


@cache
def default_voices() -> Voices:
    """The claimants bundled with sitroom (`claimants.toml`)."""
    text = resources.files("sitroom").joinpath("claimants.toml").read_text(encoding="utf-8")
    return parse_voices(text, "sitroom/claimants.toml")


def _agrees(figure: SourcedClaim, other: SourcedClaim, gazetteer: Gazetteer | None) -> bool:
    """True when `other` is another source's figure that counts the same thing for the same
    area and days and can hold together with `figure`."""
    a, b = figure.claim, other.claim
    if other.source.id == figure.source.id:
        return False  # an article repeating a party's figure does not corroborate it
    if (a.indicator, a.group, a.unit) != (b.indicator, b.group, b.unit):
        return False
    same_area = any(
        is_within(x, y, gazetteer) or is_within(y, x, gazetteer)
        for x in other.places
        for y in figure.places
    )
    return (
        same_area
        and windows_overlap(window_of(a, figure.published_at), window_of(b, other.published_at))
        and can_both_hold(a, b)
    )


def _speaks_for_party(c: SourcedClaim, voices: Voices) -> bool:
    return voices.is_party(c.claim.claimant or c.source.publisher)


def party_only(
    figure: SourcedClaim,
    others: Iterable[SourcedClaim],
    voices: Voices,
    gazetteer: Gazetteer | None,
) -> bool:
    """True when a party gives this figure and no independent voice gives a figure that
    agrees with it (same indicator, group and area, overlapping window, both can hold).

    An independent voice is a non-party claimant in another source: an article that
    repeats a party's figure in its own words does not corroborate it.
    """
    if not _speaks_for_party(figure, voices):
        return False
    return not any(
        _agrees(figure, other, gazetteer)
        for other in others
        if not _speaks_for_party(other, voices)
    )


class Corroboration:
    """`party_only` for many figures at once: independent figures are filed by what they
    count and by each area that holds their places, so a figure meets only those that
    could agree with it (same thing counted, one place within the other). Figures of a
    kind are filed when a figure of that kind is first asked about: a briefing asks of
    the few it ranks first, not of all."""

    def __init__(
        self, figures: Iterable[SourcedClaim], voices: Voices, gazetteer: Gazetteer | None
    ) -> None:
        self.voices, self.gazetteer = voices, gazetteer
        self._of_kind: dict[tuple[object, ...], list[SourcedClaim]] = defaultdict(list)
        for c in figures:
            self._of_kind[(c.claim.indicator, c.claim.group, c.claim.unit)].append(c)
        self._at: dict[tuple[object, ...], list[SourcedClaim]] = defaultdict(list)
        self._within: dict[tuple[object, ...], list[SourcedClaim]] = defaultdict(list)

    def _file(self, kind: tuple[object, ...]) -> None:
        for c in self._of_kind.pop(kind, ()):
            if _speaks_for_party(c, self.voices):
                continue
            for place in c.places:
                self._at[(*kind, fold(place))].append(c)
                for area in containers(place, self.gazetteer):
                    self._within[(*kind, area)].append(c)

    def party_only(self, figure: SourcedClaim) -> bool:
        """The same answer as `party_only(figure, every figure, ...)`."""
        if not _speaks_for_party(figure, self.voices):
            return False
        return not self.independently_agreed(figure)

    def independently_agreed(self, figure: SourcedClaim) -> bool:
        """Whether an independent voice in another source gives a figure that agrees with
        this one (same thing, one place within the other, overlapping days, both can
        hold), whoever gives this one."""
        kind = (figure.claim.indicator, figure.claim.group, figure.claim.unit)
        if kind in self._of_kind:
            self._file(kind)
        low, high = figure.bounds
        for place in figure.places:
            # others inside this place, and others this place lies inside
            candidates = chain(
                self._within.get((*kind, fold(place)), ()),
                *(self._at.get((*kind, area), ()) for area in containers(place, self.gazetteer)),
            )
            # filed by kind and area, a candidate already counts the same thing for a
            # related area: only its source, days and values are left to compare
            if any(
                other.source.id != figure.source.id
                and windows_overlap(figure.days, other.days)
                and max(low, other.bounds[0]) <= min(high, other.bounds[1])
                for other in candidates
            ):
                return True
        return False
