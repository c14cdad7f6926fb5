"""Glob patterns of the configuration (`include`, `exclude`, `per-path`, `per-file-ignores`).

Patterns are matched against a file's path relative to the configuration file's folder, written
with `/`. The rules follow `.gitignore`, which desks already know: `*` and `?` stay inside one
folder name, `**` crosses folders, a pattern without `/` matches a file or folder name at any
depth (`drafts`, `*.md`), and a pattern that matches a folder matches everything inside it.
"""

from __future__ import annotations

import functools
import re
from pathlib import PurePosixPath


@functools.lru_cache(maxsize=1024)
def _compile(pattern: str) -> tuple[re.Pattern[str], bool]:
    """(regex, anchored): anchored patterns hold a `/` and match from the configuration folder."""
    body = pattern.strip()
    if body.startswith("./"):
        body = body[2:]
    body = body.rstrip("/")
    anchored = "/" in body
    body = body.lstrip("/")
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if body.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            close = body.find("]", i + 2)
            if close < 0:
                out.append(re.escape(char))
                i += 1
                continue
            inner = body[i + 1:close]
            if inner.startswith("!"):
                inner = "^" + inner[1:]
            out.append("[" + inner.replace("\\", "\\\\") + "]")
            i = close + 1
        else:
            out.append(re.escape(char))
            i += 1
    return re.compile("".join(out) + r"\Z"), anchored


def matches(pattern: str, relative: str) -> bool:
    """Does `pattern` match the POSIX path `relative` (or one of the folders it lies in)?"""
    if not relative or relative.startswith("../") or relative == "..":
        return False  # a configuration's patterns never reach outside its folder
    regex, anchored = _compile(pattern)
    path = PurePosixPath(relative)
    candidates = [path, *list(path.parents)[:-1]]  # the file, then each folder it is in
    for candidate in candidates:
        text = str(candidate) if anchored else candidate.name
        if regex.match(text):
            return True
    return False


def any_match(patterns: tuple[str, ...] | list[str], relative: str) -> bool:
    return any(matches(p, relative) for p in patterns)
