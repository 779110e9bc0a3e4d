"""Name keys: folding and the transliteration key."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from sitroom.geo.names import _APOSTROPHES, _NON_WORD, fold, fold_text, name_key


def _fold_one_character_at_a_time(text: str) -> str:
    # the definition fold_text must keep: every combining mark dropped after NFKD
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _APOSTROPHES.sub("", plain.casefold())
    return _NON_WORD.sub(" ", plain).strip()


@given(st.text())
def test_fold_text_drops_every_combining_mark_as_the_definition_does(text: str) -> None:
    assert fold_text(text) == _fold_one_character_at_a_time(text)


def test_marks_beyond_the_basic_plane_are_dropped_too() -> None:
    assert fold_text("Ale\U0001d165ppo") == "aleppo"  # a musical combining stem


def test_fold_keeps_words_and_drops_accents_apostrophes_and_punctuation() -> None:
    assert fold("Al-Shaʿar") == "al shaar"
    assert fold("  Old City of Aleppo’s  ") == "old city of aleppos"
    assert fold("Ḥalab") == "halab"
    assert fold_text("Aleppo, ‘east’ Aleppo") == "aleppo east aleppo"


def test_transliterations_share_a_name_key() -> None:
    assert name_key("Al-Mahalej") == name_key("Mahalij")
    assert name_key("Jibreen") == name_key("Jibrin")
    assert name_key("al-Hamdaniyeh I") != name_key("al-Hamdaniyeh II")
