"""`sitroom briefing` from the command line: refusals, warnings and grades as a user meets them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()


def _briefing(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["briefing", "--place", "Aleppo", "--db", db, *args])
    return result.exit_code, result.stdout, result.stderr


def test_an_output_in_a_missing_folder_is_refused_before_any_work(sample_db: str) -> None:
    code, out, err = _briefing(sample_db, "--date", "2016-12-09", "-o", "/nonexistent/dir/b.md")
    assert code == 1 and out == ""
    assert (
        err
        == 'error: cannot write "/nonexistent/dir/b.md": there is no folder "/nonexistent/dir"\n'
    )


def test_an_output_that_is_a_folder_is_refused(sample_db: str, tmp_path: Path) -> None:
    code, _, err = _briefing(
        sample_db, "--date", "2016-12-09", "--format", "pdf", "-o", str(tmp_path)
    )
    assert code == 1
    assert err == f'error: cannot write "{tmp_path}": it is a folder (give a file name in it)\n'


def test_a_file_that_is_no_database_is_refused_in_one_line(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database, but long enough to be read as one " * 40)
    code, _, err = _briefing(str(text), "--date", "2016-12-09")
    assert code == 1
    assert err == f'error: cannot open database "sqlite:///{text}": file is not a database\n'


def test_a_day_without_sources_says_so_and_where_the_sources_are(sample_db: str) -> None:
    code, out, err = _briefing(sample_db, "--date", "2015-01-01")
    assert code == 0
    warning = (
        "no figures: no source was published 2014-12-26 to 2015-01-01 "
        "(the store holds sources published 2016-12-08 to 2016-12-19)"
    )
    assert err == f"warning: {warning}\n"
    assert f"> **Note:** {warning}" in out
    assert "no observation of who held any place on or before this day" in out
    assert "Window: sources published 26 December 2014 – 1 January 2015 (0 sources)" in out
    # nothing to compare or check: no empty headings
    assert "Where sources disagree" not in out and "Checks that failed" not in out
    assert "## Sources" not in out


def test_a_window_of_no_days_is_a_usage_error(sample_db: str) -> None:
    code, _, err = _briefing(sample_db, "--date", "2016-12-09", "--days", "0")
    assert code == 2
    assert "greater than or equal to 1" in err


def test_a_sources_grade_is_said_once_with_the_source_not_on_every_quote(
    sample_db: str,
) -> None:
    graded = runner.invoke(app, ["grade", "source", "2", "B", "--db", sample_db])
    assert graded.exit_code == 0, graded.output
    _, out, _ = _briefing(sample_db, "--date", "2016-12-09")
    runner.invoke(app, ["grade", "source", "2", "F", "--db", sample_db])
    sources = out.split("## Sources", 1)[1]
    assert sources.count("(source 2) — reliability B") == 1
    assert "(source 1) — reliability not graded" in sources
    notes = [line for line in sources.splitlines() if line.startswith("[^")]
    assert len(notes) > 10 and not any("reliability" in line or "grade" in line for line in notes)


def test_grading_any_mention_of_a_figure_grades_the_figure(sample_db: str) -> None:
    # the headline's "93%" is a mention of the 93% figure, not its lead
    _, before, _ = _briefing(sample_db, "--date", "2016-12-09")
    note = next(line for line in before.splitlines() if "“93%” (claim" in line)
    headline = note.split("“93%” (claim ")[1].split(",")[0]
    graded = runner.invoke(app, ["grade", "claim", headline, "2", "--db", sample_db])
    assert graded.exit_code == 0, graded.output
    _, after, _ = _briefing(sample_db, "--date", "2016-12-09")
    note = next(line for line in after.splitlines() if "“93%” (claim" in line)
    assert note.startswith("[^1]: Sergei Rudskoy; credibility 2.")
    # the other mentions keep theirs, and say so
    assert note.count("credibility 6") == 3
    runner.invoke(app, ["grade", "claim", headline, "6", "--db", sample_db])


def test_the_briefing_takes_the_users_word_on_who_is_a_party(sample_db: str) -> None:
    marked = "Sergei Rudskoy (a party to the conflict; no independent source agrees)"
    _, before, _ = _briefing(sample_db, "--date", "2016-12-09")
    assert marked in before
    runner.invoke(app, ["grade", "actor", "Rudskoy", "--not-party", "--db", sample_db])
    try:
        _, after, _ = _briefing(sample_db, "--date", "2016-12-09")
        assert marked not in after
    finally:
        runner.invoke(app, ["grade", "actor", "Rudskoy", "--party", "--db", sample_db])
    _, restored, _ = _briefing(sample_db, "--date", "2016-12-09")
    assert marked in restored
