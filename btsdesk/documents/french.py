"""French wording for the documents: dates, times, durations and safe paragraph text.

Only the C locales exist on the machines we target (machine.md), so the day and month names
are spelled out here rather than taken from the system locale."""

from __future__ import annotations

import re
from datetime import date, datetime
from xml.sax.saxutils import escape

from btsdesk.core.french import clock as core_clock
from btsdesk.core.french import long_date, weekday_date

__all__ = ["NBSP", "clock", "long_date", "weekday_date"]

NBSP = "\u00a0"  # ReportLab keeps words joined by U+00A0 on one line (U+202F would break)


def short_date(day: date) -> str:
    """« 06/07/2026 », for tables."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def clock(moment: datetime) -> str:
    """« 14 h 20 », « 8 h 05 », « 9 h » — the parts held together by non-breaking spaces."""
    return core_clock(moment, NBSP)


def minutes(count: int) -> str:
    """« 20 min », « 1 h 30 »."""
    if count >= 60 and count % 60 == 0:
        return f"{count // 60}{NBSP}h"
    if count > 60:
        return f"{count // 60}{NBSP}h{NBSP}{count % 60:02d}"
    return f"{count}{NBSP}min"


def quoted(text: str) -> str:
    """« text », with the guillemets held to the words."""
    return f"«{NBSP}{text}{NBSP}»"


_OPEN_QUOTE = re.compile(r"«[ \t\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \t\u202f]*»")
_HIGH_PUNCTUATION = re.compile(r"[ \t\u202f]+([:;!?])")


def typography(text: str) -> str:
    """French spacing that must not break: « mot », « E1 : 9,50 » (U+00A0 before : ; ! ?)."""
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    return _HIGH_PUNCTUATION.sub(NBSP + r"\1", text)


def para(text: str) -> str:
    """User text made safe for a ReportLab Paragraph (which parses tags): &, < and > escaped,
    line breaks kept, French spacing held by non-breaking spaces."""
    return "<br/>".join(escape(typography(line)) for line in text.splitlines())


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a multi-line field (an address), stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


_RULE = re.compile(r"\bR\d+[a-z]?\b")
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


def _without_rules(match: re.Match[str]) -> str:
    inside = _RULE.sub("", match.group(1))
    inside = re.sub(r"^[\s,;]+|[\s,;]+$", "", re.sub(r"(\s*[,;]\s*){2,}", ", ", inside))
    return f" ({inside})" if inside else ""


def plain(text: str) -> str:
    """A sentence of the engine as a document prints it (§5): the rule numbers it cites
    (« (R14) », « (R13, D643-22) ») left out, since documents speak plain French."""
    return _RULE.sub("", _PARENTHESIS.sub(_without_rules, text)).replace("  ", " ").strip()


def room_label(room: str) -> str:
    """« salle B12 », but « Salle 100 » and « Amphithéâtre » as they are named."""
    room = room.strip()
    first = room.split(" ", 1)[0].casefold()
    if first in ("salle", "amphi", "amphithéâtre", "amphitheatre", "laboratoire", "atelier", "cdi"):
        return room
    return f"salle {room}"


def unbroken(text: str) -> str:
    """A name or a room label held on one line (its spaces made non-breaking)."""
    return " ".join(text.split()).replace(" ", NBSP)


_AGREED = {
    "enseignant": "enseignante",
    "professionnel": "professionnelle",
    "président": "présidente",
    "membre": "membre",
}


def agreed(word: str, civility: str) -> str:
    """A quality or role agreeing with the person: « enseignante » for Mme."""
    if civility.strip().casefold().startswith("mme"):
        return _AGREED.get(word, word)
    return word
