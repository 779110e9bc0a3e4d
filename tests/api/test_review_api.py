"""Reviews over the API: every role on every write route, 401 and 403 in the one error
body with nothing written, a private server's reads, and briefings that follow."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.domain import Role
from sitroom.store.audit import list_audit
from sitroom.store.database import Store
from sitroom.store.users import add_user, revoke_user

REVIEW_BODIES = [
    {"action": "confirm"},
    {"action": "reject", "note": "a date, not a count"},
    {"action": "edit", "changes": {"place": "Old City of Aleppo"}, "note": "per the map"},
]


@pytest.fixture(params=["sqlite", "postgresql"])
def own(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A sample store this test may write to, with a token for each role."""
    if request.param == "sqlite":
        copy = tmp_path / "own.db"
        shutil.copyfile(request.getfixturevalue("sample_url").removeprefix("sqlite:///"), copy)
        url = f"sqlite:///{copy}"
    else:
        from sitroom.geo.bundled import bundled_gazetteer
        from sitroom.ingest.sample import load_sample

        url = request.getfixturevalue("pg_url")
        store = Store(url)
        load_sample(store, gazetteer=bundled_gazetteer())
        store.dispose()
    store = Store(url)
    tokens = {}
    with store.write_session() as session:
        for role in Role:
            _, tokens[role.value] = add_user(session, f"{role.value}-user", role, "test")
        _, tokens["revoked"] = add_user(session, "gone", Role.ADMIN, "test")
        revoke_user(session, "gone", "test")
    store.dispose()
    yield url, tokens


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _a_claim(client: TestClient) -> dict[str, object]:
    found: dict[str, object] = client.get("/api/claims?limit=1").json()["items"][0]
    return found


def _audit(url: str, claim_id: int) -> list[object]:
    store = Store(url)
    with store.session() as session:
        entries: list[object] = list(list_audit(session, "claim", claim_id))
    store.dispose()
    return entries


@pytest.mark.parametrize("body", REVIEW_BODIES, ids=lambda b: str(b["action"]))
@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("bogus", 401),
        ("revoked", 401),
        ("viewer", 403),
        ("editor", 200),
        ("admin", 200),
    ],
)
def test_every_role_on_the_review_route(
    own: tuple[str, dict[str, str]], body: dict[str, object], who: str | None, status: int
) -> None:
    url, tokens = own
    with TestClient(create_app(url)) as client:
        claim = _a_claim(client)
        headers = {} if who is None else _bearer(tokens.get(who, "not-a-token"))
        answer = client.post(f"/api/claims/{claim['id']}/review", json=body, headers=headers)
        assert answer.status_code == status, answer.text
        if status != 200:
            error = answer.json()["error"]
            assert error["status"] == status and error["message"]
            assert client.get(f"/api/claims/{claim['id']}").json() == claim
            assert _audit(url, int(str(claim["id"]))) == []
            if status == 401:
                assert answer.headers["www-authenticate"] == "Bearer"
            return
        reviewed = answer.json()
        assert reviewed["reviewed_by"] == f"{who}-user"
        assert reviewed["review"] == {"confirm": "confirmed", "reject": "rejected"}.get(
            str(body["action"]), "edited"
        )
        history = client.get(f"/api/claims/{claim['id']}/audit").json()
        assert [h["who"] for h in history] == [f"{who}-user"]


def test_a_rejected_figure_leaves_the_cached_briefing(own: tuple[str, dict[str, str]]) -> None:
    url, tokens = own
    with TestClient(create_app(url)) as client:
        items = client.get("/api/claims?indicator=mine_action.sites_cleared&limit=50").json()
        figure = next(c for c in items["items"] if c["quote"] == "21 sites")
        assert figure["id"] in _quoted_claims(client.get("/api/briefing").json())
        answer = client.post(
            f"/api/claims/{figure['id']}/review",
            json={"action": "reject", "note": "counted twice"},
            headers=_bearer(tokens["editor"]),
        )
        assert answer.status_code == 200
        assert figure["id"] not in _quoted_claims(client.get("/api/briefing").json())


def _quoted_claims(briefing: dict[str, object]) -> set[object]:
    """The ids of the claims a briefing's footnotes quote."""
    notes = briefing["footnotes"]
    assert isinstance(notes, list)
    return {e["claim_id"] for note in notes for e in note["evidence"]}


