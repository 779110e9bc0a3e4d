"""ACLED exports (CSV in ACLED's column layout) into the store's events.

Every row is checked before anything is written: a missing required column, a date, a
number of fatalities, a timestamp or a coordinate that is not what ACLED writes is
reported by line, column and value, and the file is refused whole. Stored rows are
replaced only by a newer revision of themselves (`store.events.upsert_events`), so an
import repeated changes nothing and a revised export updates what changed.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from sitroom.domain import Event, InputError, InputErrors
from sitroom.ingest.reports import read_regular_file
from sitroom.store.database import Store
from sitroom.store.events import Upserted, upsert_events

REQUIRED = ("event_id_cnty", "event_date", "event_type", "fatalities", "timestamp")
# ACLED's columns sitroom keeps, in ACLED's order (its exports hold more: year,
# time_precision, inter1, iso, region, geo_precision, source_scale, tags...; they are read
# past, not refused)
COLUMNS = (
    "event_id_cnty",
    "event_date",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
    "timestamp",
)
MAX_BYTES = 500_000_000
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


def read_acled(path: Path, *, max_bytes: int = MAX_BYTES) -> list[Event]:
    """The events of an ACLED CSV; InputErrors with every bad cell, by line and column."""
    raw = read_regular_file(path, max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path, None, None, f"is not UTF-8 text (byte {err.start})") from err
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(
            path,
            1,
            missing[0],
            f"is missing: an ACLED export has the columns {', '.join(REQUIRED)}",
            hint="export from ACLED's data export tool or API in its CSV layout",
        )
    reader.fieldnames = header
    events: list[Event] = []
    problems: list[InputError] = []
    seen: dict[str, tuple[int, int]] = {}  # event id -> (its line, its timestamp)
    for row in reader:
        line = reader.line_num
        try:
            event = _event(path, line, row)
        except InputErrors as err:
            problems.extend(err.errors)
            continue
        if (earlier := seen.get(event.event_id_cnty)) is not None:
            if earlier[1] == event.timestamp:
                problems.append(
                    InputError(
                        path,
                        line,
                        "event_id_cnty",
                        f'"{event.event_id_cnty}" is also on line {earlier[0]} with the same '
                        "timestamp",
                        hint="one row per event and revision",
                    )
                )
                continue
            if earlier[1] > event.timestamp:
                continue  # an older revision of an event the file also has newer
            events = [e for e in events if e.event_id_cnty != event.event_id_cnty]
        seen[event.event_id_cnty] = (line, event.timestamp)
        events.append(event)
    if problems:
        raise InputErrors(problems)
    return events


def _event(path: Path, line: int, row: dict[str, str | None]) -> Event:
    problems: list[InputError] = []

    def text(name: str) -> str | None:
        value = (row.get(name) or "").strip()
        return value or None

    def bad(name: str, problem: str, hint: str = "") -> None:
        problems.append(InputError(path, line, name, f'"{text(name) or ""}" {problem}', hint))

    event_id = text("event_id_cnty")
    if event_id is None:
        bad("event_id_cnty", "is empty", "every ACLED row has an event id")
    day = _day(text("event_date"))
    if day is None:
        bad("event_date", "is not a date", "YYYY-MM-DD or '15 January 2023'")
    fatalities = _integer(text("fatalities"))
    if fatalities is None or fatalities < 0:
        bad("fatalities", "is not a count of zero or more")
    timestamp = _integer(text("timestamp"))
    if timestamp is None or timestamp < 0:
        bad("timestamp", "is not a Unix time", "ACLED stamps each row's revision")
    latitude, longitude = _float(text("latitude")), _float(text("longitude"))
    if text("latitude") and (latitude is None or not -90 <= latitude <= 90):
        bad("latitude", "is not a latitude (-90 to 90)")
    if text("longitude") and (longitude is None or not -180 <= longitude <= 180):
        bad("longitude", "is not a longitude (-180 to 180)")
    if text("event_type") is None:
        bad("event_type", "is empty")
    if problems:
        raise InputErrors(problems)
    assert event_id and day and fatalities is not None and timestamp is not None
    return Event(
        event_id_cnty=event_id,
        event_date=day,
        event_type=text("event_type") or "",
        fatalities=fatalities,
        timestamp=timestamp,
        disorder_type=text("disorder_type"),
        sub_event_type=text("sub_event_type"),
        actor1=text("actor1"),
        actor2=text("actor2"),
        country=text("country"),
        admin1=text("admin1"),
        admin2=text("admin2"),
        admin3=text("admin3"),
        location=text("location"),
        latitude=latitude,
        longitude=longitude,
        source=text("source"),
        notes=text("notes"),
        file=path.name,
        line=line,
    )


def _day(value: str | None) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value or "", fmt).date()
        except ValueError:
            continue
    return None


def _integer(value: str | None) -> int | None:
    try:
        number = float(value or "")
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def import_acled(store: Store, paths: list[Path]) -> Upserted:
    """Read every file, then store their events in one transaction: all or nothing."""
    events: list[Event] = []
    problems: list[InputError] = []
    for path in paths:
        try:
            events.extend(read_acled(path))
        except InputErrors as err:
            problems.extend(err.errors)
        except InputError as err:
            problems.append(err)
    if problems:
        raise InputErrors(problems)
    newest: dict[str, Event] = {}
    for event in events:  # of one event in several files, its newest revision
        kept = newest.get(event.event_id_cnty)
        if kept is None or event.timestamp > kept.timestamp:
            newest[event.event_id_cnty] = event
    with store.write_session() as session:
        return upsert_events(session, list(newest.values()))
