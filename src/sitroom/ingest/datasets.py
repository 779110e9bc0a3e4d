"""HXL datasets (CSV, XLSX) as sources whose claims are their cells.

A spreadsheet is read only when it carries a row of HXL hashtags (libhxl finds it and
parses each column's tag and attributes). Each cell of a column whose hashtag the
vocabulary knows (`indicators.toml`: `hxl`, `hxl_also`) is a claim: its place, window,
claimant and group come from the row's other columns as `hxl.toml` says, else the
dataset's publisher. The stored text is the sheet as CSV; a claim's quote is its cell,
its offsets the cell's in that text, its sentence names the row and column, so a
footnote says where in the dataset the figure is. Every cell of an indicator's column is
checked (a number; a count not below zero), every bad cell reported by row, column, value.
Columns with a hashtag nobody knows are listed, never dropped silently.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.domain import Claim, InputError, InputErrors, Qualifier
from sitroom.geo.gazetteer import Gazetteer
from sitroom.vocabulary import Vocabulary

READER_VERSION = "sitroom-hxl/0.1"
_QUALIFIERS = {q.value: q for q in Qualifier}


@dataclass(frozen=True)
class HxlWords:
    """What `hxl.toml` says: which hashtags give place, window, claimant and group."""

    place_names: tuple[str, ...]
    place_codes: tuple[str, ...]
    window_start: tuple[str, ...]
    window_end: tuple[str, ...]
    window_day: tuple[str, ...]
    claimant: tuple[str, ...]
    group: tuple[str, ...]
    qualifier: tuple[str, ...]
    window_text: tuple[str, ...]
    unit: tuple[str, ...]
    low: tuple[str, ...]
    high: tuple[str, ...]
    origin: tuple[str, ...]
    destination: tuple[str, ...]
    context: tuple[str, ...]
    groups: dict[str, str] = field(default_factory=dict)


@cache
def hxl_words() -> HxlWords:
    """The bundled `hxl.toml`."""
    text = resources.files("sitroom").joinpath("hxl.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    groups = data.pop("groups", {})
    return HxlWords(**{k: tuple(v) for k, v in data.items()}, groups=dict(groups))


@dataclass(frozen=True)
class Dataset:
    """A dataset read: its sheet as CSV text, its claims, its unknown hashtags."""

    text: str
    claims: list[Claim]
    unknown: tuple[str, ...]  # hashtags of columns no indicator or context word knows


def read_dataset(
    path: Path,
    raw: bytes,
    published_at: date,
    publisher: str | None,
    vocabulary: Vocabulary,
    gazetteer: Gazetteer | None,
) -> Dataset:
    """The claims of the HXL dataset `path` (bytes `raw`); InputErrors naming row, column
    and value of every bad cell, InputError for a sheet without hashtags."""
    import hxl
    from hxl.input import HXLTagsNotFoundException

    rows = _rows(path, raw)
    text, spans = _as_csv(rows)
    try:
        dataset = hxl.data(hxl.input.ArrayInput(rows))
        columns = list(dataset.columns)
        data_rows = list(dataset)
    except HXLTagsNotFoundException as err:
        raise InputError(
            path,
            None,
            None,
            "has no row of HXL hashtags",
            hint="add one under the headers, e.g. #date, #adm1+name, #org, #affected+idps+num "
            "(https://hxlstandard.org)",
        ) from err
    words = hxl_words()
    indicators = _indicator_columns(columns, vocabulary)
    unknown = tuple(
        sorted(
            {
                c.display_tag
                for n, c in enumerate(columns)
                if c.tag and n not in indicators and not _matches_any(c, words.context)
            }
        )
    )
    problems: list[InputError] = []
    sheet = _Columns(columns)
    claims: list[Claim] = []
    for row in data_rows:
        line = row.source_row_number  # 0-based row of the sheet
        values = list(row.values)
        first_of_row = len(claims)
        for n, key in indicators.items():
            cell = _cell(values, n)
            if not cell:
                continue
            # checked here, not by libhxl's schema: its number type refuses "427,993" and
            # "12 000", which HDX sheets write
            number = _number(cell)
            if number is None or (number < 0 and vocabulary[key].unit not in SIGNED_UNITS):
                problem = "is not a number" if number is None else "is below zero"
                problems.append(_bad_cell(path, line + 1, columns[n], cell, problem))
                continue
            start, end = spans[line][n]
            claims.append(
                _claim(
                    key,
                    number,
                    cell,
                    (start, end),
                    _sentence(line, columns, values, n),
                    sheet,
                    values,
                    n,
                    vocabulary,
                    gazetteer,
                    publisher,
                    published_at,
                    local_id=len(claims),
                )
            )
        _parts_of_wholes(claims, first_of_row)
    if problems:
        raise InputErrors(problems)
    return Dataset(text, claims, unknown)


def _parts_of_wholes(claims: list[Claim], first: int) -> None:
    """In one row, a group's figure ("IDP children") is part of the same indicator's
    figure without a group ("IDPs")."""
    row = claims[first:]
    wholes = {c.indicator: c.local_id for c in row if c.group is None}
    for n, claim in enumerate(row, start=first):
        if claim.group is not None and claim.indicator in wholes:
            claims[n] = replace(claim, part_of=wholes[claim.indicator])


def sheet_text(path: Path, raw: bytes) -> str:
    """The first sheet of the CSV or XLSX file as CSV text: what a dataset source stores."""
    return _as_csv(_rows(path, raw))[0]


def _rows(path: Path, raw: bytes) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path, raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path, None, None, f"is not UTF-8 text (byte {err.start})") from err
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as err:
        raise InputError(path, None, None, f"is not CSV sitroom can read: {err}") from err


def _xlsx_rows(path: Path, raw: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a file that is not XLSX
        raise InputError(path, None, None, f"is not an XLSX workbook ({err})") from err
    sheet = book.worksheets[0]
    rows = [[_xlsx_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _xlsx_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value)


def _as_csv(rows: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The rows as CSV text, and each cell's (start, end) of its value in that text."""
    out = io.StringIO()
    spans: list[list[tuple[int, int]]] = []
    for row in rows:
        row_spans = []
        for n, value in enumerate(row):
            if n:
                out.write(",")
            quoted = any(c in value for c in ',"\n\r') or value != value.strip()
            at = out.tell() + (1 if quoted else 0)
            out.write('"' + value.replace('"', '""') + '"' if quoted else value)
            row_spans.append((at, at + len(value)))
        out.write("\n")
        spans.append(row_spans)
    return out.getvalue(), spans


