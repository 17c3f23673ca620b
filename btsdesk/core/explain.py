"""The "Pourquoi ?" panel's content: one candidate's computation laid out with the
candidate's own numbers, so that a jury member can check every figure on the screen by hand
(R2–R17).

The decision, the averages, the needed grades and every "what if" final average come from
the engine (:meth:`Evaluator.evaluate`); this module only lays out the line-by-line figures
that lead to them, in the same exact arithmetic (R4), and renders them as French text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from btsdesk.core.engine import Evaluator
from btsdesk.core.grades import Code, Entry, entry_text
from btsdesk.core.numbers import (
    GRADE_MAX_CENTS,
    TEN_CENTS,
    ceil_cents,
    cents_text,
    fr,
    truncate_cents,
)
from btsdesk.core.regimes import Regime
from btsdesk.core.reglement import Discipline, Domain, Line, Mode, Specialty
from btsdesk.core.results import CandidateGrades, Decision, Result
from btsdesk.core.sheet import Sheet

# The oral grades of the "what each oral grade would change" table, in hundredths; the
# needed grade (R17) is added to them.
WHAT_IF_GRADES: tuple[int, ...] = (800, 1000, 1200, 1400, 1600)

_NEEDED_RULE = "R17"


# ---------------------------------------------------------------------------------------
# Numbers for people


def exact_fr(value: Fraction | Decimal | int, places: int | None = 3) -> str:
    """An exact number in French: every decimal when it has at most ``places`` of them
    ("25,5", "3", "6,2"), otherwise the first ``places`` decimals followed by "…"
    ("9,119…": truncated, never rounded). ``places=None`` shows any terminating decimal
    in full (coefficients and points always terminate)."""
    exact = Fraction(value)
    sign = "-" if exact < 0 else ""
    exact = abs(exact)
    needed = _decimal_places(exact)
    shown = needed if needed is not None and (places is None or needed <= places) else None
    limit = shown if shown is not None else (places if places is not None else 6)
    scaled = (exact.numerator * 10**limit) // exact.denominator
    whole, decimals = divmod(scaled, 10**limit)
    text = str(whole) if limit == 0 else f"{whole},{decimals:0{limit}d}"
    if shown is None:
        return f"{sign}{text}…"
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{sign}{text}"


def _decimal_places(value: Fraction) -> int | None:
    """How many decimals ``value`` has, or None when its expansion does not terminate."""
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    return max(twos, fives) if denominator == 1 else None


def _average_fr(value: Fraction) -> str:
    """R7: "191,5 / 21"-style exact value followed by the shown average: "9,119… → 9,11"."""
    return f"{exact_fr(value)} → {fr(value)}"


def _r7(value: Fraction) -> str:
    truncated = Fraction(truncate_cents(value), 100) != value
    return "(R7 : tronquée)" if truncated else "(R7)"


# ---------------------------------------------------------------------------------------
# The explanation


@dataclass(frozen=True)
class LineFigures:
    """One obligatory line as counted in the first group (R2, R3, R5)."""

    code: str
    title: str
    coefficient: Decimal
    entry: Entry | None  # None: no entry yet
    domain: Domain
    mode: Mode  # for the candidate's category (R3)

    @property
    def shown(self) -> str:
        """The entry as on the grade sheet: "8,50", "ABJ", "DIS", "" for no entry."""
        return entry_text(self.entry)

    @property
    def value(self) -> Fraction | None:
        """The grade counted (R2): ABJ and ABS count 0; None for DIS and no entry."""
        if self.entry is None or self.entry is Code.DIS:
            return None
        return Fraction(0) if isinstance(self.entry, Code) else Fraction(self.entry, 100)

    @property
    def points(self) -> Fraction | None:
        """coefficient × grade, exact; None when the line is not counted."""
        value = self.value
        return None if value is None else Fraction(self.coefficient) * value

    @property
    def counted(self) -> bool:
        """In the total and the divisor (R5): not DIS, not missing."""
        return self.value is not None


@dataclass(frozen=True)
class FacultativeFigures:
    """One facultative line and its bonus (R6)."""

    code: str
    title: str
    coefficient: Decimal
    entry: Entry | None
    bonus: Fraction  # coefficient × max(0, grade − 10); 0 without a grade
    no_bonus: str  # why there is no bonus, "" when there is one

    @property
    def shown(self) -> str:
        return entry_text(self.entry)


@dataclass(frozen=True)
class DomainFigures:
    """R8: a domain's own points (no bonus), divisor and average (None: no counted line)."""

    domain: Domain
    points: Fraction
    divisor: Fraction
    average: Fraction | None


