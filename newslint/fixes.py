"""`--fix` and `--diff`: apply the edits that violations carry, and write stories back safely.

A fix is data on a violation (`Violation.fix`: `Edit`s, character offsets into the decoded
text). One pass takes the fixes in a fixed order (by where they start, then rule id) and skips
any that overlaps one already taken; the text is then linted again and the next pass picks up
what the first had to skip. Passes stop when nothing changes (at most `MAX_PASSES`), so what is
reported afterwards is exactly what the fixed story still has. The checks never propose a fix
where the right form already stands, so fixing a fixed story changes nothing.

The fixed text is encoded back with the story's own encoding and byte-order mark; its line
ends are those of the original, since edits replace characters between line ends. A story
without a fix is never written. Writing is `safewrite.replace_atomically`.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import functools
import itertools
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from newslint import parallel
from newslint.document import Document, UnreadableCopy
from newslint.engine import INPUT_ERRORS, RunOptions, lint_document, unreadable
from newslint.files import DEFAULT_SUFFIXES, STDIN, discover
from newslint.intake import DEFAULT_MAX_FILE_SIZE, InputProblem, cannot_read, check_story, read_stdin
from newslint.packs.loader import Rule
from newslint.safewrite import Snapshot, WriteRefused, read_snapshot, remove_leftovers, replace_atomically
from newslint.violation import Edit, Severity, Violation

if TYPE_CHECKING:
    from newslint.settings import Plan as SettingsPlan

MAX_PASSES = 10
NOT_WRITTEN = "NL005"
_BOM = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


# --- one pass over one text ----------------------------------------------------------------------
@dataclass
class Plan:
    """The edits of one pass, the violations they fix, and those skipped for overlapping."""

    edits: list[Edit]
    fixed: list[Violation]
    skipped: list[Violation]


def _conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans may not both be edited: they overlap, or start at the same place (two inserts)."""
    return a[0] == b[0] or (a[0] < b[1] and b[0] < a[1])


def plan(violations: list[Violation], text: str) -> Plan:
    """Choose the fixes of one pass: by start, then rule id; a fix overlapping a chosen one waits.

    A violation's edits are taken all together or not at all. The same edit proposed by two rules
    is made once and fixes both. An edit that would change nothing, or lies outside the text, is
    ignored (a check's bug must not damage the story).
    """
    def first(v: Violation) -> tuple:
        return (min(e.start for e in v.fix), v.rule_id, max(e.end for e in v.fix), v.fix)

    taken: list[tuple[int, int]] = []  # sorted, non-overlapping spans of chosen edits
    chosen: dict[tuple[int, int], Edit] = {}
    result = Plan([], [], [])
    for v in sorted((v for v in violations if v.fix), key=first):
        edits = sorted(set(v.fix), key=lambda e: (e.start, e.end, e.replacement))
        if any(not 0 <= e.start <= e.end <= len(text) for e in edits):
            continue
        edits = [e for e in edits if text[e.start:e.end] != e.replacement]
        if not edits or any(_conflict((a.start, a.end), (b.start, b.end)) for a, b in itertools.pairwise(edits)):
            continue
        fresh = [e for e in edits if chosen.get((e.start, e.end)) != e]
        if any(_clashes(taken, (e.start, e.end)) for e in fresh):
            result.skipped.append(v)
            continue
        for e in fresh:
            bisect.insort(taken, (e.start, e.end))
            chosen[(e.start, e.end)] = e
        result.fixed.append(v)
    result.edits = sorted(chosen.values(), key=lambda e: (e.start, e.end))
    return result


