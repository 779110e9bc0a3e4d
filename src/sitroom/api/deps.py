"""What routes share: the store of the app, and the default place and day of a briefing."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import cache
from typing import Annotated

from fastapi import Depends, Request

from sitroom.domain import Source
from sitroom.ingest.sample import SAMPLE_DATE, SAMPLE_PLACE, sample_reports
from sitroom.report.build import briefing_for
from sitroom.report.model import Briefing
from sitroom.store.database import Store
from sitroom.store.sources import list_sources


def get_store(request: Request) -> Store:
    """The store the app was created on."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


@cache
def _sample_hashes() -> frozenset[str]:
    return frozenset(hashlib.sha256(p.read_bytes()).hexdigest() for p in sample_reports())


def default_target(sources: list[Source]) -> tuple[str, date]:
    """The place and day `/` shows without parameters: the sample's Aleppo on 2016-12-09
    when the store holds the sample, else Aleppo on the latest source's day (today when
    the store is empty)."""
    if any(s.sha256 in _sample_hashes() for s in sources):
        return SAMPLE_PLACE, date.fromisoformat(SAMPLE_DATE)
    latest = max((s.published_at for s in sources), default=date.today())
    return SAMPLE_PLACE, latest


def briefing_or_default(store: Store, place: str | None, on: date | None) -> Briefing:
    """The briefing for `place` on `on` (as `sitroom briefing` builds it), either one
    defaulting as `default_target` says."""
    if place is None or on is None:
        with store.session() as session:
            default_place, default_day = default_target(list_sources(session))
        place, on = place or default_place, on or default_day
    return briefing_for(store, place, on)
