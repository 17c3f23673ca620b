"""Regime 2022: the two general orals (R15), best of per discipline (R16) and the points
needed per general discipline (R17); eligibility (R14) is in test_rules_first_group.

Every expected figure is worked by hand in the comment next to it; grades and needed grades
are in hundredths, averages are exact Fractions (R4)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.core.numbers import cents_text
from btsdesk.core.regimes import REGIMES
from btsdesk.core.results import Decision, OralChoice, Result
from tests.core.support import evaluate, fac, gen, orals_2022, pro, specialty

ADMIS, AJOURNE, CONTROLE = Decision.ADMIS, Decision.AJOURNE, Decision.CONTROLE

# E1 3, E2 = E21 1.5 + E22 1.5, E3 3 (general); P1 3, P2 3 (professional); F1 facultative.
S22 = specialty(
    gen("E1", "3"),
    gen("E21", "1.5", discipline="E2"),
    gen("E22", "1.5", discipline="E2"),
    gen("E3", "3"),
    pro("P1", "3"),
    pro("P2", "3"),
    fac("F1"),
)
# 3·7 + 1.5·6 + 1.5·12 + 3·8 + 3·10 + 3·11 = 21 + 9 + 18 + 24 + 30 + 33 = 135; Σ = 15 → 9.
# Professional (30 + 33) / 6 = 10.5 ≥ 10 → contrôle. E2's g = (9 + 18) / 3 = 9.
BASE = {"E1": "7", "E21": "6", "E22": "12", "E3": "8", "P1": "10", "P2": "11"}


def run(grades: dict[str, str] = BASE, **orals: int | None) -> Result:
    return evaluate(S22, grades, regime="2022", orals=orals_2022(**orals) if orals else None)


def test_r15_r17_options_and_needed_per_general_discipline() -> None:
    """R15: every general discipline, règlement order, never P1/P2.
    R17, 10·15 = 150: E1 (150 − (135 − 21)) / 3 = 36 / 3 = 12;
    E2 (150 − (135 − 27)) / 3 = 42 / 3 = 14; E3 (150 − (135 − 24)) / 3 = 39 / 3 = 13."""
    result = run()
    assert result.average == Fraction(9)
    assert result.decision is CONTROLE
    assert result.options == ("E1", "E2", "E3")
    assert result.needed == {"E1": 1200, "E2": 1400, "E3": 1300}


def test_r15_discipline_dis_on_every_line_not_offered() -> None:
    """R15: E21 and E22 DIS → E2 not offered. (21 + 24 + 63) / 12 = 108 / 12 = 9,
    professional 10.5 → contrôle. Needed E1 (120 − 87) / 3 = 11; E3 (120 − 84) / 3 = 12."""
    grades = {**BASE, "E21": "DIS", "E22": "DIS"}
    result = run(grades)
    assert result.average == Fraction(9)
    assert result.options == ("E1", "E3")
    assert result.needed == {"E1": 1100, "E3": 1200}
    with pytest.raises(InvalidInput):
        run(grades, E2=1500)


def test_r15_discipline_partly_dis_still_offered() -> None:
    """R15: only E21 DIS → E2 is still offered (E22 remains)."""
    assert run({**BASE, "E21": "DIS"}).options == ("E1", "E2", "E3")


@pytest.mark.parametrize("code", ["P1", "E21", "E22", "F1", "XX"])
def test_r15_oral_outside_the_general_disciplines_is_invalid(code: str) -> None:
    """R15/§6: professional disciplines, sous-épreuve codes, facultatives and unknown codes
    are not offered."""
    with pytest.raises(InvalidInput):
        evaluate(S22, BASE, regime="2022", orals={code: OralChoice(code, 1500)})


def test_r15_at_most_two_orals() -> None:
    """R15/§6: two orals, not three (engine and exchange format alike)."""
    with pytest.raises(InvalidInput):
        run(E1=1500, E2=1500, E3=1500)
    regime = REGIMES["2022"]
    with pytest.raises(InvalidInput):
        regime.parse_orals({"disciplines": {"E1": "12", "E2": "9", "E3": "10"}})
    assert regime.parse_orals({"disciplines": {"E1": "12", "E2": "9"}}) == {
        "E1": OralChoice("E1", 1200),
        "E2": OralChoice("E2", 900),
    }


def test_r14_orals_refused_for_an_ajourne_candidate() -> None:
    """R14/§6: (21 + 9 + 18 + 24 + 3·9 + 3·9) / 15 = 126 / 15 = 8.4 but professional 9 < 10 →
    ajourné; orals are invalid input."""
    grades = {**BASE, "P1": "9", "P2": "9"}
    assert run(grades).decision is AJOURNE
    with pytest.raises(InvalidInput):
        run(grades, E1=2000)


# --- R16 best of, discipline as a whole ----------------------------------------------------


def test_r16_oral_beating_one_line_but_not_the_discipline_changes_nothing() -> None:
    """R16: E2 oral 8 > E21 (6) but 8 < g = 9: nothing changes, 135 / 15 = 9 → ajourné.
    (Line by line, E21 at 8 would give 138 / 15 = 9.2.)"""
    result = run(E2=800)
    assert result.final_average == Fraction(9)
    assert result.final_decision is AJOURNE


def test_r16_oral_above_the_discipline_replaces_every_line() -> None:
    """R16: E2 oral 10 > g = 9: E21 and E22 both at 10 (E22 drops from 12):
    135 − 27 + 3·10 = 138 → 138 / 15 = 9.2 → ajourné. (Line by line: 141 / 15 = 9.4.)"""
    result = run(E2=1000)
    assert result.final_average == Fraction(46, 5)
    assert result.final_decision is AJOURNE


def test_r16_two_orals() -> None:
    """R16: E1 12 (> 7): +3·5 = 15; E2 8 (< 9): nothing: 150 / 15 = 10 → admis."""
    result = run(E1=1200, E2=800)
    assert result.final_average == Fraction(10)
    assert result.final_decision is ADMIS


def test_r16_oral_below_the_discipline_never_lowers() -> None:
    """R16: E1 oral 5 < 7, E3 oral 0 < 8: nothing replaced, 135 / 15 = 9."""
    result = run(E1=500, E3=0)
    assert result.final_average == Fraction(9)
    assert result.final_decision is AJOURNE


def test_r16_missing_oral_grade_changes_nothing() -> None:
    """R16 (as R13): an oral without grade changes nothing: 135 / 15 = 9, a final decision
    is still given."""
    result = run(E1=None, E3=None)
    assert result.final_average == Fraction(9)
    assert result.final_decision is AJOURNE


def test_r16_abj_line_counts_zero_in_the_discipline_average() -> None:
    """R16: E21 ABJ, E22 12: (21 + 0 + 18 + 24 + 63) / 15 = 126 / 15 = 8.4, g = 18 / 3 = 6.
    Oral 8 > 6: 126 − 18 + 3·8 = 132 → 132 / 15 = 8.8 (E22 itself drops from 12 to 8)."""
    grades = {**BASE, "E21": "ABJ"}
    assert run(grades).average == Fraction(42, 5)
    result = run(grades, E2=800)
    assert result.final_average == Fraction(44, 5)
    assert result.final_decision is AJOURNE


def test_r16_dis_line_inside_a_grouped_discipline_stays_out() -> None:
    """R16: E21 DIS, E22 12: (21 + 18 + 24 + 63) / 13.5 = 126 / 13.5 = 9.33…, g = 12.
    Oral 14: 126 − 18 + 1.5·14 = 129 → 129 / 13.5 = 9.55… → ajourné (counting E21 at 14
    would give 150 / 15 = 10). R17: E2 (135 − (126 − 18)) / 1.5 = 27 / 1.5 = 18."""
    grades = {**BASE, "E21": "DIS"}
    first = run(grades)
    assert first.average == Fraction(28, 3)
    assert first.divisor == Fraction(27, 2)
    assert first.needed["E2"] == 1800
    result = run(grades, E2=1400)
    assert result.final_average == Fraction(86, 9)
    assert result.final_decision is AJOURNE
    # 18: 126 − 18 + 27 = 135 → 10; 17.99: 126 − 18 + 26.985 = 134.985 → 9.998…
    assert run(grades, E2=1800).final_decision is ADMIS
    below = run(grades, E2=1799)
    assert below.final_average == Fraction(134985, 13500)
    assert below.final_decision is AJOURNE


def test_r16_r17_bonus_kept_after_orals() -> None:
    """R6/R16: F1 13 → bonus 3; (135 + 3) / 15 = 9.2. Needed E1 (150 − 114 − 3) / 3 = 11;
    E2 (150 − 108 − 3) / 3 = 13; E3 (150 − 111 − 3) / 3 = 12.
    Oral E1 11: 135 − 21 + 33 + 3 = 150 → 10 → admis; 10.99: 149.97 → ajourné."""
    grades = {**BASE, "F1": "13"}
    first = run(grades)
    assert first.average == Fraction(46, 5)
    assert first.needed == {"E1": 1100, "E2": 1300, "E3": 1200}
    passed = run(grades, E1=1100)
    assert passed.bonus == 3
    assert passed.final_average == Fraction(10)
    assert passed.final_decision is ADMIS
    failed = run(grades, E1=1099)
    assert failed.final_average == Fraction(14997, 1500)
    assert failed.final_decision is AJOURNE


# --- R17 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("oral", "final", "decision"),
    [
        (1400, Fraction(10), ADMIS),  # 135 − 27 + 3·14 = 150 → 10
        (1399, Fraction(14997, 1500), AJOURNE),  # 135 − 27 + 41.97 = 149.97 → 9.998
    ],
)
def test_r17_needed_reaches_10_and_one_hundredth_less_does_not(
    oral: int, final: Fraction, decision: Decision
) -> None:
    """R17: needed E2 = 14 (see above): 14 reaches 10 alone, 13.99 does not."""
    result = run(E2=oral)
    assert result.final_average == final
    assert result.final_decision is decision


def test_r17_needed_from_first_group_grades_only() -> None:
    """R17: the orals given never change the needed grades."""
    expected = {"E1": 1200, "E2": 1400, "E3": 1300}
    for orals in ({"E1": 2000, "E2": 2000}, {"E3": 0}, {"E2": None}, {"E2": 1400}):
        assert run(**orals).needed == expected


# G1 coef 1, G2 coef 5 (general), P1 coef 6 (professional): Σ = 12, 10·12 = 120.
T20 = specialty(gen("G1", "1"), gen("G2", "5"), pro("P1", "6"))


def test_r17_threshold_exactly_20() -> None:
    """R17: G1 0, G2 8, P1 10: (0 + 40 + 60) / 12 = 8.33…, professional 10 → contrôle.
    G1: (120 − 100) / 1 = 20 → "20.00"; G2: (120 − 60) / 5 = 12.
    Oral 20 in G1: (20 + 40 + 60) / 12 = 10 → admis."""
    grades = {"G1": "0", "G2": "8", "P1": "10"}
    first = evaluate(T20, grades, regime="2022")
    assert first.average == Fraction(25, 3)
    assert first.decision is CONTROLE
    assert first.needed == {"G1": 2000, "G2": 1200}
    needed = first.needed["G1"]
    assert needed is not None
    assert cents_text(needed) == "20.00"
    top = evaluate(T20, grades, regime="2022", orals=orals_2022(G1=2000))
    assert top.final_average == Fraction(10)
    assert top.final_decision is ADMIS


def test_r17_threshold_above_20_is_impossible() -> None:
    """R17: G1 0, G2 7.99, P1 10: (0 + 39.95 + 60) / 12 = 99.95 / 12 = 8.329… ≥ 8.
    G1: 120 − 99.95 = 20.05 > 20 → None; G2: (120 − 60) / 5 = 12.
    Even 20 in G1: 119.95 / 12 = 9.995… → ajourné."""
    grades = {"G1": "0", "G2": "7,99", "P1": "10"}
    first = evaluate(T20, grades, regime="2022")
    assert first.average == Fraction(9995, 1200)
    assert first.decision is CONTROLE
    assert first.needed == {"G1": None, "G2": 1200}
    top = evaluate(T20, grades, regime="2022", orals=orals_2022(G1=2000))
    assert top.final_average == Fraction(11995, 1200)
    assert top.final_decision is AJOURNE
