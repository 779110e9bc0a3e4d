import pytest

from sitroom.analysis.voices import default_voices, parse_voices, party_only
from sitroom.domain import InputError


@pytest.mark.parametrize(
    ("claimant", "name", "party"),
    [
        ("Lieutenant-General Sergei Rudskoy", "Sergei Rudskoy", True),
        ("Russian Ministry of Defence", "Russian Ministry of Defence", True),
        ("the head of the Main Operations Department", "Russian Ministry of Defence", True),
        ("SANA", "Government of Syria", True),
        ("Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", False),
        ("UN OCHA", "OCHA", False),
        ("CCCM Cluster", "UNHCR", False),
        ("Marianne Gasser", "ICRC", False),
    ],
)
def test_claimants_resolve_to_actors_and_parties(claimant: str, name: str, party: bool) -> None:
    voices = default_voices()
    actor = voices.resolve(claimant)
    assert actor is not None and actor.name == name
    assert voices.is_party(claimant) is party


def test_unknown_claimant_is_no_party() -> None:
    assert default_voices().resolve("a local resident") is None
    assert default_voices().is_party(None) is False


def test_bad_entry_is_refused_naming_it() -> None:
    with pytest.raises(InputError, match=r'field "actor\[1\].kind": "army" is not an actor kind'):
        parse_voices('[[actor]]\nname = "X"\nkind = "army"\n')


def test_rudskoy_figures_come_only_from_a_party(rudskoy) -> None:
    voices = default_voices()
    evacuated = next(c for c in rudskoy if c.claim.quote == "more than 10,500 people")
    headline = next(c for c in rudskoy if c.claim.start == 0)
    assert party_only(evacuated, rudskoy, voices, None) is True
    assert party_only(headline, rudskoy, voices, None) is False  # the publisher's own voice


def test_corroboration_index_gives_the_same_answers_as_party_only(rudskoy, unhcr) -> None:
    from sitroom.analysis.voices import Corroboration
    from sitroom.geo.bundled import bundled_gazetteer

    claims = [*rudskoy, *unhcr]
    voices, gazetteer = default_voices(), bundled_gazetteer()
    index = Corroboration(claims, voices, gazetteer)
    expected = [party_only(c, claims, voices, gazetteer) for c in claims]
    assert [index.party_only(c) for c in claims] == expected
    assert any(expected) and not all(expected)


def test_a_users_word_on_a_claimant_overrides_what_sitroom_ships() -> None:
    from sitroom.analysis.voices import default_voices, with_stored
    from sitroom.domain import Actor, ActorKind

    shipped = default_voices()
    assert shipped.is_party("Lieutenant-General Sergei Rudskoy")
    not_party = Actor("Sergei Rudskoy", ActorKind.UNKNOWN, is_party=False)
    voices = with_stored(shipped, [not_party])
    # the known aliases still find him, and his ministry no longer speaks through him
    assert voices.resolve("Rudskoy") is not None
    assert not voices.is_party("Lieutenant-General Sergei Rudskoy")
    assert voices.is_party("Igor Konashenkov")  # the rest of what ships is untouched
    new = Actor("Aleppo Media Centre", ActorKind.MEDIA, is_party=True)
    assert with_stored(shipped, [new]).is_party("the Aleppo Media Centre")
