"""`sitroom extract` and `sitroom eval` through Typer's runner."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.extract.records import EXTRA_FIELDS, GOLD_FIELDS

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "src" / "sitroom" / "sample" / "reports" / "aleppo-2016-12-09-rudskoy.txt"
GOLD = ROOT / "src" / "sitroom" / "sample" / "gold"
runner = CliRunner()


def test_extract_prints_one_json_claim_a_line_with_the_gold_fields() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) > 30
    assert list(lines[0]) == [*GOLD_FIELDS, *EXTRA_FIELDS]
    assert lines[0]["quote"] == "93%" and lines[0]["indicator"] == "territory.share"


def test_extract_refuses_a_report_without_date(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Some 9,600 IDPs were registered in Hanano.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(report)])
    assert result.exit_code == 1
    assert "report.txt" in result.stderr and "published_at" in result.stderr


def test_extract_takes_the_date_from_the_option(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Since 27 November, at least 39,250 IDPs have arrived.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(report), "--published-at", "2016-12-14"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["window_start"], record["window_end"]) == ("2016-11-27", "2016-12-14")


def test_extract_table_is_readable() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE), "--format", "table"])
    assert result.exit_code == 0
    assert "1,096 militants" in result.stdout


def test_eval_prints_json_scores_of_the_gold_files() -> None:
    result = runner.invoke(app, ["eval", str(GOLD), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["total"]["gold"] == 61
    assert scores["total"]["f1"] >= 0.97
    assert set(scores["documents"]) == {p.stem for p in GOLD.glob("*.jsonl")}


def test_eval_refuses_gold_whose_report_is_missing(tmp_path: Path) -> None:
    shutil.copy(GOLD / "aleppo-2016-12-09-rudskoy.jsonl", tmp_path)
    result = runner.invoke(app, ["eval", str(tmp_path), "--reports", str(tmp_path)])
    assert result.exit_code == 1
    assert 'document "aleppo-2016-12-09-rudskoy"' in result.stderr


def test_extract_of_several_files_is_one_stream_whose_lines_name_their_file(
    tmp_path: Path,
) -> None:
    first = tmp_path / "first.txt"
    first.write_text("Some 9,600 IDPs were registered in Hanano.", encoding="utf-8")
    args = ["extract", str(first), str(SAMPLE), "--published-at", "2016-12-09"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert list(lines[0]) == ["file", *GOLD_FIELDS, *EXTRA_FIELDS]
    assert lines[0]["file"] == str(first) and lines[0]["quote"] == "Some 9,600 IDPs"
    alone = runner.invoke(app, ["extract", str(SAMPLE), "--published-at", "2016-12-09"])
    assert lines[1:] == [
        {"file": str(SAMPLE), **json.loads(line)} for line in alone.stdout.splitlines()
    ]


def test_extract_refuses_a_file_that_is_not_utf8_in_one_line(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes("Caf\u00e9: 5 people were killed.".encode("latin-1"))
    result = runner.invoke(
        app, ["extract", str(SAMPLE), str(report), "--published-at", "2024-01-01"]
    )
    assert result.exit_code == 1
    assert result.stdout == ""  # every file is checked before any is extracted
    assert result.stderr == (f"error: {report}: is not UTF-8 text (byte 3) (convert it to UTF-8)\n")


def test_extract_starts_without_the_database_web_or_rendering_libraries(
    tmp_path: Path,
) -> None:
    # a fresh interpreter, as `sitroom extract FILE` starts
    script = (
        "import sys\n"
        "from sitroom.cli import main\n"
        f"sys.argv = ['sitroom', 'extract', {str(SAMPLE)!r}, '--quiet']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(' '.join(sorted(m for m in sys.modules if '.' not in m)), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert run.stdout.count("\n") > 30
    loaded = set(run.stderr.split())
    unused = {"sqlalchemy", "alembic", "fastapi", "uvicorn", "matplotlib", "weasyprint", "psycopg"}
    assert not loaded & unused


def test_extract_starts_without_the_geometry_libraries(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from sitroom.cli import main\n"
        f"sys.argv = ['sitroom', 'extract', {str(SAMPLE)!r}, '--quiet']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if '.' not in m)), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert not set(run.stderr.split()) & {"numpy", "pyproj", "shapely"}
