"""When was the story written? Needed to check `Sabtu (21/3)` and the copyright year.

Sources, strongest first: the `--date` option (or a configuration's fixed `date`), the front
matter's `date:`, a date in the dateline, the reporting date of an attribution (`kata X di Kupang, Minggu, 10 September 2023`:
a full date with its weekday after `di <Place>,`, the ANTARA way of dating what was said), the
year on the copyright line, the latest full date written in the story.
A configuration's `date: front-matter` stops after the front matter.
The first four are "strong": a copyright year is checked against them, never against any other
date in the body (which may be in another year by design: `Senin (31/8/2020)`).

A copyright year alone gives no day, yet a bare `Minggu (29/12)` in a story of 3 January needs
one to be read as last December. Like an editor, we then take the lead's first `Weekday (d/m)`
that agrees with its weekday in that year as the story's day (source `lead`, not strong).
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

import regex

from newslint.calendar_words import ENGLISH, INDONESIAN, make_date
from newslint.document import Document
from newslint.patterns import lazy

_MONTHS = {**INDONESIAN.months, **ENGLISH.months}
_MONTH_ALT = "|".join(sorted((regex.escape(m) for m in _MONTHS), key=len, reverse=True))
_FULL_DATE = lazy(
    rf"\b(?P<d>\d{{1,2}})[ \t]+(?P<mn>{_MONTH_ALT})(?!\w)[ \t]+(?P<y>\d{{4}})\b"
    rf"|\b(?P<mn2>{_MONTH_ALT})(?!\w)[ \t]+(?P<d2>\d{{1,2}}),?[ \t]+(?P<y2>\d{{4}})\b"
    r"|\((?P<d3>\d{1,2})/(?P<m3>\d{1,2})/(?P<y3>\d{4})\)"
)
_WEEKDAYS = {**INDONESIAN.weekdays, **ENGLISH.weekdays}
_WEEKDAY_ALT = "|".join(sorted((regex.escape(w) for w in _WEEKDAYS), key=len, reverse=True))
_REPORTING = lazy(
    rf"(?<![\p{{L}}])di[ \t]+\p{{Lu}}[\p{{L}}\p{{M}}' -]{{1,40}}?,[ \t]+(?P<wd>{_WEEKDAY_ALT}),?[ \t]+"
    rf"(?P<d>\d{{1,2}})[ \t]+(?P<mn>{_MONTH_ALT})(?!\w)[ \t]+(?P<y>\d{{4}})\b"
)
_LEAD_DAY = lazy(rf"(?<![\p{{L}}])(?P<wd>{_WEEKDAY_ALT})[ \t]*\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})\)")
_COPYRIGHT_YEAR = lazy(r"\b((?:19|20)\d\d)\b")
_ISO = lazy(r"^\s*(\d{4})(?:-(\d{1,2})-(\d{1,2}))?\s*$")


class StoryDate(NamedTuple):
    year: int | None = None
    date: datetime.date | None = None
    source: str = ""

    @property
    def strong(self) -> bool:
        return self.source in ("option", "front matter", "dateline", "reporting")


def parse_date_option(value: str) -> StoryDate:
    """`--date 2020-03-22` or `--date 2020`; raises ValueError with a readable message."""
    m = _ISO.match(value)
    if not m:
        raise ValueError(f"expected YYYY-MM-DD or YYYY, got {value!r}")
    if m[2]:
        when = make_date(int(m[1]), int(m[2]), int(m[3]))
        if when is None:
            raise ValueError(f"{value!r} is not a real date")
        return StoryDate(when.year, when, "option")
    return StoryDate(int(m[1]), None, "option")


def _match_date(m: regex.Match) -> datetime.date | None:
    if m["d"]:
        return make_date(int(m["y"]), _MONTHS[m["mn"]], int(m["d"]))
    if m["d2"]:
        return make_date(int(m["y2"]), _MONTHS[m["mn2"]], int(m["d2"]))
    return make_date(int(m["y3"]), int(m["m3"]), int(m["d3"]))


def resolve(doc: Document, option: StoryDate | None, source: str = "auto") -> StoryDate:
    """The story's date; `source="front-matter"` (a configuration's `date`) trusts only the front matter."""
    if option is not None:
        return option
    front = doc.publication_date()
    if front is not None:
        return StoryDate(front.year, front, "front matter")
    if source == "front-matter":
        return StoryDate()
    anatomy = doc.anatomy
    if anatomy.dateline is not None and anatomy.dateline.date:
        m = _FULL_DATE.search(anatomy.dateline.date)
        when = _match_date(m) if m else None
        if when is not None:
            return StoryDate(when.year, when, "dateline")
    body = anatomy.spans("body")
    for start, end in body:
        for m in _REPORTING.finditer(doc.text, start, end):
            when = make_date(int(m["y"]), _MONTHS[m["mn"]], int(m["d"]))
            if when is not None and when.weekday() == _WEEKDAYS[m["wd"]]:
                return StoryDate(when.year, when, "reporting")
    for block in reversed(anatomy.trailer("copyright")):
        m = _COPYRIGHT_YEAR.search(doc.text, block.start, block.end)
        if m:
            year = int(m[1])
            lead = next((b for b in anatomy.blocks if b.kind == "lead"), None)
            for d in _LEAD_DAY.finditer(doc.text, lead.start, lead.end) if lead else ():
                when = make_date(year, int(d["m"]), int(d["d"]))
                if when is not None and when.weekday() == _WEEKDAYS[d["wd"]]:
                    return StoryDate(year, when, "lead")
            return StoryDate(year, None, "copyright")
    latest = None
    for start, end in body:
        for m in _FULL_DATE.finditer(doc.text, start, end):
            when = _match_date(m)
            if when is not None and (latest is None or when > latest):
                latest = when
    if latest is not None:
        return StoryDate(latest.year, latest, "body")
    return StoryDate()
