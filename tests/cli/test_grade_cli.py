"""`sitroom grade source|claim`: exit codes and exact messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.domain import Claim, Source
from sitroom.store.audit import list_audit
from sitroom.store.claims import add_claims
from sitroom.store.database import Store
from sitroom.store.sources import add_source

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    store = Store(url)
    with store.session() as session:
        source_id, _ = add_source(
            session, Source(title="Rudskoy", published_at=date(2016, 12, 9), sha256="b" * 64)
        )
        add_claims(
            session,
            source_id,
            [
                Claim(
                    indicator="territory.share",
                    value=93,
                    quote="93%",
                    start=0,
                    end=3,
                    sentence="93%",
                    unit="percent",
                )
            ],
        )
    store.dispose()
    return url


def test_grade_source_prints_the_change_and_audits_who(db: str) -> None:
    result = runner.invoke(app, ["grade", "source", "1", "b", "--db", db, "--who", "hio"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "source 1: reliability F -> B (usually reliable)\n"
    again = runner.invoke(app, ["grade", "source", "1", "B", "--db", db, "--who", "hio"])
    assert again.stdout == "source 1: reliability already B (usually reliable)\n"
    store = Store(db)
    with store.session() as session:
        (entry,) = list_audit(session)
    store.dispose()
    assert (entry.who, entry.entity, entry.before, entry.after) == ("hio", "source", "F", "B")


def test_grade_claim_defaults_who_to_user(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "night-desk")
    result = runner.invoke(app, ["grade", "claim", "1", "2", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout == "claim 1: credibility 6 -> 2 (probably true)\n"
    store = Store(db)
    with store.session() as session:
        assert [e.who for e in list_audit(session, "claim", 1)] == ["night-desk"]
    store.dispose()


def test_bad_grade_exits_1_with_the_scale(db: str) -> None:
    result = runner.invoke(app, ["grade", "source", "1", "G", "--db", db])
    assert result.exit_code == 1
    assert result.stderr == (
        'error: "G" is not a source reliability grade (use a letter from '
        "A, completely reliable, to F, cannot be judged)\n"
    )
    result = runner.invoke(app, ["grade", "claim", "1", "9", "--db", db])
    assert result.exit_code == 1
    assert result.stderr == (
        'error: "9" is not a claim credibility grade (use a number from '
        "1, confirmed, to 6, cannot be judged)\n"
    )


def test_unknown_id_exits_1(db: str) -> None:
    result = runner.invoke(app, ["grade", "claim", "42", "1", "--db", db])
    assert result.exit_code == 1
    assert result.stderr == "error: no claim with id 42\n"
    result = runner.invoke(app, ["grade", "source", "42", "A", "--db", db])
    assert result.stderr == "error: no source with id 42\n"


def test_grade_help_names_the_scale() -> None:
    result = runner.invoke(app, ["grade", "--help"])
    assert result.exit_code == 0
    assert "Admiralty" in result.stdout


def test_a_claimant_is_marked_by_any_of_its_names_and_audited(db: str) -> None:
    result = runner.invoke(
        app, ["grade", "actor", "Rudskoy", "--not-party", "--db", db, "--who", "ana"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == 'actor Sergei Rudskoy ("Rudskoy"): not a party to the conflict\n'
    again = runner.invoke(app, ["grade", "actor", "Sergei Rudskoy", "--not-party", "--db", db])
    assert again.stdout == "actor Sergei Rudskoy: not a party to the conflict (already)\n"
    with Store(db).session() as session:
        [entry] = list_audit(session, "actor")
    assert (entry.who, entry.what, entry.before, entry.after) == (
        "ana",
        "set_party",
        "true",
        "false",
    )


def test_a_new_claimant_is_stored_when_marked(db: str) -> None:
    result = runner.invoke(app, ["grade", "actor", "Aleppo Media Centre", "--party", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout == "actor Aleppo Media Centre: a party to the conflict\n"
