"""HXL datasets in: cells become claims with their row and column; and back out again."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.domain import InputError, InputErrors
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.ingest.datasets import read_dataset
from sitroom.vocabulary import default_vocabulary, parse_vocabulary

HXL = Path(__file__).parents[1] / "data" / "hxl"
WFP = HXL / "wfp-food-prices-chad-first-rows.csv"
IDPS = HXL / "sudan-idps-by-state.csv"
runner = CliRunner()

PRICES = """
[indicators."market.price"]
label = "Market price"
unit = "XAF"
kind = "stock"
hxl = "#value-usd"  # HXL pattern: #value, not #value+usd
triggers = ["price"]
"""


def _read(path: Path, vocabulary=None, publisher: str | None = "HDX"):  # type: ignore[no-untyped-def]
    return read_dataset(
        path,
        path.read_bytes(),
        date(2023, 7, 19),
        publisher,
        vocabulary or default_vocabulary(),
        bundled_gazetteer(),
    )


def test_a_real_hdx_dataset_lists_what_no_indicator_knows() -> None:
    read = _read(WFP)
    assert read.claims == []
    assert "#value" in read.unknown and "#item+name" in read.unknown
    assert not any(tag.startswith(("#date", "#adm", "#loc", "#geo")) for tag in read.unknown)


def test_a_users_indicator_reads_the_real_dataset() -> None:
    vocabulary = parse_vocabulary(default_vocabulary_text() + PRICES)
    read = _read(WFP, vocabulary)
    assert len(read.claims) == 8 and "#value" not in read.unknown
    first = read.claims[0]
    assert (first.indicator, first.value, first.unit) == ("market.price", 134.0, "XAF")
    assert first.place == "Moussoro"  # the market, the most precise place of the row
    assert (first.window_end, first.window) == (date(2003, 10, 15), "as of 2003-10-15")
    assert first.claimant == "HDX"  # no #org: the dataset's publisher
    assert read.text[first.start : first.end] == first.quote == "134.0"
    assert first.sentence.startswith("Row 3, column price (#value): date 2003-10-15")


def default_vocabulary_text() -> str:
    from importlib import resources

    return resources.files("sitroom").joinpath("indicators.toml").read_text(encoding="utf-8")


def test_rows_give_place_claimant_window_and_parts() -> None:
    read = _read(IDPS)
    by_quote = {c.quote: c for c in read.claims}
    river = by_quote["427,993"]
    assert (river.indicator, river.value, river.place, river.claimant) == (
        "people.displaced",
        427993.0,
        "River Nile",
        "IOM DTM",
    )
    children = by_quote["201157"]
    assert children.group == "children" and children.part_of == river.local_id
    # no name, no organisation: the P-code's place (if the gazetteer has it) and the publisher
    third = by_quote["12 000"]
    assert third.value == 12000 and third.claimant == "HDX" and third.place
    assert read.unknown == ("#inneed",)


def test_bad_cells_are_named_by_row_column_and_value(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Date,State,IDPs,Returnees\n#date,#adm1+name,#affected+idps,#affected+returnees\n"
        "2023-07-18,Khartoum,abc,10\n2023-07-18,Kassala,-5,\n",
        "utf-8",
    )
    with pytest.raises(InputErrors) as refused:
        _read(bad)
    found = [(e.line, e.field, str(e)) for e in refused.value.errors]
    assert [(line, field) for line, field, _ in found] == [
        (3, "IDPs (#affected+idps)"),
        (4, "IDPs (#affected+idps)"),
    ]
    assert '"abc" is not a number' in found[0][2] and '"-5" is below zero' in found[1][2]
    plain = tmp_path / "plain.csv"
    plain.write_text("State,IDPs\nKhartoum,10\n", "utf-8")
    with pytest.raises(InputError) as no_tags:
        _read(plain)
    assert "no row of HXL hashtags" in str(no_tags.value) and "#affected+idps" in str(no_tags.value)


def test_an_xlsx_sheet_reads_as_its_csv(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (
        ["Date", "State", "IDPs"],
        ["#date", "#adm1+name", "#affected+idps"],
        [date(2023, 7, 18), "Kassala", 4500],
    ):
        sheet.append(row)
    path = tmp_path / "idps.xlsx"
    book.save(path)
    read = _read(path)
    assert [(c.value, c.place, c.window_end) for c in read.claims] == [
        (4500.0, "Kassala", date(2023, 7, 18))
    ]
    assert read.text.splitlines()[2] == "2023-07-18,Kassala,4500"


FIGURE = (
    "indicator", "value", "low", "high", "qualifier", "unit", "group", "place", "origin",
    "destination", "window", "window_start", "window_end",
)  # fmt: skip


def _figures(db: str) -> tuple[Counter[tuple[object, ...]], list[dict[str, object]]]:
    done = runner.invoke(app, ["claims", "--json", "--limit", "100000", "--db", db])
    assert done.exit_code == 0, done.output
    claims = json.loads(done.output)
    return Counter(tuple(c[k] for k in FIGURE) for c in claims), claims


def test_hxl_export_imports_again_to_the_same_figures(tmp_path: Path) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert runner.invoke(app, ["sample", "load", "--db", first]).exit_code == 0
    shutil.copyfile(IDPS, tmp_path / "idps.csv")
    (tmp_path / "idps.meta.json").write_text(
        json.dumps({"published_at": "2023-07-19", "publisher": "IOM DTM via HDX"}), "utf-8"
    )
    assert (
        runner.invoke(app, ["import", "-q", str(tmp_path / "idps.csv"), "--db", first]).exit_code
        == 0
    )
    out = tmp_path / "claims-hxl.csv"
    exported = runner.invoke(
        app, ["export", "claims", "--format", "hxl", "-o", str(out), "--db", first]
    )
    assert exported.exit_code == 0, exported.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("#meta+id,#meta+source+id") and "#affected+idps+num" in lines[1]
    imported = runner.invoke(
        app,
        [
            "import",
            "-q",
            str(out),
            "--published-at",
            "2024-01-01",
            "--publisher",
            "re-import",
            "--db",
            second,
        ],
    )
    assert imported.exit_code == 0, imported.output
    before, claims_before = _figures(first)
    after, claims_after = _figures(second)
    assert before == after and sum(after.values()) == len(claims_before)
    # the voice: the claimant, else the first source's publisher, which the export wrote
    voices = Counter(c["claimant"] for c in claims_after)
    assert voices["Sergei Rudskoy"] == sum(c["claimant"] == "Sergei Rudskoy" for c in claims_before)
