"""Paths as CI tools want them: relative to the folder newslint runs in, with forward slashes.

Code scanning and workflow annotations resolve a file against the repository root, so a run
from the root that names files by absolute path must still report `desk/story.txt`.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from newslint.files import STDIN


def relative_posix(path: str, root: str | None = None) -> str | None:
    """`path` relative to `root` (default: the working folder) in POSIX form; None if outside it."""
    if path == STDIN:
        return path
    base = Path(root or os.getcwd()).resolve()
    full = Path(path) if os.path.isabs(path) else base / path
    try:
        relative = Path(os.path.normpath(full)).relative_to(base)
    except ValueError:
        return None
    return PurePosixPath(*relative.parts).as_posix()


def display_path(path: str, root: str | None = None) -> str:
    """The relative POSIX path when there is one, else the path as given."""
    return relative_posix(path, root) or path


def artifact_location(path: str, root: str | None = None) -> dict[str, str]:
    """A SARIF `artifactLocation`: a relative URI against `%SRCROOT%`, or an absolute `file:` URI."""
    relative = relative_posix(path, root)
    if relative is not None:
        return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}
    return {"uri": Path(os.path.abspath(path)).as_uri()}
