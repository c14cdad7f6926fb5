"""Paths as CI tools want them: relative to the folder newslint runs in, with forward slashes.

Code scanning and workflow annotations resolve a file against the repository root, so a run
from the root that names files by absolute path must still report `desk/story.txt`.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from urllib.parse import quote

from newslint.files import STDIN


def _inside(full: str, base: str) -> str | None:
    try:
        relative = os.path.relpath(full, base)
    except ValueError:  # another drive (Windows)
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
        return None
    return PurePath(relative).as_posix()


def relative_posix(path: str, root: str | None = None) -> str | None:
    """`path` relative to `root` (default: the working folder) in POSIX form; None if outside it.

    Compared as written first (cheap, and keeps a symlinked story's own name); then with the
    folders' symlinks resolved, for a path named through a symlinked folder such as `/tmp`.
    """
    if path == STDIN:
        return path
    base = os.path.abspath(root or os.getcwd())
    full = os.path.normpath(os.path.join(base, path))
    relative = _inside(full, base)
    if relative is None:
        folder, name = os.path.split(full)
        relative = _inside(os.path.join(os.path.realpath(folder), name), os.path.realpath(base))
    return relative


def display_path(path: str, root: str | None = None) -> str:
    """The relative POSIX path when there is one, else the path as given."""
    return relative_posix(path, root) or path


def artifact_location(path: str, root: str | None = None) -> dict[str, str]:
    """A SARIF `artifactLocation`: a relative URI against `%SRCROOT%`, or an absolute `file:` URI."""
    relative = relative_posix(path, root)
    if relative is not None:  # the name's own bytes, percent-encoded: a name that is not UTF-8 too
        return {"uri": quote(os.fsencode(relative)), "uriBaseId": "%SRCROOT%"}
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def unicode_path(path: str) -> str:
    """The path as Unicode text for formats that must be valid UTF-8 (JSON): the bytes of a file
    name that are not UTF-8, which Python keeps as surrogate escapes, become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
