"""What is wrong in an imported file, by line and column, in French.

An import is all-or-nothing: the readers collect every problem instead of stopping at the first,
so that the user can fix the whole file in one go before anything is written."""

from __future__ import annotations

from dataclasses import dataclass

SHOWN = 50  # problems listed in one message; the rest counted (« … et 1 279 000 autres »)


@dataclass(frozen=True)
class Problem:
    """One problem. ``line`` is 1-based as the user sees it in the file (preamble lines count),
    ``column`` the column's title as written in the file; either is None when it does not
    apply (an empty file has neither)."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = []
        if self.line is not None:
            place.append(f"ligne {self.line}")
        if self.column is not None:
            place.append(f"colonne « {self.column} »")
        return f"{', '.join(place)} : {self.message}" if place else self.message


class ImportRefused(Exception):
    """An import refused as a whole; nothing was written. ``str`` lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        heading = (
            f"import refusé, rien n'a été modifié ({thousands(count)} problème{'s' * (count > 1)})"
        )
        lines = [heading, *(f"- {problem}" for problem in self.problems[:SHOWN])]
        if count > SHOWN:
            lines.append(f"- … et {thousands(count - SHOWN)} autres")
        super().__init__("\n".join(lines))


def thousands(count: int) -> str:
    """« 1 279 000 »: French digit groups (a narrow no-break space)."""
    return f"{count:,}".replace(",", "\u202f")
