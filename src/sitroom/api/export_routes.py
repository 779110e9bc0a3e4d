"""/api/export/{what}: what `sitroom export` writes, as a download."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import StreamingResponse
from starlette.concurrency import iterate_in_threadpool

from sitroom.api.auth import may_read
from sitroom.api.deps import StoreDep
from sitroom.api.errors import ERROR_RESPONSES
from sitroom.api.limits import Day, Filter, Id
from sitroom.domain import InputError
from sitroom.report.export_files import SHAPES, export_text
from sitroom.report.exports import MEDIA_TYPES, ExportFormat, NotExportable
from sitroom.store.claims import ClaimFilter

router = APIRouter(
    prefix="/api/export", tags=["data"], responses=ERROR_RESPONSES, dependencies=[Depends(may_read)]
)
_SUFFIX = {
    ExportFormat.CSV: "csv",
    ExportFormat.HXL: "hxl.csv",
    ExportFormat.GEOJSON: "geojson",
    ExportFormat.JSONL: "jsonl",
    ExportFormat.ACLED: "acled.csv",
}


@router.get(
    "/{what}",
    summary="Claims, events, places or control observations as a file",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/csv": {}, "application/geo+json": {}, "application/x-ndjson": {}},
            "description": "The file.",
        }
    },
)
def export(
    what: Annotated[
        Literal["claims", "events", "places", "control"], Path(description="What to export.")
    ],
    store: StoreDep,
    fmt: Annotated[
        ExportFormat | None,
        Query(alias="format", description="csv, hxl (claims), geojson, acled (events), jsonl."),
    ] = None,
    indicator: Annotated[Filter | None, Query(description="Claims of this indicator.")] = None,
    place: Annotated[Filter | None, Query(description="Claims naming this place.")] = None,
    claimant: Annotated[Filter | None, Query(description="Claims of this claimant.")] = None,
    source: Annotated[Id | None, Query(description="Claims of this source.")] = None,
    start: Annotated[Day | None, Query(alias="from", description="Published from.")] = None,
    end: Annotated[Day | None, Query(alias="to", description="Published up to.")] = None,
) -> StreamingResponse:
    """The same file `sitroom export WHAT --format FORMAT` writes, streamed: every claim row
    with its provenance (claim id, source id, title and URL, quote and span); HXL with its
    hashtag row; GeoJSON in RFC 7946 coordinates; events in ACLED's layout."""
    where = ClaimFilter(
        indicator=indicator,
        place=place,
        claimant=claimant,
        source_id=source,
        on_or_after=start,
        on_or_before=end,
    )
    try:
        pieces = export_text(store, what, fmt, where)
        chosen = fmt or SHAPES[what][0]
    except NotExportable as err:
        raise InputError("format", None, "format", str(err)) from err  # 422, in one body
    return StreamingResponse(
        iterate_in_threadpool(pieces),
        media_type=MEDIA_TYPES[chosen],
        headers={"Content-Disposition": f'attachment; filename="sitroom-{what}.{_SUFFIX[chosen]}"'},
    )
