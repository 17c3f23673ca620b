"""R13a: an oral recorded absent in a session file. It changes nothing, like a missing grade,
but it is final: the final result is given at once (R13 or R16 with that oral left out). An
oral neither graded nor absent is "not yet known" and holds the final result back.

All figures on the §6 worked example (tests/core/support.py), worked by hand:
points 187.5, bonus 4, Σcoef 21 → 191.5 / 21 = 383/42 = 9.119… (category A).
Regime 2021: general ponctuel lines E1, E21, E3: 46.5 / 7.5 = 6.2; professional E5: 6.
Regime 2022: professional (36 + 31.5 + 18 + 39) / 12 = 10.375 ≥ 10 and 9.11 ≥ 8 → contrôle;
g(E1) = 8.5, g(E2) = (0 + 16.5) / 3 = 5.5, g(E3) = 7."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import pytest

from btsdesk.core.engine import Evaluator, SessionRules
from btsdesk.core.errors import InvalidInput
from btsdesk.core.explain import explain
from btsdesk.core.grades import parse_entry
from btsdesk.core.regimes import REGIMES
from btsdesk.core.results import CandidateGrades, Decision, OralChoice, Result
from tests.core.support import MCO, MCO_GRADES

ADMIS, AJOURNE, CONTROLE = Decision.ADMIS, Decision.AJOURNE, Decision.CONTROLE
FIRST_GROUP = Fraction(383, 42)

ABSENT = OralChoice(None, None, absent=True)
UNKNOWN = OralChoice(None, None)


def candidate(orals: Mapping[str, OralChoice]) -> CandidateGrades:
    grades = {code: parse_entry(text) for code, text in MCO_GRADES.items()}
    return CandidateGrades("0123", "A", grades, orals)


def recorded(regime: str, orals: Mapping[str, OralChoice]) -> Result:
    return Evaluator(MCO, SessionRules(REGIMES[regime])).evaluate_recorded(candidate(orals))


def absent_in(discipline: str | None) -> OralChoice:
    return OralChoice(discipline, None, absent=True)


# --- OralChoice -----------------------------------------------------------------------------


def test_r13a_an_oral_cannot_be_both_graded_and_absent() -> None:
    with pytest.raises(InvalidInput, match="absent"):
        OralChoice("E1", 1200, absent=True)


def test_r13a_graded_or_absent_is_final_unknown_is_not() -> None:
    assert OralChoice("E1", 1200).final
    assert absent_in("E1").final
    assert not OralChoice("E1", None).final


# --- regime 2021 (R13) ----------------------------------------------------------------------


def test_r13a_2021_professional_absent_general_graded() -> None:
    """General E1 13 > 6.2 replaces E1, E21, E3: 187.5 − 46.5 + 13·7.5 = 238.5; professional
    absent changes nothing; + 4 = 242.5 / 21 = 485/42 = 11.547… → admis."""
    result = recorded("2021", {"general": OralChoice("E1", 1300), "professional": ABSENT})
    assert result.decision is CONTROLE
    assert (result.final_average, result.final_decision) == (Fraction(485, 42), ADMIS)
    assert any(
        "absent à l'oral du domaine professionnel" in r and "R13a" in r for r in result.reasons
    )


def test_r13a_2021_general_absent_professional_graded() -> None:
    """Professional 9 > 6 replaces E5: 187.5 − 18 + 27 = 196.5; general absent changes
    nothing; + 4 = 200.5 / 21 = 401/42 = 9.547… → ajourné."""
    result = recorded("2021", {"general": absent_in("E1"), "professional": OralChoice(None, 900)})
    assert (result.final_average, result.final_decision) == (Fraction(401, 42), AJOURNE)
    assert any(
        "absent à l'oral du domaine général (E1)" in r and "R13a" in r for r in result.reasons
    )


def test_r13a_2021_all_absent_final_is_the_first_group_average() -> None:
    """Both absent: nothing replaced → 383/42 = 9.11 < 10 → ajourné, at once."""
    result = recorded("2021", {"general": absent_in("E1"), "professional": ABSENT})
    assert (result.final_average, result.final_decision) == (FIRST_GROUP, AJOURNE)


def test_r13a_2021_one_oral_not_yet_known_holds_the_final_result_back() -> None:
    result = recorded("2021", {"general": OralChoice("E1", 1300), "professional": UNKNOWN})
    assert result.decision is CONTROLE
    assert (result.final_average, result.final_decision) == (None, None)
    assert result.needed == {"general": 867, "professional": 1217}  # §6 worked example


# --- regime 2022 (R16) ----------------------------------------------------------------------


def test_r13a_2022_one_absent_one_graded() -> None:
    """E2 12 > 5.5: E21, E22 counted at 12: 187.5 − 16.5 + 36 = 207; E1 absent changes
    nothing; + 4 = 211 / 21 = 10.047… → admis."""
    result = recorded("2022", {"E1": absent_in("E1"), "E2": OralChoice("E2", 1200)})
    assert result.decision is CONTROLE
    assert (result.final_average, result.final_decision) == (Fraction(211, 21), ADMIS)
    assert any("absent à l'oral de E1" in r and "R13a" in r for r in result.reasons)


def test_r13a_2022_all_absent_final_is_the_first_group_average() -> None:
    result = recorded("2022", {"E1": absent_in("E1"), "E3": absent_in("E3")})
    assert (result.final_average, result.final_decision) == (FIRST_GROUP, AJOURNE)


def test_r13a_2022_one_oral_not_yet_known_holds_the_final_result_back() -> None:
    result = recorded("2022", {"E1": OralChoice("E1", None), "E2": OralChoice("E2", 1200)})
    assert (result.final_average, result.final_decision) == (None, None)
    assert result.options == ("E1", "E2", "E3")


def test_r13a_2022_absent_and_unknown_still_holds_back() -> None:
    result = recorded("2022", {"E1": absent_in("E1"), "E2": OralChoice("E2", None)})
    assert result.final_decision is None


# --- §6 unchanged, explanation --------------------------------------------------------------


def test_r13a_exchange_evaluate_gives_a_final_result_for_unknown_orals_as_before() -> None:
    """§6: ``null`` stands for absent and not yet known alike; any orals object asks for a
    final result: with both unknown it is the first-group average."""
    evaluator = Evaluator(MCO, SessionRules(REGIMES["2021"]))
    result = evaluator.evaluate(
        candidate({"general": OralChoice("E1", None), "professional": UNKNOWN})
    )
    assert (result.final_average, result.final_decision) == (FIRST_GROUP, AJOURNE)


def test_r13a_explanation_says_absent_changes_nothing() -> None:
    evaluator = Evaluator(MCO, SessionRules(REGIMES["2022"]))
    ex = explain(evaluator, candidate({"E1": absent_in("E1"), "E2": OralChoice("E2", 1200)}))
    assert ex.final is not None
    assert ex.final.average == Fraction(211, 21)
    texts = dict(ex.sections())["Après les épreuves de contrôle (R16)"]
    assert texts[0] == "Oral de E1 : absent → ne change rien (R13a)"
