import pytest

from sitroom.extract.actors import subject_in


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
