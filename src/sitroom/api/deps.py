"""What routes share: the app's store and briefing cache, a briefing's default place and day."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from sitroom.api.cache import BriefingCache
from sitroom.api.limits import MAX_FILTER_CHARS, Day
from sitroom.report.build import briefing_for
from sitroom.report.model import Briefing
from sitroom.report.target import default_target
from sitroom.store.database import Store

# Dependencies that only look something up are coroutines: FastAPI runs a plain function
# in a worker thread, a hop that cost /api/claims more than its query (bench/api.py).


async def get_store(request: Request) -> Store:
    """The store the app was created on."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


async def get_briefing_cache(request: Request) -> BriefingCache:
    """The app's cache of rendered briefings."""
    cache: BriefingCache = request.app.state.briefing_cache
    return cache


BriefingCacheDep = Annotated[BriefingCache, Depends(get_briefing_cache)]


def briefing_or_default(
    store: Store,
    cache: BriefingCache,
    place: str | None,
    on: date | None,
    reviewed: bool = False,
) -> Briefing:
    """The briefing for `place` on `on` (as `sitroom briefing` builds it), either one
    defaulting as `report.target.default_target` says: the workspace's place, else Aleppo;
    the latest day with sources (the sample's day on a store that is only the sample).
    With `reviewed`, only confirmed and edited claims count (`briefing --reviewed`).
    The last one built is kept until the next write (`BriefingCache.latest`)."""
    place, on = default_target(store, place, on)
    return cache.latest(
        store,
        ("briefing", place, on, reviewed),
        lambda: briefing_for(store, place, on, reviewed_only=reviewed),
    )


# The place and day of a briefing, as the JSON route and the page take them.
BriefingPlace = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=MAX_FILTER_CHARS,
        description="Default: the workspace's place, else Aleppo.",
    ),
]
BriefingDay = Annotated[
    Day | None,
    Query(
        alias="date",
        description="YYYY-MM-DD, 1900-01-01 to 2100-12-31. Default: the latest day with "
        "sources (the sample's day on a database without workspace settings that holds "
        "the sample).",
    ),
]
BriefingReviewed = Annotated[
    bool,
    Query(description="Only claims an editor confirmed or edited (`briefing --reviewed`)."),
]
