"""Which files a run lints: explicit files, folders walked recursively, `-` for standard input.

Only regular files are ever opened: a FIFO or device named `story.txt` would hang the run, so it
is reported instead. Symlinked folders are not followed (no loops); a symlinked file is linted
once, under the first name it was found by.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

DEFAULT_SUFFIXES = (".txt", ".md", ".markdown")
STDIN = "-"


class Target(NamedTuple):
    """A file to lint, or a path that cannot be linted and why."""

    path: str
    problem: str = ""


def _problem_of(path: Path) -> str:
    try:
        info = path.stat()
    except FileNotFoundError:
        return "no such file (or a dangling symlink)" if path.is_symlink() else "no such file or folder"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop (too many levels of symbolic links): not read"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        return ""
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, socket or device): not read"
    return ""


def discover(paths: list[str], suffixes: tuple[str, ...] = DEFAULT_SUFFIXES) -> Iterator[Target]:
    """Targets in the order given; folders expand to their matching files, sorted."""
    seen: set[object] = set()

    def once(path: Path) -> bool:
        """First time this file (by inode; by absolute name when it has none) comes up."""
        key: object
        try:
            info = path.stat()
            key = (info.st_dev, info.st_ino)
        except OSError:
            key = os.path.abspath(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        if raw == STDIN:
            yield Target(STDIN)
            continue
        path = Path(raw)
        problem = _problem_of(path)
        if problem:
            if once(path):
                yield Target(raw, problem)
            continue
        if not path.is_dir():
            if once(path):
                yield Target(raw)
            continue
        for folder, dirs, files in os.walk(path, onerror=None, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or not name.lower().endswith(suffixes):
                    continue
                file = Path(folder) / name
                problem = _problem_of(file)
                if once(file):
                    yield Target(str(file), problem)
