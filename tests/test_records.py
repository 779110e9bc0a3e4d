"""`record`: checked as frozen by mypy, plain at run time, hashed as a frozen dataclass."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date

from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Claim, Source


def _claim(value: float = 10.0) -> Claim:
    return Claim("people.evacuated", value, "10 people", 0, 9, "10 people left.", place="Aleppo")


def test_equal_claims_hash_alike_as_frozen_ones_do() -> None:
    a, b = _claim(), _claim()
    assert a == b and hash(a) == hash(b) and len({a, b, _claim(11.0)}) == 2
    changed = dataclasses.replace(a, value=12.0)
    assert changed.value == 12.0 and a.value == 10.0
    assert pickle.loads(pickle.dumps(a)) == a


def test_a_sourced_claim_is_itself_only() -> None:
    # eq=False: two wrappers of one claim are two figures (identity, as before)
    source = Source(title="t", published_at=date(2016, 12, 9), sha256="0" * 64)
    a, b = SourcedClaim(_claim(), source), SourcedClaim(_claim(), source)
    assert a != b and len({a, b}) == 2
    assert a.bounds == (9.95, 10.05) and a.places == ("Aleppo",)