def _matches_any(column: Any, patterns: tuple[str, ...]) -> bool:
    import hxl

    return any(hxl.model.TagPattern.parse(p).match(column) for p in patterns)


def _indicator_columns(columns: list[Any], vocabulary: Vocabulary) -> dict[int, str]:
    """Column number -> indicator key, by the most specific hashtag that matches."""
    import hxl

    patterns = [
        (hxl.model.TagPattern.parse(tag.replace("+num", "")), len(tag.split("+")), key)
        for key, indicator in vocabulary.indicators.items()
        for tag in indicator.hashtags
    ]
    found: dict[int, str] = {}
    for n, column in enumerate(columns):
        if not column.tag:
            continue
        matches = [(weight, key) for pattern, weight, key in patterns if pattern.match(column)]
        if matches:
            found[n] = max(matches, key=lambda m: m[0])[1]
    return found


# units whose figures may be below zero: a change ("decreased by one-third" is -1/3)
SIGNED_UNITS = frozenset({"ratio"})


def _bad_cell(path: Path, line: int | None, column: Any, value: str, problem: str) -> InputError:
    """A bad cell, by row (the file's line), column (header and hashtag) and value."""
    where = f"{column.header or column.display_tag} ({column.display_tag})" if column else None
    return InputError(
        path,
        line,
        where,
        f'"{value}" {problem}',
        hint="a count of zero or more; leave the cell empty when it is not known",
    )


