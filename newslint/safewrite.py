"""Write a fixed story back so that it is never half-written, and never over someone's edit.

The new bytes go to a temporary file beside the story (same folder, so the same file system),
are flushed to disk, and then replace the story in one `os.replace`: whatever happens (a crash,
`kill -9`, a full disk), the story is either the old one or the new one, never a mix.

Before replacing, the story is compared with what was read (size, modification time, inode, mode,
owner and the bytes themselves): a story changed meanwhile by an editor or another tool is left alone and
reported. A story nobody may write (no `w` bit, even for root), or one the user may not write,
is reported too, since `os.replace` only needs the folder to be writable and would otherwise
change a read-only file.

Temporary files are named `.STORY.newslint-tmp-XXXXXXXX`: hidden, so discovery never lints
them, and recognisable, so a later `--fix` run removes those an interrupted run left behind.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

TEMP_MARK = ".newslint-tmp-"
_TEMP_NAME = re.compile(r"^\..+" + re.escape(TEMP_MARK) + r"[A-Za-z0-9_]+$", re.S)
_NAME_ROOM = 200  # bytes of the story's name kept in the temporary name (file names max out at 255)


class WriteRefused(Exception):
    """The story was not written; the message says why, in words for the report."""


@dataclass(frozen=True)
class Snapshot:
    """A story's bytes and the file facts they were read with."""

    path: str
    data: bytes
    mode: int
    size: int
    mtime_ns: int
    inode: int
    device: int
    uid: int
    gid: int


def read_snapshot(path: str) -> Snapshot:
    """Read a story once, remembering enough to notice a later change. Raises OSError."""
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        data = handle.read()
    return Snapshot(path, data, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev,
                    info.st_uid, info.st_gid)


def is_temp_name(name: str) -> bool:
    return bool(_TEMP_NAME.match(name))


def _changed(snapshot: Snapshot, real: str) -> bool:
    """Has the story changed since it was read: its bytes, or who may write it? A `chmod a-w` made
    during the run must hold: root may write a read-only file, and the write would bring the old
    mode back."""
    try:
        info = os.stat(real)
        if (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev, info.st_mode, info.st_uid, info.st_gid) != (
                snapshot.size, snapshot.mtime_ns, snapshot.inode, snapshot.device, snapshot.mode, snapshot.uid,
                snapshot.gid):
            return True
        with open(real, "rb") as handle:
            return handle.read() != snapshot.data
    except OSError:
        return True  # gone or unreadable: certainly not the story that was read


def _refusal(snapshot: Snapshot, real: str, folder: str) -> str:
    """Why the story must not be written, or ''."""
    if not snapshot.mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "the file is read-only"
    if not os.access(real, os.W_OK):
        return "no permission to write the file (or it is immutable)"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "no permission to write in its folder"
    return ""


def replace_atomically(snapshot: Snapshot, data: bytes) -> None:
    """Replace the story read as `snapshot` with `data`, all or nothing. Raises WriteRefused.

    A symlinked story is written through its link (the link stays a link). Mode bits are kept,
    and the owner too where the system allows it.
    """
    real = os.path.realpath(snapshot.path)
    folder = os.path.dirname(real)
    if _changed(snapshot, real):  # first: a file made read-only meanwhile has changed, for anyone
        raise WriteRefused("the file changed since newslint read it; run again")
    problem = _refusal(snapshot, real, folder)
    if problem:
        raise WriteRefused(problem)
    name = os.path.basename(real)
    prefix = "." + os.fsencode(name)[:_NAME_ROOM].decode(errors="ignore") + TEMP_MARK
    try:
        fd, temp = tempfile.mkstemp(prefix=prefix, dir=folder)
    except OSError as exc:
        raise WriteRefused(f"cannot create a temporary file beside it: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if (snapshot.uid, snapshot.gid) != (os.getuid(), os.getgid()):
                try:
                    os.fchown(handle.fileno(), snapshot.uid, snapshot.gid)
                except OSError:
                    pass  # only root may give a file away; the story then belongs to whoever fixed it
            os.fchmod(handle.fileno(), stat.S_IMODE(snapshot.mode))  # after chown, which clears set-id bits
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if _changed(snapshot, real):
            raise WriteRefused("the file changed since newslint read it; run again")
        os.replace(temp, real)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteRefused(f"cannot write: {exc.strerror or exc}") from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (best effort: not every system can fsync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_leftovers(folders: Iterable[str]) -> list[str]:
    """Delete the temporary files an interrupted run left in `folders`; return their paths."""
    removed = []
    for folder in sorted(set(folders)):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if is_temp_name(entry.name) and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed.append(entry.path)
            except OSError:
                continue
    return sorted(removed)
