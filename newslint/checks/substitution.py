r"""`substitution`: a wrong form and its right form; the violation carries the fix.

`swap` maps each wrong form to its right form. Forms are literal words or phrases matched on word
boundaries (or regular expressions with `regex: true`, where the right form may use `\1`).
A wrong form never fires where the right form already stands (a wrong form inside the right
one, as `Widodo` in `Joko Widodo`), so applying the fixes twice changes nothing.

    - id: AN401
      kind: substitution
      swap: {"---": "—"}
      regex: false
      message: Tulis "{expected}", bukan "{match}"

With `ignorecase: true`, a match that starts with a capital gets a capitalised replacement.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import regex

from newslint.checks._common import compile_pattern, matches_in
from newslint.errors import PackError
from newslint.lexicon import PhraseIndex, tokens_of
from newslint.packs.schema import Key
from newslint.violation import Edit, Finding

KIND = "substitution"
SUMMARY = "a wrong form is flagged with its right form as the fix"
DEFAULT_SCOPE = "body"
OPTIONS = {
    "swap": Key((dict,), "wrong form -> right form", required=True),
    "ignorecase": Key((bool,), "match without regard to case", default=False),
    "regex": Key((bool,), "the wrong forms are regular expressions", default=False),
}
MESSAGES = {"default": "write '{expected}', not '{match}'"}
FIELDS = ("expected",)


class Swaps(NamedTuple):
    """Compiled swaps that are patterns: (pattern, right form) pairs, and the patterns alone for
    the screen (`Context.may_match_any`), which would otherwise gather them once per story."""

    pairs: tuple[tuple[regex.Pattern, str], ...]
    patterns: tuple[regex.Pattern, ...]


def compile(options: dict[str, Any], path: Path, raw: Any) -> Any:
    swap = options["swap"]
    for wrong, right in swap.items():
        if not isinstance(right, str):
            raise PackError(f"the right form for {wrong!r} must be text", str(path), swap.line_of(wrong), "swap")
        if wrong == right:
            raise PackError(f"{wrong!r} is swapped for itself", str(path), swap.line_of(wrong), "swap")
    if options["regex"] or not all(tokens_of(w) for w in swap):
        sources = {w: w if options["regex"] else regex.escape(w) for w in swap}
        pairs = tuple((compile_pattern(sources[w], options["ignorecase"], path, swap, w), r) for w, r in swap.items())
        return Swaps(pairs, tuple(pattern for pattern, _ in pairs))
    index: PhraseIndex[str] = PhraseIndex(options["ignorecase"])
    for wrong, right in swap.items():
        index.add(wrong, right)
    return index


def already_right(text: str, start: int, end: int, right: str, ignorecase: bool = False) -> bool:
    """True when text[start:end] is part of an occurrence of `right` already in place."""
    wrong = text[start:end]
    haystack, needle = (right.casefold(), wrong.casefold()) if ignorecase else (right, wrong)
    k = haystack.find(needle)
    while k >= 0:
        begin = start - k
        if begin >= 0:
            there = text[begin:begin + len(right)]
            if (there.casefold() if ignorecase else there) == haystack:
                return True
        k = haystack.find(needle, k + 1)
    return False


def _cased(replacement: str, matched: str, ignorecase: bool) -> str:
    if ignorecase and matched[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def screen(doc: Any, rule: Any, ctx: Any) -> bool:
    """Words: the words of one wrong form are in the text; patterns: a literal one needs is."""
    if isinstance(rule.compiled, PhraseIndex):
        return ctx.may_hold(rule.compiled, rule.scope)
    return ctx.may_match_any(rule.compiled.patterns)


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    text = doc.text
    ignorecase = rule.options["ignorecase"]
    spans = doc.anatomy.spans(rule.scope)
    if isinstance(rule.compiled, PhraseIndex):
        for start, end in spans:
            for hit in rule.compiled.find(text, ctx.words(start, end)):
                if not already_right(text, hit.start, hit.end, hit.value, ignorecase):
                    right = _cased(hit.value, text[hit.start:hit.end], ignorecase)
                    yield Finding(hit.start, hit.end, fields={"expected": right}, fix=(Edit(hit.start, hit.end, right),))
        return
    lined = doc.anatomy.lined(rule.scope)
    for pattern, right in rule.compiled.pairs:
        for m in matches_in(pattern, text, spans, ctx, lined):
            if m.end() == m.start():
                continue
            replacement = _cased(m.expand(right) if rule.options["regex"] else right, m.group(), ignorecase)
            if already_right(text, m.start(), m.end(), replacement, ignorecase):
                continue
            yield Finding(m.start(), m.end(), fields={"expected": replacement},
                          fix=(Edit(m.start(), m.end(), replacement),))
