r"""Skip the spans where a pattern cannot match, found with one search over all of them.

A rule's pattern is searched span by span (`$` must see a paragraph's end), and most spans hold
no match: a story's ten paragraphs cost ten searches per pattern, most of it the cost of a call.
One search from a span's start to the end of the last span finds the leftmost place any of the
spans from there on can match, so the spans that end before it are skipped.

Why that is exact, and when. A search with `pos` sees the text before `pos` (lookbehind, `\b`,
`^`), so a per-span search differs from the long one only by where the text ends: at the span's
end instead of the last span's. A match found with the shorter text is also found with the
longer one when

- the spans are in order, do not overlap, and each one but the last ends at a line break
  (`\r` or `\n`): then `\b` and `\B` at a span's end see the same thing as at the end of the text
  (a line break is no word character, and always a word boundary);
- the pattern has nothing whose outcome can turn from "yes" to "no" when more text follows:
  no `$`, `\Z`, `\z`, negative lookahead, atomic group, possessive quantifier, backtracking verb,
  conditional, fuzzy match, grapheme `\X`, word start/end `\m` `\M`, `\G` (the search start), and
  no lookahead inside a negative lookbehind. Everything else only consumes text or looks at text
  before the position, which the longer text leaves as it was.

`end_insensitive` checks the second condition on the pattern's source, conservatively: whatever it
cannot read (verbose mode, version-1 syntax, a `{` that is not a plain repeat count) counts as
unsafe, and such a pattern is simply searched span by span as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise
from typing import Any

import regex

from newslint.patterns import lazy

Span = tuple[int, int]

_UNSAFE_ESCAPES = set("ZzGXmMK")  # end of text, search start, grapheme, word start/end, keep-out
_SAFE_FLAGS = set("imsuaw-")  # inline flags that do not change how the source reads or ends match
_REPEAT = lazy(r"\{\d*(?:,\d*)?\}")
_GROUP_OPEN = lazy(r"P?<[A-Za-z_]\w*>|:|\||<=")  # after `(?`: named, plain, branch reset, lookbehind
_BACKREFERENCE = lazy(r"P=[A-Za-z_]\w*\)")  # after `(?`: `(?P=name)`


def lined(text: str, spans: list[Span]) -> bool:
    """The spans are in order, apart, and each but the last ends at a line break."""
    for (_, end), (next_start, _) in pairwise(spans):
        if end > next_start or end >= len(text) or text[end] not in "\r\n":
            return False
    return True


def spans_to_search(pattern: regex.Pattern, text: str, spans: list[Span], ctx: Any, lined: bool) -> Iterator[Span]:
    """The spans of `spans` in which `pattern` may match, in order (all of them when the shortcut
    does not apply). `lined`: what `lined(text, spans)` says (`Anatomy.lined`, once per scope)."""
    if len(spans) < 2 or not lined or not end_insensitive(pattern.pattern, pattern.flags):
        yield from spans
        return
    last = spans[-1][1]
    hit = -1  # where the leftmost match from the current span's start on begins
    for start, end in spans:
        if hit < start:
            m = pattern.search(text, start, last, timeout=ctx.timeout)
            if m is None:
                return
            hit = m.start()
        if hit <= end:
            yield start, end


@lru_cache(maxsize=4096)
def end_insensitive(source: str, flags: int) -> bool:
    """True when every match of the pattern in a text cut short is also one in the whole text
    (see the module's docstring); False whenever in doubt."""
    if flags & (regex.VERBOSE | regex.REVERSE | regex.VERSION1 | regex.BESTMATCH | regex.ENHANCEMATCH | regex.POSIX):
        return False
    stack: list[str] = []  # the kinds of the open groups: "(?<!" for a negative lookbehind, else "("
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            if i + 1 >= n:
                return False
            e = source[i + 1]
            if e in _UNSAFE_ESCAPES:
                return False
            if e in "pPNx" and i + 2 < n and source[i + 2] == "{":  # \p{L}, \N{name}, \x{263a}
                close = source.find("}", i + 2)
                if close < 0:
                    return False
                i = close + 1
                continue
            i += 2
            continue
        if c == "[":
            i = _skip_class(source, i)
            if i < 0:
                return False
            continue
        if c == "$":
            return False
        if c == "(":
            if source.startswith("(?", i):
                rest = source[i + 2:i + 2 + 40]
                if rest.startswith("<!"):
                    stack.append("(?<!")
                    i += 4
                    continue
                if rest.startswith("="):
                    if "(?<!" in stack:
                        return False
                    stack.append("(")
                    i += 3
                    continue
                m = _GROUP_OPEN.match(rest)
                if m:
                    stack.append("(")
                    i += 2 + m.end()
                    continue
                m = _BACKREFERENCE.match(rest)
                if m:
                    i += 2 + m.end()
                    continue
                flags_end = 0
                while flags_end < len(rest) and rest[flags_end] in _SAFE_FLAGS:
                    flags_end += 1
                if flags_end and flags_end < len(rest) and rest[flags_end] in ":)":
                    if rest[flags_end] == ":":
                        stack.append("(")
                    i += 2 + flags_end + 1
                    continue
                return False  # (?!, (?>, (?(, (?#, (?R, (?1, (?&name), flags such as x or V1 ...
            if source.startswith("(*", i):
                return False
            stack.append("(")
            i += 1
            continue
        if c == ")":
            if not stack:
                return False
            stack.pop()
            i += 1
            continue
        if c in "*+?" and i + 1 < n and source[i + 1] == "+":
            return False  # possessive: *+ ++ ?+
        if c == "{":
            m = _REPEAT.match(source, i)
            if m is None:
                return False  # a fuzzy constraint or a literal brace: not worth reading
            i = m.end()
            if i < n and source[i] == "+":
                return False  # possessive {m,n}+
            continue
        i += 1
    return not stack


def _skip_class(source: str, i: int) -> int:
    """The index just after the character class opening at `i`, or -1 when it is not a plain
    version-0 class (no nested sets)."""
    n = len(source)
    j = i + 1
    if j < n and source[j] == "^":
        j += 1
    if j < n and source[j] == "]":
        j += 1  # a `]` first is a literal
    while j < n:
        c = source[j]
        if c == "\\":
            if j + 2 < n and source[j + 1] in "pPNx" and source[j + 2] == "{":
                close = source.find("}", j + 2)
                if close < 0:
                    return -1
                j = close + 1
                continue
            j += 2
            continue
        if c == "[":
            return -1  # `[[:alpha:]]` or a nested set: not read here
        if c == "]":
            return j + 1
        j += 1
    return -1