@dataclass(frozen=True)
class Verdict:
    """The first-group decision, the rule that decided it and the engine's comparisons."""

    decision: Decision
    rule: str  # "R2", "R9", "R10", "R14"
    statements: tuple[str, ...]  # the engine's reasons, with the comparisons that decided


@dataclass(frozen=True)
class WhatIf:
    """One row of "what each oral grade would change": this oral alone, the rest unchanged,
    as the engine computes it."""

    oral: int  # hundredths
    replaces: bool  # better than the group's current average (R13, R16)
    final_average: Fraction
    final_decision: Decision


@dataclass(frozen=True)
class OralFigures:
    """One oral of the épreuves de contrôle (a domain in regime 2021, a discipline in
    regime 2022): what it would replace and what grade it needs (R13, R16, R17)."""

    key: str
    label: str  # "domaine général", "E2 LVE écrit + LVE oral"
    at: str  # "à l'oral du domaine général", "à l'oral de E2"
    title: str  # "Oral du domaine général", "Oral de E2 LVE écrit + LVE oral"
    lines: tuple[str, ...]  # the codes of the lines the oral would replace
    kept: tuple[tuple[str, str], ...]  # (code, why) of the other lines of the domain/discipline
    group_points: Fraction  # Σ coef·grade over ``lines``
    group_divisor: Fraction  # Σ coef over ``lines``
    current: Fraction | None  # m, their current average; None when ``lines`` is empty
    outside_points: Fraction  # points of the counted lines outside ``lines``
    threshold: Fraction | None  # R17's exact t; None when ``lines`` is empty
    needed: int | None  # R17 in hundredths (the engine's), None: impossible
    impossible: str  # why it is impossible, "" otherwise
    what_if: tuple[WhatIf, ...]


@dataclass(frozen=True)
class OralOutcome:
    """An oral actually given (R13, R16): its grade and what it replaced."""

    key: str
    label: str
    at: str
    title: str
    discipline: str | None
    grade: int | None  # hundredths; None: absent or not yet known, changes nothing
    lines: tuple[str, ...]
    current: Fraction | None  # the group's first-group average
    replaced: bool
    absent: bool = False  # R13a: recorded absent (final, changes nothing)


@dataclass(frozen=True)
class FinalFigures:
    outcomes: tuple[OralOutcome, ...]
    total: Fraction  # points after the orals, bonus included
    divisor: Fraction
    average: Fraction
    decision: Decision
    rule: str  # R13 or R16


