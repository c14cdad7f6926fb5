"""What the check kinds share: compiling patterns with clear errors, matching inside scopes."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any

import regex

from newslint.errors import PackError
from newslint.literals import needs
from newslint.packs.yamlsafe import YMap
from newslint.spansearch import spans_to_search


def compile_pattern(pattern: str, ignorecase: bool, path: Path, raw: YMap, key: str, multiline: bool = True) -> regex.Pattern:
    """Compile a rule's regular expression; a bad one names the pack, line and key.

    Multi-line patterns get the WORD flag so that `^` and `$` see CR and CRLF line ends as line
    ends too (without it they only know LF, and CR-only or CRLF copy would slip through)."""
    flags = regex.V0 | (regex.IGNORECASE if ignorecase else 0) | (regex.MULTILINE | regex.WORD if multiline else 0)
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as exc:
        at = f" at position {exc.pos}" if getattr(exc, "pos", None) is not None else ""
        raise PackError(f"invalid regular expression: {exc.msg if hasattr(exc, 'msg') else exc}{at}", str(path), raw.line_of(key), key) from None
    except (OverflowError, RecursionError, MemoryError):
        raise PackError("regular expression is too large to compile", str(path), raw.line_of(key), key) from None
    needs(compiled.pattern, compiled.flags)  # read now, so that the pack cache keeps it (`literals.snapshot`)
    return compiled


def matches_in(pattern: regex.Pattern, text: str, spans: list[tuple[int, int]], ctx: Any,
               lined: bool = False) -> Iterator[Any]:
    """Every match of `pattern` inside each span (`$` sees the span's end; `^` a line start).

    The time left for the rule (`ctx.timeout`) is read again for each span: the limit is the
    rule's on the whole file, not each span's. With `lined` (what `Anatomy.lined(scope)` says of
    the spans), spans where the pattern cannot match are skipped (`spansearch`: one search finds
    where the next match can begin); that pays where matches are rare, not for a pattern that is
    expected to match (`required` leaves it off). A text without a literal the pattern needs
    (`Context.may_match`) is not searched at all."""
    if not ctx.may_match(pattern):
        return
    searched = spans_to_search(pattern, text, spans, ctx, True) if lined else spans
    for start, end in searched:
        yield from finditer(pattern, text, start, end, ctx)


def finditer(pattern: regex.Pattern, text: str, start: int, end: int, ctx: Any) -> Iterator[Any]:
    r"""`pattern.finditer(text, start, end, timeout=ctx.timeout)`, cheaper: one `search` costs
    less than setting up an iterator where nothing matches (most spans), and where something
    does, the iterator takes over after the first match instead of finding it a second time. The
    same matches: a search from `pos` sees the text before it (lookbehind, `\b`, `^`), and `\G`
    is where the search starts, as it is for the iterator's next search. After an empty first
    match the iterator starts from `start` again (what it does next depends on that match).
    The time left for the rule is read again for the iterator."""
    first = pattern.search(text, start, end, timeout=ctx.timeout)
    if first is None:
        return iter(())
    if first.end() == first.start():
        return pattern.finditer(text, start, end, timeout=ctx.timeout)
    return chain((first,), pattern.finditer(text, first.end(), end, timeout=ctx.timeout))


def exactly_one(options: dict[str, Any], keys: tuple[str, ...], path: Path, raw: YMap) -> str:
    given = [k for k in keys if options.get(k) not in (None, [], {})]
    if len(given) != 1:
        raise PackError(f"give exactly one of {', '.join(repr(k) for k in keys)}", str(path), raw.line)
    value = options[given[0]]
    if isinstance(value, str) and not value.strip():
        raise PackError("must not be empty", str(path), raw.line_of(given[0]), given[0])
    return given[0]


def compile_condition(options: dict[str, Any], path: Path, raw: YMap) -> regex.Pattern | None:
    """`if_present`: the rule applies only to stories where this pattern matches (for instance the
    agency in the dateline, so one pack can hold Reuters' and AP's trailer rules)."""
    pattern = options.get("if_present")
    return compile_pattern(pattern, False, path, raw, "if_present") if pattern else None


def condition_holds(condition: regex.Pattern | None, doc: Any, timeout: float | None) -> bool:
    return condition is None or condition.search(doc.text, doc.body_start, timeout=timeout) is not None


#: NL003's advice for kinds whose matching the rule's author does not write (`SLOW_HINT`).
UNUSUAL_COPY = "the story is unusual for this check (one huge line, or a very long run of names?); --timeout raises the limit"

IF_PRESENT_HELP = "regular expression: the rule applies only to stories where it matches (e.g. `\\(AP\\)`)"
