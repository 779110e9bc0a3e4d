"""Claims go into the store and come back field for field, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date

from sitroom.domain import Claim, Qualifier, ReviewStatus, Source
from sitroom.store.claims import add_claims, claims_published_between, list_claims
from sitroom.store.database import Store
from sitroom.store.sources import add_source

# every field set to something other than its default, so a field read into the wrong
# place (the read builds Claims from positional row values) cannot go unnoticed
CHILDREN = Claim(
    indicator="people.evacuated",
    value=4000.0,
    quote="over 4,000 children",
    start=41,
    end=60,
    sentence="Over the past 24 hours, more than 10,500 people, including over 4,000 children",
    qualifier=Qualifier.AT_LEAST,
    unit="people",
    low=4000.0,
    high=4100.0,
    group="children",
    place="Aleppo",
    origin="east Aleppo",
    destination="Jibrin",
    subject="Government of Syria and allies",
    window="Over the past 24 hours",
    window_start=date(2016, 12, 8),
    window_end=date(2016, 12, 9),
    claimant="Sergei Rudskoy",
    local_id=2,
    part_of=1,
    extracted_by="test",
    review=ReviewStatus.CONFIRMED,
    credibility=2,
)


def test_every_field_of_a_claim_comes_back(store: Store) -> None:
    with store.session() as session:
        source_id, _ = add_source(
            session, Source(title="Rudskoy", published_at=date(2016, 12, 9), sha256="b" * 64)
        )
        add_claims(session, source_id, [CHILDREN])
    with store.session() as session:
        [listed] = list_claims(session)
        [(published, source)] = claims_published_between(
            session, date(2016, 12, 9), date(2016, 12, 9)
        )
    assert listed.id is not None
    expected = dataclasses.replace(CHILDREN, id=listed.id, source_id=source_id)
    assert listed == expected
    assert published == expected
    assert (source.id, source.title, source.text) == (source_id, "Rudskoy", None)


def test_claims_of_sources_outside_the_days_are_left_out(store: Store) -> None:
    with store.session() as session:
        for day, sha in ((date(2016, 12, 2), "c"), (date(2016, 12, 3), "d")):
            source_id, _ = add_source(
                session, Source(title=str(day), published_at=day, sha256=sha * 64)
            )
            add_claims(session, source_id, [CHILDREN])
    with store.session() as session:
        found = claims_published_between(session, date(2016, 12, 3), date(2016, 12, 9))
    assert [s.title for _, s in found] == ["2016-12-03"]


def test_a_page_of_one_indicator_walks_an_index_in_id_order(tmp_path) -> None:
    # /api/claims?indicator=... reads the first page of many: without an (indicator, id)
    # index SQLite sorted every claim of the indicator first (bench/api.py)
    from sqlalchemy import select

    from sitroom.store.claims import _COLUMNS, ClaimFilter, _filtered
    from sitroom.store.tables import ClaimRow

    store = Store(f"sqlite:///{tmp_path / 'plan.db'}")
    query = (
        _filtered(select(*_COLUMNS), ClaimFilter(indicator="people.evacuated", place="Aleppo"))
        .where(ClaimRow.id > 0)
        .order_by(ClaimRow.id)
        .limit(101)
    )
    with store.engine.connect() as connection:
        compiled = query.compile(connection, compile_kwargs={"literal_binds": True})
        plan = " ".join(
            str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
        )
    assert "ix_claims_indicator_id" in plan and "TEMP B-TREE" not in plan
    store.dispose()


def test_a_section_filter_keeps_the_indicators_the_briefing_files_there(store: Store) -> None:
    from sitroom.store.claims import ClaimFilter

    # "mine_action." holds a LIKE wildcard (_): "mineXaction.sites" is no mine action
    names = ["aid.delivered", "aid.field_kitchens", "mine_action.sites_cleared"]
    names += ["mineXaction.sites", "shelters.opened", "weather.rain"]
    with store.session() as session:
        source_id, _ = add_source(
            session, Source(title="many", published_at=date(2016, 12, 9), sha256="e" * 64)
        )
        claims = [dataclasses.replace(CHILDREN, indicator=name, local_id=n, part_of=None)
                  for n, name in enumerate(names)]  # fmt: skip
        add_claims(session, source_id, claims)
    with store.session() as session:

        def of(section: str) -> list[str]:
            found = list_claims(session, ClaimFilter(section=section))
            return sorted(c.indicator for c in found)

        assert of("aid") == ["aid.delivered"]
        assert of("shelters") == ["aid.field_kitchens", "shelters.opened"]
        assert of("mine_action") == ["mine_action.sites_cleared"]
        assert of("other") == ["mineXaction.sites", "weather.rain"]
