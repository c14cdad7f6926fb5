"""A lint run: load packs, read each target, run the engine, keep going after bad files, report."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from newslint.engine import INPUT_ERRORS, RunOptions
from newslint.files import STDIN
from newslint.intake import DEFAULT_MAX_FILE_SIZE, read_stdin, read_story
from newslint.storydate import StoryDate
from newslint.violation import Severity


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
    extend_select: list[str] = field(default_factory=list)
    config: str | None = None  # --config FILE: this configuration for every file, no discovery
    isolated: bool = False  # --isolated: no configuration at all
    given: frozenset[str] | None = None  # options set on the command line (they beat configuration)
    report_unused_suppressions: bool = False
    baseline: str | None = None  # report only violations this baseline file does not record
    write_baseline: str | None = None  # record the violations in this file instead of failing
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE  # bytes; a larger file is refused unread; None: no limit
    jobs: int | None = None  # worker processes; None: one per core; 1: serial
    cache: bool = True  # reuse compiled packs and unchanged stories' results (newslint.cache)


def lint_command(request: LintRequest) -> int:
    """Run the request, print the report, return the exit code (0, 1 or 2)."""
    from newslint.report import Report, write
    from newslint.settings import Plan

    plan = Plan(request)
    for path in request.paths:  # a broken configuration or pack stops the run before any file
        if path != STDIN:
            plan.rules(plan.settings(path))
    if request.baseline or request.write_baseline:
        from newslint import baseline  # only runs that use a baseline pay for its imports
    known = baseline.load(request.baseline) if request.baseline else None
    fixing = None
    if request.fix or request.diff:
        from newslint.fixes import fix_targets

        fixing = fix_targets(request.paths, [], RunOptions(), request.stdin_filename, write=not request.diff, plan=plan,
                             jobs=request.jobs)
        violations, checked = fixing.violations, fixing.checked
    else:
        from newslint import cache
        from newslint.parallel import lint_paths

        results = cache.ResultCache(cache.cache_dir()) if request.cache else None
        violations, checked = lint_paths(request.paths, [], RunOptions(), request.stdin_filename, request.jobs,
                                         results, plan=plan)
        if results is not None:
            results.flush()
    if request.write_baseline:
        count = baseline.write(request.write_baseline, violations, INPUT_ERRORS)
        failed = [v for v in violations if v.rule_id in INPUT_ERRORS]  # not recorded: say which files
        for v in failed:
            sys.stderr.write(f"{v.path}:{v.line}:{v.column}: {v.severity} {v.rule_id} {v.message}\n")
        sys.stderr.write(f"newslint: wrote {count} violations to the baseline {request.write_baseline}\n")
        return 2 if failed else 0
    if known is not None:
        violations = baseline.new_only(violations, request.baseline, known)
    report = Report(violations, checked, color=request.color, quiet=request.quiet, rules=plan.all_rules(),
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
    return 1 if any(v.severity >= Severity.parse(plan.fail_on.get(v.path, request.fail_on)) for v in violations) else 0


def read_target(path: str, limit: int | None = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a target; InputProblem when it cannot be read or is over the size limit."""
    return read_stdin(limit) if path == STDIN else read_story(path, limit)
