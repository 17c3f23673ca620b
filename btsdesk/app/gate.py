"""The write gate: the rule checks every write runs before anything is written, whatever its
path (the window, the command line, an imported sheet or JSON file, a restored backup).

R2 (a candidate DIS on every obligatory line, a grade the engine refuses), R12/R15 (orals the
candidate cannot take), R21 (a reason in délibération), R24 (what each phase allows)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from btsdesk.core.engine import Evaluator
from btsdesk.core.results import CandidateGrades, OralChoice, Result
from btsdesk.store.phases import check_deliberating, check_writable

__all__ = ["check_candidates", "check_deliberating", "check_orals", "check_writable"]


def check_candidates(
    evaluator: Evaluator, candidates: Iterable[CandidateGrades]
) -> dict[str, Result]:
    """Evaluate each candidate as it would be after the write; raises InvalidInput (French,
    naming the candidate and the rule) for the first one the rules refuse (R2)."""
    return {candidate.number: evaluator.evaluate_recorded(candidate) for candidate in candidates}


def check_orals(
    evaluator: Evaluator, candidate: CandidateGrades, orals: Mapping[str, OralChoice]
) -> Result:
    """Orals the candidate may take: in contrôle, disciplines offered (R12, R15); raises
    InvalidInput otherwise."""
    return evaluator.evaluate(
        CandidateGrades(candidate.number, candidate.category, candidate.grades, dict(orals))
    )
