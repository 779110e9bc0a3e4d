"""A filter term no claim can have is refused, not answered with an empty list."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()
COMMANDS = [["claims"], ["export", "claims"]]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_review_status_is_refused_naming_the_known_ones(
    command: list[str], sample_db: str
) -> None:
    result = runner.invoke(app, [*command, "--review", "bogus", "--db", sample_db])
    assert result.exit_code == 1
    assert 'review "bogus" is none of extracted, confirmed, edited, rejected' in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_a_misspelt_indicator_is_refused_with_the_closest(
    command: list[str], sample_db: str
) -> None:
    result = runner.invoke(app, [*command, "--indicator", "people.evacuatd", "--db", sample_db])
    assert result.exit_code == 1
    assert "did you mean people.evacuated" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_section_is_refused_naming_the_sections(
    command: list[str], sample_db: str
) -> None:
    result = runner.invoke(app, [*command, "--section", "casualties", "--db", sample_db])
    assert result.exit_code == 1
    assert 'no briefing section "casualties"' in result.stderr
    assert "movements" in result.stderr and result.stdout == ""


def test_a_section_lists_its_indicators_only(sample_db: str) -> None:
    # what a briefing's "and N more" points to: field kitchens are shelters, not aid
    shelters = runner.invoke(app, ["claims", "--section", "shelters", "--json", "--db", sample_db])
    aid = runner.invoke(app, ["export", "claims", "--section", "aid", "--db", sample_db])
    assert shelters.exit_code == 0 and aid.exit_code == 0, shelters.stderr + aid.stderr
    import csv
    import io
    import json

    listed = {c["indicator"] for c in json.loads(shelters.stdout)}
    assert "aid.field_kitchens" in listed and all(
        i.startswith(("shelters.", "aid.field_kitchens")) for i in listed
    )
    exported = {row["indicator"] for row in csv.DictReader(io.StringIO(aid.stdout))}
    assert exported and all(i.startswith(("aid.delivered", "aid.beneficiaries")) for i in exported)
