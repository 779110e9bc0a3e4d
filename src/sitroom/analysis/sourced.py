"""A claim together with the source it comes from: what every analysis rule reads."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from functools import lru_cache

from sitroom.analysis.bounds import bounds as claim_bounds
from sitroom.analysis.scope import place_names, window_of
from sitroom.domain import Claim, Source
from sitroom.geo.names import fold
from sitroom.records import record


@record(frozen=True, eq=False, slots=True)
class SourcedClaim:
    """A claim and its source, with what the rules compare worked out once.

    Rules compare each claim with many others, so its places, bounds and days are
    computed when it is made, not on every comparison (nor lazily: on Python 3.11 a
    `cached_property` takes a lock on first use, a tenth of a 15,000-figure briefing).
    """

    claim: Claim
    source: Source
    places: tuple[str, ...] = field(init=False, repr=False)
    """The places the claim names (see `scope.claim_places`)."""
    places_key: frozenset[str] = field(init=False, repr=False)
    """The claim's places, folded, as a set."""
    bounds: tuple[float, float] = field(init=False, repr=False)
    """The lowest and highest value the claim allows (see `bounds.bounds`)."""
    days: tuple[date | None, date | None] = field(init=False, repr=False)
    """The days the claim covers (see `scope.window_of`)."""
    resolved: bool = field(init=False, repr=False)
    """True when the claim's window was resolved to days; False for none or words only."""

    def __post_init__(self) -> None:
        claim = self.claim
        places, places_key = _places_of(claim.place, claim.origin, claim.destination)
        set_ = object.__setattr__  # the documented way to fill a frozen dataclass's fields
        set_(self, "places", places)
        set_(self, "places_key", places_key)
        set_(self, "bounds", claim_bounds(claim))
        set_(self, "days", window_of(claim, self.source.published_at))
        set_(self, "resolved", claim.window_start is not None or claim.window_end is not None)

    @property
    def published_at(self) -> date:
        return self.source.published_at

    @property
    def speaker(self) -> str:
        """Who makes the claim: its claimant, else the source's publisher or title."""
        return self.claim.claimant or self.source.publisher or self.source.title


@lru_cache(maxsize=65536)  # thousands of claims name a few dozen places
def _places_of(
    place: str | None, origin: str | None, destination: str | None
) -> tuple[tuple[str, ...], frozenset[str]]:
    names = tuple(place_names(place, origin, destination))
    return names, frozenset(fold(name) for name in names)
