"""A lint run: load packs, read each target, run the engine, keep going after bad files, report."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from newslint.engine import INPUT_ERRORS, RunOptions, lint_bytes, select_rules, unreadable
from newslint.files import STDIN, discover
from newslint.packs.loader import Rule
from newslint.storydate import StoryDate
from newslint.violation import Severity, Violation


@dataclass
class LintRequest:
    """Everything `newslint lint` was asked to do, whatever it came from (options, configuration)."""

    paths: list[str]
    packs: list[str] = field(default_factory=lambda: ["antara"])
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    output_format: str = "text"
    fail_on: str = "warning"
    date: StoryDate | None = None
    stdin_filename: str | None = None
    quiet: bool = False
    color: bool = False
    timeout: float | None = 2.0
    debug: bool = False
    statistics: bool = False
    fix: bool = False  # apply the fixes violations carry, then report what is left
    diff: bool = False  # print the fixes as a unified diff instead; write nothing


def lint_command(request: LintRequest) -> int:
    """Run the request, print the report, return the exit code (0, 1 or 2)."""
    from newslint.packs import load_packs
    from newslint.report import Report, write

    pack = load_packs(request.packs)
    rules = select_rules(pack.rules, request.select, request.ignore)
    options = RunOptions(date=request.date, timeout=request.timeout, debug=request.debug)
    fixing = None
    if request.fix or request.diff:
        from newslint.fixes import fix_targets

        fixing = fix_targets(request.paths, rules, options, request.stdin_filename, write=not request.diff)
        violations, checked = fixing.violations, fixing.checked
    else:
        violations, checked = lint_targets(request.paths, rules, options, request.stdin_filename)
    report = Report(violations, checked, color=request.color, quiet=request.quiet, rules=rules,
                    statistics=request.statistics)
    if fixing is None:
        write(request.output_format, report, sys.stdout, sys.stderr)
    else:
        fixing.emit(lambda out, err: write(request.output_format, report, out, err),
                    text=request.output_format == "text", quiet=request.quiet, diff=request.diff)
    if any(v.rule_id in INPUT_ERRORS for v in violations):
        return 2
    if fixing is not None and request.diff:
        return 1 if fixing.changed else 0
    threshold = Severity.parse(request.fail_on)
    return 1 if any(v.severity >= threshold for v in violations) else 0


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