def _clashes(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Does `span` conflict with a chosen span? Only its neighbours in start order can."""
    i = bisect.bisect_left(taken, span)
    return any(_conflict(taken[j], span) for j in (i - 1, i) if 0 <= j < len(taken))


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping `edits` made; everything between them is kept as it was."""
    pieces, at = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces += [text[at:e.start], e.replacement]
        at = e.end
    pieces.append(text[at:])
    return "".join(pieces)


@dataclass
class TextFix:
    """A story before and after its fixes, what was found in each, and how many fixes were made.

    `unsettled` names the rules whose fixes never settle (they undo one another, or keep
    finding more to change): then nothing is fixed, so a second run cannot differ from the first.
    """

    before: Document
    after: Document
    found: list[Violation]  # in the story as read
    left: list[Violation]   # in the fixed story
    applied: int = 0
    unsettled: tuple[str, ...] = ()


def fix_document(doc: Document, rules: list[Rule], options: RunOptions) -> TextFix:
    """Apply fixes pass after pass until none is left that can be made (see the module doc)."""
    found = lint_document(doc, rules, options)
    current, left, applied = doc, found, 0
    texts = [doc.text]  # the text before each pass
    fixers: list[set[str]] = []  # the rules each pass fixed
    for _ in range(MAX_PASSES):
        step = plan(left, current.text)
        if not step.edits:
            return TextFix(doc, current, found, left, applied)
        text = apply_edits(current.text, step.edits)
        applied += len(step.fixed)
        fixers.append({v.rule_id for v in step.fixed})
        if text in texts:  # back to an earlier text: the passes since then undo one another
            looping = set().union(*fixers[texts.index(text):])
            return TextFix(doc, doc, found, found, unsettled=tuple(sorted(looping)))
        texts.append(text)
        current = Document.from_text(text, doc.path, encoding=doc.encoding, bom=doc.bom)
        left = lint_document(current, rules, options)
    return TextFix(doc, doc, found, found, unsettled=tuple(sorted(fixers[-1])))  # still changing the text


def encode(doc: Document) -> bytes:
    """The bytes of `doc` in its own encoding, with its byte-order mark if it had one."""
    return (_BOM[doc.encoding] if doc.bom else b"") + doc.text.encode(doc.encoding)


def unified_diff(name: str, before: str, after: str) -> str:
    """A unified diff of two versions of a story; lines shown with `\\n` whatever the file uses."""
    return "".join(difflib.unified_diff(_diff_lines(before), _diff_lines(after), name, name))


def _diff_lines(text: str) -> list[str]:
    lines = [m.group().rstrip("\r\n") + "\n" for m in _LINES.finditer(text)]
    if lines and not text.endswith(("\n", "\r")):
        lines[-1] += "\\ No newline at end of file\n"  # as diff marks a last line without a line end
    return lines


# --- a whole run ---------------------------------------------------------------------------------
@dataclass
class FileFix:
    name: str
    fix: TextFix
    written: bool = False
    problem: str = ""


@dataclass
class FixRun:
    """What `--fix` or `--diff` did: the violations left, the files and how each went."""

    violations: list[Violation] = field(default_factory=list)
    checked: int = 0
    files: list[FileFix] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    stdin: bool = False  # standard input is being fixed: standard output is for its text alone
    stdin_bytes: bytes | None = None  # what goes there: the fixed (or unchanged) input; None if unread

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.fix.applied and not f.problem]

    def emit(self, report: Callable[[TextIO, TextIO], None], text: bool, quiet: bool, diff: bool) -> None:
        """Print the report (`report(out, err)` writes it), the diff or the fixed input, and the count.

        `--diff` prints only the diff on standard output (the count and input errors go to
        standard error); fixed standard input goes to standard output, the report to standard error.
        The count follows a `text` report, and goes to standard error after other formats.
        """
        err = sys.stderr
        for path in self.removed:
            err.write(f"newslint: removed {path}, a temporary file left by an interrupted --fix run\n")
        fixes = sum(f.fix.applied for f in self.changed)
        count = f"{fixes} fix{'es' if fixes != 1 else ''}"
        files = len(self.changed)
        where = f"{files} file{'s' if files != 1 else ''}"
        if diff:
            sys.stdout.write("".join(unified_diff(f.name, f.fix.before.text, f.fix.after.text) for f in self.changed))
            for v in self.violations:
                if v.rule_id in INPUT_ERRORS:
                    err.write(f"{v.path}:{v.line}:{v.column}: {v.severity} {v.rule_id} {v.message}\n")
            err.write(f"Would apply {count} to {where}.\n" if fixes else "No fixes to apply.\n")
            return
        out = sys.stdout
        if self.stdin:  # the report goes to standard error even when the input could not be read
            if self.stdin_bytes is not None:
                sys.stdout.flush()
                sys.stdout.buffer.write(self.stdin_bytes)
                sys.stdout.buffer.flush()
            out = err
        report(out, err)
        if not quiet:
            failed = sum(1 for f in self.files if f.problem)
            line = f"Applied {count} to {where}." if fixes else "No fixes applied."
            if failed:
                line = line[:-1] + f"; {failed} file{'s' if failed != 1 else ''} could not be written ({NOT_WRITTEN})."
            (out if text else err).write(line + "\n")


