"""`required`: something must be in a region of the story.

Give either `pattern` (a regular expression that must match in the scope), or `label` for a
labelled line such as `Pewarta: Name`. A label is found with real variants tolerated: any
spacing and case (`Pewarta : Name`, `PEWARTA:Name`), and a label glued to the end of the line
before it. A label with no name after it is reported with the `empty` message; what counts as
a name is `value` (default: anything with a letter, so `A/B` and `A dan B` pass).

    - id: AN102
      kind: required
      label: Pewarta
      message: Baris "Pewarta:" tidak ada
      messages: {empty: Baris "Pewarta:" tidak menyebut nama}

Flags a story without a `Pewarta:` line, and `Pewarta:` with nothing after it;
passes `Pewarta : Yashinta Difa Pramudyani` and `Pewarta: A/B`.

`if_present` (a regular expression) limits the rule to stories where it matches anywhere: the
Reuters trailer `(Reporting by ...; Editing by ...)` is required only in `(Reuters)` copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from newslint.anatomy import GAP
from newslint.checks._common import IF_PRESENT_HELP, compile_condition, compile_pattern, condition_holds, exactly_one, matches_in
from newslint.literals import needs
from newslint.packs.schema import Key
from newslint.violation import Finding

KIND = "required"
SUMMARY = "a pattern or a labelled line must occur in a scope"
DEFAULT_SCOPE = "document"
OPTIONS = {
    "pattern": Key((str,), "regular expression that must match somewhere in the scope"),
    "label": Key((str,), "label of a line that must be present, e.g. `Pewarta`"),
    "value": Key((str,), "what must follow the label's colon", default=r"\p{L}"),
    "ignorecase": Key((bool,), "match without regard to case (labels always do)", default=False),
    "if_present": Key((str,), IF_PRESENT_HELP),
}
MESSAGES = {"default": "required text is missing", "empty": "'{label}' has no value after it"}
FIELDS = ("label",)


def compile(options: dict[str, Any], path: Path, raw: Any) -> dict[str, Any]:
    if exactly_one(options, ("pattern", "label"), path, raw) == "label":
        words = rf"{GAP}+".join(regex.escape(w) for w in options["label"].split())
        label = regex.compile(rf"(?:^|(?<=[\p{{Ll}}\p{{N}}.])){GAP}*(?P<label>{words}){GAP}*:{GAP}*(?P<value>[^\r\n]*)",
                              regex.I | regex.M | regex.W)
        needs(label.pattern, label.flags)  # searched through `matches_in`: read now, for the pack cache
        return {"label": label, "value": compile_pattern(options["value"], False, path, raw, "value"),
                "if": compile_condition(options, path, raw)}
    return {"pattern": compile_pattern(options["pattern"], options["ignorecase"], path, raw, "pattern"),
            "if": compile_condition(options, path, raw)}


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    compiled = rule.compiled
    if not condition_holds(compiled["if"], doc, ctx.timeout):
        return
    spans = doc.anatomy.spans(rule.scope)
    pattern = compiled.get("pattern") or compiled["label"]
    found = False
    for m in matches_in(pattern, doc.text, spans, ctx):  # expected to match: no span to skip
        found = True
        if "value" not in compiled:
            break  # a pattern is there: the rest of the scope need not be searched
        if not compiled["value"].search(m["value"], timeout=ctx.timeout):
            yield Finding(m.start("label"), m.end(), "empty", {"label": m["label"]})
    if not found:
        at = spans[0][0] if spans and rule.scope not in ("trailer", "document", "last-line") else ctx.last_line_start()
        yield Finding(at, at, "default", {"label": rule.options["label"] or ""})
