"""The interval of values a claim allows: "more than 24" is [24, inf), "21" is [21, 21]."""

from __future__ import annotations

import math

from sitroom.domain import Claim, Qualifier

# "About 7,000" and "close to 7,000" allow a tenth either way; a stated exact figure allows
# rounding of half a percent (the gold file's own tolerance).
APPROX_TOLERANCE = 0.10
EXACT_TOLERANCE = 0.005


def bounds(claim: Claim) -> tuple[float, float]:
    """The lowest and highest value the claim's words allow."""
    value = claim.value
    match claim.qualifier:
        case Qualifier.AT_LEAST | Qualifier.VAGUE:
            return value, math.inf
        case Qualifier.AT_MOST:
            return -math.inf if value < 0 else 0.0, value
        case Qualifier.APPROX:
            spread = abs(value) * APPROX_TOLERANCE
            return value - spread, value + spread
        case Qualifier.RANGE:
            return (
                claim.low if claim.low is not None else value,
                claim.high if claim.high is not None else value,
            )
        case _:
            spread = abs(value) * EXACT_TOLERANCE
            return value - spread, value + spread


def can_both_hold(a: Claim, b: Claim) -> bool:
    """True when some value lies within both claims' bounds."""
    low_a, high_a = bounds(a)
    low_b, high_b = bounds(b)
    return max(low_a, low_b) <= min(high_a, high_b)


def least(claim: Claim) -> float:
    """The smallest value the claim asserts: its value when stated exactly, else its lower bound."""
    return claim.value if claim.qualifier is Qualifier.EXACT else bounds(claim)[0]
