"""Report texts from files: UTF-8 checked in blocks, big files extracted in pieces."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitroom.domain import Claim, InputError
from sitroom.extract.pipeline import extract_claims
from sitroom.ingest import texts
from sitroom.ingest.texts import claims_of_file, text_pieces, utf8_chars
from sitroom.progress import null_progress

PARAGRAPH = (
    "More than 10,500 people, including over 4,000 children, were evacuated from Aleppo "
    "over the past 24 hours. 953 of them were amnestied, the ministry said.\n\n"
)


def test_a_small_file_is_one_piece_read_as_read_text(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(b"Line one.\r\nLine two: 5 people.\r\n")
    assert [p.text for p in text_pieces(report)] == [report.read_text(encoding="utf-8")]


def test_a_big_file_is_cut_at_blank_lines_and_loses_nothing(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(PARAGRAPH * 20, encoding="utf-8")
    pieces = list(text_pieces(report, size=600))
    assert len(pieces) > 3
    assert "".join(p.text for p in pieces) == PARAGRAPH * 20
    assert all(p.text.endswith("\n\n") for p in pieces[:-1])
    assert [p.offset for p in pieces[1:]] == [
        pieces[k].offset + len(pieces[k].text) for k in range(len(pieces) - 1)
    ]


def test_claims_of_pieces_are_numbered_and_placed_across_the_file(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(PARAGRAPH * 20, encoding="utf-8")
    published = date(2016, 12, 9)
    bar = null_progress(0, "")
    claims = [c for piece in claims_of_file(report, published, None, bar, size=600) for c in piece]
    whole = extract_claims(PARAGRAPH * 20, published)
    assert [(c.local_id, c.start, c.end, c.part_of) for c in claims] == [
        (c.local_id, c.start, c.end, c.part_of) for c in whole
    ]


def test_utf8_is_checked_across_blocks_and_the_bad_byte_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(texts, "_BLOCK_BYTES", 4)
    report = tmp_path / "report.txt"
    report.write_bytes("Alep\u00e9 \u2014 5".encode())  # multi-byte characters cut by blocks
    assert utf8_chars(report) == len("Alep\u00e9 \u2014 5")
    report.write_bytes("Alep\u00e9 ".encode() + b"\xe9 5")
    with pytest.raises(InputError, match=r"is not UTF-8 text \(byte 7\)"):
        utf8_chars(report)
    report.write_bytes(b"ends in half a character \xe2\x80")
    with pytest.raises(InputError, match=r"is not UTF-8 text \(byte 25\)"):
        utf8_chars(report)


def test_worker_processes_give_the_claims_one_process_gives(tmp_path: Path) -> None:
    report = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "reports"
    reports = [p.read_text(encoding="utf-8") for p in sorted(report.glob("*.txt"))]
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("\n\n".join(reports), encoding="utf-8")
    second.write_text(reports[1], encoding="utf-8")
    files = [(first, date(2016, 12, 20)), (second, date(2016, 12, 9))]

    def run(jobs: int) -> list[tuple[Path, list[Claim]]]:
        bar = null_progress(1, "extracting")
        return list(texts.extracted(files, None, bar, jobs, 3000))

    one, two = run(1), run(2)
    assert len(one) > 4  # several pieces of the first file, then the second
    assert one == two
    numbered = [c.local_id for path, claims in one if path == first for c in claims]
    assert numbered == list(range(len(numbered)))
