"""`sitroom reextract`: extraction run again never overwrites a reviewed claim.

A "newer extractor" is simulated by making the stored extraction an older, worse one:
rows changed, removed or added behind the extractor's back, then extraction run again.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, update
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.domain import Claim, ReviewAction, ReviewStatus, Role
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.ingest.reextract import plan_source, reextract
from sitroom.ingest.sample import load_sample
from sitroom.report.build import briefing_for
from sitroom.store.audit import list_audit
from sitroom.store.claims import ClaimFilter, list_claims
from sitroom.store.database import Store
from sitroom.store.reviews import review_claim
from sitroom.store.tables import ClaimRow
from sitroom.store.users import add_user

RUDSKOY = 2  # the sample's source ids follow its files' order


def _claims(store: Store) -> dict[int, Claim]:
    with store.session() as session:
        return {c.id or 0: c for c in list_claims(session)}


def _by_quote(claims: dict[int, Claim], source_id: int, words: str) -> Claim:
    return next(c for c in claims.values() if c.source_id == source_id and words in c.quote)


def test_extraction_again_changes_nothing_of_a_fresh_import(store: Store) -> None:
    load_sample(store, gazetteer=bundled_gazetteer())
    before = _claims(store)
    done = reextract(store, who="test")
    assert done.written and not any(plan.changes for plan in done.plans)
    assert done.total("kept") == len(before) and done.total("added") == 0
    assert _claims(store) == before  # same rows, same ids
    with store.session() as session:
        assert not [e for e in list_audit(session) if e.what == "reextract"]


def test_reviewed_claims_stay_and_a_differing_reading_waits_beside_them(store: Store) -> None:
    load_sample(store, gazetteer=bundled_gazetteer())
    claims = _claims(store)
    rudskoy = [c for c in claims.values() if c.source_id == RUDSKOY]
    confirmed, edited, rejected, misread, missed, *_ = [c for c in rudskoy if c.part_of is None]
    with store.write_session() as session:
        editor = add_user(session, "amal", Role.EDITOR, "test")[0]
        # the older extractor read the confirmed figure as 999, and an editor confirmed it
        session.execute(update(ClaimRow).where(ClaimRow.id == confirmed.id).values(value=999))
        review_claim(session, confirmed.id or 0, ReviewAction.CONFIRM, editor)
        review_claim(session, edited.id or 0, ReviewAction.EDIT, editor, changes={"value": "12345"})
        review_claim(session, rejected.id or 0, ReviewAction.REJECT, editor, note="no")
        # it misread one figure, missed another and read one that is not there
        session.execute(update(ClaimRow).where(ClaimRow.id == misread.id).values(value=7))
        session.execute(delete(ClaimRow).where(ClaimRow.id == missed.id))
        session.execute(
            update(ClaimRow)
            .where(ClaimRow.id == max(claims))
            .values(indicator="aid.trucks", unit="trucks")
        )
    dry = reextract(store, [RUDSKOY], who="test", dry_run=True)
    assert not dry.written and dry.total("flagged") == 1
    assert len(_claims(store)) == len(claims) - 1  # the dry run wrote nothing

    done = reextract(store, who="amal")
    after = _claims(store)
    # reviewed claims: as they were, reviews and edits kept
    assert after[confirmed.id or 0].value == 999
    assert after[confirmed.id or 0].review is ReviewStatus.CONFIRMED
    assert after[edited.id or 0].value == 12345 and after[edited.id or 0].edited == ("value",)
    assert after[rejected.id or 0].review is ReviewStatus.REJECTED
    # the newer reading of the confirmed claim's words: beside it, waiting for review
    flagged = [c for c in after.values() if c.differs_from is not None]
    assert len(flagged) == 1 and done.total("flagged") == 1
    assert flagged[0].differs_from == confirmed.id
    assert (flagged[0].value, flagged[0].quote) == (confirmed.value, confirmed.quote)
    assert flagged[0].review is ReviewStatus.EXTRACTED
    # unreviewed claims follow the newer reading
    assert misread.id not in after and missed.id not in after and max(claims) not in after
    values = {(c.source_id, c.quote, c.value, c.indicator) for c in after.values()}
    for old in (misread, missed, claims[max(claims)]):
        assert (old.source_id, old.quote, old.value, old.indicator) in values
    assert len(after) == len(claims) + 1  # the flagged reading is the one claim more
    # every unreviewed claim read again the same way kept its id
    untouched = set(claims) - {c.id for c in (misread, missed)} - {max(claims)}
    assert untouched <= set(after)
    # the briefing counts the confirmed claim, not the reading waiting for review
    briefing = briefing_for(store, "Aleppo", date(2016, 12, 9))
    counted = {f.claim.claim.id for section in briefing.sections for f in section.figures} | {
        e.claim_id for note in briefing.footnotes for e in note.evidence
    }
    assert flagged[0].id not in counted
    with store.session() as session:
        entries = [e for e in list_audit(session) if e.what == "reextract"]
        assert {e.entity_id for e in entries} == {RUDSKOY, 4}
        assert all(
            e.who == "amal" and "1 beside a reviewed claim" in (e.after or "")
            for e in entries
            if e.entity_id == RUDSKOY
        )
        assert [c.id for c in list_claims(session, ClaimFilter(differs=True))] == [flagged[0].id]
    # a second run changes nothing: the waiting reading keeps its row
    again = reextract(store, who="amal")
    assert not any(plan.changes for plan in again.plans)
    assert _claims(store) == after


def test_parts_follow_their_whole_to_its_new_reading() -> None:
    whole = Claim("people.evacuated", 100, "100 people", 0, 10, "s", id=1, local_id=0)
    part = Claim(
        "people.evacuated",
        40,
        "40 children",
        20,
        31,
        "s",
        group="children",
        id=2,
        local_id=1,
        part_of=0,
        review=ReviewStatus.CONFIRMED,
    )
    newer_whole = Claim("people.evacuated", 1000, "1000 people", 0, 11, "s", local_id=0)
    newer_part = Claim(
        "people.evacuated",
        40,
        "40 children",
        20,
        31,
        "s",
        group="children",
        local_id=1,
        part_of=0,
    )
    plan = plan_source(1, [whole, part], [newer_whole, newer_part])
    assert [c.id for c in plan.removed] == [1] and [c.value for c in plan.added] == [1000]
    assert plan.added[0].local_id == 2 and plan.added[0].part_of is None
    assert plan.reviewed == (part,) and plan.repointed == ((2, 2),)


def test_the_command_says_what_it_changed(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/r.db"
    runner = CliRunner()
    assert runner.invoke(app, ["sample", "load", "--db", url]).exit_code == 0
    store = Store(url)
    with store.write_session() as session:
        session.execute(delete(ClaimRow).where(ClaimRow.id == 1))
    store.dispose()
    dry = runner.invoke(app, ["reextract", "--dry-run", "-q", "--db", url])
    assert dry.exit_code == 0, dry.output
    assert "4 sources, 1 would change:" in dry.output and "1 added, 0 removed" in dry.output
    done = runner.invoke(app, ["reextract", "-q", "--who", "amal", "--db", url])
    assert done.exit_code == 0 and "4 sources, 1 changed:" in done.output
    again = runner.invoke(app, ["reextract", "-q", "--db", url])
    assert "0 changed" in again.output
    missing = runner.invoke(app, ["reextract", "99", "--db", url])
    assert missing.exit_code == 1 and "99" in missing.output
    listed = runner.invoke(app, ["claims", "--differs", "--json", "--db", url])
    assert listed.exit_code == 0 and listed.output.strip() == "[]"
