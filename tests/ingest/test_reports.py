import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from sitroom.domain import InputErrors
from sitroom.ingest.reports import Metadata, import_reports, read_report
from sitroom.store.claims import count_claims, list_claims
from sitroom.store.database import Store
from sitroom.store.sources import count_sources, list_sources

REPORTS = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "reports"

RUDSKOY = REPORTS / "aleppo-2016-12-09-rudskoy.txt"


def copy_report(tmp_path: Path, name: str = "aleppo-2016-12-09-rudskoy") -> Path:
    target = tmp_path / f"{name}.txt"
    shutil.copy(REPORTS / f"{name}.txt", target)
    shutil.copy(REPORTS / f"{name}.meta.json", tmp_path / f"{name}.meta.json")
    return target


def test_read_report_takes_metadata_from_sibling_json() -> None:
    source = read_report(RUDSKOY)
    assert source.published_at == date(2016, 12, 9)
    assert source.title == "93% of Aleppo in Syrian Control"
    assert len(source.sha256) == 64


def test_import_stores_source_and_attributed_claims(store: Store) -> None:
    result = import_reports(store, [RUDSKOY])
    assert (result.new, result.unchanged) == (1, 0)
    assert result.claims > 20
    with store.session() as session:
        claims = list_claims(session)
    rudskoy = [c for c in claims if c.quote == "93%" and c.claimant]
    assert rudskoy and all("Rudskoy" in (c.claimant or "") for c in rudskoy)
    assert all(c.source_id == result.source_ids[0] and c.extracted_by for c in claims)


def test_second_import_reports_unchanged_and_writes_nothing(store: Store) -> None:
    first = import_reports(store, [RUDSKOY])
    second = import_reports(store, [RUDSKOY])
    assert (second.new, second.unchanged, second.claims) == (0, 1, 0)
    with store.session() as session:
        assert count_sources(session) == 1
        assert count_claims(session) == first.claims


def test_report_without_date_is_refused_and_nothing_written(
    sqlite_store: Store, tmp_path: Path
) -> None:
    good = copy_report(tmp_path)
    bad = tmp_path / "undated.txt"
    bad.write_text("Over 300 people were evacuated.", encoding="utf-8")
    with pytest.raises(InputErrors) as refused:
        import_reports(sqlite_store, [good, bad])
    assert str(refused.value) == (
        f'{bad}: field "published_at": no publication date '
        "(add it to the .meta.json or pass --published-at YYYY-MM-DD)"
    )
    with sqlite_store.session() as session:
        assert list_sources(session) == []


def test_flags_give_metadata_for_a_bare_file(sqlite_store: Store, tmp_path: Path) -> None:
    bare = tmp_path / "note.txt"
    bare.write_text("Over 300 people were evacuated from Aleppo.", encoding="utf-8")
    given = Metadata(title="Field note", published_at=date(2016, 12, 10), publisher="Us")
    import_reports(sqlite_store, [bare], given=given)
    with sqlite_store.session() as session:
        [source] = list_sources(session)
    assert (source.title, source.published_at, source.publisher) == (
        "Field note",
        date(2016, 12, 10),
        "Us",
    )


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        (
            '{"published_at": "2016-13-02"}',
            'field "published_at": "2016-13-02" is not a date (use YYYY-MM-DD)',
        ),
        (
            '{"published_at": "2016-12-09",\n "kind": "rumour"}',
            'field "kind": "rumour" is not a source kind',
        ),
        ('{"published_at": "2016-12-09",\n "title": }', ":2: is not valid JSON"),
    ],
)
def test_bad_metadata_is_refused_naming_file_and_field(
    tmp_path: Path, meta: str, message: str
) -> None:
    report = copy_report(tmp_path)
    (tmp_path / "aleppo-2016-12-09-rudskoy.meta.json").write_text(meta, encoding="utf-8")
    with pytest.raises(Exception) as refused:
        read_report(report)
    assert "aleppo-2016-12-09-rudskoy.meta.json" in str(refused.value)
    assert message in str(refused.value)


def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\xff\xfe\x00 not text")
    (tmp_path / "scan.meta.json").write_text(json.dumps({"published_at": "2016-12-09"}))
    with pytest.raises(Exception, match="is not UTF-8 text"):
        read_report(binary)


def test_bad_date_in_metadata_is_refused_even_when_a_flag_gives_one(tmp_path: Path) -> None:
    report = copy_report(tmp_path)
    (tmp_path / "aleppo-2016-12-09-rudskoy.meta.json").write_text('{"published_at": "2016-13-02"}')
    with pytest.raises(Exception, match='field "published_at": "2016-13-02" is not a date'):
        read_report(report, Metadata(published_at=date(2016, 12, 9)))


def test_a_report_without_title_is_named_by_its_first_line_cut_at_a_word(tmp_path: Path) -> None:
    bare = tmp_path / "desk.txt"
    first = (
        "More than 50,000 people remain in the besieged enclave of eastern Aleppo, where "
        "food and fuel have run out and the last hospitals have closed their doors"
    )
    bare.write_text(f"{first}.\n\nSecond paragraph.", encoding="utf-8")
    source = read_report(bare, Metadata(published_at=date(2016, 12, 15)))
    assert source.title.endswith("…") and len(source.title) <= 121
    assert first.startswith(source.title.removesuffix("…"))
    assert source.title.removesuffix("…").endswith("the last")  # a whole word, not "the la"
    short = tmp_path / "short.txt"
    short.write_text("Aleppo: 300 evacuated\n\nBody.", encoding="utf-8")
    assert read_report(short, Metadata(published_at=date(2016, 12, 15))).title == (
        "Aleppo: 300 evacuated"
    )
