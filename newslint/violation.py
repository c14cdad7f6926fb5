"""The one record every part of newslint shares: a violation, and the fix it may carry.

Checks produce `Finding`s (offsets into the document text); the engine turns them into
`Violation`s (with line and column) once, so that sorting, filtering, baselines and every
output format work on the same shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType
from typing import NamedTuple


class Severity(IntEnum):
    """Ordered so that `--fail-on warning` means "warning or worse"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


NO_FIELDS: Mapping[str, str] = MappingProxyType({})  # shared by every finding without fields: read-only


class Edit(NamedTuple):
    """Replace text[start:end] (character offsets in the decoded text) with `replacement`."""

    start: int
    end: int
    replacement: str


_GAPS = re.compile(r"(\s+)")  # split() gives word, gap, word, gap ... word


def keeping_line_breaks(text: str, edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
    """`edits` with the line breaks of the text they replace kept. In a Markdown paragraph of
    wrapped lines a name can break at a line end (`Guiseppe⏎Conte`): its fix is `Giuseppe⏎Conte`,
    so that no fix joins lines and moves the ones after it. The replacement's words are laid over
    the original's gaps one for one; where they cannot be (`Presiden⏎Jokowi` ->
    `Presiden Joko Widodo`), the violation carries no fix, and is still reported."""
    kept = []
    for edit in edits:
        old = text[edit.start:edit.end]
        if "\n" not in old and "\r" not in old:
            kept.append(edit)
            continue
        old_parts, new_parts = _GAPS.split(old), _GAPS.split(edit.replacement)
        if len(old_parts) != len(new_parts):
            return ()
        merged = [o if i % 2 and ("\n" in o or "\r" in o) else n
                  for i, (o, n) in enumerate(zip(old_parts, new_parts, strict=True))]
        kept.append(Edit(edit.start, edit.end, "".join(merged)))
    return tuple(kept)


class Finding(NamedTuple):
    """What a check reports: a span of the text, the message fields, and an optional fix.

    `fields` fill the rule's message template (`{match}` is always available);
    `outcome` names which of the kind's messages applies (`default`, `missing`, ...).
    """

    start: int
    end: int
    outcome: str = "default"
    fields: Mapping[str, str] = NO_FIELDS
    fix: tuple[Edit, ...] = ()


class Violation(NamedTuple):
    """One breach of one rule at one place in one file. Lines and columns are 1-based;
    columns count characters (code points), not bytes; `end_*` points just past the span."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule_id: str
    severity: Severity
    message: str
    start: int = 0
    end: int = 0
    matched: str = ""
    context: str = ""
    fix: tuple[Edit, ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule_id)
