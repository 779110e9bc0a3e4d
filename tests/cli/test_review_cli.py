"""Review from the command line: users and tokens, confirm / reject / edit, the audit
trail, and briefings that follow."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()


def sitroom(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    assert sitroom("sample", "load", "--db", url)[0] == 0
    code, token, said = sitroom("users", "add", "amal", "--role", "editor", "--db", url)
    assert code == 0 and len(token.strip()) >= 40 and "shown once" in said
    assert sitroom("users", "add", "vera", "--db", url)[0] == 0  # a viewer
    return url


def _claims(db: str, indicator: str) -> list[dict[str, object]]:
    code, out, _ = sitroom("claims", "--indicator", indicator, "--json", "--db", db)
    assert code == 0
    found: list[dict[str, object]] = json.loads(out)
    return found


def test_a_rejected_figure_leaves_the_briefing(db: str) -> None:
    figure = next(c for c in _claims(db, "mine_action.sites_cleared") if c["quote"] == "21 sites")
    before = sitroom("briefing", "--db", db)[1]
    assert "**21 sites" in before
    code, out, _ = sitroom(
        "review",
        str(figure["id"]),
        "--reject",
        "a count of the same sites",
        "--reviewer",
        "amal",
        "--db",
        db,
    )
    assert (code, out) == (0, f"claim {figure['id']}: rejected by amal\n")
    assert "**21 sites" not in sitroom("briefing", "--db", db)[1]
    trail = sitroom("audit", "--claim", str(figure["id"]), "--json", "--db", db)[1]
    entry = json.loads(trail.splitlines()[-1])
    assert entry["who"] == "amal" and entry["what"] == "review_reject"
    assert json.loads(entry["after"])["note"] == "a count of the same sites"


def test_an_edited_place_is_used_and_footnoted(db: str) -> None:
    figure = next(c for c in _claims(db, "mine_action.sites_cleared") if c["quote"] == "21 sites")
    code, out, err = sitroom(
        "review",
        str(figure["id"]),
        "--set",
        "place=Old City of Aleppo",
        "--set",
        "value=22",
        "--reviewer",
        "amal",
        "--db",
        db,
    )
    assert code == 0, err
    assert out == f"claim {figure['id']}: edited (place, value edited) by amal\n"
    briefing = sitroom("briefing", "--db", db)[1]
    assert "**22 sites (corrected; the source says “21 sites”), Old City of Aleppo" in briefing
    assert "; place, value edited by amal on " in briefing
    edited = next(c for c in _claims(db, "mine_action.sites_cleared") if c["id"] == figure["id"])
    assert (edited["place"], edited["edited"], edited["reviewed_by"]) == (
        "Old City of Aleppo",
        ["place", "value"],
        "amal",
    )


def test_reviewed_only_counts_confirmed_and_edited_claims(db: str) -> None:
    figure = next(c for c in _claims(db, "mine_action.sites_cleared") if c["quote"] == "21 sites")
    assert (
        sitroom("review", str(figure["id"]), "--confirm", "--reviewer", "amal", "--db", db)[0] == 0
    )
    reviewed = sitroom("briefing", "--reviewed", "--db", db)[1]
    assert "**21 sites" in reviewed and "two dozen" not in reviewed
    assert "only reviewed claims (confirmed or edited) are counted" in reviewed


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["--confirm", "--reviewer", "vera"], 1, 'user "vera" may not review claims'),
        (["--confirm", "--reviewer", "nobody"], 1, 'no user "nobody" (users: amal, vera)'),
        (["--set", "value=many", "--reviewer", "amal"], 1, "is not a number"),
        (["--set", "place", "--reviewer", "amal"], 1, "give FIELD=VALUE"),
        (["--confirm", "--reject", "x", "--reviewer", "amal"], 2, "give one of"),
        (["--reviewer", "amal"], 2, "give one of"),
    ],
)
def test_a_refused_review_changes_nothing(db: str, args: list[str], code: int, said: str) -> None:
    figure = _claims(db, "mine_action.sites_cleared")[0]
    result = sitroom("review", str(figure["id"]), *args, "--db", db)
    assert result[0] == code and said in result[2]
    assert _claims(db, "mine_action.sites_cleared")[0] == figure
    assert sitroom("audit", "--claim", str(figure["id"]), "--db", db)[1] == ""


def test_users_are_listed_revoked_and_given_roles(db: str) -> None:
    assert sitroom("users", "role", "vera", "editor", "--db", db)[1] == "vera: editor\n"
    assert sitroom("users", "revoke", "amal", "--db", db)[1] == "amal: revoked\n"
    listed = sitroom("users", "list", "--db", db)[1].splitlines()
    assert listed[0].startswith("amal\teditor\t") and "\trevoked " in listed[0]
    assert listed[1].startswith("vera\teditor\t") and listed[1].endswith("\tactive")
    figure = _claims(db, "mine_action.sites_cleared")[0]
    code, _, said = sitroom(
        "review", str(figure["id"]), "--confirm", "--reviewer", "amal", "--db", db
    )
    assert code == 1 and "may not review" in said
    assert sitroom("users", "add", "amal", "--db", db)[0] == 1  # names are not reused
    who = [
        json.loads(line)["what"] for line in sitroom("audit", "--json", "--db", db)[1].splitlines()
    ]
    assert {"add_user", "set_role", "revoke_user"} <= set(who)


def test_the_example_in_review_help_runs(db: str) -> None:
    import shlex

    shown = sitroom("review", "--help")[1]
    example = next(line for line in shown.splitlines() if "Example: sitroom" in line)
    words = shlex.split(example.strip().removeprefix("Example: "))
    code, out, err = sitroom(*words[1:], "--db", db)
    assert code == 0, err
    assert out == "claim 30: edited (place edited) by amal\n"
