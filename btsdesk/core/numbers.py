"""Exact numbers of the jury (R1, R4, R7): parsing and display, never a float.

A grade is held as an integer number of hundredths ("cents"): R1 allows at most two
decimals, so every grade is exactly such an integer and all arithmetic stays in integers
or :class:`fractions.Fraction`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from btsdesk.core.errors import InvalidInput

GRADE_MAX_CENTS = 2000
TEN_CENTS = 1000
EIGHT_CENTS = 800

# R1: one or two ASCII digits, optionally "." or "," and one or two digits.
_GRADE_TEXT = re.compile(r"([0-9]{1,2})(?:[.,]([0-9]{1,2}))?")
# §6: a positive decimal with a dot or a comma; no sign, fraction or exponent.
_DECIMAL_TEXT = re.compile(r"([0-9]+)(?:[.,]([0-9]+))?")


class ExponentDecimal(Decimal):
    """A JSON number written with an exponent (``1e1``): its value is known, its form is
    refused where §6 forbids exponents (coefficients)."""


def parse_grade_text(text: str) -> int:
    """R1: a grade written as text → hundredths. Raises InvalidInput (French)."""
    match = _GRADE_TEXT.fullmatch(text.strip())
    if match is None:
        raise InvalidInput(
            f"note « {text} » illisible (attendu : un nombre de 0 à 20, "
            "deux décimales au plus, ou ABS, ABJ, DIS)"
        )
    whole, decimals = match.group(1), match.group(2) or ""
    cents = int(whole) * 100 + int(decimals.ljust(2, "0") or "0")
    if cents > GRADE_MAX_CENTS:
        raise InvalidInput(f"note « {text} » supérieure à 20")
    return cents


def parse_grade_number(value: int | Decimal) -> int:
    """R1: a grade given as a JSON number, taken by its value → hundredths."""
    exact = Decimal(value)
    if not exact.is_finite():
        raise InvalidInput(f"note {value} invalide")
    if exact < 0 or exact > 20:
        raise InvalidInput(f"note {_plain(exact)} hors de l'intervalle 0 à 20")
    cents = Fraction(exact) * 100  # exact: Decimal arithmetic would round at 28 digits
    if cents.denominator != 1:
        raise InvalidInput(f"note {format(exact, 'f')} : deux décimales au plus")
    return int(cents)


def parse_positive_decimal(value: object) -> Decimal:
    """§6 coefficient: a positive decimal (dot or comma) or a JSON number without exponent."""
    if isinstance(value, bool):
        raise InvalidInput(f"coefficient {value!r} invalide (nombre positif attendu)")
    if isinstance(value, ExponentDecimal):
        raise InvalidInput(f"coefficient {value} invalide : exposant interdit")
    if isinstance(value, int):
        exact = Decimal(value)
    elif isinstance(value, Decimal):
        exact = value
    elif isinstance(value, str):
        match = _DECIMAL_TEXT.fullmatch(value.strip())
        if match is None:
            raise InvalidInput(
                f"coefficient « {value} » invalide (nombre décimal positif "
                "attendu, par exemple 1,5)"
            )
        try:
            exact = Decimal(value.strip().replace(",", "."))
        except InvalidOperation as exc:  # pragma: no cover - the regex already vetted it
            raise InvalidInput(f"coefficient « {value} » invalide") from exc
    else:
        raise InvalidInput(
            f"coefficient de type {type_name(value)} invalide (nombre positif attendu)"
        )
    if not exact.is_finite() or exact <= 0:
        raise InvalidInput(f"coefficient {_plain(exact)} invalide (strictement positif attendu)")
    return exact


def truncate_cents(value: Fraction) -> int:
    """R7: hundredths of an average, truncated (9.999 → 999)."""
    return (value.numerator * 100) // value.denominator


def ceil_cents(value: Fraction) -> int:
    """R17: hundredths rounded up (8.666… → 867)."""
    return -((-value.numerator * 100) // value.denominator)


def cents_text(cents: int, *, comma: bool = False) -> str:
    """Hundredths as "9.11" (exchange format) or "9,11" (French display)."""
    text = f"{cents // 100}.{cents % 100:02d}"
    return text.replace(".", ",") if comma else text


def average_text(value: Fraction, *, comma: bool = False) -> str:
    """R7: an average with two decimals, truncated."""
    return cents_text(truncate_cents(value), comma=comma)


def fr(value: Fraction) -> str:
    """R7 French display of an average: "9,11"."""
    return average_text(value, comma=True)


def fraction_text(value: Fraction) -> str:
    """The exact value as "p/q" in lowest terms, or "10" for an integer (§6)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def decimal_fr(value: Decimal | Fraction) -> str:
    """A coefficient or exact number for French display: "1,5", "3"."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return _plain(value).replace(".", ",")


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value.is_finite() else str(value)
    return text


def type_name(value: object) -> str:
    """The JSON name of a value's type, for French messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "booléen"
    if isinstance(value, (int, Decimal)):
        return "nombre"
    if isinstance(value, str):
        return "texte"
    if isinstance(value, list):
        return "liste"
    if isinstance(value, dict):
        return "objet"
    return type(value).__name__