@dataclass(frozen=True)
class Explanation:
    number: str
    category: str
    regime: Regime
    result: Result  # the engine's result, which every figure here leads to
    lines: tuple[LineFigures, ...]
    facultatives: tuple[FacultativeFigures, ...]
    missing: tuple[str, ...]  # obligatory lines without entry (R2)
    absent: tuple[str, ...]  # lines whose ABS decides ajourné (R2)
    points: Fraction  # Σ coef·grade over counted obligatory lines (R5)
    bonus: Fraction  # R6
    divisor: Fraction  # Σ coef over counted obligatory lines
    average: Fraction | None  # R5, None when incomplet
    domains: tuple[DomainFigures, ...]  # R8
    verdict: Verdict
    options: tuple[Discipline, ...]  # R12/R15, contrôle only
    orals: tuple[OralFigures, ...]  # per needed key (R17), contrôle only
    final: FinalFigures | None  # when orals are given (R13/R16)
    warnings: tuple[str, ...]

    def sections(self) -> list[tuple[str, list[str]]]:
        """The explanation as French text: (title, lines) per section."""
        sections = [("Épreuves obligatoires", [_line_text(line) for line in self.lines])]
        if self.facultatives:
            sections.append(
                ("Épreuves facultatives (R6)", [_facultative_text(f) for f in self.facultatives])
            )
        sections.append(("Moyenne (R5, R7)", self._average_lines()))
        if self.average is not None:
            sections.append(("Moyennes par domaine (R8)", [_domain_text(d) for d in self.domains]))
        sections.append(
            (
                f"Décision : {self.verdict.decision.label} ({self.verdict.rule})",
                [_sentence(s) for s in self.verdict.statements],
            )
        )
        if self.options:
            sections.append(self._options_section())
        sections.extend(self._oral_section(oral) for oral in self.orals)
        if self.final is not None:
            sections.append(self._final_section(self.final))
        if self.warnings:
            sections.append(("À signaler", [_sentence(w) for w in self.warnings]))
        return sections

    def _average_lines(self) -> list[str]:
        if self.average is None:
            return [f"Pas de moyenne : pas encore de note en {', '.join(self.missing)} (R2)"]
        counted = [line for line in self.lines if line.counted]
        left_out = [line.code for line in self.lines if line.entry is Code.DIS]
        divisor = " + ".join(exact_fr(line.coefficient, None) for line in counted)
        texts = [
            f"Points : {' + '.join(_points(line) for line in counted)} "
            f"= {exact_fr(self.points, None)}"
        ]
        if self.bonus:
            texts.append(
                f"Total : {exact_fr(self.points, None)} + bonus "
                f"{exact_fr(self.bonus, None)} = "
                f"{exact_fr(self.points + self.bonus, None)} points ; "
                f"diviseur {exact_fr(self.divisor, None)}"
            )
        else:
            texts.append(
                f"Total : {exact_fr(self.points, None)} points (pas de bonus) ; "
                f"diviseur {exact_fr(self.divisor, None)}"
            )
        texts.append(f"Diviseur : {divisor} = {exact_fr(self.divisor, None)}")
        if left_out:
            texts.append(
                f"Dispensé (DIS) : {', '.join(left_out)}, hors du total et du diviseur (R2)"
            )
        texts.append(
            f"Moyenne : {exact_fr(self.points + self.bonus, None)} / "
            f"{exact_fr(self.divisor, None)} = {_average_fr(self.average)} "
            f"{_r7(self.average)}"
        )
        return texts

    def _options_section(self) -> tuple[str, list[str]]:
        rule = self.regime.options_rule
        texts = [
            f"{_discipline_label(d)} — coefficient {exact_fr(d.coefficient, None)}"
            for d in self.options
        ]
        title = f"Disciplines proposées aux épreuves de contrôle du domaine général ({rule})"
        return title, texts

    def _oral_section(self, oral: OralFigures) -> tuple[str, list[str]]:
        final_rule = self.regime.final_rule
        texts: list[str] = []
        if oral.lines:
            texts.append(
                f"Épreuves que l'oral remplacerait : {', '.join(oral.lines)} ({final_rule})"
            )
        else:
            texts.append(f"L'oral ne remplacerait aucune épreuve ({final_rule})")
        if oral.kept:
            kept = ", ".join(f"{code} ({why})" for code, why in oral.kept)
            texts.append(f"Restent inchangées : {kept}")
        if oral.current is not None:
            texts.append(
                f"Moyenne actuelle m = {exact_fr(oral.group_points, None)} / "
                f"{exact_fr(oral.group_divisor, None)} = "
                f"{_average_fr(oral.current)}"
            )
        if oral.threshold is not None:
            bonus = f" − {exact_fr(self.bonus, None)}" if self.bonus else ""
            numerator = 10 * self.divisor - oral.outside_points - self.bonus
            rounded = (
                ""
                if oral.needed is None
                else (
                    f" → {cents_text(oral.needed, comma=True)} ({_NEEDED_RULE} : arrondi au "
                    "centième supérieur)"
                )
            )
            texts.append(
                f"Seuil exact t = (10 × {exact_fr(self.divisor, None)} − "
                f"{exact_fr(oral.outside_points, None)}{bonus}) / "
                f"{exact_fr(oral.group_divisor, None)} = "
                f"{exact_fr(numerator, None)} / {exact_fr(oral.group_divisor, None)}"
                f" = {exact_fr(oral.threshold)}{rounded}"
            )
        if oral.needed is not None:
            texts.append(
                f"Il faut {cents_text(oral.needed, comma=True)} {oral.at} ({_NEEDED_RULE})"
            )
        else:
            texts.append(f"Impossible {oral.at} : {oral.impossible}")
        if oral.what_if:
            texts.append("Ce que changerait chaque note d'oral, seule, le reste inchangé :")
            texts.extend(_what_if_text(row, oral) for row in oral.what_if)
        return f"{oral.title} ({final_rule}, {_NEEDED_RULE})", texts

    def _final_section(self, final: FinalFigures) -> tuple[str, list[str]]:
        texts: list[str] = []
        for outcome in final.outcomes:
            name = outcome.title
            if outcome.discipline is not None and outcome.discipline != outcome.key:
                name += f" ({outcome.discipline})"
            if outcome.absent:
                texts.append(f"{name} : absent → ne change rien (R13a)")
                continue
            if outcome.grade is None:
                texts.append(f"{name} : pas de note → ne change rien ({final.rule})")
                continue
            grade = cents_text(outcome.grade, comma=True)
            current = "" if outcome.current is None else exact_fr(outcome.current)
            if outcome.replaced:
                texts.append(
                    f"{name} : {grade} > m = {current} → remplace "
                    f"{', '.join(outcome.lines)} ({final.rule})"
                )
            elif outcome.lines:
                texts.append(f"{name} : {grade} ≤ m = {current} → ne remplace rien ({final.rule})")
            else:
                texts.append(f"{name} : {grade}, aucune épreuve à remplacer ({final.rule})")
        sign = "≥" if final.decision is Decision.ADMIS else "<"
        texts += [
            f"Total : {exact_fr(final.total, None)} points (bonus compris) ; "
            f"diviseur {exact_fr(final.divisor, None)}",
            f"Moyenne finale : {exact_fr(final.total, None)} / "
            f"{exact_fr(final.divisor, None)} = {_average_fr(final.average)} "
            f"{_r7(final.average)}",
            f"{fr(final.average)} {sign} 10 → {final.decision.label} ({final.rule})",
        ]
        return f"Après les épreuves de contrôle ({final.rule})", texts


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _named(code: str, title: str) -> str:
    return f"{code} {title}" if title else code


