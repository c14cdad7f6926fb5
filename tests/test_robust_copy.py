"""Hostile copy through the real CLI: empty and huge files, encodings, line ends, moving columns.

Each case runs next to a good story (`zz-berita.txt`) whose findings must still be reported, and
asserts the exit code, the absence of a traceback, and that no file changed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, run_cli
from robustness import (MISSING_EVERYTHING, STORY_FINDINGS, STORY_LINES, assert_clean_exit, findings, messages,
                        snapshot, story, write_good)

from newslint.intake import InputProblem, parse_size, read_limited


def lint_pair(folder: Path, bad: Path, *options: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    """Lint `bad` (written with `data` first, when given) beside a good story."""
    if data is not None:
        bad.write_bytes(data)
    good = write_good(folder)
    before = snapshot(folder)
    result = run_cli("lint", "-q", "--no-color", *options, str(bad), str(good))
    assert snapshot(folder) == before
    assert findings(result, good) == STORY_FINDINGS
    return result


# --- empty, blank, huge -----------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"  \n\t\n\r\n   ", "\u00a0\u200b\n".encode()], ids=["empty", "whitespace", "invisible"])
def test_a_story_with_no_words_is_missing_every_part(tmp_path, data):
    bad = tmp_path / "kosong.txt"
    result = lint_pair(tmp_path, bad, data=data)
    assert_clean_exit(result, 1)
    assert findings(result, bad) == MISSING_EVERYTHING


def test_a_10_mb_line_without_newline_is_linted_whole(tmp_path):
    paragraph = " ".join(FIXTURE.read_text(encoding="utf-8").splitlines()) + " "
    copies = 10_000_000 // len(paragraph.encode("utf-8"))
    bad = tmp_path / "satu-baris.txt"
    bad.write_text(paragraph * copies, encoding="utf-8")
    assert 9_000_000 < bad.stat().st_size <= 10 * 1024 * 1024
    # a generous per-rule limit: this asserts that every rule finishes, not how fast (see bench/)
    result = lint_pair(tmp_path, bad, "--timeout", "60")
    assert_clean_exit(result, 1)
    found = findings(result, bad)
    dashes = [f for f in found if f[2] == "AN503"]
    assert len(dashes) == copies  # one `---` in each copy of the fixture, all on line 1
    assert dashes[1][1] - dashes[0][1] == len(paragraph)
    assert [f for f in found if f[2] != "AN503"] == [(1, 1, "AN101"), (1, 1, "AN102"), (1, 1, "AN103"), (1, 1, "AN106"),
                                                      (1, 1 + paragraph.index("Reuters"), "AN302")]


def test_a_100_mb_story_is_refused_without_being_read(tmp_path):
    bad = tmp_path / "arsip.txt"
    with bad.open("wb") as handle:  # a sparse file: 100 MiB on paper, nothing much on disk
        handle.write(story().encode("utf-8"))
        handle.truncate(100 * 1024 * 1024)
    result = lint_pair(tmp_path, bad)
    assert_clean_exit(result, 2)
    assert findings(result, bad) == [(1, 1, "NL001")]
    assert messages(result, bad, "NL001") == ["too large: more than 10 MiB (the limit is set by --max-file-size); not read"]


def test_the_size_limit_is_configurable(tmp_path):
    bad = tmp_path / "panjang.txt"
    bad.write_text(story() * 40, encoding="utf-8")  # about 13 KB
    refused = lint_pair(tmp_path, bad, "--max-file-size", "8KiB")
    assert_clean_exit(refused, 2)
    assert messages(refused, bad, "NL001") == ["too large: more than 8 KiB (the limit is set by --max-file-size); not read"]
    linted = lint_pair(tmp_path, bad, "--max-file-size", "16KiB")
    assert_clean_exit(linted, 1)
    assert (8, 19, "AN201") in findings(linted, bad)
    assert findings(lint_pair(tmp_path, bad, "--max-file-size", "0"), bad) == findings(linted, bad)


def test_a_bad_size_is_a_usage_error(tmp_path):
    result = run_cli("lint", "--max-file-size", "sepuluh", str(write_good(tmp_path)))
    assert_clean_exit(result, 2)
    assert "--max-file-size" in result.stderr.decode() and result.stdout == b""


def test_endless_standard_input_stops_at_the_limit():
    # /dev/zero never ends: reading it whole would never finish
    with open("/dev/zero", "rb") as endless:
        result = subprocess.run([sys.executable, "-m", "newslint", "lint", "-q", "--max-file-size", "1MiB", "-"],
                                stdin=endless, capture_output=True, timeout=60)
    assert_clean_exit(result, 2)
    assert result.stdout.decode() == "-:1:1: error NL001 too large: more than 1 MiB (the limit is set by --max-file-size); not read\n"


def test_at_most_limit_plus_one_bytes_are_read():
    class Endless:
        def __init__(self) -> None:
            self.given = 0

        def read(self, size: int = -1) -> bytes:
            assert size >= 0, "read whole"
            self.given += size
            return b"a" * size

    handle = Endless()
    with pytest.raises(InputProblem, match="too large: more than 1,000 bytes"):
        read_limited(handle, 1000)  # type: ignore[arg-type]
    assert handle.given == 1001
    handle = Endless()
    with pytest.raises(InputProblem, match="too large"):  # it grew past the limit after fstat said 300
        read_limited(handle, 1000, 300)  # type: ignore[arg-type]
    assert handle.given == 1001


def test_the_size_fstat_gave_sizes_the_read_and_a_story_that_grew_is_read_whole():
    class Story:
        def __init__(self, data: bytes) -> None:
            self.data, self.asked = data, []

        def read(self, size: int = -1) -> bytes:
            self.asked.append(size)
            part, self.data = self.data[:size], self.data[size:]
            return part

    copy = story().encode("utf-8")
    handle = Story(copy)
    assert read_limited(handle, 10 * 1024 ** 2, len(copy)) == copy  # type: ignore[arg-type]
    assert handle.asked == [len(copy) + 1]  # not 10 MiB + 1
    handle = Story(copy + b"Baca juga: tambahan\n")  # an editor saved it between fstat and read
    assert read_limited(handle, 10 * 1024 ** 2, len(copy)) == copy + b"Baca juga: tambahan\n"  # type: ignore[arg-type]
    handle = Story(copy)
    assert read_limited(handle, len(copy), len(copy)) == copy  # exactly at the limit  # type: ignore[arg-type]


@pytest.mark.parametrize("text, size", [("10MiB", 10 * 1024 ** 2), ("500k", 500 * 1024), ("2MB", 2_000_000),
                                        ("1048576", 1048576), ("1.5 MiB", 1572864), ("0", None)])
def test_sizes_read_the_way_people_write_them(text, size):
    assert parse_size(text) == size


# --- encodings --------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf" + story().encode("utf-8"),
    b"\xff\xfe" + story().encode("utf-16-le"),
    b"\xfe\xff" + story().encode("utf-16-be"),
    b"\xef\xbb\xbf" + story("\r\n").encode("utf-8"),
], ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf8-bom-crlf"])
def test_byte_order_marks_are_read_and_positions_do_not_move(tmp_path, data):
    bad = tmp_path / "bom.txt"
    result = lint_pair(tmp_path, bad, data=data)
    assert_clean_exit(result, 1)
    assert findings(result, bad) == STORY_FINDINGS


@pytest.mark.parametrize("data, message", [
    (story().replace("©", "\u00a9").encode("cp1252"),
     "not valid UTF-8 (byte 338: 0xa9) on line 6; newslint reads UTF-8, and UTF-16 with a byte-order mark: "
     "convert the file, e.g. `iconv -f WINDOWS-1252 -t UTF-8`"),
    (story().encode("utf-8")[:150] + b"\xc3\x28\xff" + story().encode("utf-8")[150:],
     "not valid UTF-8 (byte 150: 0xc3) on line 2; newslint reads UTF-8, and UTF-16 with a byte-order mark: "
     "convert the file, e.g. `iconv -f WINDOWS-1252 -t UTF-8`"),
    (story().encode("utf-8").replace(b"Editor", b"Edi\x00tor"), "contains NUL bytes (first at byte 310): binary data, not text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "contains NUL bytes (first at byte 8): binary data, not text"),
    (story().encode("utf-16-le"), "looks like UTF-16 without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)"),
    (b"\xff\xfe" + story().encode("utf-16-le")[:-1], "not valid UTF-16-LE after its byte-order mark (byte 704)"),
], ids=["windows-1252", "invalid-utf8-mid-story", "nul-byte", "binary-named-txt", "utf16-without-bom", "utf16-truncated"])
def test_copy_in_another_encoding_is_refused_with_where_and_why(tmp_path, data, message):
    bad = tmp_path / "berita.txt"
    result = lint_pair(tmp_path, bad, data=data)
    assert_clean_exit(result, 2)
    assert findings(result, bad) == [(1, 1, "NL001")]
    assert messages(result, bad, "NL001") == [message]


# --- line ends --------------------------------------------------------------------------------

@pytest.mark.parametrize("newlines", [["\n"], ["\r\n"], ["\r"], ["\n", "\r\n", "\r", "\r\n", "\n", "\r"]],
                         ids=["lf", "crlf", "cr-only", "mixed"])
def test_line_numbers_are_right_with_every_line_end(tmp_path, newlines):
    text = "".join(line + newlines[i % len(newlines)] for i, line in enumerate(STORY_LINES))
    bad = tmp_path / "baris.txt"
    result = lint_pair(tmp_path, bad, data=text.encode("utf-8"))
    assert_clean_exit(result, 1)
    assert findings(result, bad) == STORY_FINDINGS


def test_blank_lines_of_every_kind_count_as_lines(tmp_path):
    lines = STORY_LINES[:2] + [""] + STORY_LINES[2:]
    bad = tmp_path / "kosong-di-tengah.txt"
    data = "\r\n".join(lines[:2]).encode() + b"\r\r\n" + "\n".join(lines[3:]).encode()  # CR, then CRLF
    result = lint_pair(tmp_path, bad, data=data)
    assert findings(result, bad) == [(2, 19, "AN201"), (2, 97, "AN401"), (4, 37, "AN503")]


# --- characters that move columns ---------------------------------------------------------------

@pytest.mark.parametrize("prefix, width", [
    ("Cafe\u0301 ", 6),              # e + combining acute: two characters
    ("\U0001f1ee\U0001f1f9 ", 3),    # the Italian flag: two regional indicators
    ("\U0001f600 ", 2),              # an emoji outside the BMP: one character (two UTF-16 units)
    ("\u200b\u200b", 2),             # zero-width spaces are characters too
    ("Rp\u00a05.000 ", 9),           # a no-break space
], ids=["combining", "flag", "emoji", "zero-width", "nbsp"])
def test_columns_count_characters(tmp_path, prefix, width):
    lines = list(STORY_LINES)
    lines[1] = prefix + lines[1]
    bad = tmp_path / "unicode.txt"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = lint_pair(tmp_path, bad)
    assert_clean_exit(result, 1)
    assert findings(result, bad) == [(2, 19 + width, "AN201"), (2, 97 + width, "AN401"), (3, 37, "AN503")]


@pytest.mark.parametrize("pewarta, editor", [
    ("Pewarta\u00a0: Yashinta Difa Pramudyani", "Editor\u00a0:\u00a0Atman Ahdiat"),
    ("\u200bPewarta: Yashinta Difa Pramudyani", "Editor\u200b: Atman Ahdiat"),
    ("Pewarta\u2009:\u202fYashinta Difa Pramudyani", "\ufeffEditor : Atman Ahdiat"),
], ids=["nbsp", "zero-width", "thin-spaces-and-bom"])
def test_labels_with_invisible_spaces_from_a_cms_still_count(tmp_path, pewarta, editor):
    lines = STORY_LINES[:3] + [pewarta, editor] + STORY_LINES[5:]
    bad = tmp_path / "cms.txt"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = lint_pair(tmp_path, bad)
    assert_clean_exit(result, 1)
    assert findings(result, bad) == STORY_FINDINGS  # no AN102/AN103: the labels are there


def test_a_label_followed_only_by_a_no_break_space_is_empty(tmp_path):
    lines = STORY_LINES[:3] + ["Pewarta\u00a0:\u00a0"] + STORY_LINES[4:]
    bad = tmp_path / "tanpa-nama.txt"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = lint_pair(tmp_path, bad)
    assert_clean_exit(result, 1)
    assert findings(result, bad) == STORY_FINDINGS[:2] + [(3, 37, "AN503"), (4, 1, "AN102")]
    assert messages(result, bad, "AN102") == ['Baris "Pewarta:" tidak menyebut nama pewarta']


def test_front_matter_value_yaml_cannot_build_is_nl002(tmp_path):
    bad = tmp_path / "berita.md"
    bad.write_text("---\ndate: 2020-13-45\n---\n" + story(), encoding="utf-8")
    result = lint_pair(tmp_path, bad)
    assert_clean_exit(result, 1)
    assert (1, 1, "NL002") in findings(result, bad)
    assert messages(result, bad, "NL002") == ["front matter has a value YAML cannot build: month must be in 1..12"]


def test_fix_keeps_to_the_size_limit_and_changes_nothing_it_refuses(tmp_path):
    bad = tmp_path / "panjang.txt"
    bad.write_text(story() * 40, encoding="utf-8")
    before = snapshot(tmp_path)
    result = run_cli("lint", "-q", "--no-color", "--fix", "--max-file-size", "8KiB", str(bad))
    assert_clean_exit(result, 2)
    assert snapshot(tmp_path) == before
    assert result.stdout.decode() == f"{bad}:1:1: error NL001 too large: more than 8 KiB (the limit is set by --max-file-size); not read\n"
    piped = run_cli("lint", "-q", "--no-color", "--fix", "--max-file-size", "8KiB", "-", input=bad.read_bytes())
    assert_clean_exit(piped, 2)
    assert "-:1:1: error NL001 too large: more than 8 KiB" in piped.stdout.decode() + piped.stderr.decode()
