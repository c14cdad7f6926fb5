"""Reading a story's bytes safely: regular files only, and never more than the size limit.

Why a limit: a story is a few kilobytes (the longest agency features are under 200 KB), and a
run in CI should not be made to hold a 100 MB database dump that somebody named `.txt`. A file
larger than the limit is refused with a clear message after reading at most `limit + 1` bytes,
so the refusal itself costs no memory. Why open before checking: a path that was a regular file
when the folder was walked may be a FIFO by the time it is read (which would block forever); the
file is opened without blocking and checked on the open handle.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

import regex

from newslint.patterns import lazy

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024  # 10 MiB: fifty times the longest real story
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": 1024 ** 2, "mb": 1000 ** 2, "mib": 1024 ** 2,
          "g": 1024 ** 3, "gb": 1000 ** 3, "gib": 1024 ** 3}
_SIZE = lazy(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", regex.I)


class InputProblem(Exception):
    """The target cannot be linted; the message says why (it becomes an NL001 violation)."""


def cannot_read(exc: OSError | InputProblem) -> str:
    """What NL001 says of a story that could not be read: an InputProblem's own message, or the
    operating system's reason."""
    return str(exc) if isinstance(exc, InputProblem) else f"cannot read: {exc.strerror or exc}"


def parse_size(text: str) -> int | None:
    """`10MiB`, `500k`, `2MB`, `1048576` -> bytes; `0` -> None (no limit). Raises ValueError."""
    m = _SIZE.match(text)
    if not m or m[2].lower() not in _UNITS:
        raise ValueError(f"expected a size such as 10MiB, 500KiB or 1048576, got {text!r}")
    size = int(float(m[1]) * _UNITS[m[2].lower()])
    return size or None


def describe_size(size: int) -> str:
    for unit, factor in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size:,} bytes"


def _too_large(limit: int) -> InputProblem:
    return InputProblem(f"too large: more than {describe_size(limit)} (the limit is set by --max-file-size); not read")


def read_limited(handle: BinaryIO, limit: int | None, size: int | None = None) -> bytes:
    """All bytes of `handle`, or InputProblem as soon as more than `limit` have been read.

    `size` (what `fstat` said) sizes the first read: asking for `limit + 1` bytes outright makes
    Python allocate the whole limit, 10 MiB, for every 3 KB story (a third of the time spent
    reading an archive). A file that grew since it was measured is read on, up to the limit."""
    if limit is None:
        return handle.read()
    first = limit + 1 if size is None else min(limit + 1, size + 1)
    data = handle.read(first)
    if len(data) == first <= limit:  # more than `size` bytes after all
        data += handle.read(limit + 1 - first)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def read_story(path: str, limit: int | None = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of the regular file at `path`; InputProblem for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputProblem("cannot read: the file disappeared before it could be read") from None
    except OSError as exc:
        raise InputProblem(cannot_read(exc)) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise InputProblem("not a regular file (a FIFO, socket, device or folder): not read")
            if limit is not None and info.st_size > limit:
                raise _too_large(limit)
            return read_limited(handle, limit, info.st_size)
        except OSError as exc:
            raise InputProblem(cannot_read(exc)) from None


def check_story(path: str, limit: int | None = DEFAULT_MAX_FILE_SIZE) -> None:
    """InputProblem unless `path` is a regular file within the limit: for readers of their own
    (`--fix` keeps a snapshot of what it read), checked just before they open the file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputProblem("cannot read: the file disappeared before it could be read") from None
    except OSError as exc:
        raise InputProblem(cannot_read(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputProblem("not a regular file (a FIFO, socket, device or folder): not read")
    if limit is not None and info.st_size > limit:
        raise _too_large(limit)


def read_stdin(limit: int | None = DEFAULT_MAX_FILE_SIZE) -> bytes:
    return read_limited(sys.stdin.buffer, limit)
