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


def _examine(path: str) -> tuple[str, object]:
    """Why the file at `path` cannot be linted ("" when it can), and its identity: (device, inode),
    or its absolute name when it has none. One `stat` for both: a run over an archive pays it per story."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        problem = "no such file (or a dangling symlink)" if os.path.islink(path) else "no such file or folder"
        return problem, os.path.abspath(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop (too many levels of symbolic links): not read", os.path.abspath(path)
        return f"cannot read: {exc.strerror or exc}", os.path.abspath(path)
    identity = (info.st_dev, info.st_ino)
    if stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode):
        return "", identity
    return "not a regular file (a FIFO, socket or device): not read", identity


def discover(paths: list[str], suffixes: tuple[str, ...] = DEFAULT_SUFFIXES) -> Iterator[Target]:
    """Targets in the order given; folders expand to their matching files, sorted."""
    seen: set[object] = set()

    def once(identity: object) -> bool:
        """First time this file comes up (a symlinked story is linted under its first name)."""
        if identity in seen:
            return False
        seen.add(identity)
        return True

    for raw in paths:
        if raw == STDIN:
            yield Target(STDIN)
            continue
        problem, identity = _examine(raw)
        if problem or not os.path.isdir(raw):
            if once(identity):
                yield Target(raw, problem)
            continue
        for folder, dirs, files in os.walk(str(Path(raw)), onerror=None, followlinks=False):  # names as before: `stories/` -> `stories/a.txt`
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or not name.lower().endswith(suffixes):
                    continue
                file = os.path.join(folder, name)
                problem, identity = _examine(file)
                if once(identity):
                    yield Target(file, problem)
