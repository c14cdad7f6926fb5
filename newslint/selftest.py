"""`newslint test-rules`: every rule's examples, run through the real engine.

A names rule also tests its dictionary: each wrong form must be flagged alone, each canonical
form must pass alone (so a desk learns at once that an entry can never fire, or misfires).
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.document import Document
from newslint.engine import RunOptions, lint_document
from newslint.packs.loader import Example, Pack, Rule
from newslint.storydate import parse_date_option


def _flags(rule: Rule, example: Example) -> list[str]:
    options = RunOptions(date=parse_date_option(example.date) if example.date else None)
    doc = Document.from_text(example.text, example.path)
    return [v.message for v in lint_document(doc, [rule], options) if v.rule_id == rule.id]


def _dictionary_examples(rule: Rule) -> tuple[list[Example], list[Example]]:
    index = rule.compiled
    return [Example(form) for form in index.wrong_forms], [Example(name) for name in index.canonical]


def run_examples(pack: Pack) -> Iterator[tuple[Rule, list[str], str]]:
    """(rule, problems, summary) for every rule of the pack."""
    for rule in pack.rules:
        flag, passing = list(rule.flag_examples), list(rule.pass_examples)
        problems: list[str] = []
        if rule.kind == "names":
            extra_flag, extra_pass = _dictionary_examples(rule)
            flag += extra_flag
            passing += extra_pass
        if not rule.flag_examples and rule.kind != "names":
            problems.append("has no example it must flag (examples: flag:)")
        if not rule.pass_examples and rule.kind != "names":
            problems.append("has no example it must pass (examples: pass:)")
        for example in flag:
            if not _flags(rule, example):
                problems.append(f"does not flag: {example.text.strip()[:100]!r}")
        for example in passing:
            found = _flags(rule, example)
            if found:
                problems.append(f"flags what it must pass: {example.text.strip()[:100]!r} ({found[0]})")
        yield rule, problems, f"{len(flag)} flag, {len(passing)} pass"
