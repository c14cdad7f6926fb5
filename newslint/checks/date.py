"""`date`: newsroom dates are well written, exist, and agree with their weekday.

Reads, in Indonesian copy (`calendar: id`):
  `Sabtu (21/3)`, `Senin (31/8/2020)`   weekday and day/month[/year] in parentheses
  `Minggu, 23 Februari 2020`, `23 Februari 2020`
and in English copy (`calendar: en`): `Saturday, March 21`, `March 21, 2020`, `Sept. 9`.

Outcomes: `notation` (badly written: `Sabtu(21/3)`, `Sabtu (21-3)`, `(21/03)`; the fix rewrites it),
`invalid` (no such date: `(31/2)`), and `default`: the weekday contradicts the date.
A date with no year takes the year that puts it nearest the story's date (see `storydate`);
when the story's year is unknown, the weekday is not checked (no guess, no false alarm). When only
the year is known (the copyright line's), a bare December date whose weekday agrees in the year
before (`Kamis (31/12)` in a 2021 story: 31 December 2020), or a January date whose weekday agrees
in the year after, is not reported either.
A weekday alone (`pada Minggu sore`) and `minggu` meaning "week" make no date claim.

    - id: AN501
      kind: date
      message: "{match}: {date} jatuh pada hari {expected}, bukan {weekday}"
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from newslint.calendar_words import CALENDARS, Calendar, make_date, nearest_year
from newslint.checks._common import UNUSUAL_COPY, finditer
from newslint.packs.schema import Key
from newslint.violation import Edit, Finding

KIND = "date"
SUMMARY = "dates are well formed, exist, and agree with their weekday"
SLOW_HINT = UNUSUAL_COPY
DEFAULT_SCOPE = "body"
OPTIONS = {
    "calendar": Key((str,), "language of weekday and month names", default="id", choices=tuple(CALENDARS)),
    "notation": Key((bool,), "also check how `Weekday (d/m)` is written", default=True),
}
MESSAGES = {
    "default": "{match}: {date} is a {expected}, not a {weekday}",
    "invalid": "{match}: there is no such date",
    "notation": "write the date as '{expected}', not '{match}'",
}
FIELDS = ("date", "weekday", "expected")


def _alternation(words: Any) -> str:
    return "|".join(sorted((regex.escape(w) for w in words), key=len, reverse=True))


def compile(options: dict[str, Any], path: Path, raw: Any) -> tuple[Calendar, regex.Pattern, re.Pattern[str]]:
    cal = CALENDARS[options["calendar"]]
    days, months = _alternation(cal.weekdays), _alternation(cal.months)
    pattern = regex.compile(
        rf"""(?<![\p{{L}}\p{{N}}])
        (?:
          (?P<wd>{days})(?P<gap>[ \t]*)\((?P<d>\d{{1,2}})(?P<sep>[ \t]*[/.-][ \t]*)(?P<m>\d{{1,2}})
              (?:(?P=sep)(?P<y>\d{{2,4}}))?\)
        | (?:(?P<wd2>{days}),?[ \t]+)?(?P<d2>\d{{1,2}})[ \t]+(?P<mn>{months})(?![\p{{L}}])(?:[ \t]+(?P<y2>\d{{4}}))?
        | (?:(?P<wd3>{days}),?[ \t]+)?(?P<mn3>{months})(?![\p{{L}}])[ \t]*(?P<d3>\d{{1,2}})(?![\p{{N}}]|st|nd|rd|th)
              (?:,[ \t]*(?P<y3>\d{{4}}))?
        )(?![\p{{N}}])""",
        regex.X,
    )
    return cal, pattern, _names_pattern(cal)


def _names_pattern(cal: Calendar) -> re.Pattern[str]:
    """Any weekday or month name of the calendar, as written: every branch of the date pattern
    holds one, case and all, so a paragraph without one holds no date. Python's own `re` finds
    these plain words about six times faster than the date pattern is searched for."""
    names = sorted([*cal.weekdays, *cal.months], key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names))


def _story_year(ctx: Any, month: int, day: int) -> int | None:
    story = ctx.story_date
    if story.date is not None:
        return nearest_year(month, day, story.date)
    return story.year


def screen(doc: Any, rule: Any, ctx: Any) -> bool:
    """Every date the pattern reads holds a weekday or a month name (`_names_pattern`)."""
    return rule.compiled[2].search(doc.text) is not None


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    cal, pattern, names = rule.compiled
    text = doc.text
    for start, end in doc.anatomy.spans(rule.scope):
        if names.search(text, start, end) is None:  # no weekday or month name, no date
            continue
        for m in finditer(pattern, text, start, end, ctx):
            if m["wd"]:
                weekday, day, month, year_text = m["wd"], int(m["d"]), int(m["m"]), m["y"]
                if rule.options["notation"]:
                    fixed = _house_notation(m)
                    if fixed != m.group():
                        yield Finding(m.start(), m.end(), "notation", {"expected": fixed},
                                      (Edit(m.start(), m.end(), fixed),))
            elif m["mn"]:
                weekday, day, month, year_text = m["wd2"], int(m["d2"]), cal.months[m["mn"]], m["y2"]
            else:
                weekday, day, month, year_text = m["wd3"], int(m["d3"]), cal.months[m["mn3"]], m["y3"]
            if year_text and len(year_text) == 4:
                year: int | None = int(year_text)
            elif year_text:
                year = 2000 + int(year_text)
            else:
                year = _story_year(ctx, month, day)
            if not 1 <= month <= 12 or not 1 <= day <= 31 or (year is None and make_date(2000, month, day) is None):
                yield Finding(m.start(), m.end(), "invalid")
                continue
            if year is None:
                continue
            when = make_date(year, month, day)
            if when is None:  # `Feb. 30`, `29 Februari 2023`: impossible with or without a weekday
                yield Finding(m.start(), m.end(), "invalid")
                continue
            if not weekday:
                continue
            if when.weekday() != cal.weekdays[weekday]:
                if not year_text and ctx.story_date.date is None and _fits_across_new_year(when, cal.weekdays[weekday]):
                    continue
                right = cal.weekday_names[when.weekday()]
                yield Finding(m.start(), m.end(), "default",
                              {"date": _written(when, cal), "weekday": weekday, "expected": right})


def _fits_across_new_year(when: datetime.date, weekday: int) -> bool:
    """With only the story's year known (from its copyright line), a bare December date may belong
    to the year before (`Kamis (31/12)` in a story of early January 2021 is 31 December 2020), and a
    bare January date to the year after. Such a date is not reported when its weekday agrees in
    that year (no guess, no false alarm); any other month is read in the copyright's year."""
    if when.month not in (1, 12):
        return False
    other = make_date(when.year - 1 if when.month == 12 else when.year + 1, when.month, when.day)
    return other is not None and other.weekday() == weekday


def _house_notation(m: regex.Match) -> str:
    year = m["y"] or ""
    if len(year) == 2:
        year = "20" + year
    inside = f"{int(m['d'])}/{int(m['m'])}" + (f"/{year}" if year else "")
    return f"{m['wd']} ({inside})"


def _written(when: datetime.date, cal: Calendar) -> str:
    if cal.language == "en":
        return f"{cal.month_names[when.month - 1]} {when.day}, {when.year}"
    return f"{when.day} {cal.month_names[when.month - 1]} {when.year}"