def _not_written(name: str, problem: str) -> Violation:
    return Violation(name, 1, 1, 1, 1, NOT_WRITTEN, Severity.ERROR, f"fixes not written: {problem}")


def fix_targets(paths: list[str], rules: list[Rule], options: RunOptions, stdin_filename: str | None = None,
                write: bool = True, plan: SettingsPlan | None = None, jobs: int | None = 1,
                progress: parallel.Progress | None = None) -> FixRun:
    """Fix every story under `paths` (write=False: only work the fixes out, for `--diff`).

    With `jobs` above 1 and at least `parallel.SERIAL_LIMIT` files, worker processes read, fix
    and write the files (`parallel.fan_out`); the outcome is the same as one process's, in the
    same order. Standard input is always fixed here. `progress` (by default: on standard error,
    when it is a terminal) counts the files as they are done."""
    run = FixRun()
    progress = progress or parallel.Progress()
    targets = list(discover(paths, ("",) if plan is not None else DEFAULT_SUFFIXES))
    if plan is not None:  # each file's configuration: which files, and which rules fix them
        targets = [t for t in targets if t.path == STDIN or plan.accepts(t.path, t.path in paths)]
    if write:
        folders = {os.path.dirname(t.path) or "." for t in targets if t.path != STDIN and not t.problem}
        folders |= {p for p in paths if p != STDIN and os.path.isdir(p)}
        run.removed = remove_leftovers(folders)
    limit = plan.request.max_file_size if plan is not None else DEFAULT_MAX_FILE_SIZE
    outcomes: dict[int, tuple[list[Violation], FileFix | None]] = {}

    def settle(index: int, outcome: tuple[list[Violation], FileFix | None]) -> None:
        outcomes[index] = outcome
        progress.tick()

    files: list[tuple[int, str, str, bytes]] = []  # (index, path, name, b""): read where they are fixed
    chosen: dict[int, tuple[list[Rule], RunOptions]] = {}  # each file's rules and options
    for index, target in enumerate(targets):
        run.checked += 1
        name = (stdin_filename or STDIN) if target.path == STDIN else target.path
        if target.problem:
            settle(index, ([unreadable(name, target.problem)], None))
            continue
        # With a configuration: the file's own rules (this also records its --fail-on threshold).
        chosen[index] = plan.for_file(name if target.path == STDIN else target.path, name) if plan is not None \
            else (rules, options)
        if target.path == STDIN:
            settle(index, _fix_stdin(run, name, *chosen[index], limit, write))
        else:
            files.append((index, target.path, name, b""))
    jobs = jobs or parallel.default_jobs()
    context = parallel.process_context(plan) if jobs > 1 and len(files) >= parallel.SERIAL_LIMIT else None
    try:
        if context is not None:  # the workers choose each file's rules from their copy of the plan
            work = functools.partial(_fix_batch, limit=limit, write=write)
            parallel.fan_out(context, iter(files), work, rules, options, plan, jobs, settle)
        else:
            for index, path, name, _ in files:
                settle(index, fix_file(path, name, *chosen[index], limit, write))
    finally:
        progress.done()
    for index in sorted(outcomes):
        violations, result = outcomes[index]
        if result is not None:
            run.files.append(result)
        run.violations.extend(violations)
    run.violations.sort(key=lambda v: v.sort_key)
    return run


