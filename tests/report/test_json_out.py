"""The JSON writer: any JSON value reads back as itself, one record a line."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sitroom.report.json_out import records_per_line

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(values)
def test_any_json_value_reads_back_as_itself(value: object) -> None:
    assert json.loads(records_per_line(value)) == value


def test_each_record_is_one_line_and_a_shared_record_is_written_each_time() -> None:
    claim = {"id": 29, "quote": "More than two dozen facilities", "window": None}
    briefing = {
        "place": "Aleppo",
        "notes": ["first note", "second note"],
        "disagreements": [{"reason": "values apart", "claims": [claim, claim]}],
    }
    lines = [line.rstrip(",") for line in records_per_line(briefing).splitlines()]
    one_line = '{"id": 29, "quote": "More than two dozen facilities", "window": null}'
    assert lines.count(" " * 8 + one_line) == 2
    assert '    "first note"' in lines
    assert lines[0] == "{" and lines[-1] == "}"
