r"""`sequence`: lines must come in a given order, and one of them may have to be last.

`steps` lists named patterns in the order their lines must appear (each pattern is matched at
the start of a line of the scope; the first line that matches a step stands for it). A line
whose step should come before a step already seen is reported. `last` names the step whose
line must be the last line of the story (outcome `last`).

    - id: AN301
      kind: sequence
      scope: trailer
      steps:
        - {name: Pewarta, pattern: 'Pewarta\s*:'}
        - {name: Editor, pattern: 'Editor\s*:'}
        - {name: Copyright, pattern: '(?i)copyright|©'}
      message: Baris {name} harus sebelum baris {after}

Flags `Editor:` above `Pewarta:`; passes `Pewarta:`, `Editor:`, `Copyright © ANTARA 2020`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from newslint.checks._common import compile_pattern
from newslint.errors import PackError
from newslint.packs.schema import Key, validate
from newslint.violation import Finding

KIND = "sequence"
SUMMARY = "lines must come in a given order; one may have to be last"
DEFAULT_SCOPE = "trailer"
STEP_KEYS = {
    "name": Key((str,), "the step's name, used in messages", required=True),
    "pattern": Key((str,), "regular expression matched at the start of a line", required=True),
}
OPTIONS = {
    "steps": Key((list,), "the named patterns, in the order their lines must come", required=True, items=dict),
    "last": Key((str,), "name of the step whose line must be the story's last line"),
    "ignorecase": Key((bool,), "match without regard to case", default=False),
}
MESSAGES = {"default": "the {name} line must come before the {after} line", "last": "the {name} line must be the last line"}
FIELDS = ("name", "after")


class Steps(NamedTuple):
    """The compiled steps, (name, pattern) in order, and their patterns alone for the screen."""

    steps: tuple[tuple[str, Any], ...]
    patterns: tuple[Any, ...]


def compile(options: dict[str, Any], path: Path, raw: Any) -> Steps:
    steps = []
    for i, item in enumerate(options["steps"]):
        values = validate(item, STEP_KEYS, str(path), "a sequence step", raw["steps"].line_of(i))
        steps.append((values["name"], compile_pattern(values["pattern"], options["ignorecase"], path, item, "pattern")))
    if len(steps) < 2 and not options["last"]:
        raise PackError("a sequence needs at least two steps (or one step and `last`)", str(path), raw.line_of("steps"), "steps")
    if options["last"] and options["last"] not in [name for name, _ in steps]:
        raise PackError(f"'last' names no step: {options['last']!r}", str(path), raw.line_of("last"), "last")
    return Steps(tuple(steps), tuple(pattern for _, pattern in steps))


def screen(doc: Any, rule: Any, ctx: Any) -> bool:
    """Every finding is a line that matches a step: a literal one step needs is in the text."""
    return ctx.may_match_any(rule.compiled.patterns)


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    text = doc.text
    steps = rule.compiled.steps
    seen_index = -1
    seen_name = ""
    last_step_block = None
    for start, end in doc.anatomy.spans(rule.scope):
        for index, (name, pattern) in enumerate(steps):
            m = pattern.match(text, start, end, timeout=ctx.timeout)
            if not m:
                continue
            if index < seen_index:
                yield Finding(start, end, "default", {"name": name, "after": seen_name})
            elif index > seen_index:
                seen_index, seen_name = index, name
            if name == rule.options["last"] and last_step_block is None:
                last_step_block = (start, end)
            break
    blocks = doc.anatomy.blocks
    if last_step_block is not None and blocks and blocks[-1].start != last_step_block[0]:
        yield Finding(last_step_block[0], last_step_block[1], "last", {"name": rule.options["last"]})
