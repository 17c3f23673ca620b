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


def local_moment(stamp: str) -> datetime:
    """A moment recorded in UTC (the audit log, the documents record) as the jury room's
    clock shows it: the machine's local time, without zone. A stamp without zone is taken
    as local already."""
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)


def local_stamp(stamp: str) -> str:
    """« 03/12/2026 09:18 », local time (see :func:`local_moment`)."""
    return local_moment(stamp).strftime("%d/%m/%Y %H:%M")
