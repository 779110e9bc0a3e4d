from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import app

REPORTS = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "reports"

runner = CliRunner()


def test_import_twice_reports_unchanged(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    report = str(REPORTS / "aleppo-2016-12-09-rudskoy.txt")
    first = runner.invoke(app, ["import", report, "--db", db])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("1 new, 0 unchanged, ")
    second = runner.invoke(app, ["import", report, "--db", db])
    assert second.stdout.strip() == "0 new, 1 unchanged, 0 claims"


def test_import_refuses_undated_file_with_exit_1(tmp_path: Path) -> None:
    bare = tmp_path / "note.txt"
    bare.write_text("Over 300 people were evacuated.", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bare), "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert result.exit_code == 1
    assert 'field "published_at": no publication date' in result.stderr