@pytest.mark.parametrize(
    "body",
    [
        {"action": "edit", "changes": {"quote": "x"}},
        {"action": "edit", "changes": {"value": "many"}},
        {"action": "edit"},
        {"action": "reject"},
        {"action": "shout"},
    ],
)
def test_a_bad_review_is_refused_with_422(own: tuple[str, dict[str, str]], body: object) -> None:
    url, tokens = own
    with TestClient(create_app(url)) as client:
        claim = _a_claim(client)
        answer = client.post(
            f"/api/claims/{claim['id']}/review", json=body, headers=_bearer(tokens["editor"])
        )
        assert answer.status_code == 422 and answer.json()["error"]["status"] == 422
        assert client.get(f"/api/claims/{claim['id']}").json() == claim


def test_a_private_server_reads_only_to_a_token(own: tuple[str, dict[str, str]]) -> None:
    url, tokens = own
    with TestClient(create_app(url, private=True)) as client:
        for path in ("/api/claims", "/api/sources", "/api/briefing", "/"):
            assert client.get(path).status_code == 401, path
            assert client.get(path, headers=_bearer(tokens["viewer"])).status_code == 200, path
        assert client.get("/static/sitroom.css").status_code == 200
    with TestClient(create_app(url)) as client:
        assert client.get("/api/claims").status_code == 200  # open by default


def test_a_claim_from_a_span_starts_from_the_extractors_reading(
    own: tuple[str, dict[str, str]],
) -> None:
    url, tokens = own
    with TestClient(create_app(url)) as client:
        items = client.get("/api/claims?indicator=mine_action.sites_cleared&limit=50").json()
        figure = next(c for c in items["items"] if c["quote"] == "21 sites")
        where = {"start": figure["start"], "end": figure["end"]}
        read = client.get(f"/api/sources/{figure['source_id']}/span", params=where).json()
        assert (read["indicator"], read["place"], read["claimant"]) == (
            "mine_action.sites_cleared",
            "Aleppo",
            figure["claimant"],
        )
        body = {"source_id": figure["source_id"], **where, "changes": {"place": "Old City"}}
        for who, status in ((None, 401), ("viewer", 403)):
            headers = {} if who is None else _bearer(tokens[who])
            assert client.post("/api/claims", json=body, headers=headers).status_code == status
        added = client.post("/api/claims", json=body, headers=_bearer(tokens["editor"]))
        assert added.status_code == 201, added.text
        claim = added.json()
        assert (claim["place"], claim["value"], claim["review"]) == ("Old City", 21.0, "confirmed")
        assert claim["extracted_by"] == "user:editor-user" and claim["id"] != figure["id"]
        assert client.get(f"/api/claims/{claim['id']}/audit").json()[0]["what"] == "add_claim"


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [(0, 5, "holds no number"), (10, 5, "not within"), (0, 10**6, "not within")],
)
def test_a_span_that_is_no_figure_is_refused(
    own: tuple[str, dict[str, str]], start: int, end: int, problem: str
) -> None:
    url, tokens = own
    with TestClient(create_app(url)) as client:
        body = {"source_id": 1, "start": start, "end": end}
        answer = client.post("/api/claims", json=body, headers=_bearer(tokens["editor"]))
        assert answer.status_code == 422 and problem in answer.json()["error"]["message"]


def test_a_bulk_review_applies_to_the_count_shown(own: tuple[str, dict[str, str]]) -> None:
    url, tokens = own
    sites = "/api/claims?indicator=mine_action.sites_cleared&limit=50"
    with TestClient(create_app(url)) as client:
        shown = len(client.get(sites).json()["items"])
        body = {"action": "reject", "indicator": "mine_action.sites_cleared", "note": "unverified"}
        for who, status in ((None, 401), ("viewer", 403)):
            headers = {} if who is None else _bearer(tokens[who])
            answer = client.post(
                "/api/claims/review", json={**body, "expected": shown}, headers=headers
            )
            assert answer.status_code == status
        stale = client.post(
            "/api/claims/review",
            json={**body, "expected": shown + 1},
            headers=_bearer(tokens["editor"]),
        )
        assert stale.status_code == 422 and "look again" in stale.json()["error"]["message"]
        assert {c["review"] for c in client.get(sites).json()["items"]} == {"extracted"}
        done = client.post(
            "/api/claims/review",
            json={**body, "expected": shown},
            headers=_bearer(tokens["editor"]),
        )
        assert done.status_code == 200 and done.json() == {"reviewed": shown}
        items = client.get(sites).json()["items"]
        assert {c["review"] for c in items} == {"rejected"}
        assert len(client.get(f"/api/claims/{items[0]['id']}/audit").json()) == 1


