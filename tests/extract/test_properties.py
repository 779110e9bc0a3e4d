"""Properties of extract_claims on any text: no exception, spans inside, deterministic."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.domain import Place, PlaceKind
from sitroom.extract.pipeline import extract_claims
from sitroom.geo.gazetteer import Gazetteer

GAZETTEER = Gazetteer([Place("Aleppo", PlaceKind.CITY), Place("Idlib", PlaceKind.ADMIN1)])
# Report-like pieces, so that random texts reach the deeper stages, not only the first.
PIECES = st.sampled_from(
    [
        "more than 10,500 people",
        " including over 4,000 children",
        "Dozens of tons",
        " from ",
        "Aleppo",
        " to Idlib",
        "Over the past 24 hours, ",
        "since 27 November",
        "“",
        "”",
        ", he said.",
        "Rudskoy said ",
        "one-third",
        "93%",
        "(271,691)",
        ", among them two schools, a mosque",
        "\n",
        ". ",
        "According to the UN, ",
        "between 3,000 and 4,000",
        " ",
        "tens of thousands",
    ]
)
TEXTS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=5))).map("".join))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, published=st.one_of(st.none(), st.dates(), st.just(date(1, 1, 1))))
def test_any_text_gives_claims_whose_spans_point_into_it(text: str, published: date | None) -> None:
    claims = extract_claims(text, published, GAZETTEER)
    for i, claim in enumerate(claims):
        assert 0 <= claim.start < claim.end <= len(text)
        assert claim.quote == text[claim.start : claim.end]
        assert claim.local_id == i
        assert claim.part_of is None or 0 <= claim.part_of < len(claims)
    assert [c.start for c in claims] == sorted(c.start for c in claims)


@settings(max_examples=100, deadline=None)
@given(text=TEXTS)
def test_extraction_is_deterministic(text: str) -> None:
    published = date(2016, 12, 9)
    assert extract_claims(text, published, GAZETTEER) == extract_claims(text, published, GAZETTEER)
