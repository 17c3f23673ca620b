"""The first-group result (R2–R9) and the regime-2022 eligibility (R14).

Every expected figure is worked by hand in the comment next to it; grades are in
hundredths, averages are exact Fractions (R4)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.core.numbers import fr, truncate_cents
from btsdesk.core.reglement import Domain, parse_specialty
from btsdesk.core.results import CandidateGrades, Decision
from tests.core.support import (
    MCO,
    MCO_GRADES,
    evaluate,
    fac,
    gen,
    orals_2021,
    pro,
    specialty,
)

GEN, PRO = Domain.GENERAL, Domain.PROFESSIONAL
BOTH = pytest.mark.parametrize("regime", ["2021", "2022"])

# One general and one professional line, coefficient 1 each: average = (g + p) / 2.
TWO = specialty(gen("G1"), pro("P1"))
# The same with a facultative line without coefficient (R6: coefficient 1).
TWO_F = specialty(gen("G1"), pro("P1"), fac("F1"))
# G1 2, G2 1, P1 2, P2 1 (Σ = 6) and a facultative F1.
FOUR = specialty(gen("G1", "2"), gen("G2", "1"), pro("P1", "2"), pro("P2", "1"), fac("F1"))


# --- R4 exact comparisons with 10 and 8 --------------------------------------------------


@BOTH
def test_r4_average_9_995_is_not_admitted(regime: str) -> None:
    """R4: (10 + 9.99) / 2 = 9.995 is below 10: never admis."""
    result = evaluate(TWO, {"G1": "10", "P1": "9,99"}, regime=regime)
    assert result.average == Fraction(1999, 200)  # 19.99 / 2 = 9.995
    assert truncate_cents(result.average) == 999  # R7: shown 9,99
    assert result.decision is not Decision.ADMIS
    # 2021: R10 → contrôle; 2022: professional 9.99 < 10 → ajourné (R14)
    expected = Decision.CONTROLE if regime == "2021" else Decision.AJOURNE
    assert result.decision is expected


@BOTH
def test_r4_r9_average_exactly_10_is_admitted(regime: str) -> None:
    """R4/R9: (10.01 + 9.99) / 2 = 20 / 2 = 10 exactly → admis."""
    result = evaluate(TWO, {"G1": "10,01", "P1": "9,99"}, regime=regime)
    assert result.average == Fraction(10)
    assert result.decision is Decision.ADMIS
    assert result.options == ()
    assert result.needed == {}


def test_r4_no_float_error_in_coefficients() -> None:
    """R4: coefficients 0.1, 0.2, 0.3 with 9.9, 9.9, 10.1:
    (0.99 + 1.98 + 3.03) / 0.6 = 6 / 0.6 = 10 exactly (floats give 9.999…98) → admis."""
    spec = specialty(gen("G1", "0.1"), gen("G2", "0,2"), pro("P1", "0.3"))
    result = evaluate(spec, {"G1": "9,9", "G2": "9,9", "P1": "10,1"})
    assert result.average == Fraction(10)
    assert result.divisor == Fraction(3, 5)  # 0.1 + 0.2 + 0.3 = 0.6
    assert result.decision is Decision.ADMIS


def test_r4_r9_bonus_reaching_exactly_10_admits() -> None:
    """R4/R5/R6: (9 + 9 + bonus 1·(12 − 10)) / 2 = 20 / 2 = 10 → admis."""
    result = evaluate(TWO_F, {"G1": "9", "P1": "9", "F1": "12"})
    assert result.average == Fraction(10)
    assert result.decision is Decision.ADMIS


# --- R14 eligibility (regime 2022) ---------------------------------------------------------


def test_r14_average_exactly_8_with_professional_10_is_controle() -> None:
    """R14: (6 + 10) / 2 = 8 exactly, professional 10 / 1 = 10 → contrôle."""
    result = evaluate(TWO, {"G1": "6", "P1": "10"}, regime="2022")
    assert result.average == Fraction(8)
    assert result.domain_averages[PRO] == Fraction(10)
    assert result.decision is Decision.CONTROLE


def test_r14_average_just_under_8_is_ajourne() -> None:
    """R14: (5.99 + 10) / 2 = 7.995 < 8 → ajourné (2022), contrôle in 2021 (R10: no lower
    bound)."""
    grades = {"G1": "5,99", "P1": "10"}
    result = evaluate(TWO, grades, regime="2022")
    assert result.average == Fraction(1599, 200)  # 15.99 / 2
    assert result.decision is Decision.AJOURNE
    assert result.options == ()
    assert evaluate(TWO, grades, regime="2021").decision is Decision.CONTROLE


def test_r14_professional_average_exactly_10_vs_9_99() -> None:
    """R14: the professional condition is ≥ 10, compared exactly.
    (6 + 10) / 2 = 8, professional 10 → contrôle;
    (6.01 + 9.99) / 2 = 16 / 2 = 8, professional 9.99 < 10 → ajourné."""
    at_ten = evaluate(TWO, {"G1": "6", "P1": "10"}, regime="2022")
    below = evaluate(TWO, {"G1": "6,01", "P1": "9,99"}, regime="2022")
    assert at_ten.decision is Decision.CONTROLE
    assert below.average == Fraction(8)
    assert below.domain_averages[PRO] == Fraction(999, 100)
    assert below.decision is Decision.AJOURNE


def test_r14_professional_weighted_average_decides() -> None:
    """R8/R14: professional = (2·9 + 1·12) / 3 = 30 / 3 = 10 → contrôle with
    average (2·8 + 1·6 + 30) / 6 = 52 / 6 = 8.666…; (2·9 + 1·11.99) / 3 = 9.99… → ajourné."""
    ok = evaluate(FOUR, {"G1": "8", "G2": "6", "P1": "9", "P2": "12"}, regime="2022")
    assert ok.domain_averages[PRO] == Fraction(10)
    assert ok.average == Fraction(26, 3)
    assert ok.decision is Decision.CONTROLE
    # (2·9 + 11.99) / 3 = 29.99 / 3; average (16 + 6 + 29.99) / 6 = 51.99 / 6 = 8.665 ≥ 8
    ko = evaluate(FOUR, {"G1": "8", "G2": "6", "P1": "9", "P2": "11,99"}, regime="2022")
    assert ko.domain_averages[PRO] == Fraction(2999, 300)
    assert ko.average == Fraction(5199, 600)
    assert ko.decision is Decision.AJOURNE


def test_r14_null_professional_average_is_ajourne() -> None:
    """R8/R14: every professional line DIS → professional average null → ajourné in 2022,
    though the average (2·9 + 1·9) / 3 = 9 is between 8 and 10. R10: contrôle in 2021."""
    grades = {"G1": "9", "G2": "9", "P1": "DIS", "P2": "DIS"}
    result = evaluate(FOUR, grades, regime="2022")
    assert result.average == Fraction(9)
    assert result.domain_averages[PRO] is None
    assert result.domain_averages[GEN] == Fraction(9)
    assert result.decision is Decision.AJOURNE
    assert evaluate(FOUR, grades, regime="2021").decision is Decision.CONTROLE


def test_r14_abs_is_ajourne_even_when_otherwise_eligible() -> None:
    """R2/R14: (2·8 + 0 + 2·12 + 10) / 6 = 50 / 6 = 8.33, professional (24 + 10) / 3 = 11.33:
    with ABS on G2 → ajourné; with ABJ on G2 (same figures) → contrôle."""
    grades = {"G1": "8", "P1": "12", "P2": "10"}
    absent = evaluate(FOUR, {**grades, "G2": "ABS"}, regime="2022")
    justified = evaluate(FOUR, {**grades, "G2": "ABJ"}, regime="2022")
    assert absent.average == justified.average == Fraction(25, 3)
    assert absent.decision is Decision.AJOURNE
    assert justified.decision is Decision.CONTROLE


# --- R2 codes ----------------------------------------------------------------------------


@BOTH
def test_r2_abs_is_ajourne_whatever_the_average(regime: str) -> None:
    """R2: (2·20 + 1·ABS=0 + 2·20 + 1·20) / 6 = 100 / 6 = 16.66… but ABS → ajourné."""
    result = evaluate(FOUR, {"G1": "20", "G2": "ABS", "P1": "20", "P2": "20"}, regime=regime)
    assert result.average == Fraction(50, 3)  # ABS counts 0 in the average shown
    assert result.domain_averages[GEN] == Fraction(40, 3)  # (40 + 0) / 3
    assert result.decision is Decision.AJOURNE


@BOTH
def test_r2_abs_is_never_controle(regime: str) -> None:
    """R2/R10/R14: (2·5 + 0 + 2·5 + 5) / 6 = 25 / 6 = 4.16 with ABS → ajourné, not contrôle,
    and orals are refused (§6)."""
    grades = {"G1": "5", "G2": "ABS", "P1": "5", "P2": "5"}
    result = evaluate(FOUR, grades, regime=regime)
    assert result.average == Fraction(25, 6)
    assert result.decision is Decision.AJOURNE
    assert result.options == ()
    assert result.needed == {}
    with pytest.raises(InvalidInput):
        evaluate(FOUR, grades, orals=orals_2021(("G1", 2000), 2000))


@BOTH
def test_r2_abj_counts_zero_and_does_not_block(regime: str) -> None:
    """R2: ABJ = 0: (2·20 + 0 + 2·20 + 20) / 6 = 100 / 6 = 16.66… → admis."""
    result = evaluate(FOUR, {"G1": "20", "G2": "ABJ", "P1": "20", "P2": "20"}, regime=regime)
    assert result.average == Fraction(50, 3)
    assert result.divisor == 6
    assert result.decision is Decision.ADMIS


def test_r2_r10_abj_stays_eligible() -> None:
    """R2/R10: (2·5 + 0 + 2·5 + 5) / 6 = 25 / 6 with ABJ → contrôle (2021)."""
    result = evaluate(FOUR, {"G1": "5", "G2": "ABJ", "P1": "5", "P2": "5"})
    assert result.average == Fraction(25, 6)
    assert result.decision is Decision.CONTROLE


def test_r2_r5_dis_leaves_numerator_and_divisor() -> None:
    """R2/R5: DIS on G2: (2·12 + 2·9 + 1·10) / (2 + 2 + 1) = 52 / 5 = 10.4 → admis;
    ABJ on G2 instead: 52 / 6 = 8.66… → not admis."""
    dis = evaluate(FOUR, {"G1": "12", "G2": "DIS", "P1": "9", "P2": "10"})
    assert dis.points == 52
    assert dis.divisor == 5
    assert dis.average == Fraction(52, 5)
    assert dis.domain_averages[GEN] == Fraction(12)  # 24 / 2
    assert dis.domain_averages[PRO] == Fraction(28, 3)  # (18 + 10) / 3
    assert dis.decision is Decision.ADMIS
    abj = evaluate(FOUR, {"G1": "12", "G2": "ABJ", "P1": "9", "P2": "10"})
    assert abj.divisor == 6
    assert abj.average == Fraction(26, 3)
    assert abj.decision is Decision.CONTROLE


@BOTH
def test_r2_every_obligatory_line_dis_is_invalid(regime: str) -> None:
    """R2: every obligatory line DIS → invalid input, even with a facultative grade."""
    with pytest.raises(InvalidInput):
        evaluate(
            FOUR, {"G1": "DIS", "G2": "dis", "P1": "DIS", "P2": " DIS ", "F1": "15"}, regime=regime
        )


@BOTH
def test_r2_r9_missing_line_is_incomplet_even_with_abs(regime: str) -> None:
    """R9: no entry on P2 → incomplet before ABS on G2 is looked at; no figures."""
    result = evaluate(FOUR, {"G1": "12", "G2": "ABS", "P1": "12"}, regime=regime)
    assert result.decision is Decision.INCOMPLET
    assert result.average is None
    assert result.domain_averages == {GEN: None, PRO: None}
    assert result.final_decision is None


def test_r2_missing_line_with_the_others_dis_is_incomplet_not_invalid() -> None:
    """R2/R9: G1 without entry, the rest DIS: not every obligatory line is DIS → incomplet."""
    result = evaluate(FOUR, {"G2": "DIS", "P1": "DIS", "P2": "DIS"})
    assert result.decision is Decision.INCOMPLET


def test_r2_incomplet_refuses_orals() -> None:
    """R2/§6: orals for an incomplet candidate are invalid input."""
    with pytest.raises(InvalidInput):
        evaluate(FOUR, {"G1": "5", "G2": "5", "P1": "5"}, orals=orals_2021(("G1", 1500)))


def test_r9_admis_refuses_orals() -> None:
    """R9/§6: orals for a candidate whose decision is not contrôle are invalid input."""
    with pytest.raises(InvalidInput):
        evaluate(TWO, {"G1": "12", "P1": "12"}, orals=orals_2021(("G1", 1500)))


def test_r2_unknown_line_code_is_invalid() -> None:
    """§6/R2: a grade for a line the règlement does not have is invalid input."""
    with pytest.raises(InvalidInput):
        evaluate(TWO, {"G1": "12", "P1": "12", "X9": "12"})


# --- R5 and the §6 worked example ------------------------------------------------------------

# MCO and MCO_GRADES: the §6 worked example, in tests/core/support.py


def test_r5_r6_r8_worked_example_first_group() -> None:
    """§6 worked example: Σcoef = 3 + 1.5 + 1.5 + 3 + 4·3 = 21;
    points 3·8.5 + 1.5·0 + 1.5·11 + 3·7 + 3·12 + 3·10.5 + 3·6 + 3·13
    = 25.5 + 0 + 16.5 + 21 + 36 + 31.5 + 18 + 39 = 187.5; bonus 1·(14 − 10) = 4;
    191.5 / 21 = 383 / 42 = 9.119… → 9,11. General (25.5 + 0 + 16.5 + 21) / 9 = 63 / 9 = 7;
    professional (36 + 31.5 + 18 + 39) / 12 = 124.5 / 12 = 10.375 = 83/8."""
    result = evaluate(MCO, MCO_GRADES)
    assert result.points == Fraction(375, 2)
    assert result.bonus == 4
    assert result.divisor == 21
    assert result.average == Fraction(383, 42)
    assert fr(result.average) == "9,11"
    assert result.domain_averages == {GEN: Fraction(7), PRO: Fraction(83, 8)}
    assert result.decision is Decision.CONTROLE


def test_r5_sous_epreuves_enter_as_their_own_lines() -> None:
    """R5: E21 and E22 are two lines (1.5 each), not one: E21 = 20, E22 = 0, rest 10 →
    (30 + 30 + 0 + 30 + 4·30) / 21 = 210 / 21 = 10; E21 = 0, E22 = 20 gives the same 10."""
    rest = {"E1": "10", "E3": "10", "E41": "10", "E42": "10", "E5": "10", "E6": "10"}
    one = evaluate(MCO, {**rest, "E21": "20", "E22": "0"})
    other = evaluate(MCO, {**rest, "E21": "0", "E22": "20"})
    assert one.average == other.average == Fraction(10)
    assert one.domain_averages[GEN] == Fraction(10)  # (30 + 30 + 0 + 30) / 9


# --- R6 facultatives -------------------------------------------------------------------------


def test_r6_facultative_above_10_bonus_times_coefficient_not_in_divisor() -> None:
    """R6: F1 coef 2 at 14 → bonus 2·(14 − 10) = 8; (9 + 9 + 8) / 2 = 13 → admis."""
    spec = specialty(gen("G1"), pro("P1"), fac("F1", "2"))
    result = evaluate(spec, {"G1": "9", "P1": "9", "F1": "14"})
    assert result.bonus == 8
    assert result.divisor == 2  # the facultative coefficient never enters the divisor
    assert result.average == Fraction(13)
    assert result.decision is Decision.ADMIS
    assert result.domain_averages == {GEN: Fraction(9), PRO: Fraction(9)}  # R8: no bonus


@pytest.mark.parametrize("grade", ["6", "0", "9,99", "10"])
def test_r6_facultative_at_or_below_10_no_malus(grade: str) -> None:
    """R6: max(0, g − 10) = 0 → (9 + 9) / 2 = 9, exactly as without the facultative."""
    spec = specialty(gen("G1"), pro("P1"), fac("F1", "2"))
    result = evaluate(spec, {"G1": "9", "P1": "9", "F1": grade})
    assert result.bonus == 0
    assert result.average == Fraction(9)
    assert result.warnings == ()


def test_r6_facultative_without_coefficient_counts_1() -> None:
    """R6: no coefficient → 1: bonus 13.5 − 10 = 3.5; (9 + 9 + 3.5) / 2 = 10.75."""
    result = evaluate(TWO_F, {"G1": "9", "P1": "9", "F1": "13,5"})
    assert result.bonus == Fraction(7, 2)
    assert result.average == Fraction(43, 4)


def test_r6_facultative_decimal_coefficient_and_two_facultatives() -> None:
    """R6: F1 coef 1.5 at 12.5 → 1.5·2.5 = 3.75; F2 coef 1 at 8 → 0;
    (9 + 9 + 3.75) / 2 = 21.75 / 2 = 10.875."""
    spec = specialty(gen("G1"), pro("P1"), fac("F1", "1,5"), fac("F2"))
    result = evaluate(spec, {"G1": "9", "P1": "9", "F1": "12,5", "F2": "8"})
    assert result.bonus == Fraction(15, 4)
    assert result.divisor == 2
    assert result.average == Fraction(87, 8)


@BOTH
@pytest.mark.parametrize("entry", ["ABS", "ABJ", None])
def test_r6_facultative_abs_abj_missing_no_bonus_warning_no_block(
    regime: str, entry: str | None
) -> None:
    """R6: ABS/ABJ/no entry on F1: no bonus, a warning, no block: (12 + 12) / 2 = 12 → admis."""
    grades = {"G1": "12", "P1": "12"} | ({} if entry is None else {"F1": entry})
    result = evaluate(TWO_F, grades, regime=regime)
    assert result.decision is Decision.ADMIS
    assert result.average == Fraction(12)
    assert result.bonus == 0
    assert any("F1" in warning for warning in result.warnings)


def test_r6_facultative_abs_does_not_block_controle() -> None:
    """R6/R10: (8 + 9) / 2 = 8.5 with ABS on F1 → contrôle (2021), not ajourné."""
    result = evaluate(TWO_F, {"G1": "8", "P1": "9", "F1": "ABS"})
    assert result.decision is Decision.CONTROLE
    assert result.warnings


@BOTH
def test_r6_switch_facultative_abs_eliminates(regime: str) -> None:
    """R6 product switch: ABS at a facultative = ABS → ajourné even at (12 + 12) / 2 = 12;
    ABJ stays harmless."""
    absent = evaluate(
        TWO_F, {"G1": "12", "P1": "12", "F1": "ABS"}, regime=regime, facultative_abs_eliminates=True
    )
    assert absent.average == Fraction(12)
    assert absent.decision is Decision.AJOURNE
    justified = evaluate(
        TWO_F, {"G1": "12", "P1": "12", "F1": "ABJ"}, regime=regime, facultative_abs_eliminates=True
    )
    assert justified.decision is Decision.ADMIS
    low = evaluate(
        TWO_F, {"G1": "8", "P1": "9", "F1": "ABS"}, regime=regime, facultative_abs_eliminates=True
    )
    assert low.decision is Decision.AJOURNE  # not contrôle


# --- R8 domain averages ----------------------------------------------------------------------


def test_r8_abj_makes_domain_average_zero_not_null() -> None:
    """R8: P1 = P2 = ABJ → professional (0 + 0) / 3 = 0, non-null;
    general (2·12 + 12) / 3 = 12; average 36 / 6 = 6."""
    result = evaluate(FOUR, {"G1": "12", "G2": "12", "P1": "ABJ", "P2": "ABJ"})
    assert result.domain_averages == {GEN: Fraction(12), PRO: Fraction(0)}
    assert result.average == Fraction(6)


def test_r8_r14_abj_professional_is_zero_so_ajourne() -> None:
    """R8/R14: professional (2·12 + ABJ 0) / 3 = 8 < 10 → ajourné;
    average (2·9 + 9 + 24 + 0) / 6 = 51 / 6 = 8.5."""
    result = evaluate(FOUR, {"G1": "9", "G2": "9", "P1": "12", "P2": "ABJ"}, regime="2022")
    assert result.domain_averages[PRO] == Fraction(8)
    assert result.average == Fraction(17, 2)
    assert result.decision is Decision.AJOURNE


# --- R3 categories ---------------------------------------------------------------------------


def test_r3_category_missing_from_a_mode_is_invalid() -> None:
    """R3/§6: a category absent from a line's per-category mode is invalid input."""
    spec = specialty(gen("G1", mode={"A": "ponctuel", "C": "ponctuel"}), pro("P1"))
    assert evaluate(spec, {"G1": "12", "P1": "12"}, category="C").decision is Decision.ADMIS
    with pytest.raises(InvalidInput):
        evaluate(spec, {"G1": "12", "P1": "12"}, category="B")


