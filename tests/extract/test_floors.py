"""Accuracy floors: extraction scored on every gold file must not fall below bench/floors.json.

Raising a floor is a normal commit; lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.extract.evaluate import FIELDS, Score, evaluate, total
from sitroom.geo.bundled import bundled_gazetteer

ROOT = Path(__file__).parents[2]
GOLD = ROOT / "src" / "sitroom" / "sample" / "gold"
REPORTS = ROOT / "src" / "sitroom" / "sample" / "reports"
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))["extract"]


@pytest.fixture(scope="module")
def score() -> Score:
    return total(evaluate([GOLD], REPORTS, bundled_gazetteer()))


def test_every_gold_file_is_scored(score: Score) -> None:
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in GOLD.glob("*.jsonl"))
    assert score.gold == lines


def test_value_f1_holds_its_floor(score: Score) -> None:
    assert score.f1 >= FLOORS["value_f1"] >= 0.97


@pytest.mark.parametrize("field", FIELDS)
def test_field_accuracy_holds_its_floor(score: Score, field: str) -> None:
    assert score.accuracy(field) >= FLOORS[field] >= 0.90, "\n".join(score.misses)
