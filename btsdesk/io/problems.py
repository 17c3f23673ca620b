"""What is wrong in an imported file, by line and column, in French.

An import is all-or-nothing: the readers collect every problem instead of stopping at the first,
so that the user can fix the whole file in one go before anything is written. A file of a
million bad lines must not cost a million messages in memory: :class:`Problems` keeps the
first ones and only counts the others."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import SupportsIndex

SHOWN = 50  # problems listed in one message; the rest counted (« … et 1 279 000 autres »)


def column_letter(position: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One problem. ``line`` is 1-based as the user sees it in the file (preamble lines count),
    ``column`` the column's title as written in the file, ``position`` the column's 0-based
    place in the row (shown as a spreadsheet letter); each is None when it does not apply (an
    empty file has none of them)."""

    line: int | None
    column: str | None
    message: str
    position: int | None = None

    def __str__(self) -> str:
        place = []
        if self.line is not None:
            place.append(f"ligne {self.line}")
        if self.column is not None and self.position is not None:
            place.append(f"colonne « {self.column} » ({column_letter(self.position)})")
        elif self.column is not None:
            place.append(f"colonne « {self.column} »")
        elif self.position is not None:
            place.append(f"colonne {column_letter(self.position)} (champ n° {self.position + 1})")
        return f"{', '.join(place)} : {self.message}" if place else self.message


class Problems(list[Problem]):
    """The first ``SHOWN`` problems, and how many more there were (``more``): enough to say
    everything a message says, in bounded memory whatever the file."""

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        super().__init__()
        self.more = 0
        self.extend(problems)

    def append(self, problem: Problem) -> None:
        if len(self) < SHOWN:
            super().append(problem)
        else:
            self.more += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)
        self.more += getattr(problems, "more", 0)

    def insert(self, index: SupportsIndex, problem: Problem) -> None:
        super().insert(index, problem)
        if len(self) > SHOWN:
            super().pop()
            self.more += 1

    @property
    def full(self) -> bool:
        """Whether a further problem would only be counted (a reader may then skip writing
        its message)."""
        return len(self) >= SHOWN

    @property
    def total(self) -> int:
        return len(self) + self.more


def count(problems: list[Problem]) -> int:
    """How many problems a list stands for (a :class:`Problems` counts those it dropped)."""
    return len(problems) + getattr(problems, "more", 0)


class ImportRefused(Exception):
    """An import refused as a whole; nothing was written. ``str`` lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        self.total = count(problems)
        heading = (
            f"import refusé, rien n'a été modifié ({thousands(self.total)} "
            f"problème{'s' * (self.total > 1)})"
        )
        lines = [heading, *(f"- {problem}" for problem in self.problems[:SHOWN])]
        if self.total > SHOWN:
            lines.append(f"- … et {thousands(self.total - SHOWN)} autres")
        super().__init__("\n".join(lines))


def thousands(number: int) -> str:
    """« 1 279 000 »: French digit groups (a narrow no-break space)."""
    return f"{number:,}".replace(",", "\u202f")