_SEPARATED = re.compile(r"(?<=\d)[,\s\u00a0\u202f'](?=\d{3}(?!\d))")


def _number(cell: str) -> float | None:
    """A count as a spreadsheet writes it: "12000", "12,000", "12 000", "1.5e3"."""
    try:
        value = float(_SEPARATED.sub("", cell.strip()))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _cell(values: list[Any], n: int) -> str:
    return str(values[n]).strip() if n < len(values) and values[n] is not None else ""


class _Columns:
    """A sheet's columns, with the columns each list of hashtag patterns matches worked
    out once per sheet, not once per cell."""

    def __init__(self, columns: list[Any]) -> None:
        self.columns = columns
        self._matching: dict[tuple[str, ...], tuple[int, ...]] = {}

    def first(self, values: list[Any], patterns: tuple[str, ...]) -> str | None:
        """The first filled cell of the row `values` in a column the patterns match, the
        patterns in order."""
        import hxl

        found = self._matching.get(patterns)
        if found is None:
            parsed = [hxl.model.TagPattern.parse(p) for p in patterns]
            found = tuple(
                n for p in parsed for n, column in enumerate(self.columns) if p.match(column)
            )
            self._matching[patterns] = found
        for n in found:
            if cell := _cell(values, n):
                return cell
        return None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    import hxl

    try:
        return date.fromisoformat(hxl.datatypes.normalise_date(value)[:10])
    except (ValueError, TypeError, hxl.HXLException):
        return None


def _sentence(line: int, columns: list[Any], values: list[Any], n: int) -> str:
    """Where the figure is: "Row 4, column IDPs (#affected+idps+num): Date 2023-07-18 · ..."."""
    column = columns[n]
    name = column.header or column.display_tag
    cells = " · ".join(
        f"{c.header or c.display_tag} {_cell(values, i)}"
        for i, c in enumerate(columns)
        if _cell(values, i)
    )
    return f"Row {line + 1}, column {name} ({column.display_tag}): {cells}"


def _claim(
    key: str,
    value: float,
    cell: str,
    span: tuple[int, int],
    sentence: str,
    columns: _Columns,
    values: list[Any],
    n: int,
    vocabulary: Vocabulary,
    gazetteer: Gazetteer | None,
    publisher: str | None,
    published_at: date,
    *,
    local_id: int,
) -> Claim:
    words = hxl_words()
    place = columns.first(values, words.place_names)
    if place is None and (code := columns.first(values, words.place_codes)):
        found = gazetteer.find(code) if gazetteer else None
        place = found.name if found else code
    start, end = (
        _day(columns.first(values, words.window_start)),
        _day(columns.first(values, words.window_end)),
    )
    day = _day(columns.first(values, words.window_day))
    if start is None and end is None and day is not None:
        end = day
    window = columns.first(values, words.window_text) or _window_words(start, end)
    group = columns.first(values, words.group) or next(
        (words.groups[a] for a in sorted(columns.columns[n].attributes) if a in words.groups),
        None,
    )
    qualifier = _QUALIFIERS.get(columns.first(values, words.qualifier) or "", Qualifier.EXACT)
    return Claim(
        indicator=key,
        value=value,
        quote=cell,
        start=span[0],
        end=span[1],
        sentence=sentence,
        qualifier=qualifier,
        unit=columns.first(values, words.unit) or vocabulary[key].unit,
        low=_number(columns.first(values, words.low) or ""),
        high=_number(columns.first(values, words.high) or ""),
        group=group,
        place=place,
        origin=columns.first(values, words.origin),
        destination=columns.first(values, words.destination),
        window=window,
        window_start=start,
        window_end=end,
        claimant=columns.first(values, words.claimant) or publisher,
        local_id=local_id,
        extracted_by=READER_VERSION,
    )


def _window_words(start: date | None, end: date | None) -> str | None:
    if start and end:
        return f"from {start.isoformat()} to {end.isoformat()}"
    if end:
        return f"as of {end.isoformat()}"
    if start:
        return f"since {start.isoformat()}"
    return None
