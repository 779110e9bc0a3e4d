"""Place-name keys that survive case, accents, articles and transliteration."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile(r"[’‘'`ʿʾ´]")
_NON_WORD = re.compile(r"[^\w]+")
# Arabic article prefixes as transliterated: al-, el-, ar-, as-, ash-, ad-, at-, az-, an-, ...
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|at|az|an|ath|adh|ul|the)$")
_ARABIC_ARTICLE = "ال"
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(.)\1+")
# "al-Hamdaniyeh I / II / III" are three places: roman numerals keep every letter
_ROMAN = re.compile(r"^[ivx]+$")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lower case, accents off, apostrophes dropped, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _APOSTROPHES.sub("", plain.casefold())
    return _NON_WORD.sub(" ", plain).strip()


def name_key(name: str) -> str:
    """A key equal for spellings of one name: "Al-Mahalej" and "Mahalij", "Idlib" and "Idleb".

    Articles are dropped, then each word keeps its first letter and its consonants with
    doubled letters merged (so "Jibreen" and "Jibrin" both give "jbrn"). Arabic script
    keeps its letters, less the article and diacritics.
    """
    words = [w for w in fold(name).split() if not _ARTICLE.match(w)]
    keys = []
    for word in words:
        if word.startswith(_ARABIC_ARTICLE) and len(word) > 3:
            word = word[2:]
        if word.isascii() and not _ROMAN.match(word):
            word = word[0] + _VOWELS.sub("", word[1:])
            word = _DOUBLE.sub(r"\1", word)
        keys.append(word)
    return " ".join(keys)
