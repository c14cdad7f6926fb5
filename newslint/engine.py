"""The one engine loop: run the active rules over a document and build violations.

Checks yield `Finding`s; here they become `Violation`s with positions, severity and message.
Problems that are not a rule's (an unreadable file, a rule too slow for a file, a failing
check) become violations of built-in rules `NL...` so that every output format shows them; the
ones in `INPUT_ERRORS` make the run exit with code 2.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from typing import NamedTuple

from newslint import suppress
from newslint.context import Context, rule_timer
from newslint.document import Document, UnreadableCopy
from newslint.packs.loader import Rule
from newslint.storydate import StoryDate
from newslint.violation import Finding, Severity, Violation, keeping_line_breaks

BUILTIN_RULES = {
    "NL001": "the file cannot be read as text",
    "NL002": "the Markdown front matter is not valid YAML",
    "NL003": "a rule took longer than the time limit on this file",
    "NL004": "a check failed on this file (a bug in newslint: please report it)",
    "NL005": "--fix could not write this file's fixes (read-only, changed during the run, or a write error)",
    "NL006": "a suppression comment suppressed nothing (reported with --report-unused-suppressions)",
}
INPUT_ERRORS = frozenset({"NL001", "NL003", "NL004", "NL005"})
MAX_QUOTED = 80


class RunOptions(NamedTuple):
    """What every file of a run shares besides the rules."""

    date: StoryDate | None = None
    timeout: float | None = 2.0  # seconds a rule's regular expression may run on one file
    debug: bool = False  # let exceptions escape, with their traceback
    report_unused_suppressions: bool = False  # NL006 for a suppression comment that hid nothing
    date_source: str = "auto"  # without `date`: auto (front matter, dateline, ...) or front-matter only


def select_rules(rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = (),
                 extend_select: Iterable[str] = ()) -> list[Rule]:
    """Rules chosen by id prefix. Rules with `enabled: false` run only when selected by prefix."""
    select, ignore, extend = tuple(select), tuple(ignore), tuple(extend_select)
    chosen = []
    for rule in rules:
        picked = any(rule.id.startswith(p) for p in select + extend)
        if (picked or (not select and rule.enabled)) and not any(rule.id.startswith(p) for p in ignore):
            chosen.append(rule)
    return chosen


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _message(template: str, fields: dict[str, str]) -> str:
    return string.Formatter().vformat(template, (), _Fields(fields))


def make_violation(doc: Document, rule_id: str, severity: Severity, message: str, start: int, end: int,
                   fix: tuple = ()) -> Violation:
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    context = doc.line_text(line) if doc.line_count else ""
    return Violation(doc.path, line, column, end_line, end_column, rule_id, severity, message,
                     start, end, _clip(doc.text[start:end], 200), _clip(context, 300), fix)


def _clip(text: str, most: int) -> str:
    """`text` as it is when short; a long one with its white space collapsed first, then cut. The
    baseline compares these with white space collapsed: cutting first made a space added early in
    a long paragraph move the cut, and the violation looked new. Only the words needed are read
    (a 10 MB line is the context of every violation on it), within a bounded stretch of text."""
    if len(text) <= most:
        return text
    words, size = [], 0
    for word in _WORD.finditer(text, 0, most * 64):
        words.append(word.group())
        size += len(word.group()) + 1
        if size > most:
            break
    return " ".join(words)[:most]


_WORD = re.compile(r"\S+")  # what `str.split()` keeps: both know the same white space


def lint_document(doc: Document, rules: list[Rule], options: RunOptions = RunOptions()) -> list[Violation]:
    """All violations of `rules` in `doc`, sorted by position."""
    from newslint.checks import KINDS, SCREENS, SLOW_HINTS  # here: the reports import this module for BUILTIN_RULES alone

    ctx = Context(doc, options.date, options.timeout, options.date_source)
    found: list[Violation] = []
    if doc.front_matter_error is not None:
        offset, problem = doc.front_matter_error
        found.append(make_violation(doc, "NL002", Severity.ERROR, problem, offset, offset))
    with rule_timer(ctx):
        for rule in rules:
            findings = _run_rule(KINDS[rule.kind].check, SCREENS[rule.kind], doc, rule, ctx, options, found,
                                 SLOW_HINTS[rule.kind])
            for f in findings:
                matched = doc.text[f.start:f.end]
                if len(matched) > MAX_QUOTED:
                    matched = matched[:MAX_QUOTED - 1] + "…"
                lines = matched.splitlines()  # a match across a line end is quoted by its first line
                fields = {"match": lines[0] if len(lines) > 1 else matched.strip(), **f.fields}
                message = _message(rule.template(f.outcome), fields)
                fix = keeping_line_breaks(doc.text, f.fix) if f.fix else ()
                found.append(make_violation(doc, rule.id, rule.severity, message, f.start, f.end, fix))
    found, unused = suppress.apply(doc, found, INPUT_ERRORS, [rule.id for rule in rules])
    if options.report_unused_suppressions:
        found += [make_violation(doc, "NL006", Severity.WARNING, message, d.start, d.end) for d, message in unused]
    found.sort(key=lambda v: (v.line, v.column, v.rule_id, v.end_line, v.end_column, v.message))
    return found


def _run_rule(check: Callable[[Document, Rule, Context], Iterable[Finding]],
              screen: Callable[[Document, Rule, Context], bool] | None, doc: Document, rule: Rule, ctx: Context,
              options: RunOptions, found: list[Violation], slow_hint: str) -> list[Finding]:
    """The rule's findings; a time-out or a failing check becomes NL003/NL004 in `found`.

    The kind's screen, if any, goes first: a story it rules out is not searched at all. Screens
    look up words and literals (no rule's own pattern), so they run outside the rule's clock."""
    try:
        if screen is not None and not screen(doc, rule, ctx):
            return []
        ctx.begin_rule()
        try:
            return list(check(doc, rule, ctx))
        finally:
            ctx.end_rule()
    except TimeoutError:
        found.append(make_violation(
            doc, "NL003", Severity.ERROR,
            f"rule {rule.id} took longer than {options.timeout:g} s on this file and was stopped; "
            f"{slow_hint} ({rule.source}:{rule.line})", 0, 0))
    except Exception as exc:  # a bug in a check must not hide the other rules' findings
        if options.debug:
            raise
        found.append(make_violation(doc, "NL004", Severity.ERROR,
                                    f"rule {rule.id} failed: {type(exc).__name__}: {exc} (run with --debug for details)", 0, 0))
    return []


def unreadable(path: str, problem: str) -> Violation:
    return Violation(path, 1, 1, 1, 1, "NL001", Severity.ERROR, problem)


def lint_bytes(data: bytes, path: str, rules: list[Rule], options: RunOptions = RunOptions()) -> list[Violation]:
    try:
        doc = Document.from_bytes(data, path)
    except UnreadableCopy as exc:
        return [unreadable(path, str(exc))]
    except Exception as exc:  # a bug in reading must not stop the other files
        if options.debug:
            raise
        return [Violation(path, 1, 1, 1, 1, "NL004", Severity.ERROR,
                          f"reading the file failed: {type(exc).__name__}: {exc} (run with --debug for details)")]
    return lint_document(doc, rules, options)
