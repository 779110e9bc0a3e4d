"""Who speaks: claimants resolved to known actors, and whether a figure comes only from a party."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from sitroom.analysis.bounds import can_both_hold
from sitroom.analysis.scope import claim_places, is_within, window_of, windows_overlap
from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Actor, ActorKind, InputError
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import fold


@dataclass(frozen=True, eq=False)
class Voices:
    """Known claimants, each found by its name or an alias as whole words of a longer name."""

    actors: tuple[Actor, ...]

    @cached_property
    def _spellings(self) -> list[tuple[str, Actor]]:
        return sorted(
            ((fold(s), a) for a in self.actors for s in (a.name, *a.aliases) if fold(s)),
            key=lambda pair: -len(pair[0]),
        )

    def resolve(self, claimant: str | None) -> Actor | None:
        """The known actor a claimant's name refers to, the longest alias winning, or None."""
        if not claimant:
            return None
        folded = f" {fold(claimant)} "
        for spelling, actor in self._spellings:
            if re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", folded):
                return actor
        return None

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


def parse_voices(text: str, path: str = "claimants.toml") -> Voices:
    """Known claimants from TOML; a bad entry raises InputError naming the entry and field."""
    raw = tomllib.loads(text)
    actors = []
    for number, entry in enumerate(raw.get("actor", []), start=1):
        where = f"actor[{number}]"
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise InputError(path, None, f"{where}.name", "is missing")
        try:
            kind = ActorKind(entry.get("kind", "unknown"))
        except ValueError as err:
            raise InputError(
                path, None, f"{where}.kind", f'"{entry.get("kind")}" is not an actor kind'
            ) from err
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(path, None, f"{where}.aliases", "must be a list of texts")
        actors.append(
            Actor(
                name=name,
                kind=kind,
                aliases=tuple(aliases),
                parent=entry.get("parent"),
                is_party=bool(entry.get("party", False)),
            )
        )
    return Voices(tuple(actors))


@cache
def default_voices() -> Voices:
    """The claimants bundled with sitroom (`claimants.toml`)."""
    text = resources.files("sitroom").joinpath("claimants.toml").read_text(encoding="utf-8")
    return parse_voices(text, "sitroom/claimants.toml")


def party_only(
    figure: SourcedClaim, others: list[SourcedClaim], voices: Voices, gazetteer: Gazetteer | None
) -> bool:
    """True when a party gives this figure and no independent voice gives a figure that
    agrees with it (same indicator, group and area, overlapping window, both can hold)."""
    if not voices.is_party(figure.claim.claimant or figure.source.publisher):
        return False
    span = window_of(figure.claim, figure.published_at)
    for other in others:
        if other is figure or voices.is_party(other.claim.claimant or other.source.publisher):
            continue
        c = other.claim
        if (c.indicator, c.group, c.unit) != (
            figure.claim.indicator,
            figure.claim.group,
            figure.claim.unit,
        ):
            continue
        same_area = any(
            is_within(a, b, gazetteer) or is_within(b, a, gazetteer)
            for a in claim_places(c)
            for b in claim_places(figure.claim)
        )
        if (
            same_area
            and windows_overlap(span, window_of(c, other.published_at))
            and can_both_hold(c, figure.claim)
        ):
            return False
    return True
