"""Caches that make a repeated run cheap: compiled packs, and each story's violations.

Both live in one folder (`NEWSLINT_CACHE_DIR`, else `.newslint_cache/` in the working folder)
that may be deleted at any time. Keys are content, never file times: a compiled pack is reused
only while every pack and dictionary file it was built from has the same bytes; a story's result
only for the same story bytes under the same configuration (pack files, selected rules, --date,
timeout) and the same newslint code. Entries are written to a unique temporary name and renamed
into place, so runs sharing the folder never see half an entry; an entry that cannot be read is
ignored (and later overwritten), never trusted.

Compiled packs are pickled (patterns as the `regex` engine's compiled code, which skips parsing
them again; newslint's own patterns ride along, see `newslint.patterns`) and loaded with an unpickler that only builds newslint's own rule classes and
patterns, so a planted file cannot run code; the entry's name includes a digest of the installed
newslint files' sizes and times, which a file planted from elsewhere cannot know. Story results
are JSON.
"""

from __future__ import annotations

import functools
import json
import os
import pickle
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from newslint import __version__

if TYPE_CHECKING:
    from newslint.engine import RunOptions
    from newslint.packs.loader import Pack, Rule
    from newslint.violation import Violation

CACHE_ENV = "NEWSLINT_CACHE_DIR"
DEFAULT_DIR = ".newslint_cache"
FORMAT = 1  # bump when the layout of an entry changes
_NOT_CACHED = frozenset({"NL003", "NL004"})  # a time-out or a crash may not happen next time


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_DIR)


try:  # the hash itself, without loading OpenSSL as `import hashlib` does (a few ms per run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b


def _digest(*parts: bytes | str) -> str:
    h = blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@functools.lru_cache(maxsize=None)
