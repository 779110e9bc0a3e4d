"""A figure of a text as the later stages see it: its number, qualifier, counted phrase and
sentence; and when two figures are listed together."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.extract.numbers import NumberMention
from sitroom.extract.phrases import CountedPhrase
from sitroom.extract.qualifiers import Qualified
from sitroom.extract.sentences import Sentence


@dataclass(frozen=True)
class Figure:
    """One number of a text with what the earlier stages found around it."""

    number: NumberMention
    qualified: Qualified
    phrase: CountedPhrase
    sentence: Sentence


# figures joined as one list ("11,300 people dead and 10,100 missing", "1,544 families in
# need of NFIs and 1,067 families in need of shelter kits"): no figure, no full stop between
JOINED = re.compile(
    r"^[^\d.;:]{0,80}\b(?:and|or|together\s+with|along\s+with|as\s+well\s+as)\s+[^\d.;:]{0,30}$"
    r"|^\s*,\s*$"
)
