"""A newer reading beside a reviewed claim, as the API and the claims pages show it."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import update

from sitroom.api import create_app
from sitroom.domain import ReviewAction, Role
from sitroom.ingest.reextract import reextract
from sitroom.store.database import Store
from sitroom.store.reviews import review_claim
from sitroom.store.tables import ClaimRow
from sitroom.store.users import add_user


def test_the_differing_reading_is_listed_flagged_and_linked(
    sample_url: str, tmp_path: Path
) -> None:
    copy = tmp_path / "own.db"
    shutil.copyfile(sample_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    store = Store(url)
    with store.write_session() as session:
        editor = add_user(session, "amal", Role.EDITOR, "test")[0]
        session.execute(update(ClaimRow).where(ClaimRow.id == 1).values(value=999))
        review_claim(session, 1, ReviewAction.CONFIRM, editor)
    reextract(store, who="amal")
    store.dispose()
    with TestClient(create_app(url)) as client:
        items = client.get("/api/claims?differs=true").json()["items"]
        assert [item["differs_from"] for item in items] == [1]
        flagged = items[0]["id"]
        assert client.get("/api/claims?review=confirmed").json()["items"][0]["id"] == 1
        assert client.get("/api/claims?review=nonsense").status_code == 422
        page = client.get("/claims?review=differs").text
        assert f'href="/claims/{flagged}"' in page and "differs from #1" in page
        assert '<option value="differs" selected>' in page
        claim_page = client.get(f"/claims/{flagged}").text
        assert "reads these words differently from reviewed claim" in claim_page
        assert 'href="/claims/1"' in claim_page
