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
    assert "consistency check failed" in plain.stderr or "consistency checks failed" in plain.stderr
    strict = runner.invoke(app, [*args, "--fail-on-check"])
    assert strict.exit_code == 3


def test_read_commands_refuse_a_missing_database_instead_of_making_one(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for args in (
        ["claims"],
        ["sources"],
        ["briefing", "--place", "Aleppo", "--date", "2016-12-09"],
        ["control", "share", "Aleppo", "--date", "2016-12-09"],
    ):
        result = runner.invoke(app, [*args, "--db", str(missing)])
        assert result.exit_code == 1, args
        assert f'error: no database at "{missing}"' in result.stderr
    assert not missing.exists()


def test_unknown_place_and_indicator_are_refused_with_the_closest_names(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    runner.invoke(app, ["sample", "load", "--db", db])
    place = runner.invoke(
        app, ["briefing", "--place", "Narnia", "--date", "2016-12-09", "--db", db]
    )
    assert place.exit_code == 1
    assert place.stderr.startswith('error: "Narnia" is not in the gazetteer (closest: ')
    indicator = runner.invoke(app, ["claims", "--indicator", "territory.sharez", "--db", db])
    assert indicator.exit_code == 1
    assert "did you mean territory.share" in indicator.stderr
    sources = runner.invoke(app, ["sources", "--db", db])
    assert sources.exit_code == 0
    assert sources.stdout.splitlines()[1].startswith("2\t2016-12-09\tnews\t")


DATA = Path(__file__).parents[1] / "data"


def test_sample_list_names_both_samples_with_their_briefing() -> None:
    result = runner.invoke(app, ["sample", "list"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["aleppo", "4 reports", "Aleppo 2016-12-09"],
        ["world", "6 reports", "Khartoum 2023-07-18"],
    ]


def test_an_unknown_sample_is_refused_with_the_closest_names(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["sample", "load", "wrld", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr == 'error: "wrld" is not a sample (samples: world)\n'


def test_world_sample_briefing_of_khartoum_holds_iom_state_figures(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    loaded = runner.invoke(app, ["sample", "load", "world", "--db", db])
    assert loaded.exit_code == 0, loaded.output
    assert loaded.stdout.startswith("6 new, 0 unchanged")
    briefing = runner.invoke(
        app, ["briefing", "--place", "Khartoum", "--date", "2023-07-18", "--db", db]
    )
    assert briefing.exit_code == 0, briefing.output
    text = briefing.stdout
    assert text.startswith("# Briefing: Khartoum, 2023-07-18")
    assert "**73.1%, Khartoum state**" in text
    sources = text.split("## Sources")[1]
    # a footnote sits under its source, named once
    source, note = sources.split("[^1]:")[0], sources.split("[^1]:")[1].splitlines()[0]
    assert (
        "“IOM Displacement Tracking Matrix Sudan Situation Report 13, 18 July 2023”"
        in (source.strip().splitlines()[-1])
    )
    assert "“73.13%”" in note
    # the other states' shares are not Khartoum's
    assert "River Nile" not in text.split("## Sources")[0]


def test_demo_of_the_world_sample_prints_khartoum(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["demo", "--sample", "world", "--no-serve", "--db", f"sqlite:///{tmp_path / 'd.db'}"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Briefing: Khartoum, 2023-07-18")
    assert "International Organization for Migration (IOM)" in result.stdout
    assert result.stderr.startswith("sample world: 6 new, 0 unchanged")


def test_a_mosul_report_gives_a_mosul_briefing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    report = DATA / "mosul" / "mosul-2017-03-08-test-flash-update.txt"
    imported = runner.invoke(app, ["import", str(report), "--db", db])
    assert imported.exit_code == 0, imported.output
    briefing = runner.invoke(
        app, ["briefing", "--place", "Mosul", "--date", "2017-03-08", "--db", db]
    )
    assert briefing.exit_code == 0, briefing.output
    text = briefing.stdout
    assert text.startswith("# Briefing: Mosul, 2017-03-08")
    assert "**more than 44,000 people, west Mosul" in text
    assert "**27,000 people, Mosul**" in text
    assert "“more than 44,000 people” (claim 1)" in text
