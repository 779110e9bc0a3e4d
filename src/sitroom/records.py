"""`record`: a frozen dataclass to the type checker, a plain one at run time.

A frozen dataclass sets each field through `object.__setattr__`, ten times the cost of a
plain constructor: a briefing of 100,000 claims makes 20,000 claims, as many of the
records analysis wraps them in and thousands of check results, and the frozen
constructors were a tenth of its time (bench/briefing.py). `record(frozen=True, ...)` is
checked by mypy as frozen (assigning to a field is an error in `make lint`) and built
without the flag, with the hash a frozen one has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["record"]

if TYPE_CHECKING:
    from dataclasses import dataclass as record
else:
    from dataclasses import dataclass

    def record(**options: bool):
        options.pop("frozen", None)
        return dataclass(**options, unsafe_hash=options.get("eq", True))
