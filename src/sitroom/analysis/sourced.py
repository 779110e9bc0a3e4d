"""A claim together with the source it comes from: what every analysis rule reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitroom.domain import Claim, Source


@dataclass(frozen=True)
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
