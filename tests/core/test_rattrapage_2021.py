"""Regime 2021: eligibility (R10), the two orals (R11), the choice of the general discipline
(R12), the replacement of the ponctuel lines (R13) and the points needed (R17).

Every expected figure is worked by hand in the comment next to it; grades and needed grades
are in hundredths, averages are exact Fractions (R4)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from btsdesk.core.engine import SessionRules
from btsdesk.core.errors import InvalidInput
from btsdesk.core.numbers import cents_text, fr
from btsdesk.core.regimes import REGIMES, highest_general_disciplines
from btsdesk.core.reglement import Specialty
from btsdesk.core.results import Decision, OralChoice
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

ADMIS, AJOURNE, CONTROLE = Decision.ADMIS, Decision.AJOURNE, Decision.CONTROLE


def codes(spec: Specialty, levels: int = 1) -> tuple[str, ...]:
    return tuple(d.code for d in highest_general_disciplines(spec, levels))


# --- R10 eligibility ----------------------------------------------------------------------


def test_r10_no_lower_bound() -> None:
    """R10: (0 + ABJ 0) / 2 = 0 without ABS → contrôle."""
    spec = specialty(gen("G1"), pro("P1"))
    result = evaluate(spec, {"G1": "0", "P1": "ABJ"})
    assert result.average == 0
    assert result.decision is CONTROLE
    assert result.options == ("G1",)


# --- R12 choice of the general discipline -----------------------------------------------------

# E2 = E21 + E22 = 1.5 + 1.5 = 3 > E3 2.5 > E1 2; P1 (9) is professional.
SUB = specialty(
    gen("E1", "2"),
    gen("E21", "1.5", discipline="E2"),
    gen("E22", "1,5", discipline="E2"),
    gen("E3", "2.5"),
    pro("P1", "9"),
)


def test_r12_sous_epreuves_form_one_discipline_with_the_sum_of_coefficients() -> None:
    """R12/§1: E2's coefficient is 1.5 + 1.5 = 3, the highest (E3 2.5, E1 2): only E2.
    Line by line, 1.5 would be the lowest."""
    assert codes(SUB) == ("E2",)
    assert codes(SUB, 2) == ("E2", "E3")  # 3 and 2.5
    assert codes(SUB, 3) == ("E1", "E2", "E3")  # règlement order


def test_r12_options_of_an_eligible_candidate() -> None:
    """R12: (2·6 + 1.5·8 + 1.5·8 + 2.5·8 + 9·9) / 16.5 = (12 + 12 + 12 + 20 + 81) / 16.5
    = 137 / 16.5 = 8.30… → contrôle, options E2 only; P1 (coef 9) is never offered."""
    result = evaluate(SUB, {"E1": "6", "E21": "8", "E22": "8", "E3": "8", "P1": "9"})
    assert result.average == Fraction(274, 33)
    assert result.decision is CONTROLE
    assert result.options == ("E2",)


def test_r12_ties_all_offered_in_reglement_order() -> None:
    """R12: E3 3, E2 = 1.5 + 1.5 = 3, E1 3.0 tie (compared exactly); E4 1 is not offered.
    Order = where each discipline's first line appears: E3, E2 (E21), E1."""
    spec = specialty(
        gen("E3", "3"),
        gen("E21", "1.5", discipline="E2"),
        gen("E1", "3,0"),
        gen("E22", "1.5", discipline="E2"),
        gen("E4", "1"),
        pro("P1", "5"),
    )
    assert codes(spec) == ("E3", "E2", "E1")
    # all 5: (3·5 + 1.5·5 + 3·5 + 1.5·5 + 5 + 5·5) / 14.5 = 5 → contrôle
    grades = {c: "5" for c in ("E3", "E21", "E1", "E22", "E4", "P1")}
    assert evaluate(spec, grades).options == ("E3", "E2", "E1")


LEVELS = specialty(gen("G4", "4"), gen("G3a", "3"), gen("G3b", "3"), gen("G2", "2"), pro("P6", "6"))


