"""/api/series: the briefing's series by indicator, for the charts the dashboard draws."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.api.cache import BriefingCache
from sitroom.domain import ReviewAction, Role
from sitroom.store.database import Store
from sitroom.store.reviews import review_claim
from sitroom.store.users import add_user


def test_series_are_grouped_by_indicator_with_their_claims(client: TestClient) -> None:
    response = client.get("/api/series?place=Aleppo&date=2016-12-09")
    assert response.status_code == 200
    body = response.json()
    assert (body["place"], body["date"], body["since"]) == ("Aleppo", "2016-12-09", "2016-12-03")
    assert body["reviewed_only"] is False
    indicators = [chart["indicator"] for chart in body["charts"]]
    assert indicators == sorted(indicators) and "people.evacuated" in indicators
    evacuated = next(c for c in body["charts"] if c["indicator"] == "people.evacuated")
    assert evacuated["title"] == "People evacuated"
    claimants = {s["claimant"] for s in evacuated["series"]}
    assert "Sergei Rudskoy" in claimants and len(claimants) >= 2  # side by side, never added
    for series in evacuated["series"]:
        assert series["label"].startswith(series["claimant"] + " — ")
        for point in series["points"]:
            assert point["claim_ids"], point
            claim = client.get(f"/api/claims/{point['claim_ids'][0]}").json()
            assert claim["indicator"] == "people.evacuated"


def test_an_indicator_or_a_prefix_narrows_the_charts(client: TestClient) -> None:
    everything = client.get("/api/series?date=2016-12-09").json()["charts"]
    movements = client.get("/api/series?date=2016-12-09&indicator=people.").json()["charts"]
    one = client.get("/api/series?date=2016-12-09&indicator=people.returned").json()["charts"]
    assert {c["indicator"] for c in movements} == {
        c["indicator"] for c in everything if c["indicator"].startswith("people.")
    }
    assert [c["indicator"] for c in one] == ["people.returned"]
    # "people" without its dot is one (unknown) indicator, not a prefix
    assert client.get("/api/series?date=2016-12-09&indicator=people").json()["charts"] == []


def test_reviewed_series_count_only_reviewed_claims(sample_url: str, tmp_path: Path) -> None:
    copy = tmp_path / "own.db"
    shutil.copyfile(sample_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    with TestClient(create_app(url)) as client:
        before = client.get("/api/series?date=2016-12-09&reviewed=true").json()
        assert before["reviewed_only"] is True and before["charts"] == []
        claim_id = client.get("/api/series?date=2016-12-09&indicator=people.returned").json()[
            "charts"
        ][0]["series"][0]["points"][0]["claim_ids"][0]
        store = Store(url)
        with store.write_session() as session:
            editor = add_user(session, "amal", Role.EDITOR, "test")[0]
            review_claim(session, claim_id, ReviewAction.CONFIRM, editor)
        store.dispose()
        after = client.get("/api/series?date=2016-12-09&reviewed=true").json()["charts"]
        assert [c["indicator"] for c in after] == ["people.returned"]
        assert after[0]["series"][0]["points"][0]["claim_ids"] == [claim_id]


def test_the_page_and_its_series_share_one_build(sample_url: str) -> None:
    store, cache = Store(sample_url), BriefingCache()
    built: list[str] = []

    def build() -> str:
        built.append("x")
        return "briefing"

    key = ("briefing", "Aleppo", "2016-12-09", False)
    assert cache.latest(store, key, build) == cache.latest(store, key, build) == "briefing"
    assert len(built) == 1
    cache.latest(store, (*key[:3], True), build)  # another key: built, and kept instead
    cache.latest(store, key, build)
    assert len(built) == 3
    store.dispose()
