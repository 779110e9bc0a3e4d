"""Report texts read from files: refused unless UTF-8, and big ones read in pieces.

A report of a few pages is extracted whole, exactly as `extract_claims` sees it. A file
longer than `PIECE_CHARS` (a dump of many reports, a year of bulletins) is read and
extracted a piece at a time, cut at a blank line where there is one, so memory stays
bounded by the piece, not the file. Context (a speaker, a window, the title's place) does
not carry across a cut; a piece of 256 K characters is some fifty pages.
"""

from __future__ import annotations

import codecs
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.domain import Claim, InputError
from sitroom.extract.parallel import extract_many
from sitroom.extract.pipeline import extract_claims
from sitroom.progress import ProgressBar

if TYPE_CHECKING:
    from sitroom.geo.actors import Parties
    from sitroom.geo.gazetteer import Gazetteer

PIECE_CHARS = 1 << 18
_BLOCK_BYTES = 1 << 20


@dataclass(frozen=True)
class TextPiece:
    """`text` of a file, `offset` characters from its start."""

    offset: int
    text: str


def utf8_chars(path: Path) -> int:
    """Return how many characters `path` holds; InputError unless it is UTF-8 text.

    Reads the file in blocks, so checking a big file costs no more memory than a block.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    chars = read = 0
    try:
        with path.open("rb") as file:
            while block := file.read(_BLOCK_BYTES):
                pending = len(decoder.getstate()[0])
                try:
                    chars += len(decoder.decode(block))
                except UnicodeDecodeError as err:
                    raise _not_utf8(path, read - pending + err.start) from err
                read += len(block)
            pending = len(decoder.getstate()[0])
            try:
                chars += len(decoder.decode(b"", final=True))
            except UnicodeDecodeError as err:
                raise _not_utf8(path, read - pending + err.start) from err
    except OSError as err:
        raise InputError(path, None, None, f"cannot be read: {err.strerror}") from err
    return chars


def _not_utf8(path: Path, byte: int) -> InputError:
    # worded as `sitroom import` words it (ingest/reports.py)
    return InputError(path, None, None, f"is not UTF-8 text (byte {byte})", "convert it to UTF-8")


def text_pieces(path: Path, size: int = PIECE_CHARS) -> Iterator[TextPiece]:
    """Yield the text of `path` in pieces of at most `size` characters, in order.

    A file of `size` characters or fewer is one piece, equal to `Path.read_text`. Longer
    ones are cut at the last blank line of each piece's second half, else at its last line
    break, else at its last space. Line ends are read as `Path.read_text` reads them.
    """
    offset = 0
    buffer = ""
    with path.open(encoding="utf-8") as file:
        while True:
            block = file.read(size)
            buffer += block
            while len(buffer) > size:
                cut = _cut(buffer, size)
                yield TextPiece(offset, buffer[:cut])
                offset += cut
                buffer = buffer[cut:]
            if not block:
                break
    if buffer or offset == 0:
        yield TextPiece(offset, buffer)


def _cut(text: str, size: int) -> int:
    for separator in ("\n\n", "\n", " "):
        at = text.rfind(separator, size // 2, size)
        if at >= 0:
            return at + len(separator)
    return size


def claims_of_file(
    path: Path,
    published_at: date | None,
    gazetteer: Gazetteer | None,
    bar: ProgressBar,
    size: int = PIECE_CHARS,
    parties: Parties | None = None,
) -> Iterator[list[Claim]]:
    """Yield the claims of the report in `path`, a list per piece, numbered across the file.

    Offsets are characters from the start of the file; `part_of` keeps pointing at the
    right claim. `bar` advances by the characters of each piece.
    """
    numbered = 0
    for piece in text_pieces(path, size):
        claims = extract_claims(piece.text, published_at, gazetteer, parties=parties)
        if piece.offset or numbered:
            claims = [_shifted(claim, piece.offset, numbered) for claim in claims]
        numbered += len(claims)
        bar.advance(path.name, steps=len(piece.text))
        yield claims


def _shifted(claim: Claim, chars: int, claims: int) -> Claim:
    return replace(
        claim,
        start=claim.start + chars,
        end=claim.end + chars,
        local_id=claim.local_id + claims,
        part_of=None if claim.part_of is None else claim.part_of + claims,
    )


def extracted(
    files: Sequence[tuple[Path, date | None]],
    gazetteer: Gazetteer | None,
    bar: ProgressBar,
    jobs: int = 1,
    size: int = PIECE_CHARS,
    parties: Parties | None = None,
) -> Iterator[tuple[Path, list[Claim]]]:
    """Yield (file, claims of one piece) for every piece of every file, in order.

    As `claims_of_file`, file by file; with `jobs` > 1 the pieces are extracted by that
    many worker processes (forked, so they share the loaded gazetteer), at most two pieces
    a worker ahead of what has been yielded, so memory stays bounded. Where processes
    cannot be forked, one process does the work.
    """
    pieces = (
        (path, published, piece) for path, published in files for piece in text_pieces(path, size)
    )
    ahead: deque[tuple[Path, TextPiece]] = deque()

    def texts() -> Iterator[tuple[str, date | None]]:
        for path, published, piece in pieces:
            ahead.append((path, piece))
            yield piece.text, published

    numbered: dict[Path, int] = {}
    for claims in extract_many(texts(), gazetteer, parties=parties, jobs=jobs):
        path, piece = ahead.popleft()  # extract_many keeps the order it was given
        before = numbered.get(path, 0)
        if piece.offset or before:
            claims = [_shifted(claim, piece.offset, before) for claim in claims]
        numbered[path] = before + len(claims)
        bar.advance(path.name, steps=len(piece.text))
        yield path, claims
