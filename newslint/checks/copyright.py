"""`copyright`: the footer line exists, is the last line, has the house form and the right year.

`forms` lists the accepted forms, with `{holder}` and `{year}` standing for the holder's name and
a four-digit year; the first form is the one fixes write. Outcomes:
`missing` (no copyright line at all), `default` (not in an accepted form), `not_last`
(lines follow it), `year` (its year differs from the story's year, known from `--date`, the
front matter or the dateline; never guessed from dates in the body).

    - id: AN601
      kind: copyright
      holder: ANTARA
      forms: ["Copyright © {holder} {year}", "COPYRIGHT © {holder} {year}"]
      message: Baris hak cipta ditulis "{expected}", bukan "{match}"
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from newslint.anatomy import GAP
from newslint.checks._common import IF_PRESENT_HELP, UNUSUAL_COPY, compile_condition, condition_holds
from newslint.errors import PackError
from newslint.packs.schema import Key
from newslint.patterns import lazy
from newslint.violation import Edit, Finding

KIND = "copyright"
SUMMARY = "the copyright footer exists, is last, has the house form and the story's year"
SLOW_HINT = UNUSUAL_COPY
DEFAULT_SCOPE = "trailer"
OPTIONS = {
    "holder": Key((str,), "who holds the copyright, e.g. ANTARA", required=True),
    "forms": Key((list,), "accepted forms with {holder} and {year}; the first is the house form",
                 default=["Copyright © {holder} {year}"], items=str),
    "must_be_last": Key((bool,), "the copyright line must be the story's last line", default=True),
    "if_present": Key((str,), IF_PRESENT_HELP),
}
MESSAGES = {
    "default": "write the copyright line as '{expected}', not '{match}'",
    "missing": "the copyright line is missing",
    "not_last": "the copyright line must be the last line",
    "year": "the copyright year {match} differs from the story's year {expected}",
}
FIELDS = ("expected",)
_GLUED = lazy(r"(?i)\bcopyright\b|©|\bhak cipta\b")
_YEAR = lazy(r"\b(?:19|20)\d\d\b")


def compile(options: dict[str, Any], path: Path, raw: Any) -> tuple[list[regex.Pattern], regex.Pattern | None]:
    patterns = []
    for form in options["forms"]:
        if "{year}" not in form:
            raise PackError(f"the form {form!r} has no {{year}}", str(path), raw.line_of("forms"), "forms")
        parts = regex.split(r"(\{holder\}|\{year\})", form)
        body = "".join(
            regex.escape(options["holder"]) if p == "{holder}" else r"(?P<year>\d{4})" if p == "{year}"
            else rf"{GAP}+".join(regex.escape(w) for w in p.split(" ")) for p in parts
        )  # a no-break or zero-width space from a CMS is a space here, as in the trailer's labels
        patterns.append(regex.compile(rf"{GAP}*{body}{GAP}*"))
    return patterns, compile_condition(options, path, raw)


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    forms, condition = rule.compiled
    if not condition_holds(condition, doc, ctx.timeout):
        return
    text = doc.text
    anatomy = doc.anatomy
    lines = anatomy.trailer("copyright")
    if not lines:
        glued = any(_GLUED.search(text, b.start, b.end, timeout=ctx.timeout) for b in anatomy.trailer())
        if not glued:  # a copyright glued onto another line is the glue rule's finding, not a missing line
            at = ctx.last_line_start()
            yield Finding(at, at, "missing")
        return
    line = lines[-1]
    start, end = _strip(text, line.start, line.end)
    house = rule.options["forms"][0].replace("{holder}", rule.options["holder"])
    written = next((m for m in (p.fullmatch(text, line.start, line.end, timeout=ctx.timeout) for p in forms)
                    if m), None)
    story = ctx.story_date
    if written is None:
        year = _YEAR.search(text, start, end, timeout=ctx.timeout)
        year_text = str(story.year) if story.strong and story.year else year.group() if year else ""
        if year_text:
            expected = house.replace("{year}", year_text)
            yield Finding(start, end, "default", {"expected": expected}, (Edit(start, end, expected),))
        else:
            yield Finding(start, end, "default", {"expected": house.replace("{year}", "YYYY")})
    elif story.strong and story.year and int(written["year"]) != story.year:
        y0, y1 = written.span("year")
        yield Finding(y0, y1, "year", {"expected": str(story.year)}, (Edit(y0, y1, str(story.year)),))
    if rule.options["must_be_last"] and anatomy.blocks[-1].start != line.start:
        yield Finding(start, end, "not_last")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end
