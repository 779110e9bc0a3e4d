from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from sitroom.store.claims import count_claims
from sitroom.store.database import Store


def walk(client: TestClient, url: str) -> tuple[list[dict[str, object]], list[str | None]]:
    """Every item of a list, following `next`; also the `next` of each page."""
    items: list[dict[str, object]] = []
    nexts: list[str | None] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        nexts.append(body["next"])
        url = body["next"]
    return items, nexts


def test_pagination_walks_every_claim_once_and_next_is_null_on_the_last_page(
    client: TestClient, sample_url: str
) -> None:
    store = Store(sample_url)
    with store.session() as session:
        total = count_claims(session)
    store.dispose()
    assert total > 20
    items, nexts = walk(client, "/api/claims?limit=7")
    ids = [item["id"] for item in items]
    assert len(ids) == total
    assert ids == sorted(set(ids))
    assert len(nexts) == -(-total // 7)
    assert nexts[-1] is None
    assert all(n is not None and n.startswith("http://testserver/api/claims?") for n in nexts[:-1])


def test_next_is_a_full_url_keeping_filters_and_limit(client: TestClient) -> None:
    body = client.get("/api/claims", params={"place": "aleppo", "limit": 2}).json()
    assert len(body["items"]) == 2
    query = parse_qs(urlsplit(body["next"]).query)
    assert query["place"] == ["aleppo"]
    assert query["limit"] == ["2"]
    assert query["cursor"][0]


def test_limit_defaults_to_50(client: TestClient) -> None:
    body = client.get("/api/claims").json()
    assert len(body["items"]) == 50
    assert body["next"] is not None


def test_exact_last_page_has_no_next(client: TestClient) -> None:
    everything, _ = walk(client, "/api/claims?limit=500")
    exact = client.get("/api/claims", params={"limit": len(everything)}).json()
    assert len(exact["items"]) == len(everything)
    assert exact["next"] is None


def test_filters_narrow_claims(client: TestClient) -> None:
    shares, _ = walk(client, "/api/claims?indicator=territory.share&limit=3")
    assert shares
    assert {item["indicator"] for item in shares} == {"territory.share"}
    assert any(item["quote"] == "93%" for item in shares)

    rudskoy, _ = walk(client, "/api/claims?claimant=rudskoy")
    assert rudskoy
    assert all("rudskoy" in str(item["claimant"]).lower() for item in rudskoy)

    first_source = rudskoy[0]["source_id"]
    of_source, _ = walk(client, f"/api/claims?source={first_source}&limit=10")
    assert of_source
    assert {item["source_id"] for item in of_source} == {first_source}

    idlib, _ = walk(client, "/api/claims?place=idlib")
    assert idlib
    for item in idlib:
        places = " ".join(str(item[k]) for k in ("place", "origin", "destination")).lower()
        assert "idlib" in places


def test_claim_carries_a_link_to_its_highlighted_quote(client: TestClient) -> None:
    item = client.get("/api/claims?limit=1").json()["items"][0]
    assert item["page"] == f"/sources/{item['source_id']}#claim-{item['id']}"


def test_empty_store_gives_an_empty_last_page(empty_client: TestClient) -> None:
    assert empty_client.get("/api/claims").json() == {"items": [], "next": None}


def _count_on_page(client: TestClient, query: str) -> int:
    import re

    page = client.get(f"/claims?{query}")
    assert page.status_code == 200, page.text
    found = re.search(r'<p class="count">([\d,]+) claim', page.text)
    assert found is not None
    return int(found.group(1).replace(",", ""))


def test_the_claims_page_narrows_to_a_briefing_section(client: TestClient, sample_url: str) -> None:
    # the briefing's "and N more" of a section links here: the section's indicators only,
    # each indicator in the first section whose prefix it has (aid.field_kitchens is a
    # shelter, not aid)
    from sitroom.store.claims import ClaimFilter, list_claims
    from sitroom.vocabulary import SECTIONS, section_for

    store = Store(sample_url)
    with store.session() as session:
        total = count_claims(session)
        every = list_claims(session, ClaimFilter(), limit=total)
        shelters = list_claims(session, ClaimFilter(section="shelters"), limit=total)
    store.dispose()
    assert {c.indicator for c in shelters} >= {"aid.field_kitchens"}
    assert all(section_for(c.indicator) == "shelters" for c in shelters)
    counts = {key: _count_on_page(client, f"section={key}") for key, _, _ in SECTIONS}
    assert sum(counts.values()) == total
    for key, n in counts.items():
        assert n == sum(1 for c in every if section_for(c.indicator) == key), key
    refused = client.get("/claims?section=casualty")
    assert refused.status_code == 422 and "movements" in refused.text
