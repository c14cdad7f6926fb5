"""Weekday and month names of the languages newslint reads, and date arithmetic on them."""

from __future__ import annotations

import datetime
from typing import NamedTuple


class Calendar(NamedTuple):
    """Names of weekdays (Monday = 0) and months (January = 1) in one language."""

    language: str
    weekdays: dict[str, int]
    months: dict[str, int]
    weekday_names: tuple[str, ...]  # the house spelling, Monday first
    month_names: tuple[str, ...]


INDONESIAN = Calendar(
    language="id",
    weekdays={"Senin": 0, "Selasa": 1, "Rabu": 2, "Kamis": 3, "Jumat": 4, "Jum'at": 4, "Jum’at": 4,
              "Sabtu": 5, "Minggu": 6, "Ahad": 6},
    months={"Januari": 1, "Februari": 2, "Pebruari": 2, "Maret": 3, "April": 4, "Mei": 5, "Juni": 6, "Juli": 7,
            "Agustus": 8, "September": 9, "Oktober": 10, "Nopember": 11, "November": 11, "Desember": 12},
    weekday_names=("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    month_names=("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                 "Oktober", "November", "Desember"),
)

ENGLISH = Calendar(
    language="en",
    weekdays={"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6},
    months={"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
            "September": 9, "October": 10, "November": 11, "December": 12,
            "Jan.": 1, "Feb.": 2, "Aug.": 8, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12,
            "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
            "Oct": 10, "Nov": 11, "Dec": 12},
    weekday_names=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    month_names=("January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"),
)

CALENDARS = {"id": INDONESIAN, "en": ENGLISH}


def make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


#: How far across New Year a bare date may reach: a story of 2 January that says `Senin (28/12)`
#: means last December, but a story of 31 December that recalls `Sabtu (21/3)` means this March
#: (writers add the year to a date in another year unless it is a matter of days or weeks).
YEAR_BOUNDARY_DAYS = 62


def nearest_year(month: int, day: int, reference: datetime.date) -> int:
    """The year a bare day/month belongs to, read as an editor does: the reference's own year,
    unless the same day/month in the year before or after lies within `YEAR_BOUNDARY_DAYS` of the
    reference and nearer than this year's (a story of 2 January 2021 that says `Senin (28/12)`
    means 28 December 2020). Impossible dates fall back to the reference year."""
    same = make_date(reference.year, month, day)
    best, best_distance = reference.year, abs((same - reference).days) if same else None
    for year in (reference.year - 1, reference.year + 1):
        when = make_date(year, month, day)
        if when is None:
            continue
        distance = abs((when - reference).days)
        if distance <= YEAR_BOUNDARY_DAYS and (best_distance is None or distance < best_distance):
            best, best_distance = year, distance
    return best
