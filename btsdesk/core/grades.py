"""Grade entries (R1, R2): a grade in hundredths, or a code instead of a grade."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from btsdesk.core.errors import InvalidInput
from btsdesk.core.numbers import parse_grade_number, parse_grade_text, type_name


class Code(Enum):
    """R2 codes instead of a grade."""

    ABS = "ABS"  # absent without justification: diploma not delivered
    ABJ = "ABJ"  # justified absence: counts as 0
    DIS = "DIS"  # dispensé: out of numerator and divisor

    @property
    def label(self) -> str:
        return _CODE_LABELS[self]


_CODE_LABELS = {
    Code.ABS: "absence injustifiée",
    Code.ABJ: "absence justifiée",
    Code.DIS: "dispense",
}

# An entry is hundredths of a grade or a code; "no entry yet" is the absence of an entry.
Entry = int | Code


def parse_entry(raw: object) -> Entry:
    """R1/R2: a grade or a code as given by a person, a sheet or JSON."""
    if isinstance(raw, str):
        code = _code(raw)
        if code is not None:
            return code
        return parse_grade_text(raw)
    return parse_oral_grade(raw)


def _code(text: str) -> Code | None:
    """R2: a code, case-insensitive, ASCII only (no Unicode look-alike such as "abſ")."""
    word = text.strip()
    if word.isascii() and word.upper() in Code.__members__:
        return Code[word.upper()]
    return None


def parse_oral_grade(raw: object) -> int:
    """A number only (R1): oral grades take no code (§6)."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int, Decimal)):
        raise InvalidInput(f"note de type {type_name(raw)} refusée (attendu : un nombre de 0 à 20)")
    if isinstance(raw, str):
        if _code(raw) is not None:
            raise InvalidInput(
                f"code « {raw.strip()} » refusé pour une épreuve de contrôle "
                "(attendu : une note de 0 à 20)"
            )
        return parse_grade_text(raw)
    return parse_grade_number(raw)


def entry_text(entry: Entry | None, *, comma: bool = True) -> str:
    """An entry for display: "12,50", "ABJ", or "" for no entry."""
    if entry is None:
        return ""
    if isinstance(entry, Code):
        return entry.value
    text = f"{entry // 100}.{entry % 100:02d}"
    return text.replace(".", ",") if comma else text
