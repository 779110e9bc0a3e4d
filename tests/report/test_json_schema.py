"""briefing.schema.json describes what `sitroom briefing --format json` and /api/briefing give."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from sitroom.api import create_app
from sitroom.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(
        resources.files("sitroom.report")
        .joinpath("briefing.schema.json")
        .read_text(encoding="utf-8")
    )
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors_of(validator: Draft202012Validator, record: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)
    ]


@pytest.mark.parametrize("day", ["2016-12-09", "2016-12-14", "2016-12-19"])
def test_cli_json_follows_the_schema(
    validator: Draft202012Validator, sample_db: str, day: str
) -> None:
    result = runner.invoke(
        app, ["briefing", "--place", "Aleppo", "--date", day, "--format", "json", "--db", sample_db]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert errors_of(validator, record) == []
    assert record["footnotes"]


def test_api_briefing_follows_the_schema(validator: Draft202012Validator, sample_db: str) -> None:
    with TestClient(create_app(sample_db)) as client:
        response = client.get("/api/briefing", params={"place": "Aleppo", "date": "2016-12-09"})
        default = client.get("/api/briefing").json()
    assert response.status_code == 200
    record = response.json()
    assert errors_of(validator, record) == []
    assert default == record  # without parameters: Aleppo on the sample's day
    assert any(f["text"].startswith("93%") for s in record["sections"] for f in s["figures"])


def test_schema_refuses_a_figure_without_footnote(
    validator: Draft202012Validator, sample_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "b.json"
    result = runner.invoke(
        app,
        [
            "briefing",
            "--place",
            "Aleppo",
            "--date",
            "2016-12-09",
            "--format",
            "json",
            "-o",
            str(out),
            "--db",
            sample_db,
        ],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    figure = next(f for s in record["sections"] for f in s["figures"])
    del figure["footnote"]
    assert any("'footnote' is a required property" in e for e in errors_of(validator, record))