def code_stamp() -> str:
    """The newslint version plus the size and time of every module of the package, so that a
    changed checkout (same version number, other code) never reuses results of the old code."""
    root = Path(__file__).resolve().parent
    parts: list[str] = [__version__, str(FORMAT)]
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                stack.append(Path(entry.path))
            elif entry.name.endswith(".py"):
                info = entry.stat()
                parts.append(f"{entry.path}:{info.st_size}:{info.st_mtime_ns}")
    return _digest(*parts)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a unique temporary file renamed into place; failures are
    silent (a cache that cannot be written is only a slower next run).

    The unique name is made here rather than with `tempfile.mkstemp`, whose imports (shutil, bz2,
    lzma, random) cost 2 ms, a thirtieth of a one-story run; O_EXCL keeps it unique all the same."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = str(path.parent / f".{path.name}.{os.getpid()}-{os.urandom(6).hex()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass


def _prepare(root: Path) -> bool:
    """Create the cache folder, with a .gitignore (never committed) and a CACHEDIR.TAG."""
    try:
        if not root.is_dir():
            root.mkdir(parents=True, exist_ok=True)
            (root / ".gitignore").write_text("# created by newslint\n*\n", encoding="utf-8")
            (root / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# newslint cache: safe to delete\n", encoding="utf-8")
        return True
    except OSError:
        return False


# --- compiled packs ------------------------------------------------------------------------

_ALLOWED = {("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "Path"), ("regex._regex", "compile"),
            ("re", "_compile")}  # compiled patterns: `regex`'s, and Python's own `re` (dates' name filter)


class _PackUnpickler(pickle.Unpickler):
    """Builds only classes defined in newslint's own modules (rules, packs, compiled check data),
    paths and compiled patterns: never a function, never anything from elsewhere."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        if module.startswith("newslint.") and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a pack cache entry")


def _dump_pack(entry: dict[str, Any]) -> bytes:
    return pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)


def _engine_stamp() -> str:
    """Compiled patterns are stored as the `regex` engine's own code: valid for one version of it."""
    import sys

    import regex

    return f"{sys.version}|regex {regex.__version__}"


def _load_fresh(refs: list[str]) -> tuple[Pack, list[tuple[str, bytes]]]:
    """Load and compile the packs, noting every file read (packs, `extends`, dictionaries)."""
    import newslint.packs
    from newslint.packs import loader

    loader.READ_LOG = log = []
    try:
        return newslint.packs.load_packs(refs), log
    finally:
        loader.READ_LOG = None


def load_packs(refs: list[str], root: Path | None) -> tuple[Pack, str]:
    """`packs.load_packs(refs)` through the cache in `root` (None: no cache). Returns the pack and
    its fingerprint: a digest of the names and content of every file it was built from."""
    from newslint.packs.loader import resolve_ref

    top: list[str] = []
    if root is not None:
        for ref in refs:
            path = resolve_ref(ref)
            try:
                top.extend((ref, str(path), _digest(path.read_bytes())))
            except OSError:
                root = None  # the loader reports the unreadable file
                break
    file = root / "packs" / f"{_digest(code_stamp(), _engine_stamp(), *top)}.pickle" if root is not None else None
    if file is not None:
        cached = _read_pack(file)
        if cached is not None:
            cached[0].fingerprint = cached[1]
            return cached
    pack, log = _load_fresh(refs)
    fingerprint = _digest(*(part for path, data in log for part in (path, data)))
    pack.fingerprint = fingerprint  # type: ignore[attr-defined]  # what the result cache keys on
    if file is not None and root is not None and _prepare(root):
        deps = [(path, _digest(data)) for path, data in log]
        from newslint import literals, patterns

        atomic_write(file, _dump_pack({"format": FORMAT, "deps": deps, "fingerprint": fingerprint, "pack": pack,
                                       "patterns": patterns.snapshot(), "literals": literals.snapshot()}))
    return pack, fingerprint


def _read_pack(file: Path) -> tuple[Pack, str] | None:
    try:
        with _open_entry(file) as handle:
            entry = _PackUnpickler(handle).load()
        if not isinstance(entry, dict) or entry.get("format") != FORMAT:
            return None
        for path, digest in entry["deps"]:
            with open(path, "rb") as handle:
                if _digest(handle.read()) != digest:
                    return None
        from newslint import literals, patterns

        patterns.restore(entry.get("patterns", {}))
        literals.restore(entry.get("literals", {}))
        return entry["pack"], entry["fingerprint"]
    except Exception:  # a missing, corrupt or foreign entry is a cache miss, nothing else
        return None


# --- story results -------------------------------------------------------------------------

def config_key(fingerprint: str, rules: list[Rule], options: RunOptions) -> str:
    """Everything besides the story that decides its violations: the pack files (their
    fingerprint), each selected rule as it stands after any override, and the run's options."""
    described = [fingerprint, repr(options._replace(debug=False)),
                 [[r.id, r.kind, int(r.severity), r.message, sorted(r.messages.items()), r.scope, r.source]
                  for r in rules]]
    return _digest(code_stamp(), json.dumps(described, default=str))


def _encode(violations: list[Violation]) -> list[list[Any]]:
    return [[v.line, v.column, v.end_line, v.end_column, v.rule_id, int(v.severity), v.message, v.start, v.end,
             v.matched, v.context, [[e.start, e.end, e.replacement] for e in v.fix]] for v in violations]


def _decode(rows: list[list[Any]], path: str) -> list[Violation]:
    from newslint.violation import Edit, Severity, Violation

    found = []
    for line, column, end_line, end_column, rule_id, severity, message, start, end, matched, context, fix in rows:
        numbers = (line, column, end_line, end_column, severity, start, end)
        texts = (rule_id, message, matched, context)
        if not all(type(n) is int for n in numbers) or not all(type(t) is str for t in texts):
            raise ValueError("damaged cache entry")
        edits = []
        for a, b, c in fix:
            if type(a) is not int or type(b) is not int or type(c) is not str:
                raise ValueError("damaged cache entry")
            edits.append(Edit(a, b, c))
        found.append(Violation(path, line, column, end_line, end_column, rule_id, Severity(severity), message,
                               start, end, matched, context, tuple(edits)))
    return found


class ResultCache:
    """Violations of stories already linted, per configuration (`config_key`), in 256 JSON shards
    per configuration (by the first two hex digits of the story key) that are read when first
    needed and rewritten, merged with what is on disk, at the end of a run."""

    def __init__(self, root: Path):
        self.root = root
        self._shards: dict[tuple[str, str], dict[str, Any]] = {}
        self._new: dict[tuple[str, str], dict[str, Any]] = {}

    @staticmethod
    def story_key(data: bytes, path: str) -> str:
        """The story's bytes, and what its name decides about how it is read (`reading_of`:
        Markdown, HTML or plain text)."""
        from newslint.document import reading_of

        return _digest(data, reading_of(path))

    def _file(self, shard: tuple[str, str]) -> Path:
        return self.root / "results" / shard[0] / f"{shard[1]}.json"

    def get(self, config: str, key: str, path: str) -> list[Violation] | None:
        shard = (config, key[:2])
        entries = self._shards.get(shard)
        if entries is None:
            entries = self._shards[shard] = _read_shard(self._file(shard))
        rows = entries.get(key)
        if rows is None:
            return None
        try:
            return _decode(rows, path)
        except Exception:  # a damaged entry is a miss
            return None

    def put(self, config: str, key: str, violations: list[Violation]) -> None:
        if any(v.rule_id in _NOT_CACHED for v in violations):
            return
        self._new.setdefault((config, key[:2]), {})[key] = _encode(violations)

    def flush(self) -> None:
        """Write the shards that gained entries (merged with the current file: another run may have
        written it meanwhile)."""
        if not self._new or not _prepare(self.root):
            return
        for shard, entries in self._new.items():
            file = self._file(shard)
            merged = _read_shard(file)
            merged.update(entries)
            atomic_write(file, json.dumps({"format": FORMAT, "entries": merged}, ensure_ascii=False,
                                          separators=(",", ":")).encode("utf-8"))
        self._new.clear()


def _open_entry(file: Path) -> BinaryIO:
    """A cache file, opened for reading only if it is a regular file: a FIFO planted in the cache
    folder must not hang the run (opening is non-blocking; anything but a file is a miss)."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"not a regular file: {file}")
    return os.fdopen(fd, "rb")


def _read_shard(file: Path) -> dict[str, Any]:
    try:
        with _open_entry(file) as handle:
            data = json.loads(handle.read())
        if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("entries"), dict):
            return data["entries"]
    except Exception:  # missing or damaged: no entries
        pass
    return {}
