import re
from pathlib import Path

import pytest

from sitroom.domain import InputError
from sitroom.vocabulary import default_vocabulary, parse_vocabulary

DESIGN_KEYS = [
    "territory.share",
    "territory.areas_taken",
    "territory.held_change",
    "territory.area",
    "population.in_area",
    "people.evacuated",
    "people.returned",
    "people.transferred",
    "people.displaced",
    "people.sheltered",
    "people.remaining",
    "combatants.left",
    "combatants.amnestied",
    "combatants.surrendered",
    "casualties.killed",
    "casualties.injured",
    "combatants.losses",
    "mine_action.sites_cleared",
    "aid.delivered",
    "aid.beneficiaries",
    "aid.field_kitchens",
    "shelters.opened",
    "evacuation.vehicles",
    "equipment.destroyed",
    "incidents.reported",
    "other",
]

GOOD = """
[indicators."people.evacuated"]
label = "People evacuated"
unit = "people"
kind = "flow"
hxl = "#affected+evacuated"
triggers = ["evacuat*"]
"""


def test_bundled_vocabulary_holds_every_key_of_the_design() -> None:
    vocabulary = default_vocabulary()
    assert vocabulary.keys() == DESIGN_KEYS
    assert vocabulary["territory.share"].unit == "percent"
    assert vocabulary["people.sheltered"].kind == "stock"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('kind = "flow"', 'kind = "river"'),
            'field "indicators.people.evacuated.kind": "river" is not flow or stock',
        ),
        (
            ('hxl = "#affected+evacuated"\n', ""),
            'field "indicators.people.evacuated.hxl": is missing',
        ),
        (
            ('hxl = "#affected+evacuated"', 'hxl = "affected"'),
            'field "indicators.people.evacuated.hxl": "affected" is not a HXL hashtag',
        ),
        (
            ('triggers = ["evacuat*"]', "triggers = [1]"),
            'field "indicators.people.evacuated.triggers": must be a list of non-empty texts',
        ),
        (
            ('unit = "people"', 'unit = "people"\ncolour = "red"'),
            'field "indicators.people.evacuated.colour": is not a known field',
        ),
    ],
)
def test_bad_entry_is_refused_naming_key_and_field(change: tuple[str, str], message: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_vocabulary(GOOD.replace(*change), "mine.toml")
    assert str(refused.value) == f"mine.toml: {message}"


def test_every_indicator_appears_in_the_readme_vocabulary_table() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z_.]+)` \|", readme, re.MULTILINE))
    assert set(DESIGN_KEYS) <= listed
