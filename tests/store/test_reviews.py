"""Reviews keep the extracted values, lay the reviewer's over them, and audit each step."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from sitroom.domain import NotAllowed, NotFound, ReviewAction, ReviewStatus, Role
from sitroom.ingest.reports import import_reports
from sitroom.store.audit import list_audit
from sitroom.store.claims import ClaimFilter, get_claim, list_claims
from sitroom.store.database import Store
from sitroom.store.reviews import BadReview, review_claim
from sitroom.store.tables import ClaimRow
from sitroom.store.users import add_user, revoke_user, set_role, user_for_token

RUDSKOY = (
    Path(__file__).parents[2]
    / "src"
    / "sitroom"
    / "sample"
    / "reports"
    / "aleppo-2016-12-09-rudskoy.txt"
)


@pytest.fixture
def loaded(store: Store) -> Store:
    import_reports(store, [RUDSKOY])
    return store


def _editor(store: Store, name: str = "amal", role: Role = Role.EDITOR):
    with store.write_session() as session:
        return add_user(session, name, role, "admin")


def test_a_token_finds_its_user_until_revoked(store: Store) -> None:
    user, token = _editor(store)
    with store.write_session() as session:
        assert user_for_token(session, token) == user
        assert user_for_token(session, token + "x") is None
        stored = session.execute(text("SELECT token_sha256 FROM users")).scalar()
        assert token not in str(stored)  # only its hash is kept
        revoke_user(session, "amal", "admin")
        assert user_for_token(session, token) is None


def test_an_edit_is_kept_beside_the_extracted_values(loaded: Store) -> None:
    editor, _ = _editor(loaded)
    with loaded.write_session() as session:
        claim = list_claims(session, ClaimFilter(indicator="territory.share"))[0]
        assert claim.id is not None
        edited = review_claim(
            session,
            claim.id,
            ReviewAction.EDIT,
            editor,
            changes={"place": "East Aleppo", "window_start": "2016-12-01", "value": "94"},
            note="the briefing says east",
        )
        extracted_place = session.get(ClaimRow, claim.id).place  # type: ignore[union-attr]
    assert (edited.place, edited.value, edited.window_start) == (
        "East Aleppo",
        94.0,
        date(2016, 12, 1),
    )
    assert edited.review is ReviewStatus.EDITED and edited.reviewed_by == "amal"
    assert edited.edited == ("place", "value", "window_start")
    assert extracted_place == claim.place  # the extracted value is still there
    with loaded.session() as session:
        entry = list_audit(session, "claim", claim.id)[-1]
        assert entry.who == "amal" and entry.what == "review_edit"
        assert json.loads(entry.after or "")["note"] == "the briefing says east"
        # giving a field its extracted value again drops that edit
    with loaded.write_session() as session:
        back = review_claim(
            session, claim.id, ReviewAction.EDIT, editor, changes={"place": claim.place}
        )
    assert back.place == claim.place and back.edited == ("value", "window_start")


def test_confirm_and_reject(loaded: Store) -> None:
    editor, _ = _editor(loaded)
    with loaded.write_session() as session:
        first, second = list_claims(session, limit=2)
        assert first.id and second.id
        confirmed = review_claim(session, first.id, ReviewAction.CONFIRM, editor)
        assert confirmed.review is ReviewStatus.CONFIRMED and confirmed.edited == ()
        with pytest.raises(BadReview, match="reason"):
            review_claim(session, second.id, ReviewAction.REJECT, editor)
        rejected = review_claim(session, second.id, ReviewAction.REJECT, editor, note="a date")
        assert rejected.review is ReviewStatus.REJECTED


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"quote": "x"}, "not a field"),
        ({"value": "many"}, "not a number"),
        ({"value": "inf"}, "finite"),
        ({"qualifier": "lots"}, "not one of"),
        ({"indicator": "people.teleported"}, "vocabulary"),
        ({"window_end": "2016-13-01"}, "not a date"),
        ({"window_end": "0001-01-01"}, "outside"),
        ({"claimant": "x" * 300}, "characters"),
        ({"unit": ""}, "needs one"),
        ({}, "at least one"),
    ],
)
def test_a_bad_edit_is_refused_and_writes_nothing(
    loaded: Store, changes: dict[str, object], problem: str
) -> None:
    editor, _ = _editor(loaded)
    with loaded.session() as session:
        claim = list_claims(session, limit=1)[0]
    assert claim.id is not None
    with pytest.raises(BadReview, match=problem), loaded.write_session() as session:
        review_claim(session, claim.id, ReviewAction.EDIT, editor, changes=changes)
    with loaded.session() as session:
        assert get_claim(session, claim.id) == claim
        assert list_audit(session, "claim", claim.id) == []


def test_only_editors_with_a_live_token_review(loaded: Store) -> None:
    viewer, _ = _editor(loaded, "vera", Role.VIEWER)
    _editor(loaded, "ed")
    with loaded.write_session() as session:
        claim_id = list_claims(session, limit=1)[0].id
        assert claim_id is not None
        with pytest.raises(NotAllowed):
            review_claim(session, claim_id, ReviewAction.CONFIRM, viewer)
        promoted = set_role(session, "vera", Role.ADMIN, "admin")
        assert review_claim(session, claim_id, ReviewAction.CONFIRM, promoted).reviewed_by == "vera"
        gone = revoke_user(session, "ed", "admin")
        assert gone.role is Role.EDITOR
        with pytest.raises(NotAllowed):
            review_claim(session, claim_id, ReviewAction.CONFIRM, gone)
        with pytest.raises(NotFound):
            review_claim(session, 2**40, ReviewAction.CONFIRM, promoted)
