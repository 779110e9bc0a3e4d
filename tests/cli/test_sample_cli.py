from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()


def test_sample_load_is_repeatable_and_briefing_footnotes_rudskoy(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    first = runner.invoke(app, ["sample", "load", "--db", db])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("4 new, 0 unchanged")
    second = runner.invoke(app, ["sample", "load", "--db", db])
    assert second.stdout.startswith("0 new, 4 unchanged, 0 claims")
    briefing = runner.invoke(
        app, ["briefing", "--place", "Aleppo", "--date", "2016-12-09", "--db", db]
    )
    assert briefing.exit_code == 0, briefing.output
    text = briefing.stdout
    assert "**93%" in text
    note = next(
        line
        for line in text.splitlines()
        if line.startswith("[^") and "“93%”" in line and "Rudskoy" in line
    )
    assert "93% of Aleppo in Syrian Control" in note


def test_demo_without_serve_prints_the_briefing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--no-serve", "--db", f"sqlite:///{tmp_path / 'd.db'}"])
    assert result.exit_code == 0, result.output
    assert "# Briefing: Aleppo, 2016-12-09" in result.stdout
    assert "## Where sources disagree" in result.stdout


def test_fail_on_check_exits_3_when_a_check_failed(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    runner.invoke(app, ["sample", "load", "--db", db])
    args = ["briefing", "--place", "Aleppo", "--date", "2016-12-09", "--db", db, "--format", "json"]
    plain = runner.invoke(app, args)
    assert plain.exit_code == 0
    assert "consistency checks failed" in plain.stderr
    strict = runner.invoke(app, [*args, "--fail-on-check"])
    assert strict.exit_code == 3
