"""`sitroom actors add|alias|list`, and what a stored party changes: the briefing's party
note, the extractor's territory subject."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.extract.pipeline import extract_claims
from sitroom.geo.stored import parties_for
from sitroom.ingest.reports import import_reports
from sitroom.report.build import briefing_for
from sitroom.report.markdown import render_markdown
from sitroom.store.audit import list_audit
from sitroom.store.database import Store

runner = CliRunner()
WORLD = Path(__file__).parents[1] / "data" / "world" / "reports"
ARMENIA = "nagorno-karabakh-2023-09-26-tass-armenian-government-arrivals"
PARTY_NOTE = "a party to the conflict; no independent source agrees"
# the shape of a party's territory statement (as in the Rudskoy briefing), about Khartoum
KHARTOUM = (
    "KHARTOUM, 18 July 2023. The RSF controls 70% of Khartoum's territory, a spokesman "
    "of the Sudanese Armed Forces said."
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'actors.db'}"


def _sitroom(*args: str) -> object:
    return runner.invoke(app, list(args))


def test_add_then_list_shows_the_party_with_its_aliases_and_colour(db: str) -> None:
    added = runner.invoke(
        app,
        [
            "actors",
            "add",
            "Rapid Support Forces",
            "--alias",
            "RSF",
            "--alias",
            "al-Da'am al-Sari'",
            "--kind",
            "armed_group",
            "--party",
            "--db",
            db,
            "--who",
            "ana",
        ],
    )
    assert added.exit_code == 0, added.output
    assert added.stdout.startswith("Rapid Support Forces (armed_group, a party")
    listed = runner.invoke(app, ["actors", "list", "--json", "--db", db])
    assert listed.exit_code == 0, listed.output
    by_name = {a["name"]: a for a in json.loads(listed.stdout)}
    rsf = by_name["Rapid Support Forces"]
    assert rsf["aliases"] == ["RSF", "al-Da'am al-Sari'"]
    assert (rsf["party"], rsf["side"], rsf["stored"], rsf["kind"]) == (
        True,
        True,
        True,
        "armed_group",
    )
    assert rsf["colour"] == "#2e86c1"  # the first after the bundled sides' three
    assert by_name["OCHA"]["party"] is False and by_name["OCHA"]["stored"] is False
    store = Store(db)
    with store.session() as session:
        assert [(e.who, e.what) for e in list_audit(session, "actor")] == [("ana", "add_actor")]
    store.dispose()


def test_a_taken_alias_is_refused_in_one_line_naming_both(db: str) -> None:
    assert (
        runner.invoke(
            app, ["actors", "add", "Rapid Support Forces", "--alias", "RSF", "--party", "--db", db]
        ).exit_code
        == 0
    )
    refused = runner.invoke(
        app, ["actors", "add", "Sudanese Armed Forces", "--alias", "RSF", "--db", db]
    )
    assert refused.exit_code == 1
    assert refused.stderr.count("\n") == 1
    assert 'alias "RSF" of "Sudanese Armed Forces" is already taken by "Rapid Support Forces"' in (
        refused.stderr
    )
    listed = runner.invoke(app, ["actors", "list", "--json", "--db", db])
    assert "Sudanese Armed Forces" not in listed.stdout  # nothing written


def test_an_alias_for_an_unknown_actor_names_the_closest(db: str) -> None:
    assert runner.invoke(app, ["actors", "add", "Rapid Support Forces", "--db", db]).exit_code == 0
    refused = runner.invoke(app, ["actors", "alias", "Rapid Suport Forces", "RSF", "--db", db])
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        'error: no actor "Rapid Suport Forces" (closest: Rapid Support'
    )
    added = runner.invoke(app, ["actors", "alias", "rapid support forces", "RSF", "--db", db])
    assert added.exit_code == 0
    assert added.stdout.strip() == 'Rapid Support Forces: alias "RSF"'


def test_grade_actor_still_marks_a_party_and_the_list_shows_it(db: str) -> None:
    assert runner.invoke(app, ["actors", "add", "OCHA", "--db", db]).exit_code == 0
    graded = runner.invoke(app, ["grade", "actor", "SOHR", "--party", "--db", db])
    assert graded.exit_code == 0, graded.output
    listed = runner.invoke(app, ["actors", "list", "--parties", "--json", "--db", db])
    names = [a["name"] for a in json.loads(listed.stdout)]
    assert "Syrian Observatory for Human Rights" in names


def test_a_stored_party_makes_the_briefing_note_its_figures(db: str, tmp_path: Path) -> None:
    shutil.copy(WORLD / f"{ARMENIA}.txt", tmp_path / f"{ARMENIA}.txt")
    meta = json.loads((WORLD / f"{ARMENIA}.meta.json").read_text(encoding="utf-8"))
    meta["kind"] = "news"  # a news agency's copy of a government statement
    (tmp_path / f"{ARMENIA}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    store = Store(db)
    import_reports(store, [tmp_path / f"{ARMENIA}.txt"])
    before = render_markdown(briefing_for(store, "Armenia", date(2023, 9, 26)))
    assert "13,550" in before and PARTY_NOTE not in before
    added = runner.invoke(
        app,
        [
            "actors",
            "add",
            "Government of Armenia",
            "--alias",
            "Armenian government",
            "--kind",
            "government",
            "--party",
            "--db",
            db,
        ],
    )
    assert added.exit_code == 0, added.output
    after = render_markdown(briefing_for(store, "Armenia", date(2023, 9, 26)))
    assert PARTY_NOTE in after
    store.dispose()


def test_a_stored_party_names_the_subject_of_a_territory_claim_by_its_alias(
    db: str, tmp_path: Path
) -> None:
    [before] = extract_claims(KHARTOUM, date(2023, 7, 18))
    assert before.indicator == "territory.share" and before.subject is None
    assert (
        runner.invoke(
            app, ["actors", "add", "Rapid Support Forces", "--alias", "RSF", "--party", "--db", db]
        ).exit_code
        == 0
    )
    store = Store(db)
    [after] = extract_claims(KHARTOUM, date(2023, 7, 18), parties=parties_for(store))
    assert after.subject == "Rapid Support Forces"
    # another alias, given later, names it too; the import reads the store's parties
    assert (
        runner.invoke(app, ["actors", "alias", "RSF", "al-Da'am al-Sari'", "--db", db]).exit_code
        == 0
    )
    report = tmp_path / "khartoum.txt"
    report.write_text(KHARTOUM.replace("The RSF", "Al-Da'am al-Sari'"), encoding="utf-8")
    (tmp_path / "khartoum.meta.json").write_text(
        json.dumps({"title": "Khartoum", "published_at": "2023-07-18"}), encoding="utf-8"
    )
    import_reports(store, [report])
    extracted = runner.invoke(app, ["extract", str(report), "--db", db])
    assert json.loads(extracted.stdout.splitlines()[0])["subject"] == "Rapid Support Forces"
    claims = runner.invoke(app, ["claims", "--db", db, "--json"])
    assert "Rapid Support Forces" in claims.stdout
    store.dispose()
