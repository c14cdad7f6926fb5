"""Baselines: record an archive's violations today, report only new ones tomorrow.

A violation is known by its fingerprint: the rule, the file (relative to the baseline file's
folder, with `/`), the text it matched, the line that text stands in (whitespace collapsed),
and which occurrence of that same (rule, file, text, line) it is. Line numbers are left out on
purpose, so adding or removing lines elsewhere in a story keeps every entry matching. A
violation with no matched text (a missing dateline, a missing `Editor:` line) is about the whole
story, so its line is left out too. Errors about the input itself are never recorded.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from newslint.errors import ConfigError
from newslint.violation import Violation

FORMAT = "newslint-baseline"
VERSION = 1
Fingerprint = tuple[str, str, str, str, int]


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _relative(path: str, folder: Path) -> str:
    if path == "-":
        return path
    try:
        return Path(os.path.relpath(Path(path).absolute(), folder)).as_posix()
    except ValueError:  # another drive (Windows): keep the absolute path
        return Path(path).absolute().as_posix()


def fingerprints(violations: list[Violation], folder: Path) -> list[Fingerprint]:
    """One fingerprint per violation, in the order given (which must be the report's order)."""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    result = []
    for v in violations:
        file = _relative(v.path, folder)
        text = _normalise(v.matched)
        context = _normalise(v.context) if text else ""
        key = (v.rule_id, file, text, context)
        seen[key] += 1
        result.append((*key, seen[key]))
    return result


def write(path: str, violations: list[Violation], skip: frozenset[str]) -> int:
    """Write the baseline atomically; return how many violations it records."""
    target = Path(path)
    recorded = [v for v in violations if v.rule_id not in skip]
    entries = sorted(
        ({"rule": rule, "file": file, "text": text, "context": context, "occurrence": n}
         for rule, file, text, context, n in fingerprints(recorded, target.absolute().parent)),
        key=lambda e: (e["file"], e["rule"], e["text"], e["context"], e["occurrence"]),
    )
    data = {"format": FORMAT, "version": VERSION, "violations": entries}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    folder = target.absolute().parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=".newslint-baseline-", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        raise ConfigError(f"cannot write the baseline: {exc.strerror or exc}", path) from None
    return len(entries)


def load(path: str) -> set[Fingerprint]:
    """The fingerprints a baseline file records; a file that is not one is an error (exit 2)."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the baseline: {exc.strerror or exc}", path) from None
    except UnicodeDecodeError:
        raise ConfigError("the baseline is not UTF-8 text", path) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"the baseline is not valid JSON: {exc.msg}", path, exc.lineno) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError(f"not a newslint baseline (expected \"format\": \"{FORMAT}\"); "
                          "write one with --write-baseline", path)
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # `true` and `1.0` equal 1 in Python, not here
        raise ConfigError(f"baseline version {data.get('version')!r} is not supported (this newslint reads "
                          f"version {VERSION}); write it again with --write-baseline", path)
    entries = data.get("violations")
    if not isinstance(entries, list):
        raise ConfigError("the baseline has no \"violations\" list", path)
    known: set[Fingerprint] = set()
    for i, entry in enumerate(entries):
        fields = [entry.get(key) for key in ("rule", "file", "text", "context")] if isinstance(entry, dict) else [None]
        occurrence = entry.get("occurrence") if isinstance(entry, dict) else None
        if not all(isinstance(f, str) for f in fields) or type(occurrence) is not int or occurrence < 1:
            raise ConfigError(f"entry {i + 1} of \"violations\" needs rule, file, text and context (text) and "
                              "occurrence (a whole number from 1)", path)
        known.add((*fields, occurrence))
    return known


def new_only(violations: list[Violation], path: str, known: set[Fingerprint]) -> list[Violation]:
    """The violations the baseline at `path` does not record, in the order given."""
    folder = Path(path).absolute().parent
    return [v for v, fp in zip(violations, fingerprints(violations, folder)) if fp not in known]
