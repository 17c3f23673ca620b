"""The rules engine: one candidate's first-group result, options, needed grades and final
result (R2–R17). Evaluating one candidate never reads or touches another."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Code, Entry
from btsdesk.core.numbers import fr
from btsdesk.core.regimes import Regime
from btsdesk.core.reglement import Domain, Specialty, facultatives_allowed
from btsdesk.core.results import CandidateGrades, Decision, Result
from btsdesk.core.sheet import Sheet


@dataclass(frozen=True)
class SessionRules:
    """The session's settings that change results."""

    regime: Regime
    general_oral_levels: int = 1  # k of R12
    # R6 product switch: an ABS at a facultative épreuve counts as an ABS (ajourné).
    facultative_abs_eliminates: bool = False
    # The session's year: it decides how many facultative units a candidate may present
    # (décret 2024-788); None (the §6 exchange format has no year): not checked.
    session_year: int | None = None

    def __post_init__(self) -> None:
        levels: object = self.general_oral_levels  # may come from untyped data: checked here
        if isinstance(levels, bool) or not isinstance(levels, int) or levels < 1:
            raise InvalidInput("« general_oral_levels » doit être un entier ≥ 1 (R12)")


def facultatives_excess(
    specialty: Specialty, grades: Mapping[str, Entry], year: int | None
) -> str | None:
    """R6, D643-13: a French sentence (no rule number: the PV prints it) when the candidate
    is graded at more facultative units than the session of ``year`` allows besides the
    engagement étudiant (two until 2024, one since décret 2024-788); None otherwise, or
    when the year is not known (the §6 exchange format)."""
    if year is None:
        return None
    graded = [
        line.code
        for line in specialty.facultatives
        if not line.engagement and isinstance(grades.get(line.code), int)
    ]
    allowed = facultatives_allowed(year)
    if len(graded) <= allowed:
        return None
    return (
        f"{len(graded)} épreuves facultatives notées ({', '.join(graded)}) : pour la "
        f"session {year}, un candidat n'en présente "
        + ("que deux" if allowed == 2 else "qu'une")
        + " en plus de l'engagement étudiant ; vérifiez son inscription"
    )