def _discipline_label(discipline: Discipline) -> str:
    return discipline.label


def _mode_text(mode: Mode) -> str:
    return "ponctuel" if mode is Mode.PONCTUEL else "CCF"


def _points(line: LineFigures) -> str:
    return exact_fr(line.points or 0, None)


def _line_text(line: LineFigures) -> str:
    name = _named(line.code, line.title)
    coefficient = exact_fr(line.coefficient, None)
    where = f" — domaine {line.domain.label}, {_mode_text(line.mode)}"
    if line.entry is None:
        return f"{name} : pas encore de note (coefficient {coefficient}, R2){where}"
    if line.entry is Code.DIS:
        return (
            f"{name} : DIS, dispensé : hors du total et du diviseur "
            f"(coefficient {coefficient} non compté, R2){where}"
        )
    if isinstance(line.entry, Code):
        return f"{name} : {line.shown} compte 0 × {coefficient} = 0 ({line.entry.label}, R2){where}"
    return f"{name} : {line.shown} × {coefficient} = {_points(line)}{where}"


def _facultative_text(line: FacultativeFigures) -> str:
    name = _named(line.code, line.title)
    coefficient = exact_fr(line.coefficient, None)
    if line.bonus:
        return f"{name} : ({line.shown} − 10) × {coefficient} = bonus {exact_fr(line.bonus, None)}"
    return f"{name} : {line.no_bonus}"


def _domain_text(domain: DomainFigures) -> str:
    name = f"Domaine {domain.domain.label}"
    if domain.average is None:
        return f"{name} : aucune épreuve comptée (toutes dispensées) → pas de moyenne"
    return (
        f"{name} : {exact_fr(domain.points, None)} / {exact_fr(domain.divisor, None)} "
        f"= {_average_fr(domain.average)}"
    )


def _what_if_text(row: WhatIf, oral: OralFigures) -> str:
    grade = cents_text(row.oral, comma=True)
    sign = "≥" if row.final_decision is Decision.ADMIS else "<"
    change = "" if row.replaces else " (≤ m : ne remplace rien)"
    needed = " (note nécessaire)" if row.oral == oral.needed else ""
    return (
        f"Oral {grade}{needed}{change} → moyenne {fr(row.final_average)} {sign} 10 → "
        f"{row.final_decision.label}"
    )


# ---------------------------------------------------------------------------------------
# Building it


