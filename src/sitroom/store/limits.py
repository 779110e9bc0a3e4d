"""The database's own limits, checked before a write so SQLite and PostgreSQL agree.

SQLite stores a 10,000-character `language`, a NUL byte or the year 1 where PostgreSQL
refuses them mid-batch (a DataError after part of an import was written). Checking every
value against the column it goes to, the same way on both, makes them accept and refuse
the same files, before anything is written.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

from sqlalchemy import Date, Float, FromClause, Integer, String

INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1  # PostgreSQL's INTEGER; SQLite's is wider
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)  # dates sitroom stores and reads


def id_in_range(value: int) -> bool:
    """Whether `value` can be an id in the store (a positive INTEGER)."""
    return 1 <= value <= INTEGER_MAX


def day_problem(value: date) -> str | None:
    """Why `value` is not a day the store keeps (before 1900 or after 2100), or None."""
    if FIRST_DAY <= value <= LAST_DAY:
        return None
    return f'"{value.isoformat()}" is outside {FIRST_DAY.year}..{LAST_DAY.year}'


def value_problem(table: FromClause, column: str, value: object) -> str | None:
    """Why `value` cannot go into `table.column` on every supported database, or None."""
    if value is None:
        return None
    kind = table.c[column].type
    if isinstance(value, str):
        if "\x00" in value:
            return "holds a NUL byte"
        length = getattr(kind, "length", None)
        if isinstance(kind, String) and length is not None and len(value) > length:
            return f"is {len(value)} characters long, more than {length}"
    elif isinstance(kind, Integer) and isinstance(value, int):
        if not INTEGER_MIN <= value <= INTEGER_MAX:
            return f"{value} is beyond the database's integer range"
    elif isinstance(kind, Float) and isinstance(value, float):
        if not math.isfinite(value):
            return f"{value} is not a finite number"
    elif isinstance(kind, Date) and isinstance(value, date):
        return day_problem(value)
    return None


def row_problems(table: FromClause, values: Mapping[str, object]) -> list[tuple[str, str]]:
    """(column, problem) for every value of a row that `table` cannot hold everywhere."""
    found = ((name, value_problem(table, name, value)) for name, value in values.items())
    return [(name, problem) for name, problem in found if problem is not None]
