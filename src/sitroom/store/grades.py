"""Grades set by users, each change written to the audit trail.

The NATO Admiralty scale: a source's reliability A-F, a claim's credibility 1-6. F and 6
mean "cannot be judged" and are what every source and claim starts with.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sitroom.domain import AuditEntry, NotFound, SitroomError
from sitroom.store.audit import record_change
from sitroom.store.limits import id_in_range
from sitroom.store.tables import ActorRow, ClaimRow, SourceRow

RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


class InvalidGrade(SitroomError):
    """A grade that is not on the Admiralty scale."""

    def __init__(self, problem: str, hint: str) -> None:
        super().__init__(problem)
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.args[0]} ({self.hint})"


def reliability_grade(grade: str) -> str:
    """The reliability letter `grade` stands for ("b" gives "B"); InvalidGrade otherwise."""
    letter = grade.strip().upper()
    if letter not in RELIABILITY:
        raise InvalidGrade(
            f'"{grade}" is not a source reliability grade',
            "use a letter from A, completely reliable, to F, cannot be judged",
        )
    return letter


def credibility_grade(grade: int | str) -> int:
    """The credibility number `grade` stands for ("2" gives 2); InvalidGrade otherwise."""
    text = str(grade).strip()
    if not text.isdigit() or int(text) not in CREDIBILITY:
        raise InvalidGrade(
            f'"{grade}" is not a claim credibility grade',
            "use a number from 1, confirmed, to 6, cannot be judged",
        )
    return int(text)


def set_source_reliability(
    session: Session, source_id: int, grade: str, who: str, at: datetime | None = None
) -> AuditEntry | None:
    """Grade a source's reliability; return the audit entry, or None if it already had it.

    Raises InvalidGrade for a grade off the scale and NotFound for an unknown source,
    before anything is written.
    """
    letter = reliability_grade(grade)
    row = session.get(SourceRow, source_id) if id_in_range(source_id) else None
    if row is None:
        raise NotFound(f"no source with id {source_id}")
    before = row.reliability
    if before == letter:
        return None
    row.reliability = letter
    return record_change(session, who, "set_reliability", "source", source_id, before, letter, at)


def set_claim_credibility(
    session: Session, claim_id: int, grade: int | str, who: str, at: datetime | None = None
) -> AuditEntry | None:
    """Grade a claim's credibility; return the audit entry, or None if it already had it.

    Raises InvalidGrade for a grade off the scale and NotFound for an unknown claim.
    """
    number = credibility_grade(grade)
    row = session.get(ClaimRow, claim_id) if id_in_range(claim_id) else None
    if row is None:
        raise NotFound(f"no claim with id {claim_id}")
    before = row.credibility
    if before == number:
        return None
    row.credibility = number
    return record_change(
        session, who, "set_credibility", "claim", claim_id, str(before), str(number), at
    )


def set_actor_party(
    session: Session, actor_id: int, is_party: bool, who: str, at: datetime | None = None
) -> AuditEntry | None:
    """Mark an actor as a party to the conflict or not; return the audit entry, or None
    if it already was. Raises NotFound for an unknown actor."""
    row = session.get(ActorRow, actor_id)
    if row is None:
        raise NotFound(f"no actor with id {actor_id}")
    before = bool(row.is_party)
    if before == is_party:
        return None
    row.is_party = is_party
    return record_change(
        session, who, "set_party", "actor", actor_id, str(before).lower(), str(is_party).lower(), at
    )
