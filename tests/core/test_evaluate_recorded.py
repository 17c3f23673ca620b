"""Evaluating what a session file recorded: orals chosen but not taken yet give no final
result, and orals that no longer apply are left out with a warning."""

from __future__ import annotations

from fractions import Fraction

from btsdesk.core.engine import Evaluator, SessionRules
from btsdesk.core.regimes import REGIMES
from btsdesk.core.reglement import parse_specialty
from btsdesk.core.results import CandidateGrades, Decision, OralChoice

SPECIALTY = parse_specialty(
    {
        "epreuves": [
            {"code": "G", "coefficient": "1", "domain": "general"},
            {"code": "P", "coefficient": "1", "domain": "professional"},
        ]
    }
)
EVALUATOR = Evaluator(SPECIALTY, SessionRules(REGIMES["2022"]))


def test_orals_chosen_without_a_grade_give_no_final_result():
    # G 7, P 11: 18 / 2 = 9 ≥ 8 and professional 11 ≥ 10 → contrôle (R14).
    candidate = CandidateGrades("1", "A", {"G": 700, "P": 1100}, {"G": OralChoice("G", None)})
    result = EVALUATOR.evaluate_recorded(candidate)
    assert result.decision is Decision.CONTROLE
    assert result.final_average is None
    assert result.final_decision is None
    # With a grade: G 13 > 7 → (13 + 11) / 2 = 12 → admis (R16).
    graded = CandidateGrades("1", "A", {"G": 700, "P": 1100}, {"G": OralChoice("G", 1300)})
    assert EVALUATOR.evaluate_recorded(graded).final_average == Fraction(12)


def test_orals_that_no_longer_apply_are_left_out_with_a_warning():
    # A corrected grade made the candidate admis: (12 + 11) / 2 = 11,5; the oral stays recorded.
    candidate = CandidateGrades("1", "A", {"G": 1200, "P": 1100}, {"G": OralChoice("G", 1500)})
    result = EVALUATOR.evaluate_recorded(candidate)
    assert result.decision is Decision.ADMIS
    assert result.final_average is None
    assert any("non prises en compte" in warning for warning in result.warnings)
