import pytest

from sitroom.domain import Actor, ActorKind
from sitroom.extract.actors import subject_in
from sitroom.geo.actors import Parties, workspace_parties


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        (
            "52 neighborhoods in east Aleppo have been recaptured from militants.",
            "Government of Syria and allies",
        ),
        ("Government forces took 16 quarters from the rebels.", "Government of Syria and allies"),
        ("the area held by gunmen has decreased by one-third.", "Armed opposition groups"),
        ("Rebels retook three districts from government forces.", "Armed opposition groups"),
    ],
)
def test_the_side_ground_was_taken_from_is_not_the_subject(sentence: str, side: str) -> None:
    assert subject_in(sentence) == side


def _stored(*names: tuple[str, str]) -> Parties:
    # as the store gives them: with ids, in the order they were added
    return workspace_parties(
        [
            Actor(n, ActorKind.ARMED_GROUP, (a,), is_party=True, id=i)
            for i, (n, a) in enumerate(names)
        ]
    )


SAF, RSF = ("Sudanese Armed Forces", "SAF"), ("Rapid Support Forces", "RSF")


def test_a_workspace_side_is_named_by_its_alias() -> None:
    sentence = "The RSF controls 70% of Khartoum's territory."
    assert subject_in(sentence) is None
    assert subject_in(sentence, _stored(RSF)) == "Rapid Support Forces"


def test_the_side_ground_was_taken_from_gives_the_other_side_of_the_workspace() -> None:
    sentence = "Troops recaptured 12 neighbourhoods from the RSF."
    # the workspace knows no other side of its own: the bundled Syrian ones are not it
    assert subject_in(sentence, _stored(RSF)) is None
    assert subject_in(sentence, _stored(SAF, RSF)) == "Sudanese Armed Forces"
