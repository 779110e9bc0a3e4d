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