class Evaluator:
    """Evaluates candidates of one specialty under one session's rules."""

    def __init__(self, specialty: Specialty, rules: SessionRules) -> None:
        self.specialty = specialty
        self.rules = rules
        self._weights = {line.code: specialty.weight(line) for line in specialty.lines}
        self._checked_categories: set[str] = set()

    def evaluate(self, candidate: CandidateGrades) -> Result:
        """R2–R17 for one candidate. Raises InvalidInput (French, naming the candidate)."""
        try:
            return self._evaluate(candidate)
        except InvalidInput as exc:
            raise exc.within(f"candidat {candidate.number}") from None

    def evaluate_recorded(self, candidate: CandidateGrades) -> Result:
        """For a session file, where orals recorded earlier may no longer apply (a grade
        corrected since made the candidate admis, or a discipline no longer offered): those
        orals are left out with a warning instead of refusing the whole candidate. R13a: the
        final result is given once every chosen oral is graded or recorded absent; an oral
        neither graded nor absent is not yet known and holds it back (unlike §6, where any
        orals object asks for one and ``null`` stands for both)."""
        if candidate.orals is None:
            return self.evaluate(candidate)
        try:
            result = self.evaluate(candidate)
        except InvalidInput as exc:
            without = CandidateGrades(candidate.number, candidate.category, candidate.grades)
            result = self.evaluate(without)  # still raises when the grades themselves are bad
            return replace(
                result,
                warnings=(
                    *result.warnings,
                    f"épreuves de contrôle enregistrées non prises en compte : {exc}",
                ),
            )
        if not self.rules.regime.orals_complete(candidate.orals, len(result.options)):
            # R13a: an oral still to take, to choose (R11, R15) or its grade to enter: no
            # final result yet. An oral recorded absent is final and changes nothing.
            return self.evaluate(
                CandidateGrades(candidate.number, candidate.category, candidate.grades)
            )
        return result

    def _evaluate(self, candidate: CandidateGrades) -> Result:
        spec = self.specialty
        self._check_category(candidate.category)
        grades = candidate.grades
        for code in grades:
            if code not in self._weights:
                raise InvalidInput(f"épreuve « {code} » inconnue dans la spécialité")

        # R2, R5, R8: one pass over the obligatory lines.
        values: dict[str, int] = {}
        missing: list[str] = []
        absent: list[str] = []
        points = divisor = 0
        domain_points = {Domain.GENERAL: 0, Domain.PROFESSIONAL: 0}
        domain_weight = {Domain.GENERAL: 0, Domain.PROFESSIONAL: 0}
        for line in spec.obligatory:
            entry = grades.get(line.code)
            if entry is None:
                missing.append(line.code)
                continue
            if entry is Code.DIS:
                continue
            if entry is Code.ABS:
                absent.append(line.code)
            value = 0 if isinstance(entry, Code) else entry
            weight = self._weights[line.code]
            values[line.code] = value
            points += weight * value
            divisor += weight
            assert line.domain is not None  # an obligatory line has a domain (parse_specialty)
            domain_points[line.domain] += weight * value
            domain_weight[line.domain] += weight
        if not missing and divisor == 0:
            raise InvalidInput(
                "dispensé (DIS) de toutes les épreuves obligatoires : aucune moyenne possible (R2)"
            )

        bonus, warnings, facultative_abs = self._bonus(grades)
        absent += facultative_abs
        sheet = Sheet(spec, candidate.category, values, points, divisor, bonus)
        scale = spec.scale

        if missing:
            return self._without_decision(candidate, missing, warnings)
        average = sheet.average()
        domain_averages = {
            domain: Fraction(domain_points[domain], 100 * domain_weight[domain])
            if domain_weight[domain]
            else None
            for domain in Domain
        }
        if absent:
            decision, reasons = (
                Decision.AJOURNE,
                [
                    f"absence injustifiée (ABS) en {', '.join(absent)} → ajourné, "
                    "le diplôme ne peut être délivré (R2)"
                ],
            )
        elif sheet.reaches_ten():
            decision, reasons = Decision.ADMIS, [f"moyenne {fr(average)} ≥ 10 → admis (R9)"]
        else:
            decision, reasons = self.rules.regime.first_group(sheet)
        result = Result(
            number=candidate.number,
            decision=decision,
            average=average,
            domain_averages=domain_averages,
            reasons=tuple(reasons),
            warnings=tuple(warnings),
            points=Fraction(points, 100 * scale),
            bonus=Fraction(bonus, 100 * scale),
            divisor=Fraction(divisor, scale),
        )
        if decision is Decision.CONTROLE:
            return self._controle(candidate, sheet, result)
        if candidate.orals is not None:
            raise InvalidInput(
                f"épreuves de contrôle données alors que la décision est « {decision.label} »"
            )
        return result

    def _controle(self, candidate: CandidateGrades, sheet: Sheet, result: Result) -> Result:
        regime = self.rules.regime
        options = regime.options(sheet, self.rules.general_oral_levels)
        needed = {
            key: sheet.needed(regime.group(sheet, key)) for key in regime.needed_keys(options)
        }
        final_average = final_decision = None
        reasons = list(result.reasons)
        if candidate.orals is not None:
            regime.check_orals(candidate.orals, options)
            final_points = sheet.points
            for key, choice in candidate.orals.items():
                if choice.grade is not None:  # R13: a missing oral grade changes nothing
                    final_points = sheet.with_oral(
                        final_points, regime.group(sheet, key), choice.grade
                    )
                elif choice.absent:  # R13a: final, and changes nothing
                    chosen = (
                        f" ({choice.discipline})"
                        if choice.discipline and choice.discipline != key
                        else ""
                    )
                    reasons.append(
                        f"absent {regime.oral_at(key)}{chosen} : cet oral ne change rien (R13a)"
                    )
            final_average = sheet.average(final_points)
            passed = sheet.reaches_ten(final_points)
            final_decision = Decision.ADMIS if passed else Decision.AJOURNE
            sign = "≥" if passed else "<"
            reasons = [
                *reasons,
                f"après les épreuves de contrôle : moyenne "
                f"{fr(final_average)} {sign} 10 → {final_decision.label} "
                f"({regime.final_rule})",
            ]
        return replace(
            result,
            reasons=tuple(reasons),
            options=tuple(d.code for d in options),
            needed=needed,
            final_average=final_average,
            final_decision=final_decision,
        )

    def _bonus(self, grades: Mapping[str, Entry]) -> tuple[int, list[str], list[str]]:
        """R6: points above 10 at facultative épreuves; absences give warnings only, and so
        does a candidate graded at more facultative units than the session's rules allow
        (D643-13: two, one since décret 2024-788, besides the engagement étudiant)."""
        bonus = 0
        warnings: list[str] = []
        absent: list[str] = []
        missing: list[str] = []
        for line in self.specialty.facultatives:
            entry = grades.get(line.code)
            if isinstance(entry, int):
                bonus += self._weights[line.code] * max(0, entry - 1000)
            elif entry is Code.ABS and self.rules.facultative_abs_eliminates:
                absent.append(line.code)
            elif entry is None:
                missing.append(line.code)
            elif entry is not Code.DIS:
                warnings.append(
                    f"épreuve facultative {line.code} : {entry.value}, aucun bonus (R6)"
                )
        if missing:
            warnings.append(
                f"épreuve{'s' if len(missing) > 1 else ''} facultative"
                f"{'s' if len(missing) > 1 else ''} {', '.join(missing)} sans "
                "note : aucun bonus (R6)"
            )
        excess = facultatives_excess(self.specialty, grades, self.rules.session_year)
        if excess is not None:
            warnings.append(f"{excess} (R6)")
        return bonus, warnings, absent

    def _without_decision(
        self, candidate: CandidateGrades, missing: list[str], warnings: list[str]
    ) -> Result:
        if candidate.orals is not None:
            raise InvalidInput(
                "épreuves de contrôle données alors que la décision est « incomplet »"
            )
        return Result(
            number=candidate.number,
            decision=Decision.INCOMPLET,
            average=None,
            domain_averages={domain: None for domain in Domain},
            reasons=(f"pas encore de note en {', '.join(missing)} → pas de décision (R2)",),
            warnings=tuple(warnings),
        )

    def _check_category(self, category: str) -> None:
        """R3: every line, facultative included, must give a mode for the category."""
        if category in self._checked_categories:
            return
        for line in self.specialty.lines:
            line.mode_for(category)
        self._checked_categories.add(category)