def explain(evaluator: Evaluator, candidate: CandidateGrades) -> Explanation:
    """Lays out ``candidate``'s computation. Raises InvalidInput exactly when
    :meth:`Evaluator.evaluate` does."""
    result = evaluator.evaluate(candidate)
    spec = evaluator.specialty
    regime = evaluator.rules.regime
    category = candidate.category
    grades = candidate.grades

    lines = tuple(_line(line, grades.get(line.code), category) for line in spec.obligatory)
    facultatives = tuple(
        _facultative(line, grades.get(line.code), evaluator) for line in spec.facultatives
    )
    sheet = _sheet(spec, category, lines, facultatives)
    unit = 100 * spec.scale
    points, bonus = Fraction(sheet.points, unit), Fraction(sheet.bonus, unit)
    divisor = Fraction(sheet.divisor, spec.scale)
    missing = tuple(line.code for line in lines if line.entry is None)
    absent = tuple(line.code for line in lines if line.entry is Code.ABS)
    if evaluator.rules.facultative_abs_eliminates:
        absent += tuple(f.code for f in facultatives if f.entry is Code.ABS)
    average = result.average
    if average is not None:  # the engine's figures are the ones laid out here
        assert (points, bonus, divisor) == (result.points, result.bonus, result.divisor)
        assert average == (points + bonus) / divisor

    domains = tuple(_domain(sheet, domain, result) for domain in Domain)
    first_group = result
    if result.final_decision is not None:  # the first-group reasons, without the orals'
        first_group = evaluator.evaluate(replace(candidate, orals=None))
    verdict = Verdict(result.decision, _rule(result.decision, absent, regime), first_group.reasons)

    options: tuple[Discipline, ...] = ()
    orals: tuple[OralFigures, ...] = ()
    final = None
    if result.decision is Decision.CONTROLE:
        options = tuple(spec.discipline_by_code[code] for code in result.options)
        orals = tuple(
            _oral(evaluator, candidate, sheet, key, options, result) for key in result.needed
        )
        final = _final(candidate, sheet, regime, result)
    return Explanation(
        number=candidate.number,
        category=category,
        regime=regime,
        result=result,
        lines=lines,
        facultatives=facultatives,
        missing=missing,
        absent=absent,
        points=points,
        bonus=bonus,
        divisor=divisor,
        average=average,
        domains=domains,
        verdict=verdict,
        options=options,
        orals=orals,
        final=final,
        warnings=result.warnings,
    )


def _line(line: Line, entry: Entry | None, category: str) -> LineFigures:
    assert line.domain is not None  # every obligatory line has one (§6)
    return LineFigures(
        code=line.code,
        title=line.title,
        coefficient=line.coefficient,
        entry=entry,
        domain=line.domain,
        mode=line.mode_for(category),
    )


def _facultative(line: Line, entry: Entry | None, evaluator: Evaluator) -> FacultativeFigures:
    bonus = Fraction(0)
    why = ""
    if isinstance(entry, int):
        bonus = Fraction(line.coefficient) * max(Fraction(0), Fraction(entry - TEN_CENTS, 100))
        if not bonus:
            why = (
                f"{entry_text(entry)} ≤ 10 → pas de bonus (R6 : seuls les points "
                "au-dessus de 10 comptent)"
            )
    elif entry is None:
        why = "pas de note → pas de bonus (R6)"
    elif entry is Code.ABS and evaluator.rules.facultative_abs_eliminates:
        why = "ABS → pas de bonus ; compte comme une absence injustifiée (R6, choix de la session)"
    else:
        why = f"{entry.value} → pas de bonus (R6)"
    return FacultativeFigures(
        code=line.code,
        title=line.title,
        coefficient=line.coefficient,
        entry=entry,
        bonus=bonus,
        no_bonus=why,
    )


def _sheet(
    spec: Specialty,
    category: str,
    lines: tuple[LineFigures, ...],
    facultatives: tuple[FacultativeFigures, ...],
) -> Sheet:
    """The candidate's sheet in the engine's integer units (grade hundredths × weight)."""
    values: dict[str, int] = {}
    points = divisor = 0
    for figures in lines:
        if figures.value is None:
            continue
        cents = int(figures.value * 100)
        weight = spec.weight(spec.line_by_code[figures.code])
        values[figures.code] = cents
        points += weight * cents
        divisor += weight
    bonus = sum(int(f.bonus * 100 * spec.scale) for f in facultatives)
    return Sheet(spec, category, values, points, divisor, bonus)


def _domain(sheet: Sheet, domain: Domain, result: Result) -> DomainFigures:
    spec = sheet.specialty
    points, weight = sheet.group_points(line for line in spec.obligatory if line.domain is domain)
    average = Sheet.average_of(points, weight) if weight else None
    if result.average is not None:
        assert average == result.domain_averages[domain]
    return DomainFigures(
        domain, Fraction(points, 100 * spec.scale), Fraction(weight, spec.scale), average
    )


