"""A claim together with the source it comes from: what every analysis rule reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from sitroom.analysis.bounds import bounds as claim_bounds
from sitroom.analysis.scope import claim_places
from sitroom.domain import Claim, Source
from sitroom.geo.names import fold


@dataclass(frozen=True, eq=False)
class SourcedClaim:
    claim: Claim
    source: Source

    @property
    def published_at(self) -> date:
        return self.source.published_at

    @property
    def speaker(self) -> str:
        """Who makes the claim: its claimant, else the source's publisher or title."""
        return self.claim.claimant or self.source.publisher or self.source.title

    # Rules compare each claim with many others: its places and bounds are worked out once.
    @cached_property
    def places(self) -> list[str]:
        """The places the claim names (see `scope.claim_places`)."""
        return claim_places(self.claim)

    @cached_property
    def places_key(self) -> frozenset[str]:
        """The claim's places, folded, as a set."""
        return frozenset(fold(p) for p in self.places)

    @cached_property
    def bounds(self) -> tuple[float, float]:
        """The lowest and highest value the claim allows (see `bounds.bounds`)."""
        return claim_bounds(self.claim)
