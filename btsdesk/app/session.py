"""The session as the window uses it: the store plus every candidate's live result.

No Qt here. A change of grades recomputes the candidates it touches and only them, and says
which rows changed so that the views repaint those rows only (design.md: "one change record,
one signal")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from btsdesk.core.engine import Evaluator
from btsdesk.core.grades import Entry
from btsdesk.core.reglement import Specialty
from btsdesk.core.results import CandidateGrades, Decision, OralChoice, Result
from btsdesk.store.audit import AuditEntry
from btsdesk.store.session import Candidate, GradeChange, SessionDetails, SessionStore


@dataclass(frozen=True)
class CellChange:
    """One grade to write, by row of the candidate list."""

    row: int
    line_code: str
    entry: Entry | None


class SessionService:
    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.reload()

    def reload(self) -> None:
        """Read everything again (after opening, an import, a restore, a règlement edit)."""
        self.details: SessionDetails = self.store.details()
        self.specialty: Specialty = self.store.specialty
        self.evaluator: Evaluator = self.store.evaluator()
        self.candidates: list[Candidate] = self.store.candidates()
        self.row_of = {c.number: row for row, c in enumerate(self.candidates)}
        graded = self.store.candidate_grades()
        self.grades: list[dict[str, Entry]] = [dict(c.grades) for c in graded]
        self.inputs: list[CandidateGrades] = graded
        self.results: list[Result] = [self.evaluator.evaluate_recorded(c) for c in graded]
        self.evaluations = len(graded)  # how many candidates were computed (benchmarks, tests)
        self.decisions: dict[str, dict[str, str]] = self.store.decisions()
        self.authorised: dict[str, bool] = self.store.authorisations()
        self.stale: set[tuple[str, str]] = set(self.store.stale_decisions())

    # -- reading --------------------------------------------------------------------

    @property
    def phase(self) -> str:
        return self.details.phase

    def entry(self, row: int, line_code: str) -> Entry | None:
        return self.grades[row].get(line_code)

    def counts(self) -> Counter[Decision]:
        return Counter(result.decision for result in self.results)

    def history(self, row: int, line_code: str) -> list[AuditEntry]:
        return self.store.history(self.candidates[row].number, line_code)

    # -- writing --------------------------------------------------------------------

    def set_grades(self, changes: Sequence[CellChange], *, reason: str | None = None,
                   origin: str = "saisie") -> list[int]:
        """Write grades in one transaction (one audit entry each) and recompute the
        candidates they touch, only them. Every touched candidate is evaluated before
        anything is written: a change the rules refuse (e.g. DIS on every line, R2) raises
        InvalidInput and nothing is saved. Returns the rows recomputed."""
        touched: dict[int, dict[str, Entry]] = {}
        for change in changes:
            grades = touched.setdefault(change.row, dict(self.grades[change.row]))
            if change.entry is None:
                grades.pop(change.line_code, None)
            else:
                grades[change.line_code] = change.entry
        inputs = {row: CandidateGrades(self.inputs[row].number, self.inputs[row].category,
                                       grades, self.inputs[row].orals)
                  for row, grades in touched.items()}
        results = {row: self.evaluator.evaluate_recorded(graded)
                   for row, graded in inputs.items()}
        self.evaluations += len(results)
        self.store.apply_grades(
            [GradeChange(self.candidates[c.row].number, c.line_code, c.entry) for c in changes],
            origin=origin, reason=reason)
        for row in touched:
            self.grades[row] = touched[row]
            self.inputs[row] = inputs[row]
            self.results[row] = results[row]
            self._refresh_stale(row)
        return sorted(touched)

    def set_orals(self, row: int, changes: dict[str, OralChoice | None], *,
                  reason: str | None = None) -> None:
        """Choices and grades of the orals (None withdraws a choice), in one transaction;
        the candidate is recomputed (R13/R16)."""
        number = self.candidates[row].number
        with self.store.transaction():
            for key, choice in changes.items():
                if choice is None:
                    self.store.remove_oral(number, key, reason=reason)
            for key, choice in changes.items():
                if choice is not None:
                    self.store.set_oral(number, key, discipline=choice.discipline,
                                        grade=choice.grade, reason=reason)
        self.inputs[row] = replace(self.inputs[row], orals=self.store.orals().get(number))
        self.results[row] = self.evaluator.evaluate_recorded(self.inputs[row])
        self.evaluations += 1
        self._refresh_stale(row)

    def orals_of(self, row: int) -> dict[str, OralChoice]:
        return dict(self.inputs[row].orals or {})

    def is_stale(self, row: int) -> bool:
        """R23: a decision of this candidate was recorded before a later grade change."""
        number = self.candidates[row].number
        return any((number, stage) in self.stale for stage in self.decisions.get(number, {}))

    def record_decision(self, row: int, stage: str, decision: str) -> None:
        number = self.candidates[row].number
        self.store.record_decision(number, stage, decision)
        self.decisions.setdefault(number, {})[stage] = decision
        self._refresh_stale(row)

    def authorise(self, row: int, authorised: bool) -> None:
        """R22 (the store refuses a candidate who is not in contrôle)."""
        self.store.authorise(self.candidates[row].number, authorised)
        self.authorised[self.candidates[row].number] = authorised

    def examine_livret(self, row: int, examiner: str, on: str) -> None:
        self.store.examine_livret(self.candidates[row].number, examiner, on)
        candidate = self.store.candidate(self.candidates[row].number)
        assert candidate is not None
        self.candidates[row] = candidate

    def _refresh_stale(self, row: int) -> None:
        number = self.candidates[row].number
        stages = self.decisions.get(number)
        if not stages:
            return
        stale = set(self.store.stale_decisions(number))
        for stage in stages:
            if (number, stage) in stale:
                self.stale.add((number, stage))
            else:
                self.stale.discard((number, stage))

    def set_phase(self, phase: str, *, reason: str | None = None) -> None:
        self.store.set_phase(phase, reason=reason)
        self.details = self.store.details()
