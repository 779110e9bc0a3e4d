"""What the API accepts: ids in the database's integer range, days in a sane range, short
filters, so that SQLite and PostgreSQL refuse the same requests, with a 422 naming the field."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

# ids are INTEGER columns: 32 bits on PostgreSQL, so 2**31 - 1 on both databases
MAX_ID = 2**31 - 1
DAY_RANGE = (date(1900, 1, 1), date(2100, 12, 31))
MAX_FILTER_CHARS = 200


def _in_day_range(day: date) -> date:
    if not DAY_RANGE[0] <= day <= DAY_RANGE[1]:
        first, last = (d.isoformat() for d in DAY_RANGE)
        raise ValueError(f"{day.isoformat()} is outside {first} to {last}")
    return day


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Day = Annotated[date, AfterValidator(_in_day_range)]
# a text filter; matched as written, `%` and `_` are no wildcards
Filter = Annotated[str, StringConstraints(max_length=MAX_FILTER_CHARS)]