@pytest.mark.parametrize(
    ("levels", "offered"),
    [
        (1, ("G4",)),
        (2, ("G4", "G3a", "G3b")),  # the two highest distinct values 4 and 3: three disciplines
        (3, ("G4", "G3a", "G3b", "G2")),
        (7, ("G4", "G3a", "G3b", "G2")),
    ],
)
def test_r12_general_oral_levels_widen_by_distinct_values(
    levels: int, offered: tuple[str, ...]
) -> None:
    """R12: k = general_oral_levels distinct coefficient values; professional P6 (6) plays no
    part. All grades 5 → 5 < 10, contrôle."""
    assert codes(LEVELS, levels) == offered
    grades = {c: "5" for c in ("G4", "G3a", "G3b", "G2", "P6")}
    result = evaluate(LEVELS, grades, levels=levels)
    assert result.decision is CONTROLE
    assert result.options == offered


@pytest.mark.parametrize("levels", [0, -1, True])
def test_r12_general_oral_levels_must_be_an_integer_at_least_1(levels: int) -> None:
    """R12/§6: k is an integer ≥ 1."""
    with pytest.raises(InvalidInput):
        SessionRules(REGIMES["2021"], general_oral_levels=levels)


def test_r12_offer_same_for_a_candidate_dis_in_the_discipline() -> None:
    """R12: the offer depends on the règlement only: DIS on E21 and E22 still offers E2.
    Average (2·6 + 2.5·8 + 9·9) / (2 + 2.5 + 9) = (12 + 20 + 81) / 13.5 = 113 / 13.5.
    An oral in E2 at 12 replaces the ponctuel general lines E1, E3
    (m = 32 / 4.5 = 7.1 < 12): (4.5·12 + 81) / 13.5 = 135 / 13.5 = 10 → admis."""
    grades = {"E1": "6", "E21": "DIS", "E22": "DIS", "E3": "8", "P1": "9"}
    result = evaluate(SUB, grades)
    assert result.average == Fraction(226, 27)
    assert result.decision is CONTROLE
    assert result.options == ("E2",)
    final = evaluate(SUB, grades, orals=orals_2021(("E2", 1200)))
    assert final.final_average == Fraction(10)
    assert final.final_decision is ADMIS


@pytest.mark.parametrize("discipline", ["E1", "E3", "P1", "E21", "XX", None])
def test_r12_general_oral_outside_the_offer_is_invalid(discipline: str | None) -> None:
    """R12/§6: a general oral in a discipline not offered, or without discipline, is invalid
    input (only E2 is offered)."""
    grades = {"E1": "6", "E21": "8", "E22": "8", "E3": "8", "P1": "9"}
    with pytest.raises(InvalidInput):
        evaluate(SUB, grades, orals=orals_2021((discipline, 1500)))


def test_r11_unknown_oral_key_is_invalid() -> None:
    """R11/§6: regime 2021 has only the orals 'general' and 'professional'."""
    spec = specialty(gen("G1"), pro("P1"))
    orals = {**orals_2021(("G1", 1200)), "E2": orals_2021(("G1", 1200))["general"]}
    with pytest.raises(InvalidInput):
        evaluate(spec, {"G1": "6", "P1": "6"}, orals=orals)


# --- R13 replacement ---------------------------------------------------------------------------

# G1 2 ponctuel; G2 2 ccf for A, ponctuel for C; P1 2 ccf for A, ponctuel for C; P2 2 ponctuel.
CAT = specialty(
    gen("G1", "2"),
    gen("G2", "2", mode={"A": "ccf", "C": "ponctuel"}),
    pro("P1", "2", mode={"A": "ccf", "C": "ponctuel"}),
    pro("P2", "2"),
)
# (2·6 + 2·8 + 2·9 + 2·7) / 8 = (12 + 16 + 18 + 14) / 8 = 60 / 8 = 7.5
CAT_GRADES = {"G1": "6", "G2": "8", "P1": "9", "P2": "7"}


def test_r13_category_a_replaces_only_its_ponctuel_lines() -> None:
    """R3/R13, category A: general P = {G1} (m = 6), professional P = {P2} (m = 7).
    Orals 12 and 11: 2·12 + 16 + 18 + 2·11 = 24 + 16 + 18 + 22 = 80; 80 / 8 = 10 → admis.
    (Replacing the ccf lines too would give 88 / 8 = 11.)"""
    result = evaluate(CAT, CAT_GRADES, category="A", orals=orals_2021(("G1", 1200), 1100))
    assert result.average == Fraction(15, 2)
    assert result.options == ("G1", "G2")  # tie at 2 (R12)
    assert result.final_average == Fraction(10)
    assert result.final_decision is ADMIS


