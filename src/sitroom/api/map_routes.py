"""The control map: polygons coloured by who holds them, day by day, and the page that
draws them (Leaflet, vendored in the package's static files: no tile server, offline)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from sitroom.api.auth import may_read
from sitroom.api.deps import StoreDep
from sitroom.api.errors import ERROR_RESPONSES, PAGE_ERROR_RESPONSES
from sitroom.api.limits import Day, Filter
from sitroom.geo.render import MAX_MAP_DAYS, BadRange, states_geojson
from sitroom.geo.shares import ControlMap
from sitroom.geo.stored import NoControlData, control_map, parties_for
from sitroom.report.html import templates
from sitroom.store.database import Store

router = APIRouter(responses=ERROR_RESPONSES, dependencies=[Depends(may_read)])
DEFAULT_AREA = "Aleppo"


def _days(control: ControlMap, start: date | None, end: date | None) -> tuple[date, date]:
    """The first and last day asked for, by default the first and last observed."""
    days = control.ledger.days
    if not days:
        raise NoControlData("no control observations are stored (sitroom control import)")
    first, last = start or min(days), end or max(days)
    if first > last:
        raise BadRange(f"from {first} is after to {last}")
    if (last - first).days >= MAX_MAP_DAYS:
        raise BadRange(f"at most {MAX_MAP_DAYS} days at once")
    return first, last


def _map(store: Store, area: str, start: date | None, end: date | None) -> bytes:
    control = control_map(store)
    first, last = _days(control, start, end)
    document = states_geojson(control, area, first, last)
    document["colours"] = parties_for(store).colours
    return orjson.dumps(document)


@router.get(
    "/api/control/map",
    tags=["control"],
    summary="Polygons and who held them, day by day (GeoJSON)",
    response_class=Response,
    responses={200: {"content": {"application/geo+json": {}}, "description": "The map."}},
)
async def control_map_json(
    store: StoreDep,
    place: Annotated[Filter, Query(min_length=1, description="The area.")] = DEFAULT_AREA,
    start: Annotated[Day | None, Query(alias="from", description="First day.")] = None,
    end: Annotated[Day | None, Query(alias="to", description="Last day.")] = None,
) -> Response:
    """The area's mapped polygons (RFC 7946 coordinates) with, for every day from `from`
    to `to` (default: the first and last observed), each polygon's state (held,
    contested, disputed, unknown) and controller, every dated observation with its
    claimant and source, and each side's colour."""
    body = await run_in_threadpool(_map, store, place, start, end)
    return Response(body, media_type="application/geo+json")


def _timeline(store: Store, area: str, start: date | None, end: date | None) -> bytes:
    control = control_map(store)
    first, last = _days(control, start, end)
    series = control.timeline(area, first, last)
    actors = sorted({a for day in series for a in day.held})
    document = {
        "area": area,
        "days": [day.on.isoformat() for day in series],
        "colours": parties_for(store).colours,
        "held": {a: [round(day.held.get(a, 0.0), 2) for day in series] for a in actors},
        "held_or_unsettled": {
            a: [round(day.held_or_unsettled.get(a, 0.0), 2) for day in series] for a in actors
        },
        "contested": [round(day.contested, 2) for day in series],
        "disputed": [round(day.disputed, 2) for day in series],
        "unknown": [round(day.unknown, 2) for day in series],
    }
    return orjson.dumps(document)


@router.get(
    "/api/control/timeline",
    tags=["control"],
    summary="Each side's share of an area's km², day by day",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "The timeline."}},
)
async def control_timeline_json(
    store: StoreDep,
    place: Annotated[Filter, Query(min_length=1, description="The area.")] = DEFAULT_AREA,
    start: Annotated[Day | None, Query(alias="from", description="First day.")] = None,
    end: Annotated[Day | None, Query(alias="to", description="Last day.")] = None,
) -> Response:
    """Percent of the area's km² each side held on each day (and held or contested or
    disputed), and the contested, disputed and unknown shares: what `sitroom control
    timeline` prints, for charts drawn in the browser."""
    body = await run_in_threadpool(_timeline, store, place, start, end)
    return Response(body, media_type="application/json")


@router.get(
    "/map",
    tags=["pages"],
    summary="The control map with a date slider",
    response_class=HTMLResponse,
    responses=PAGE_ERROR_RESPONSES,
)
def map_page(
    request: Request,
    place: Annotated[Filter, Query(min_length=1, description="The area.")] = DEFAULT_AREA,
) -> HTMLResponse:
    """A map of the area's polygons coloured by control for the day on a slider (a day a
    step, play and pause), a legend, and a click on a polygon listing its observations."""
    html = templates().get_template("map.html").render(standalone=False, place=place)
    return HTMLResponse(html)
