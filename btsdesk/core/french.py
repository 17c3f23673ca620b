"""French dates and times, written out (the machines have only the C locale)."""

from __future__ import annotations

from datetime import date, datetime, time

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def long_date(day: date, *, with_year: bool = True) -> str:
    """« 9 avril 2005 », « 1er juillet 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def weekday_date(day: date, *, with_year: bool = True) -> str:
    """« lundi 6 juillet 2026 »."""
    return f"{WEEKDAYS[day.weekday()]} {long_date(day, with_year=with_year)}"


def clock(moment: time | datetime, space: str = " ") -> str:
    """« 14 h 20 », « 8 h 05 », « 9 h »; documents pass a non-breaking space."""
    if moment.minute == 0:
        return f"{moment.hour}{space}h"
    return f"{moment.hour}{space}h{space}{moment.minute:02d}"