def test_r13_category_c_replaces_its_ponctuel_lines() -> None:
    """R3/R13, category C: general P = {G1, G2} (m = 28 / 4 = 7), professional P = {P1, P2}
    (m = 32 / 4 = 8). Orals 12 and 11: 4·12 + 4·11 = 48 + 44 = 92; 92 / 8 = 11.5 → admis."""
    result = evaluate(CAT, CAT_GRADES, category="C", orals=orals_2021(("G2", 1200), 1100))
    assert result.average == Fraction(15, 2)
    assert result.final_average == Fraction(23, 2)
    assert result.final_decision is ADMIS


def test_r17_needed_depends_on_the_category() -> None:
    """R17 with R13's groups. Σcoef = 8, 10·8 = 80, points 60.
    A: general (80 − (60 − 12)) / 2 = 32 / 2 = 16; professional (80 − (60 − 14)) / 2 = 17.
    C: general (80 − (60 − 28)) / 4 = 48 / 4 = 12; professional (80 − (60 − 32)) / 4 = 13."""
    assert evaluate(CAT, CAT_GRADES, category="A").needed == {"general": 1600, "professional": 1700}
    assert evaluate(CAT, CAT_GRADES, category="C").needed == {"general": 1200, "professional": 1300}


def test_r13_oral_below_m_changes_nothing() -> None:
    """R13: category A, general oral 5 < m = 6, professional oral 6.99 < m = 7: nothing is
    replaced, final = 60 / 8 = 7.5 (replacing would give 58 / 8 or lower) → ajourné."""
    result = evaluate(CAT, CAT_GRADES, orals=orals_2021(("G1", 500), 699))
    assert result.final_average == Fraction(15, 2)
    assert result.final_decision is AJOURNE


def test_r13_oral_grade_none_changes_nothing() -> None:
    """R13: a missing oral grade changes nothing: both None → 60 / 8 = 7.5 → ajourné;
    general None and professional 17 (> m = 7): 60 − 14 + 2·17 = 80 → 10 → admis."""
    none = evaluate(CAT, CAT_GRADES, orals=orals_2021(("G1", None), None))
    assert none.final_average == Fraction(15, 2)
    assert none.final_decision is AJOURNE
    one = evaluate(CAT, CAT_GRADES, orals=orals_2021(("G1", None), 1700))
    assert one.final_average == Fraction(10)
    assert one.final_decision is ADMIS


def test_r13_no_final_without_orals() -> None:
    """§6: no orals → no final average nor final decision."""
    result = evaluate(CAT, CAT_GRADES)
    assert result.decision is CONTROLE
    assert result.final_average is None
    assert result.final_decision is None


def test_r13_r17_domain_without_ponctuel_line() -> None:
    """R13/R17: category A has no ponctuel professional line → needed professional None
    ("impossible") and an oral of 20 changes nothing: (2·8 + 2·9) / 4 = 34 / 4 = 8.5.
    General: (10·4 − 18) / 2 = 22 / 2 = 11. Category C: P1 is ponctuel:
    (40 − 16) / 2 = 12, and an oral of 20 gives (16 + 40) / 4 = 14."""
    spec = specialty(gen("G1", "2"), pro("P1", "2", mode={"A": "ccf", "C": "ponctuel"}))
    grades = {"G1": "8", "P1": "9"}
    first = evaluate(spec, grades)
    assert first.needed == {"general": 1100, "professional": None}
    nothing = evaluate(spec, grades, orals=orals_2021(professional=2000))
    assert nothing.final_average == Fraction(17, 2)
    assert nothing.final_decision is AJOURNE
    # general 11 → (22 + 18) / 4 = 10, professional oral still ignored
    both = evaluate(spec, grades, orals=orals_2021(("G1", 1100), 2000))
    assert both.final_average == Fraction(10)
    assert both.final_decision is ADMIS
    c = evaluate(spec, grades, category="C", orals=orals_2021(professional=2000))
    assert c.needed == {"general": 1100, "professional": 1200}
    assert c.final_average == Fraction(14)


def test_r13_dis_line_stays_out() -> None:
    """R13: category C, G2 DIS: general P = {G1}. Average (12 + 18 + 14) / 6 = 44 / 6.
    Oral 12 (> 6): 44 − 12 + 24 = 56 → 56 / 6 = 9.33… → ajourné (counting G2 at 12 would give
    80 / 8 = 10). Needed general: (60 − 32) / 2 = 28 / 2 = 14."""
    grades = {**CAT_GRADES, "G2": "DIS"}
    result = evaluate(CAT, grades, category="C", orals=orals_2021(("G1", 1200)))
    assert result.average == Fraction(22, 3)
    assert result.divisor == 6
    assert result.needed["general"] == 1400
    assert result.final_average == Fraction(28, 3)
    assert result.final_decision is AJOURNE


