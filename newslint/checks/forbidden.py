r"""`forbidden`: a pattern must not occur in a scope.

Give `pattern` (a regular expression) or `tokens` (literal words or phrases, matched on word
boundaries; a long list costs no more per word than a short one).

    - id: AN201
      kind: forbidden
      scope: trailer
      pattern: '(?<=\p{Ll})(?:Editor|Pewarta|Copyright)\b'
      message: Baris trailer menempel pada baris sebelumnya ("{match}")

Flags `Pewarta: Putu Indah SavitriEditor: Agus Salim`; passes the same lines on lines of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newslint.checks._common import compile_pattern, exactly_one, matches_in
from newslint.lexicon import PhraseIndex
from newslint.packs.schema import Key
from newslint.violation import Finding

KIND = "forbidden"
SUMMARY = "a pattern or a list of words must not occur"
DEFAULT_SCOPE = "body"
OPTIONS = {
    "pattern": Key((str,), "regular expression that must not match"),
    "tokens": Key((list,), "words or phrases that must not occur (word boundaries implied)", items=str),
    "ignorecase": Key((bool,), "match without regard to case", default=False),
}
MESSAGES = {"default": "'{match}' is not allowed"}
FIELDS: tuple[str, ...] = ()


def compile(options: dict[str, Any], path: Path, raw: Any) -> Any:
    if exactly_one(options, ("pattern", "tokens"), path, raw) == "pattern":
        return compile_pattern(options["pattern"], options["ignorecase"], path, raw, "pattern")
    index: PhraseIndex[str] = PhraseIndex(options["ignorecase"])
    for token in options["tokens"]:
        index.add(token, token)
    return index


def screen(doc: Any, rule: Any, ctx: Any) -> bool:
    """`tokens`: the words of one of them are in the text; `pattern`: a literal it needs is."""
    if isinstance(rule.compiled, PhraseIndex):
        return ctx.may_hold(rule.compiled, rule.scope)
    return ctx.may_match(rule.compiled)


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    spans = doc.anatomy.spans(rule.scope)
    if isinstance(rule.compiled, PhraseIndex):
        for start, end in spans:
            for hit in rule.compiled.find(doc.text, ctx.words(start, end)):
                yield Finding(hit.start, hit.end)
        return
    for m in matches_in(rule.compiled, doc.text, spans, ctx, doc.anatomy.lined(rule.scope)):
        if m.end() > m.start():
            yield Finding(m.start(), m.end())
