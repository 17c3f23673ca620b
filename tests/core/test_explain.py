"""The "Pourquoi ?" panel's content (issue 4): the computation laid out with the candidate's
own numbers (R2–R17).

Every expected figure is worked by hand in the comment next to it; the explanation is
checked both in its figures (exact Fractions, hundredths) and in its French text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from btsdesk.core.engine import Evaluator, SessionRules
from btsdesk.core.errors import InvalidInput
from btsdesk.core.explain import Explanation, exact_fr, explain
from btsdesk.core.grades import Code, parse_entry
from btsdesk.core.regimes import REGIMES
from btsdesk.core.reglement import Domain, Mode, Specialty, parse_specialty
from btsdesk.core.results import CandidateGrades, Decision, OralChoice
from tests.core.support import evaluate, fac, gen, orals_2021, orals_2022, pro, specialty

ADMIS, AJOURNE, CONTROLE = Decision.ADMIS, Decision.AJOURNE, Decision.CONTROLE

WORKED = json.loads(
    (Path(__file__).parents[1] / "data" / "worked_example.json").read_text(encoding="utf-8")
)
MCO = parse_specialty(WORKED["specialty"])
MCO_GRADES: dict[str, str] = WORKED["candidates"][0]["grades"]


def explained(
    spec: Specialty,
    grades: Mapping[str, str],
    *,
    regime: str = "2021",
    category: str = "A",
    orals: Mapping[str, OralChoice] | None = None,
    levels: int = 1,
) -> Explanation:
    rules = SessionRules(REGIMES[regime], general_oral_levels=levels)
    entries = {code: parse_entry(text) for code, text in grades.items()}
    return explain(
        Evaluator(spec, rules),
        CandidateGrades(number="001", category=category, grades=entries, orals=orals),
    )


def section(explanation: Explanation, title: str) -> list[str]:
    """The lines of the one section whose title starts with ``title``."""
    found = [lines for name, lines in explanation.sections() if name.startswith(title)]
    assert len(found) == 1, [name for name, _ in explanation.sections()]
    return found[0]


def titles(explanation: Explanation) -> list[str]:
    return [name for name, _ in explanation.sections()]


# --- §6 worked example --------------------------------------------------------------------

WORKED_ORALS = orals_2021(("E1", 1300), 900)


def test_worked_example_first_group() -> None:
    """§6: 3·8.5 + 1.5·0 (ABJ) + 1.5·11 + 3·7 + 3·12 + 3·10.5 + 3·6 + 3·13
    = 25.5 + 0 + 16.5 + 21 + 36 + 31.5 + 18 + 39 = 187.5; bonus (14 − 10)·1 = 4;
    Σcoef = 3 + 1.5 + 1.5 + 3·5 = 21; 191.5 / 21 = 9.1190… → 9,11 (R7), contrôle (R10)."""
    ex = explained(MCO, MCO_GRADES, orals=WORKED_ORALS)
    assert (ex.points, ex.bonus, ex.divisor) == (Fraction(375, 2), 4, 21)
    assert ex.average == Fraction(383, 42)  # 191.5 / 21
    e1 = ex.lines[0]
    assert (e1.shown, e1.value, e1.points, e1.domain, e1.mode) == (
        "8,50",
        Fraction(17, 2),
        Fraction(51, 2),
        Domain.GENERAL,
        Mode.PONCTUEL,
    )
    e21 = ex.lines[1]
    assert (e21.shown, e21.value, e21.points, e21.counted) == ("ABJ", 0, 0, True)
    assert ex.lines[2].mode is Mode.CCF  # E22 is CCF for category A (R3)

    lines = section(ex, "Épreuves obligatoires")
    assert lines[0] == (
        "E1 Culture générale et expression : 8,50 × 3 = 25,5 — domaine général, ponctuel"
    )
    assert lines[1].startswith("E21 LVE écrit : ABJ compte 0 × 1,5 = 0")
    assert lines[2] == "E22 LVE oral : 11,00 × 1,5 = 16,5 — domaine général, CCF"
    assert section(ex, "Épreuves facultatives") == ["EF1 LV2 : (14,00 − 10) × 1 = bonus 4"]
    average = section(ex, "Moyenne (R5")
    assert "Total : 187,5 + bonus 4 = 191,5 points ; diviseur 21" in average
    assert "Diviseur : 3 + 1,5 + 1,5 + 3 + 3 + 3 + 3 + 3 = 21" in average
    assert "Moyenne : 191,5 / 21 = 9,119… → 9,11 (R7 : tronquée)" in average
    # R8: general (25.5 + 0 + 16.5 + 21) / 9 = 63 / 9 = 7;
    # professional (36 + 31.5 + 18 + 39) / 12 = 124.5 / 12 = 10.375 → 10,37.
    assert section(ex, "Moyennes par domaine") == [
        "Domaine général : 63 / 9 = 7 → 7,00",
        "Domaine professionnel : 124,5 / 12 = 10,375 → 10,37",
    ]
    assert ex.verdict.rule == "R10"
    assert "Décision : épreuves de contrôle (R10)" in titles(ex)
    assert section(ex, "Décision") == [
        "Moyenne 9,11 < 10",
        "Aucune absence injustifiée → épreuves de contrôle (R10)",
    ]
    # R12: E1 3, E2 = 1.5 + 1.5 = 3, E3 3: all tied at the highest general coefficient.
    assert [d.code for d in ex.options] == ["E1", "E2", "E3"]
    assert "E2 LVE écrit + LVE oral — coefficient 3" in section(ex, "Disciplines proposées")


def test_worked_example_needed_grades_and_replaced_lines() -> None:
    """§6, R13/R17. General ponctuel lines for A: E1, E21, E3; m = (25.5 + 0 + 21) / 7.5
    = 46.5 / 7.5 = 6.2; t = (210 − (187.5 − 46.5) − 4) / 7.5 = 65 / 7.5 = 26/3 = 8.666…
    → 8,67. Professional: E5; m = 18 / 3 = 6; t = (210 − 169.5 − 4) / 3 = 36.5 / 3 = 73/6
    = 12.166… → 12,17."""
    ex = explained(MCO, MCO_GRADES, orals=WORKED_ORALS)
    general, professional = ex.orals
    assert (general.key, general.lines, general.current) == (
        "general",
        ("E1", "E21", "E3"),
        Fraction(31, 5),
    )
    assert (general.threshold, general.needed) == (Fraction(26, 3), 867)
    assert general.kept == (("E22", "CCF"),)
    assert (professional.key, professional.lines, professional.current) == (
        "professional",
        ("E5",),
        6,
    )
    assert (professional.threshold, professional.needed) == (Fraction(73, 6), 1217)
    assert professional.kept == (("E41", "CCF"), ("E42", "CCF"), ("E6", "CCF"))

    text = section(ex, "Oral du domaine général")
    assert "Épreuves que l'oral remplacerait : E1, E21, E3 (R13)" in text
    assert "Moyenne actuelle m = 46,5 / 7,5 = 6,2 → 6,20" in text
    assert (
        "Seuil exact t = (10 × 21 − 141 − 4) / 7,5 = 65 / 7,5 = 8,666… → 8,67 "
        "(R17 : arrondi au centième supérieur)"
    ) in text
    assert "Il faut 8,67 à l'oral du domaine général (R17)" in text
    text = section(ex, "Oral du domaine professionnel")
    assert "Épreuves que l'oral remplacerait : E5 (R13)" in text
    assert (
        "Seuil exact t = (10 × 21 − 169,5 − 4) / 3 = 36,5 / 3 = 12,166… → 12,17 "
        "(R17 : arrondi au centième supérieur)" in text
    )
    assert "Il faut 12,17 à l'oral du domaine professionnel (R17)" in text


def test_worked_example_final_with_orals_13_and_9() -> None:
    """§6, R13: 13 > 6.2 replaces E1, E21, E3: 187.5 − 46.5 + 13·7.5 = 238.5; 9 > 6 replaces
    E5: 238.5 − 18 + 9·3 = 247.5; + bonus 4 = 251.5; 251.5 / 21 = 11.976… → 11,97, admis."""
    ex = explained(MCO, MCO_GRADES, orals=WORKED_ORALS)
    assert ex.final is not None
    assert (ex.final.total, ex.final.divisor) == (Fraction(503, 2), 21)
    assert (ex.final.average, ex.final.decision, ex.final.rule) == (Fraction(503, 42), ADMIS, "R13")
    general, professional = ex.final.outcomes
    assert (general.discipline, general.lines, general.replaced) == (
        "E1",
        ("E1", "E21", "E3"),
        True,
    )
    assert (professional.lines, professional.replaced) == (("E5",), True)
    assert section(ex, "Après les épreuves de contrôle (R13)") == [
        "Oral du domaine général (E1) : 13,00 > m = 6,2 → remplace E1, E21, E3 (R13)",
        "Oral du domaine professionnel : 9,00 > m = 6 → remplace E5 (R13)",
        "Total : 251,5 points (bonus compris) ; diviseur 21",
        "Moyenne finale : 251,5 / 21 = 11,976… → 11,97 (R7 : tronquée)",
        "11,97 ≥ 10 → admis (R13)",
    ]


def test_worked_example_category_b_replaces_only_the_ponctuel_lines() -> None:
    """R3/R13: for B, E21 is CCF: general group E1, E3 only; m = 46.5 / 6 = 7.75;
    t = (210 − 141 − 4) / 6 = 65 / 6 = 10.833… → 10,84."""
    ex = explained(MCO, MCO_GRADES, category="B")
    general = ex.orals[0]
    assert (general.lines, general.current, general.needed) == (("E1", "E3"), Fraction(31, 4), 1084)
    assert general.kept == (("E21", "CCF"), ("E22", "CCF"))
    assert "Il faut 10,84 à l'oral du domaine général (R17)" in section(
        ex, "Oral du domaine général"
    )
    assert ex.final is None  # no orals given: no final section
    assert not any(t.startswith("Après") for t in titles(ex))


# --- what each oral grade would change ------------------------------------------------------


def test_what_if_table_is_the_engines_result_for_the_same_orals() -> None:
    """Each row equals the engine's final average with that oral alone. By hand: general 8
    replaces 46.5 by 8·7.5 = 60: (141 + 60 + 4) / 21 = 205/21 = 9.76 → ajourné; general
    8.67: (141 + 65.025 + 4) / 21 = 10.001… → admis; professional 12: (169.5 + 36 + 4) / 21
    = 209.5 / 21 = 9.97… → ajourné; professional 12.17: 210.01 / 21 → admis."""
    ex = explained(MCO, MCO_GRADES)
    general, professional = ex.orals
    assert [row.oral for row in general.what_if] == [800, 867, 1000, 1200, 1400, 1600]
    assert [row.oral for row in professional.what_if] == [800, 1000, 1200, 1217, 1400, 1600]
    for row in general.what_if:
        engine = evaluate(MCO, MCO_GRADES, orals=orals_2021(("E2", row.oral)))
        assert (row.final_average, row.final_decision) == (
            engine.final_average,
            engine.final_decision,
        )
    for row in professional.what_if:
        engine = evaluate(MCO, MCO_GRADES, orals=orals_2021(professional=row.oral))
        assert (row.final_average, row.final_decision) == (
            engine.final_average,
            engine.final_decision,
        )
    by_grade = {row.oral: row for row in general.what_if}
    assert (by_grade[800].final_average, by_grade[800].final_decision) == (
        Fraction(205, 21),
        AJOURNE,
    )
    assert by_grade[867].final_decision is ADMIS
    by_grade = {row.oral: row for row in professional.what_if}
    assert (by_grade[1200].final_average, by_grade[1200].final_decision) == (
        Fraction(419, 42),
        AJOURNE,
    )
    assert (by_grade[1217].final_average, by_grade[1217].final_decision) == (
        Fraction(21001, 2100),
        ADMIS,
    )
    text = section(ex, "Oral du domaine professionnel")
    assert "Oral 12,00 → moyenne 9,97 < 10 → ajourné" in text
    assert "Oral 12,17 (note nécessaire) → moyenne 10,00 ≥ 10 → admis" in text


def test_what_if_table_regime_2022_and_an_oral_below_the_average() -> None:
    """R16, R17. E1 2, E2 = E21 1 + E22 1, P1 4. Grades 6, 8, ABJ, 11: 12 + 8 + 0 + 44 = 64;
    Σ = 8 → 8 ≥ 8; professional 44 / 4 = 11 ≥ 10 → contrôle (R14).
    E1: m = 6, t = (80 − 52) / 2 = 14 → 14,00. E2: m = 8 / 2 = 4, t = (80 − 56) / 2 = 12.
    E2 at 8: 64 − 8 + 16 = 72 / 8 = 9 → ajourné. An oral of 4 in E2 is not above m = 4:
    nothing replaced, 64 / 8 = 8."""
    spec = specialty(
        gen("E1", "2"),
        gen("E21", "1", discipline="E2"),
        gen("E22", "1", discipline="E2"),
        pro("P1", "4"),
    )
    grades = {"E1": "6", "E21": "8", "E22": "ABJ", "P1": "11"}
    ex = explained(spec, grades, regime="2022")
    assert ex.verdict.rule == "R14"
    e1, e2 = ex.orals
    assert (e1.key, e1.lines, e1.current, e1.threshold, e1.needed) == ("E1", ("E1",), 6, 14, 1400)
    assert (e2.key, e2.lines, e2.current, e2.threshold, e2.needed) == (
        "E2",
        ("E21", "E22"),
        4,
        12,
        1200,
    )
    assert "Il faut 14,00 à l'oral de E1 (R17)" in section(ex, "Oral de E1")
    assert "Épreuves que l'oral remplacerait : E21, E22 (R16)" in section(ex, "Oral de E2")
    for oral in ex.orals:
        for row in oral.what_if:
            engine = evaluate(spec, grades, regime="2022", orals=orals_2022(**{oral.key: row.oral}))
            assert (row.final_average, row.final_decision) == (
                engine.final_average,
                engine.final_decision,
            )
    assert {row.oral: row.final_average for row in e2.what_if}[800] == 9
    # below m: the engine keeps 64 / 8 = 8, and the explanation says nothing is replaced
    low = explained(spec, grades, regime="2022", orals=orals_2022(E2=400))
    assert low.final is not None
    assert low.final.average == 8
    assert low.final.outcomes[0].replaced is False
    assert "Oral de E2 : 4,00 ≤ m = 4 → ne remplace rien (R16)" in section(low, "Après")


def test_regime_2022_final_with_one_oral_missing() -> None:
    """R16 with the spec above: E2 at 12 > 4 replaces E21, E22: 64 − 8 + 12·2 = 80;
    80 / 8 = 10 → admis exactly at 10; E1 without grade changes nothing."""
    spec = specialty(
        gen("E1", "2"),
        gen("E21", "1", discipline="E2"),
        gen("E22", "1", discipline="E2"),
        pro("P1", "4"),
    )
    grades = {"E1": "6", "E21": "8", "E22": "ABJ", "P1": "11"}
    ex = explained(spec, grades, regime="2022", orals=orals_2022(E1=None, E2=1200))
    assert ex.final is not None
    assert (ex.final.average, ex.final.decision, ex.final.rule) == (10, ADMIS, "R16")
    assert section(ex, "Après les épreuves de contrôle (R16)") == [
        "Oral de E1 : pas de note → ne change rien (R16)",
        "Oral de E2 : 12,00 > m = 4 → remplace E21, E22 (R16)",
        "Total : 80 points (bonus compris) ; diviseur 8",
        "Moyenne finale : 80 / 8 = 10 → 10,00 (R7)",
        "10,00 ≥ 10 → admis (R16)",
    ]
    # the first-group decision stays the R14 one, without the orals' sentence
    assert ex.verdict.statements == (
        "moyenne 8,00 ≥ 8",
        "domaine professionnel 11,00 ≥ 10 → épreuves de contrôle (R14)",
    )


def test_needed_impossible_empty_group_and_above_20() -> None:
    """R17. G1 3 (CCF), P1 1 (ponctuel), grades 2 and 2: 6 + 2 = 8 / 4 = 2 → contrôle (R10).
    General: no ponctuel line → impossible, the oral changes nothing (R13).
    Professional: t = (40 − 6) / 1 = 34 > 20 → impossible; the table shows 20:
    (6 + 20) / 4 = 6.5 → ajourné."""
    spec = specialty(gen("G1", "3", mode="ccf"), pro("P1", "1"))
    ex = explained(spec, {"G1": "2", "P1": "2"})
    general, professional = ex.orals
    assert (general.lines, general.needed, general.threshold, general.what_if) == (
        (),
        None,
        None,
        (),
    )
    assert general.kept == (("G1", "CCF"),)
    assert (
        "Impossible à l'oral du domaine général : l'oral ne remplacerait aucune épreuve (R13, R17)"
    ) in section(ex, "Oral du domaine général")
    assert (professional.threshold, professional.needed) == (34, None)
    assert (
        "Impossible à l'oral du domaine professionnel : il faudrait t = 34 > 20 (R17)"
        in section(ex, "Oral du domaine professionnel")
    )
    last = professional.what_if[-1]
    assert (last.oral, last.final_average, last.final_decision) == (2000, Fraction(13, 2), AJOURNE)


# --- the decision and its rule --------------------------------------------------------------


def test_abs_is_ajourne_by_r2_whatever_the_average() -> None:
    """R2: G1 3 at 20, P1 1 ABS (counts 0): 60 / 4 = 15 ≥ 10, yet ajourné by R2, not R9."""
    ex = explained(specialty(gen("G1", "3"), pro("P1", "1")), {"G1": "20", "P1": "ABS"})
    assert (ex.verdict.decision, ex.verdict.rule, ex.absent) == (AJOURNE, "R2", ("P1",))
    assert "Décision : ajourné (R2)" in titles(ex)
    assert any("ABS" in s and "P1" in s and "(R2)" in s for s in section(ex, "Décision"))
    assert (
        "P1 : ABS compte 0 × 1 = 0 (absence injustifiée, R2) — domaine professionnel, ponctuel"
    ) in section(ex, "Épreuves obligatoires")
    assert "Moyenne : 60 / 4 = 15 → 15,00 (R7)" in section(ex, "Moyenne (R5")
    assert ex.options == ()
    assert ex.orals == ()


def test_admis_exactly_at_ten_r9() -> None:
    """R9: 1.5·8 + 1.5·12 = 12 + 18 = 30; 30 / 3 = 10 ≥ 10 → admis."""
    ex = explained(specialty(gen("G1", "1.5"), pro("P1", "1,5")), {"G1": "8", "P1": "12"})
    assert ex.average == 10
    assert (ex.verdict.decision, ex.verdict.rule) == (ADMIS, "R9")
    assert "Moyenne : 30 / 3 = 10 → 10,00 (R7)" in section(ex, "Moyenne (R5")
    assert section(ex, "Décision : admis (R9)") == ["Moyenne 10,00 ≥ 10 → admis (R9)"]


def test_just_below_ten_is_truncated_and_controle_r10() -> None:
    """R4/R7: (9.99 + 10) / 2 = 9.995 → 9,99 shown, contrôle (R10)."""
    ex = explained(specialty(gen("G1"), pro("P1")), {"G1": "9,99", "P1": "10"})
    assert ex.verdict.rule == "R10"
    assert "Moyenne : 19,99 / 2 = 9,995 → 9,99 (R7 : tronquée)" in section(ex, "Moyenne (R5")


def test_regime_2022_ajourne_professional_below_ten_r14() -> None:
    """R14: 2·10 + 1·10 + 2·9.5 + 1·8 = 20 + 10 + 19 + 8 = 57; 57 / 6 = 9.5 ≥ 8 but the
    professional average (19 + 8) / 3 = 27 / 3 = 9 < 10 → ajourné."""
    spec = specialty(gen("G1", "2"), gen("G2", "1"), pro("P1", "2"), pro("P2", "1"))
    ex = explained(spec, {"G1": "10", "G2": "10", "P1": "9,5", "P2": "8"}, regime="2022")
    assert ex.average == Fraction(19, 2)
    assert (ex.verdict.decision, ex.verdict.rule) == (AJOURNE, "R14")
    professional = ex.domains[1]
    assert (professional.points, professional.divisor, professional.average) == (27, 3, 9)
    assert "Domaine professionnel : 27 / 3 = 9 → 9,00" in section(ex, "Moyennes par domaine")
    assert section(ex, "Décision : ajourné (R14)") == [
        "Moyenne 9,50 ≥ 8",
        "Domaine professionnel 9,00 < 10 → ajourné (R14)",
    ]
    assert ex.options == ()
    assert ex.orals == ()


def test_incomplet_lists_the_missing_lines() -> None:
    """R2: no entry for E3 and E5 → incomplet, no average, no decision."""
    grades = {code: text for code, text in MCO_GRADES.items() if code not in ("E3", "E5")}
    ex = explained(MCO, grades)
    assert (ex.verdict.decision, ex.verdict.rule, ex.missing) == (
        Decision.INCOMPLET,
        "R2",
        ("E3", "E5"),
    )
    assert ex.average is None
    assert section(ex, "Moyenne (R5") == ["Pas de moyenne : pas encore de note en E3, E5 (R2)"]
    lines = section(ex, "Épreuves obligatoires")
    assert "E3 CEJM : pas encore de note (coefficient 3, R2) — domaine général, ponctuel" in lines
    assert any(line.startswith("E5 Gestion opérationnelle : pas encore de note") for line in lines)
    assert "Décision : incomplet (R2)" in titles(ex)
    assert not any(t.startswith("Moyennes par domaine") for t in titles(ex))


# --- DIS and facultatives -------------------------------------------------------------------


def test_dis_line_is_left_out_of_total_and_divisor() -> None:
    """R2: G2 (coef 3) DIS is out of both: 2·12 + 1·9 = 33; Σ = 2 + 1 = 3 (not 6);
    33 / 3 = 11 → admis. General domain 24 / 2 = 12."""
    spec = specialty(gen("G1", "2"), gen("G2", "3"), pro("P1", "1"))
    ex = explained(spec, {"G1": "12", "G2": "DIS", "P1": "9"})
    g2 = ex.lines[1]
    assert (g2.entry, g2.shown, g2.value, g2.points, g2.counted) == (
        Code.DIS,
        "DIS",
        None,
        None,
        False,
    )
    assert ex.divisor == 3
    assert ex.average == 11
    lines = section(ex, "Épreuves obligatoires")
    assert lines[1] == (
        "G2 : DIS, dispensé : hors du total et du diviseur (coefficient 3 "
        "non compté, R2) — domaine général, ponctuel"
    )
    average = section(ex, "Moyenne (R5")
    assert "Points : 24 + 9 = 33" in average
    assert "Diviseur : 2 + 1 = 3" in average
    assert "Dispensé (DIS) : G2, hors du total et du diviseur (R2)" in average
    assert "Moyenne : 33 / 3 = 11 → 11,00 (R7)" in average
    assert "Domaine général : 24 / 2 = 12 → 12,00" in section(ex, "Moyennes par domaine")


def test_facultative_below_ten_gives_no_bonus() -> None:
    """R6: F1 (coef 2) at 8.5 < 10 → no bonus (not 2·(8.5 − 10) = −3); F2 ABS → no bonus,
    a warning. 2·12 + 1·9 = 33 / 3 = 11."""
    spec = specialty(gen("G1", "2"), pro("P1", "1"), fac("F1", "2"), fac("F2"))
    ex = explained(spec, {"G1": "12", "P1": "9", "F1": "8,5", "F2": "ABS"})
    f1, f2 = ex.facultatives
    assert (f1.shown, f1.bonus, f2.bonus, ex.bonus) == ("8,50", 0, 0, 0)
    assert ex.average == 11
    assert section(ex, "Épreuves facultatives (R6)") == [
        "F1 : 8,50 ≤ 10 → pas de bonus (R6 : seuls les points au-dessus de 10 comptent)",
        "F2 : ABS → pas de bonus (R6)",
    ]
    assert "Total : 33 points (pas de bonus) ; diviseur 3" in section(ex, "Moyenne (R5")
    assert any("F2" in w for w in section(ex, "À signaler"))


def test_facultative_bonus_with_a_coefficient() -> None:
    """R6: F1 coef 2 at 12.25: 2·(12.25 − 10) = 4.5; 2·9 + 1·9 = 27; (27 + 4.5) / 3 = 10.5."""
    spec = specialty(gen("G1", "2"), pro("P1", "1"), fac("F1", "2"))
    ex = explained(spec, {"G1": "9", "P1": "9", "F1": "12,25"})
    assert ex.bonus == Fraction(9, 2)
    assert section(ex, "Épreuves facultatives") == ["F1 : (12,25 − 10) × 2 = bonus 4,5"]
    assert "Total : 27 + bonus 4,5 = 31,5 points ; diviseur 3" in section(ex, "Moyenne (R5")
    assert ex.verdict.rule == "R9"


# --- errors and numbers ------------------------------------------------------------------------


def test_explain_refuses_what_the_engine_refuses() -> None:
    """§6: orals for an admis candidate are invalid input, for explain as for evaluate."""
    spec = specialty(gen("G1"), pro("P1"))
    with pytest.raises(InvalidInput, match="candidat 001"):
        explained(spec, {"G1": "12", "P1": "12"}, orals=orals_2021(professional=1200))


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Fraction(383, 42), 3, "9,119…"),  # 9.1190… truncated, not rounded
        (Fraction(26, 3), 3, "8,666…"),  # 8.666… → never 8,667
        (Fraction(51, 2), None, "25,5"),  # no useless trailing zero
        (Decimal("3.00"), None, "3"),
        (Fraction(83, 8), 3, "10,375"),  # exact within 3 decimals
        (Fraction(1, 16), 3, "0,062…"),  # 0.0625 has 4 decimals
        (Fraction(1, 16), None, "0,0625"),
        (Fraction(-3, 2), 3, "-1,5"),
        (10, 3, "10"),
    ],
)
def test_exact_fr(value: Fraction | Decimal | int, places: int | None, text: str) -> None:
    assert exact_fr(value, places) == text