def test_the_claims_page_offers_a_bulk_review_with_its_count(
    own: tuple[str, dict[str, str]],
) -> None:
    import re

    url, tokens = own
    with TestClient(create_app(url)) as client:
        client.cookies.set("sitroom_token", tokens["editor"])
        page = client.get("/claims?indicator=mine_action.sites_cleared").text
        assert "Confirm all 6" in page and "Reject all 6" in page
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        assert csrf is not None
        form = {
            "csrf": csrf.group(1),
            "action": "confirm",
            "expected": "6",
            "indicator": "mine_action.sites_cleared",
            "next": "/claims?indicator=mine_action.sites_cleared",
        }
        answer = client.post("/claims/review", data=form, follow_redirects=False)
        assert answer.status_code == 303
        page = client.get("/claims?indicator=mine_action.sites_cleared&review=confirmed").text
        assert "6 claims" in page
        forged = client.post("/claims/review", data={**form, "csrf": "x"}, follow_redirects=False)
        assert forged.status_code == 403


def test_the_claims_page_filters_by_day_and_exports_csv(own: tuple[str, dict[str, str]]) -> None:
    import csv
    import io

    url, _ = own
    with TestClient(create_app(url)) as client:
        every = client.get("/api/claims?limit=500").json()["items"]
        page = client.get("/claims?from=2016-12-09&to=2016-12-09").text
        exported = client.get("/claims.csv?from=2016-12-09&to=2016-12-09")
        assert exported.status_code == 200 and exported.headers["content-type"].startswith(
            "text/csv"
        )
        rows = list(csv.DictReader(io.StringIO(exported.text)))
        assert 0 < len(rows) < len(every)
        assert (
            f"{len(rows)} claims" in page
            and 'href="/claims.csv?from=2016-12-09&amp;to=2016-12-09"' in page
        )
        first = rows[0]
        assert (
            first["quote"]
            and first["source_id"]
            and first["start"]
            and first["review"] == "extracted"
        )
        everything = list(csv.DictReader(io.StringIO(client.get("/claims.csv").text)))
        assert len(everything) == len(every)
        bad = client.get("/claims?from=2016-13-01")
        assert bad.status_code == 422


def test_the_claims_page_sorts_by_its_columns(own: tuple[str, dict[str, str]]) -> None:
    import re

    url, _ = own
    with TestClient(create_app(url)) as client:
        values = sorted(c["value"] for c in client.get("/api/claims?limit=500").json()["items"])
        page = client.get("/claims?sort=-value").text
        ids = re.findall(r'<td><a href="/claims/(\d+)">', page)
        top = client.get(f"/api/claims/{ids[0]}").json()
        assert top["value"] == values[-1]
        assert 'aria-sort="descending"' in page and 'href="/claims?sort=value"' in page
        assert "/claims?sort=-value&amp;offset=50" in page  # the next page, by offset
        second = client.get("/claims?sort=-value&offset=50").text
        rest = re.findall(r'<td><a href="/claims/(\d+)">', second)
        assert rest and not set(rest) & set(ids)
        assert client.get("/claims?sort=quote").status_code == 422


def test_the_claims_page_filters_parties_from_the_others(own: tuple[str, dict[str, str]]) -> None:
    import csv
    import io

    url, _ = own
    with TestClient(create_app(url)) as client:
        party = list(csv.DictReader(io.StringIO(client.get("/claims.csv?party=yes").text)))
        other = list(csv.DictReader(io.StringIO(client.get("/claims.csv?party=no").text)))
        every = list(csv.DictReader(io.StringIO(client.get("/claims.csv").text)))
        assert party and other and len(party) + len(other) == len(every)
        assert {r["claimant"] for r in party} >= {"Sergei Rudskoy"}
        assert "Sergei Rudskoy" not in {r["claimant"] for r in other}
        assert any("Red Cross" in r["claimant"] or r["claimant"] == "" for r in other)
        page = client.get("/claims?party=yes").text
        assert f"{len(party)} claims" in page and '<option value="yes" selected>' in page


def test_the_claims_page_finds_a_place_with_its_parts(own: tuple[str, dict[str, str]]) -> None:
    import csv
    import io

    url, _ = own

    def rows(query: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(client.get(f"/claims.csv?{query}").text)))

    with TestClient(create_app(url)) as client:
        # "Hanano" does not hold the word Aleppo: only the gazetteer puts it inside
        alone = rows("place=Aleppo")
        with_parts = rows("place=Aleppo&parts=1")
        assert "Hanano" not in {r["place"] for r in alone}
        assert "Hanano" in {r["place"] for r in with_parts}
        assert {r["id"] for r in alone} < {r["id"] for r in with_parts}
        page = client.get("/claims?place=Aleppo&parts=1").text
        assert f"{len(with_parts)} claims" in page and 'name="parts" value="1" checked' in page
