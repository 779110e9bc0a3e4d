"""Every bad report is refused in one line before anything is written, on both databases."""

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitroom.domain import InputErrors
from sitroom.ingest.reports import import_reports
from sitroom.store.claims import count_claims
from sitroom.store.database import Store
from sitroom.store.sources import count_sources

REPORTS = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "reports"
GOOD = "aleppo-2016-12-08-icrc-sarc-evacuate-150-civilians"
BAD = "aleppo-2016-12-09-rudskoy"
META = {"title": "Briefing", "published_at": "2016-12-09", "kind": "briefing"}


def _report(folder: Path, name: str, meta: dict[str, object] | None = None) -> Path:
    shutil.copy(REPORTS / f"{name}.txt", folder / f"{name}.txt")
    (folder / f"{name}.meta.json").write_text(json.dumps(META if meta is None else meta))
    return folder / f"{name}.txt"


def _with_meta(**changes: object) -> Callable[[Path], Path]:
    return lambda folder: _report(folder, BAD, {**META, **changes})


def _with_text(text: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = _report(folder, BAD)
        path.write_bytes(text)
        return path

    return make


def _symlink_to_zero(folder: Path) -> Path:
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _unknown_field(folder: Path) -> Path:
    meta = {key: value for key, value in META.items() if key != "published_at"}
    return _report(folder, BAD, {**meta, "publishedAt": "2016-12-09"})


BAD_INPUTS = {
    "nul byte in text": (_with_text(b"Over 300 people\x00 were evacuated."), "holds a NUL byte"),
    "nul byte in title": (_with_meta(title="a\x00b"), 'field "title": holds a NUL byte'),
    "language too long": (
        _with_meta(language="english-as-spoken-in-aleppo"),
        'field "language": is 27 characters long, more than 16',
    ),
    "date as integer": (_with_meta(published_at=20161209), 'field "published_at": 20161209'),
    "date with garbage": (
        _with_meta(published_at="2016-12-09 garbage"),
        '"2016-12-09 garbage" is not a date',
    ),
    "year 1": (_with_meta(published_at="0001-01-01"), '"0001-01-01" is outside 1900..2100'),
    "year 2999": (_with_meta(published_at="2999-01-01"), '"2999-01-01" is outside 1900..2100'),
    "kind as list": (_with_meta(kind=[]), 'field "kind": [] is not a text'),
    "unknown kind": (_with_meta(kind="blog"), '"blog" is not a source kind'),
    "unknown field": (_unknown_field, 'field "publishedAt": is not a metadata field (did you'),
    "empty report": (_with_text(b""), "no text"),
    "blank report": (_with_text(b" \n\t\n"), "no text"),
    "symlink to /dev/zero": (_symlink_to_zero, "is not a regular file"),
    "fifo": (_fifo, "is not a regular file"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_report_refused_in_one_line_with_nothing_written(
    store: Store, tmp_path: Path, case: str
) -> None:
    make, expected = BAD_INPUTS[case]
    good = _report(tmp_path, GOOD, {**META, "published_at": "2016-12-08"})
    with pytest.raises(InputErrors) as refused:
        import_reports(store, [good, make(tmp_path)])
    assert expected in str(refused.value)
    assert len(str(refused.value).splitlines()) == 1
    with store.session() as session:
        assert count_sources(session) == 0
        assert count_claims(session) == 0


def test_report_larger_than_max_size_refused(sqlite_store: Store, tmp_path: Path) -> None:
    report = _report(tmp_path, BAD)
    with pytest.raises(InputErrors, match=r"more than 1,000 \(raise --max-size"):
        import_reports(sqlite_store, [report], max_bytes=1_000)


def test_same_bytes_with_other_metadata_is_a_conflict(store: Store, tmp_path: Path) -> None:
    first = _report(tmp_path, BAD)
    import_reports(store, [first])
    other = tmp_path / "copy"
    other.mkdir()
    again = _report(other, BAD, {**META, "published_at": "2016-12-10"})
    with pytest.raises(InputErrors) as refused:
        import_reports(store, [again])
    assert str(refused.value) == (
        f'{again}: field "published_at": "2016-12-10" conflicts with "2016-12-09" of source 1, '
        "which has the same bytes (give the same metadata, or import only one of them)"
    )
    same = _report(other, BAD)
    assert import_reports(store, [same]).unchanged == 1


def test_same_bytes_twice_in_one_import_with_other_metadata_is_a_conflict(
    sqlite_store: Store, tmp_path: Path
) -> None:
    first = _report(tmp_path, BAD)
    (tmp_path / "b").mkdir()
    second = _report(tmp_path / "b", BAD, {**META, "kind": "news"})
    with pytest.raises(InputErrors, match='field "kind": "news" conflicts with "briefing"'):
        import_reports(sqlite_store, [first, second])
    with sqlite_store.session() as session:
        assert count_sources(session) == 0
