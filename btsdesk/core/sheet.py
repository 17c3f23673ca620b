"""A candidate's first-group figures in exact integers, and the arithmetic of a group of
lines replaced by an oral (R5, R6, R13, R16, R17).

Units: a grade is in hundredths; a line's weight is its coefficient times the specialty's
scale (an integer). Points are weight × hundredths. An average is points / (100 × weight).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from btsdesk.core.numbers import GRADE_MAX_CENTS, TEN_CENTS
from btsdesk.core.reglement import Line, Mode, Specialty


@dataclass(frozen=True)
class Sheet:
    specialty: Specialty
    category: str
    values: Mapping[str, int]  # obligatory non-DIS lines → hundredths (ABS/ABJ count 0)
    points: int  # Σ weight·value over those lines (R5)
    divisor: int  # Σ weight over those lines
    bonus: int  # R6, same unit as points

    def group_points(self, lines: Iterable[Line]) -> tuple[int, int]:
        """(points, weight) of the non-DIS lines among ``lines``."""
        points = weight = 0
        weigh = self.specialty.weight
        for line in lines:
            value = self.values.get(line.code)
            if value is not None:
                w = weigh(line)
                points += w * value
                weight += w
        return points, weight

    def present(self, lines: Iterable[Line]) -> tuple[Line, ...]:
        return tuple(line for line in lines if line.code in self.values)

    def ponctuel(self, lines: Iterable[Line]) -> tuple[Line, ...]:
        """R13: the non-DIS lines taken ponctuel in the candidate's category."""
        return tuple(
            line
            for line in lines
            if line.code in self.values and line.mode_for(self.category) is Mode.PONCTUEL
        )

    def average(self, points: int | None = None) -> Fraction:
        """R5 (with the R6 bonus) for these points, by default the first-group points."""
        total = self.points if points is None else points
        return Fraction(total + self.bonus, 100 * self.divisor)

    @staticmethod
    def average_of(points: int, weight: int) -> Fraction:
        """R8: an average of some lines, without bonus."""
        return Fraction(points, 100 * weight)

    def reaches_ten(self, points: int | None = None) -> bool:
        total = self.points if points is None else points
        return total + self.bonus >= TEN_CENTS * self.divisor

    def needed(self, lines: Iterable[Line]) -> int | None:
        """R17: the smallest oral grade (hundredths) that reaches 10 alone when it replaces
        ``lines``; None when impossible (empty group, or more than 20 needed)."""
        group_points, group_weight = self.group_points(lines)
        if group_weight == 0:
            return None
        missing = TEN_CENTS * self.divisor - (self.points - group_points) - self.bonus
        cents = -((-missing) // group_weight)  # exact threshold rounded up to 0.01
        return cents if cents <= GRADE_MAX_CENTS else None

    def with_oral(self, points: int, lines: Iterable[Line], oral: int) -> int:
        """R13/R16: the points once an oral grade replaces ``lines`` if it is better than
        their average; an oral that improves nothing changes nothing."""
        group_points, group_weight = self.group_points(lines)
        if group_weight and oral * group_weight > group_points:
            return points - group_points + oral * group_weight
        return points
