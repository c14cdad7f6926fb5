"""What the hostile-input tests share: a short real-shaped story, and the checks every case makes.

Every case of issue 6 must show: no traceback, the documented exit code, one clear line naming
the file, the other files of the run still linted with their findings, and no file changed.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# A short ANTARA story with two known findings on line 2 (a weekday that contradicts its date,
# a misspelt name) and one on line 3 (a dash written `---`).
STORY_LINES = [
    "Moskow (ANTARA) - Pesawat militer Rusia yang membawa bantuan medis mendarat di Roma.",
    "Bantuan tiba pada Sabtu (22/3) setelah Presiden Vladimir Putin berbicara dengan Perdana Menteri Guiseppe Conte.",
    "Italia mencatat hampir 800 kematian --- jumlah harian tertinggi sejauh ini.",
    "Pewarta: Yashinta Difa Pramudyani",
    "Editor: Atman Ahdiat",
    "Copyright © ANTARA 2020",
]
STORY_FINDINGS = [(2, 19, "AN201"), (2, 97, "AN401"), (3, 37, "AN503")]
MISSING_EVERYTHING = [(1, 1, "AN101"), (1, 1, "AN102"), (1, 1, "AN103"), (1, 1, "AN106")]

_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) (?P<rule>\S+) (?P<message>.*)$")


def story(newline: str = "\n") -> str:
    return newline.join(STORY_LINES) + newline


def write_good(folder: Path, name: str = "zz-berita.txt") -> Path:
    """The other file of the run, whose findings must still be reported."""
    path = folder / name
    path.write_text(story(), encoding="utf-8")
    return path


def findings(result: subprocess.CompletedProcess, path: Path | str) -> list[tuple[int, int, str]]:
    """(line, column, rule) of the report's lines about `path` (run with -q --no-color)."""
    out = []
    for line in result.stdout.decode("utf-8").splitlines():
        m = _LINE.match(line)
        assert m, f"not a report line: {line!r}"
        if m["path"] == str(path):
            out.append((int(m["line"]), int(m["column"]), m["rule"]))
    return out


def messages(result: subprocess.CompletedProcess, path: Path | str, rule: str) -> list[str]:
    out = []
    for line in result.stdout.decode("utf-8").splitlines():
        m = _LINE.match(line)
        if m and m["path"] == str(path) and m["rule"] == rule:
            out.append(m["message"])
    return out


def assert_clean_exit(result: subprocess.CompletedProcess, code: int) -> None:
    """The documented exit code, and no traceback anywhere."""
    both = result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in both, both
    assert result.returncode == code, both


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every regular file under `folder` (symlinks not followed)."""
    state = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            state[str(path)] = (path.read_bytes(), path.stat().st_mtime_ns)
    return state