def _fix_batch(batch: list[tuple[int, str, str, bytes]], limit: int | None, write: bool
               ) -> list[tuple[int, tuple[list[Violation], FileFix | None]]]:
    """In a worker process: fix a batch of files, each under its own rules. Stops before the next
    file once the main process is gone: killing a run stops its writes."""
    done = []
    for index, path, name, _ in batch:
        if write and parallel.main_process_gone():
            break
        done.append((index, fix_file(path, name, *parallel.rules_for(path, name), limit, write)))
    return done


def fix_file(path: str, name: str, rules: list[Rule], options: RunOptions, limit: int | None,
             write: bool) -> tuple[list[Violation], FileFix | None]:
    """Read, fix and (with `write`) write back one file: the violations to report, and how the
    file went (None when it could not be read)."""
    try:
        check_story(path, limit)  # the size limit and regular files only, as for linting
        snapshot = read_snapshot(path)
    except (InputProblem, OSError) as exc:
        return [unreadable(name, cannot_read(exc))], None
    return _fix_read(name, snapshot, rules, options, write)


def _fix_stdin(run: FixRun, name: str, rules: list[Rule], options: RunOptions, limit: int | None,
               write: bool) -> tuple[list[Violation], FileFix | None]:
    """Standard input: fixed text goes to standard output (`run.stdin_bytes`), never to a file.
    Input that cannot be read whole (over the size limit) gives nothing on standard output."""
    run.stdin = write
    try:
        snapshot = Snapshot(STDIN, read_stdin(limit), 0, 0, 0, 0, 0, 0, 0)
    except (InputProblem, OSError) as exc:
        return [unreadable(name, cannot_read(exc))], None
    if write:
        run.stdin_bytes = snapshot.data  # standard input comes back as it was unless fixed below
    violations, result = _fix_read(name, snapshot, rules, options, False)
    if write and result is not None and result.fix.applied and not result.problem:
        run.stdin_bytes = encode(result.fix.after)
    return violations, result


def _fix_read(name: str, snapshot: Snapshot, rules: list[Rule], options: RunOptions,
              write: bool) -> tuple[list[Violation], FileFix | None]:
    try:
        doc = Document.from_bytes(snapshot.data, name)
    except UnreadableCopy as exc:
        return [unreadable(name, str(exc))], None
    result = _fix_one(name, snapshot, doc, rules, options, write)
    left = result.fix.found if result.problem else result.fix.left
    return (left + [_not_written(name, result.problem)] if result.problem else left), result


def _fix_one(name: str, snapshot: Snapshot, doc: Document, rules: list[Rule], options: RunOptions,
             write: bool) -> FileFix:
    result = FileFix(name, fix_document(doc, rules, options))
    if result.fix.unsettled:
        result.problem = (f"the fixes of {', '.join(result.fix.unsettled)} never settle (they undo one another "
                          "or keep changing the text); nothing was fixed")
        return result
    if not result.fix.applied:
        return result
    if encode(doc) != snapshot.data:
        result.problem = "its bytes would not be written back exactly as read (an extra byte-order mark?)"
        return result
    try:
        data = encode(result.fix.after)
    except UnicodeEncodeError:
        result.problem = f"a fix holds characters that {doc.encoding.upper()} cannot encode"
        return result
    if write:
        try:
            replace_atomically(snapshot, data)
            result.written = True
        except WriteRefused as exc:
            result.problem = str(exc)
    return result
