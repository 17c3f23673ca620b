"""R1 (grades), R2 (codes read as typed), R7/R17 (truncation and rounding up of hundredths)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Code, entry_text, parse_entry, parse_oral_grade
from btsdesk.core.numbers import (
    average_text,
    ceil_cents,
    cents_text,
    fr,
    parse_grade_number,
    parse_grade_text,
    truncate_cents,
)

# --- R1: grades given as text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("12", 1200),
        ("05", 500),  # two digits, leading zero allowed
        ("0", 0),
        ("00", 0),
        ("12,5", 1250),  # one decimal = tenths
        ("12.50", 1250),
        ("12.05", 1205),
        ("9,99", 999),
        ("20,00", 2000),  # the upper bound itself
        ("20", 2000),
        (" 7 ", 700),  # trimmed
        ("\t8,25\n", 825),
    ],
)
def test_r1_text_grade_accepted(text: str, cents: int) -> None:
    """R1: one or two ASCII digits, optionally '.' or ',' and one or two digits."""
    assert parse_grade_text(text) == cents
    assert parse_entry(text) == cents


@pytest.mark.parametrize(
    "text",
    [
        "020",  # three digits
        "+1",
        "-1",  # signs
        "1e1",
        "1E1",  # exponent
        "",
        "   ",  # empty
        "12.",
        ".5",
        ",5",  # a separator needs digits on both sides
        "20,01",
        "21",
        "99",  # above 20
        "12,345",  # three decimals
        "١٢",  # Arabic-Indic digits are not ASCII digits
        "１２",  # full-width digits neither
        "1 2",
        "12,,5",
        "12.5.0",
        "12;5",
        "douze",
        "0x1",
    ],
)
def test_r1_text_grade_refused(text: str) -> None:
    """R1: signs, exponents, '020', the empty string and anything else are refused."""
    with pytest.raises(InvalidInput):
        parse_grade_text(text)
    with pytest.raises(InvalidInput):
        parse_entry(text)


# --- R1: grades given as JSON numbers ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cents"),
    [
        (Decimal("12.5"), 1250),
        (20, 2000),
        (0, 0),
        (Decimal("20.00"), 2000),
        (Decimal("9.99"), 999),
        (Decimal("12.50"), 1250),  # a trailing zero is still two decimals at most
    ],
)
def test_r1_number_grade_taken_by_value(value: int | Decimal, cents: int) -> None:
    """R1: a JSON number is taken by its value, 0 to 20, at most two decimals."""
    assert parse_grade_number(value) == cents
    assert parse_entry(value) == cents


@pytest.mark.parametrize(
    "value",
    [
        Decimal("20.01"),
        21,
        -1,
        Decimal("-0.01"),
        Decimal("12.345"),
        Decimal("0.001"),
        Decimal("NaN"),
        Decimal("Infinity"),
    ],
)
def test_r1_number_grade_refused(value: int | Decimal) -> None:
    """R1: same bounds as text, at most two decimals."""
    with pytest.raises(InvalidInput):
        parse_entry(value)


@pytest.mark.parametrize("value", [None, True, False, [12], {"note": 12}])
def test_r1_null_booleans_and_other_types_refused(value: object) -> None:
    """R1: null, booleans and anything else are refused."""
    with pytest.raises(InvalidInput):
        parse_entry(value)


# --- R2: codes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ABS", Code.ABS),
        ("abs", Code.ABS),
        (" Abs ", Code.ABS),
        ("ABJ", Code.ABJ),
        ("abj", Code.ABJ),
        ("\taBj ", Code.ABJ),
        ("DIS", Code.DIS),
        ("dis", Code.DIS),
        ("  DiS", Code.DIS),
    ],
)
def test_r2_codes_case_insensitive_with_spaces(text: str, code: Code) -> None:
    """R2: codes are case-insensitive and may be surrounded by spaces."""
    assert parse_entry(text) is code


@pytest.mark.parametrize("text", ["AB S", "ABSENT", "A", "DI", "ABS1", "EXC"])
def test_r2_unknown_codes_refused(text: str) -> None:
    """R1/R2: only ABS, ABJ and DIS stand instead of a grade."""
    with pytest.raises(InvalidInput):
        parse_entry(text)


@pytest.mark.parametrize("text", ["ABS", " abj ", "DIS"])
def test_r2_oral_grade_takes_no_code(text: str) -> None:
    """§6 (R1 for orals): an oral grade is a number; codes are invalid."""
    with pytest.raises(InvalidInput):
        parse_oral_grade(text)


def test_r1_oral_grade_reads_like_a_grade() -> None:
    """R1 applies to oral grades too: '13' → 1300, '8,67' → 867, 20 → 2000."""
    assert parse_oral_grade("13") == 1300
    assert parse_oral_grade(" 8,67 ") == 867
    assert parse_oral_grade(20) == 2000
    with pytest.raises(InvalidInput):
        parse_oral_grade("20,5")


def test_r1_entry_text_shows_hundredths() -> None:
    """R1 display of an entry: two decimals, French comma; codes as their letters."""
    assert entry_text(1250) == "12,50"
    assert entry_text(5) == "0,05"
    assert entry_text(2000, comma=False) == "20.00"
    assert entry_text(Code.ABJ) == "ABJ"
    assert entry_text(None) == ""


# --- R7 truncation, R17 rounding up ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cents", "shown"),
    [
        (Fraction(9999, 1000), 999, "9,99"),  # 9.999 shows 9,99 (R7)
        (Fraction(1999, 200), 999, "9,99"),  # 9.995 shows 9,99
        (Fraction(383, 42), 911, "9,11"),  # 9.1190… (§6 worked example)
        (Fraction(503, 42), 1197, "11,97"),  # 11.976… (§6 worked example)
        (Fraction(10), 1000, "10,00"),
        (Fraction(20), 2000, "20,00"),
        (Fraction(0), 0, "0,00"),
        (Fraction(1, 300), 0, "0,00"),  # 0.00333…
        (Fraction(2, 3), 66, "0,66"),  # 0.666… truncated, never 0,67
    ],
)
def test_r7_average_truncated_never_rounded(value: Fraction, cents: int, shown: str) -> None:
    """R7: an average is shown with two decimals, truncated, French comma."""
    assert truncate_cents(value) == cents
    assert fr(value) == shown
    assert average_text(value) == shown.replace(",", ".")


@pytest.mark.parametrize(
    ("value", "cents"),
    [
        (Fraction(26, 3), 867),  # 8.666… → 8.67 (§6 worked example)
        (Fraction(73, 6), 1217),  # 12.1666… → 12.17
        (Fraction(12), 1200),  # exact hundredths stay
        (Fraction(1201, 100), 1201),
        (Fraction(120001, 10000), 1201),  # 12.0001 → 12.01
        (Fraction(20), 2000),
    ],
)
def test_r17_needed_rounded_up(value: Fraction, cents: int) -> None:
    """R17: the exact threshold is rounded up to the next 0.01."""
    assert ceil_cents(value) == cents


def test_r17_needed_text_two_decimals_with_dot() -> None:
    """§6: needed grades are strings with two decimals and a dot ('20.00', '8.67')."""
    assert cents_text(2000) == "20.00"
    assert cents_text(867) == "8.67"
    assert cents_text(5) == "0.05"


@pytest.mark.parametrize("text", ["abſ", "dıs", "ＡＢＳ"])
def test_r2_unicode_look_alikes_are_not_codes(text):
    """R2: codes are the ASCII words ABS, ABJ, DIS in any case; a look-alike is refused."""
    with pytest.raises(InvalidInput):
        parse_entry(text)