def _rule(decision: Decision, absent: tuple[str, ...], regime: Regime) -> str:
    if decision is Decision.INCOMPLET or (decision is Decision.AJOURNE and absent):
        return "R2"
    if decision is Decision.ADMIS:
        return "R9"
    return regime.first_group_rule


def _why_kept(line: Line, sheet: Sheet) -> str:
    if line.code not in sheet.values:
        return "DIS"
    return _mode_text(line.mode_for(sheet.category))


def _oral(
    evaluator: Evaluator,
    candidate: CandidateGrades,
    sheet: Sheet,
    key: str,
    options: tuple[Discipline, ...],
    result: Result,
) -> OralFigures:
    spec = sheet.specialty
    regime = evaluator.rules.regime
    group = regime.group(sheet, key)
    codes = {line.code for line in group}
    group_points, group_weight = sheet.group_points(group)
    unit = 100 * spec.scale
    outside = Fraction(sheet.points - group_points, unit)
    needed = result.needed[key]
    current = threshold = None
    impossible = ""
    if group_weight:
        current = Sheet.average_of(group_points, group_weight)
        # R17: t = (10·Σcoef − points outside the group − bonus) / Σcoef(group)
        threshold = Fraction(
            TEN_CENTS * sheet.divisor - (sheet.points - group_points) - sheet.bonus,
            100 * group_weight,
        )
        if needed is None:
            impossible = f"il faudrait t = {exact_fr(threshold)} > 20 ({_NEEDED_RULE})"
        else:
            assert needed == ceil_cents(threshold)
    else:
        assert needed is None
        impossible = f"l'oral ne remplacerait aucune épreuve ({regime.final_rule}, {_NEEDED_RULE})"
    what_if: tuple[WhatIf, ...] = ()
    if group_weight:
        grades = set(WHAT_IF_GRADES)
        grades.add(needed if needed is not None else GRADE_MAX_CENTS)
        rows = []
        for grade in sorted(grades):
            alone = replace(
                candidate, orals={key: regime.single_oral(key, grade, candidate.orals, options)}
            )
            after = evaluator.evaluate(alone)
            assert after.final_average is not None
            assert after.final_decision is not None
            rows.append(
                WhatIf(
                    grade,
                    grade * group_weight > group_points,
                    after.final_average,
                    after.final_decision,
                )
            )
        what_if = tuple(rows)
    label, at, title = regime.oral_names(spec, key)
    kept = tuple(
        (line.code, _why_kept(line, sheet))
        for line in regime.scope(spec, key)
        if line.code not in codes
    )
    return OralFigures(
        key=key,
        label=label,
        at=at,
        title=title,
        lines=tuple(line.code for line in group),
        kept=kept,
        group_points=Fraction(group_points, unit),
        group_divisor=Fraction(group_weight, spec.scale),
        current=current,
        outside_points=outside,
        threshold=threshold,
        needed=needed,
        impossible=impossible,
        what_if=what_if,
    )


def _final(
    candidate: CandidateGrades, sheet: Sheet, regime: Regime, result: Result
) -> FinalFigures | None:
    if candidate.orals is None or result.final_average is None or result.final_decision is None:
        return None
    spec = sheet.specialty
    outcomes = []
    for key, choice in candidate.orals.items():
        group = regime.group(sheet, key)
        group_points, group_weight = sheet.group_points(group)
        current = Sheet.average_of(group_points, group_weight) if group_weight else None
        replaced = (
            choice.grade is not None
            and group_weight > 0
            and choice.grade * group_weight > group_points
        )
        label, at, title = regime.oral_names(spec, key)
        outcomes.append(
            OralOutcome(
                key=key,
                label=label,
                at=at,
                title=title,
                discipline=choice.discipline,
                grade=choice.grade,
                absent=choice.absent,
                lines=tuple(line.code for line in group),
                current=current,
                replaced=replaced,
            )
        )
    divisor = Fraction(sheet.divisor, spec.scale)
    return FinalFigures(
        outcomes=tuple(outcomes),
        total=result.final_average * divisor,
        divisor=divisor,
        average=result.final_average,
        decision=result.final_decision,
        rule=regime.final_rule,
    )