def test_r3_category_missing_from_a_facultative_mode_is_invalid() -> None:
    """R3/§6: the check covers facultative lines too."""
    spec = parse_specialty(
        {
            "epreuves": [
                gen("G1"),
                pro("P1"),
                {"code": "F1", "facultative": True, "mode": {"A": "ponctuel"}},
            ]
        }
    )
    assert evaluate(spec, {"G1": "12", "P1": "12"}).decision is Decision.ADMIS
    with pytest.raises(InvalidInput):
        evaluate(spec, {"G1": "12", "P1": "12"}, category="C")


def test_r3_default_category_is_a() -> None:
    """§6: a candidate without category is in category A."""
    assert CandidateGrades(number="1").category == "A"


# --- R7 display --------------------------------------------------------------------------------


def test_r7_average_9_999_shows_9_99_and_is_not_admitted() -> None:
    """R7: G1 coef 1 at 9.99, P1 coef 9 at 10: (9.99 + 90) / 10 = 9.999 → shown 9,99,
    and the decision agrees (R4: not admis; R10: contrôle)."""
    spec = specialty(gen("G1", "1"), pro("P1", "9"))
    result = evaluate(spec, {"G1": "9,99", "P1": "10"})
    assert result.average == Fraction(9999, 1000)
    assert truncate_cents(result.average) == 999
    assert fr(result.average) == "9,99"
    assert result.decision is Decision.CONTROLE
