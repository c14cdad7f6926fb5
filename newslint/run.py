"""Lint a list of targets: read each file, run the engine, keep going after bad files."""

from __future__ import annotations

import sys

from newslint.engine import RunOptions, lint_bytes, unreadable
from newslint.files import STDIN, discover
from newslint.packs.loader import Rule
from newslint.violation import Violation


def read_target(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()


def lint_targets(paths: list[str], rules: list[Rule], options: RunOptions,
                 stdin_filename: str | None = None) -> tuple[list[Violation], int]:
    """All violations in the files under `paths`, sorted by file and position; and the file count."""
    violations: list[Violation] = []
    checked = 0
    for target in discover(paths):
        checked += 1
        name = (stdin_filename or STDIN) if target.path == STDIN else target.path
        if target.problem:
            violations.append(unreadable(name, target.problem))
            continue
        try:
            data = read_target(target.path)
        except OSError as exc:
            violations.append(unreadable(name, f"cannot read: {exc.strerror or exc}"))
            continue
        violations.extend(lint_bytes(data, name, rules, options))
    violations.sort(key=lambda v: v.sort_key)
    return violations, checked
