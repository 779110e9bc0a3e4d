"""Accuracy floors on the world dev set: eleven reports of nine crises other than Aleppo.

The reports and their gold are in tests/data/world (copied from shared/data, for testing
only; origins in its README). Floors live in bench/floors.json under "world"; the fields
under "filled" are scored over the pairs whose gold field is filled, where leaving a field
empty earns nothing. Raise them as the extractor improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.extract.evaluate import Score, evaluate, total
from sitroom.geo.bundled import bundled_gazetteer

ROOT = Path(__file__).parents[2]
WORLD = ROOT / "tests" / "data" / "world"
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))["world"]


@pytest.fixture(scope="module")
def score() -> Score:
    return total(evaluate([WORLD / "gold"], WORLD / "reports", bundled_gazetteer()))


def test_every_world_gold_line_is_scored(score: Score) -> None:
    lines = sum(
        len(p.read_text(encoding="utf-8").splitlines()) for p in (WORLD / "gold").glob("*.jsonl")
    )
    assert score.gold == lines > 100


def test_world_value_f1_holds_its_floor(score: Score) -> None:
    assert score.f1 >= FLOORS["value_f1"], "\n".join(score.misses)


@pytest.mark.parametrize("field", ["indicator", "qualifier", "unit"])
def test_world_field_accuracy_holds_its_floor(score: Score, field: str) -> None:
    assert score.accuracy(field) >= FLOORS[field], "\n".join(score.misses)


@pytest.mark.parametrize("field", sorted(FLOORS["filled"]))
def test_world_filled_field_accuracy_holds_its_floor(score: Score, field: str) -> None:
    assert score.accuracy_filled(field) >= FLOORS["filled"][field], "\n".join(score.misses)
