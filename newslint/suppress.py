"""Suppression comments: a desk switches rules off and on inside Markdown and HTML copy.

    <!-- newslint-disable AN401,AN5 -->        off from here (no ids: every rule)
    <!-- newslint-enable AN401 -->             on again from here (no ids: every rule)
    <!-- newslint-disable-next-line AN201 -->  off for the next line only

Ids are rule ids or prefixes, as for `--select`; text after ` -- ` is a free reason. The engine
applies them once to a file's violations, so no check knows about them. Plain text copy has no
comments, so there the same words are copy, not directives: per-file ignores and the baseline
cover it. Errors about the input itself (unreadable, too slow, a failing check) are never hidden.
"""

from __future__ import annotations

from typing import NamedTuple

from newslint.document import Document, reading_of
from newslint.patterns import lazy
from newslint.violation import Violation

_DIRECTIVE = lazy(
    r"<!--[ \t]*newslint-(?P<kind>disable-next-line|disable|enable)(?![\w-])(?P<body>(?:(?!-->)[^\r\n])*)-->")
_SPLIT = lazy(r"[,\s]+")


class Directive(NamedTuple):
    kind: str  # disable, enable or disable-next-line
    ids: tuple[str, ...]  # empty: every rule
    start: int
    end: int
    line: int

    def covers(self, rule_id: str) -> list[str | None]:
        """The ids of this directive that name `rule_id` ([None] when it names every rule)."""
        if not self.ids:
            return [None]
        return [p for p in self.ids if rule_id.startswith(p)]

    @property
    def text(self) -> str:
        return f"newslint-{self.kind}" + (" " + ",".join(self.ids) if self.ids else "")


def honoured(doc: Document) -> bool:
    """Only copy that has comments (Markdown, HTML) can carry directives."""
    return doc.markdown or reading_of(doc.path) == "html"


def directives(doc: Document) -> list[Directive]:
    found = []
    for m in _DIRECTIVE.finditer(doc.text, doc.body_start):
        body = m["body"].split(" -- ", 1)[0].strip().lstrip(":").strip()
        ids = tuple(part for part in _SPLIT.split(body) if part)
        found.append(Directive(m["kind"], ids, m.start(), m.end(), doc.position(m.start())[0]))
    return found


def apply(doc: Document, violations: list[Violation], protected: frozenset[str],
          active: list[str]) -> tuple[list[Violation], list[tuple[Directive, str]]]:
    """(violations left, unused suppressions with a message). `protected` ids are never hidden;
    `active` are the ids of the rules that ran, to tell a typo from a rule that found nothing."""
    if not honoured(doc):
        return violations, []
    marks = directives(doc)
    if not marks:
        return violations, []
    used: set[tuple[int, str | None]] = set()
    kept = []
    for v in violations:
        if v.rule_id in protected:
            kept.append(v)
            continue
        if v.end > v.start and any(d.start <= v.start < d.end for d in marks):
            continue  # the directive's own words are not copy
        credit: list[tuple[int, str | None]] = []
        region: list[tuple[int, str | None]] = []
        for index, d in enumerate(marks):
            if d.kind == "disable-next-line":
                if v.line == d.line + 1:
                    credit += [(index, p) for p in d.covers(v.rule_id)]
                continue
            if d.start > v.start:
                break
            ids = d.covers(v.rule_id)
            if ids:
                region = [(index, p) for p in ids] if d.kind == "disable" else []
        credit += region
        if credit:
            used.update(credit)
        else:
            kept.append(v)
    unused = []
    for index, d in enumerate(marks):
        if d.kind == "enable":
            continue
        idle = [p for p in (d.ids or (None,)) if (index, p) not in used]
        if not idle:
            continue
        if d.ids:
            unknown = [p for p in idle if not any(rule.startswith(p) for rule in active)]
            message = f"unused suppression: {', '.join(idle)} suppressed nothing in `{d.text}`"
            if unknown:
                message += f" (no active rule matches {', '.join(unknown)})"
        else:
            message = f"unused suppression: `{d.text}` suppressed nothing"
        unused.append((d, message))
    return kept, unused