def test_r13_r17_bonus_unchanged_after_orals() -> None:
    """R6/R13: F1 coef 2 at 12 → bonus 4; (6 + 8 + 4) / 2 = 9 → contrôle.
    Needed general: (20 − 8 − 4) / 1 = 8. Oral 8 > 6: (8 + 8 + 4) / 2 = 10 → admis
    (without the bonus it would be 8); oral 7.99: (7.99 + 8 + 4) / 2 = 9.995 → ajourné."""
    spec = specialty(gen("G1"), pro("P1", mode="ccf"), fac("F1", "2"))
    grades = {"G1": "6", "P1": "8", "F1": "12"}
    first = evaluate(spec, grades)
    assert first.average == Fraction(9)
    assert first.needed == {"general": 800, "professional": None}
    passed = evaluate(spec, grades, orals=orals_2021(("G1", 800)))
    assert passed.bonus == 4
    assert passed.final_average == Fraction(10)
    assert passed.final_decision is ADMIS
    failed = evaluate(spec, grades, orals=orals_2021(("G1", 799)))
    assert failed.final_average == Fraction(1999, 200)
    assert failed.final_decision is AJOURNE


# --- the §6 worked example --------------------------------------------------------------------

# MCO and MCO_GRADES: the §6 worked example, in tests/core/support.py


def test_r12_r13_r17_worked_example() -> None:
    """§6: options E1, E2 (1.5 + 1.5), E3 all at 3. General P = E1, E21, E3 (m = 46.5 / 7.5
    = 6.2), professional P = E5 (m = 6). Needed: general (210 − 141 − 4) / 7.5 = 8.666… →
    8.67; professional (210 − 169.5 − 4) / 3 = 12.166… → 12.17. Orals 13 and 9:
    7.5·13 + 1.5·11 + 3·9 + 36 + 31.5 + 39 = 97.5 + 16.5 + 27 + 106.5 = 247.5; + 4 = 251.5;
    251.5 / 21 = 503 / 42 = 11.976… → 11,97, admis."""
    result = evaluate(MCO, MCO_GRADES, orals=orals_2021(("E1", 1300), 900))
    assert result.average == Fraction(383, 42)
    assert result.decision is CONTROLE
    assert result.options == ("E1", "E2", "E3")
    assert result.needed == {"general": 867, "professional": 1217}
    assert result.bonus == 4
    assert result.final_average == Fraction(503, 42)
    assert fr(result.final_average) == "11,97"
    assert result.final_decision is ADMIS


@pytest.mark.parametrize("discipline", ["E1", "E2", "E3"])
def test_r13_the_chosen_discipline_does_not_narrow_the_replacement(discipline: str) -> None:
    """R13: the general oral replaces every ponctuel general line, whatever the discipline
    chosen: general 13 alone → 7.5·13 + 16.5 + 18 + 106.5 = 238.5; + 4 = 242.5 → 242.5 / 21."""
    result = evaluate(MCO, MCO_GRADES, orals=orals_2021((discipline, 1300)))
    assert result.final_average == Fraction(485, 42)
    assert result.final_decision is ADMIS


def test_r13_category_c_worked_example() -> None:
    """R3/R13, category C: every line is ponctuel. General P = all four (m = 63 / 9 = 7),
    professional P = all four (m = 124.5 / 12). Needed general (210 − 124.5 − 4) / 9 = 81.5 / 9
    = 9.055… → 9.06; professional (210 − 63 − 4) / 12 = 143 / 12 = 11.91… → 11.92."""
    result = evaluate(MCO, MCO_GRADES, category="C")
    assert result.needed == {"general": 906, "professional": 1192}


# --- R17 at the boundary -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("general", "professional", "passed", "final"),
    [
        # general 8.67: 187.5 − 46.5 + 7.5·8.67 = 141 + 65.025 = 206.025; + 4 = 210.025 ≥ 210
        (867, None, True, Fraction(210025, 21000)),
        # general 8.66: 141 + 64.95 = 205.95; + 4 = 209.95 < 210
        (866, None, False, Fraction(20995, 2100)),
        # professional 12.17: 187.5 − 18 + 3·12.17 = 169.5 + 36.51 = 206.01; + 4 = 210.01
        (None, 1217, True, Fraction(21001, 2100)),
        # professional 12.16: 169.5 + 36.48 = 205.98; + 4 = 209.98
        (None, 1216, False, Fraction(20998, 2100)),
    ],
)
def test_r17_needed_reaches_10_and_one_hundredth_less_does_not(
    general: int | None, professional: int | None, passed: bool, final: Fraction
) -> None:
    """R17: 8.67 / 12.17 reach 10 alone; 8.66 / 12.16 do not."""
    orals: dict[str, OralChoice] = {}
    if general is not None:
        orals |= orals_2021(("E1", general))
    if professional is not None:
        orals |= orals_2021(professional=professional)
    result = evaluate(MCO, MCO_GRADES, orals=orals)
    assert result.final_average == final
    assert result.final_decision is (ADMIS if passed else AJOURNE)


def test_r17_needed_from_first_group_grades_only() -> None:
    """R17: the orals given never change the needed grades (8.67 and 12.17)."""
    expected = {"general": 867, "professional": 1217}
    assert evaluate(MCO, MCO_GRADES).needed == expected
    for orals in (
        orals_2021(("E1", 2000), 2000),
        orals_2021(("E3", 500), 100),
        orals_2021(("E2", None), None),
        orals_2021(("E1", 867)),
    ):
        assert evaluate(MCO, MCO_GRADES, orals=orals).needed == expected


# G1 ponctuel, P1 ponctuel, P2 ccf, coefficient 1 each: general t = 30 − P1 − P2,
# professional t = 30 − G1 − P2.
T20 = specialty(gen("G1"), pro("P1"), pro("P2", mode="ccf"))


def test_r17_threshold_exactly_20_gives_20_00() -> None:
    """R17: G1 5, P1 4, P2 6: (5 + 4 + 6) / 3 = 5. General t = (30 − 4 − 6) / 1 = 20 →
    "20.00"; professional t = (30 − 5 − 6) / 1 = 19. Oral 20: (20 + 4 + 6) / 3 = 10 → admis;
    oral 19.99: 29.99 / 3 → ajourné."""
    grades = {"G1": "5", "P1": "4", "P2": "6"}
    result = evaluate(T20, grades)
    assert result.average == Fraction(5)
    assert result.needed == {"general": 2000, "professional": 1900}
    needed = result.needed["general"]
    assert needed is not None
    assert cents_text(needed) == "20.00"
    top = evaluate(T20, grades, orals=orals_2021(("G1", 2000)))
    assert top.final_average == Fraction(10)
    assert top.final_decision is ADMIS
    below = evaluate(T20, grades, orals=orals_2021(("G1", 1999)))
    assert below.final_average == Fraction(2999, 300)
    assert below.final_decision is AJOURNE


def test_r17_threshold_above_20_is_impossible() -> None:
    """R17: G1 5, P1 3.99, P2 6: general t = 30 − 3.99 − 6 = 20.01 > 20 → None; professional
    t = 30 − 5 − 6 = 19. Even 20: (20 + 3.99 + 6) / 3 = 29.99 / 3 = 9.996… → ajourné."""
    grades = {"G1": "5", "P1": "3,99", "P2": "6"}
    result = evaluate(T20, grades)
    assert result.needed == {"general": None, "professional": 1900}
    top = evaluate(T20, grades, orals=orals_2021(("G1", 2000)))
    assert top.final_average == Fraction(2999, 300)
    assert top.final_decision is AJOURNE


def test_r17_needed_rounded_up_from_a_fractional_threshold() -> None:
    """R17: G1 coef 3, P1 coef 1 ccf: G1 7, P1 8 → (21 + 8) / 4 = 7.25.
    General t = (40 − 8) / 3 = 10.666… → 10.67. Oral 10.67: 32.01 + 8 = 40.01 → admis;
    oral 10.66: 31.98 + 8 = 39.98 → ajourné."""
    spec = specialty(gen("G1", "3"), pro("P1", mode="ccf"))
    grades = {"G1": "7", "P1": "8"}
    assert evaluate(spec, grades).needed == {"general": 1067, "professional": None}
    passed = evaluate(spec, grades, orals=orals_2021(("G1", 1067)))
    assert passed.final_average == Fraction(4001, 400)
    assert passed.final_decision is ADMIS
    failed = evaluate(spec, grades, orals=orals_2021(("G1", 1066)))
    assert failed.final_average == Fraction(3998, 400)
    assert failed.final_decision is AJOURNE
