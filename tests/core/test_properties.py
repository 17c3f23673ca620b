"""Properties of the rules engine over random small specialties and candidates (hypothesis).

The expected values here come from a short reference written from domain.md (R5, R6, R8,
R9, R13, R14, R16) with plain Fractions, never from the engine itself."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from btsdesk.core.engine import Evaluator, SessionRules
from btsdesk.core.grades import Code, Entry
from btsdesk.core.regimes import REGIMES
from btsdesk.core.reglement import Domain, Specialty, parse_specialty
from btsdesk.core.results import CandidateGrades, Decision, OralChoice, Result

COEFFICIENTS = ("1", "1.5", "2", "3", "0.5", "2,5")
MODES: tuple[Any, ...] = (
    "ponctuel",
    "ccf",
    {"A": "ccf", "C": "ponctuel"},
    {"A": "ponctuel", "C": "ccf"},
)
TEN = Fraction(10)
FAST = settings(max_examples=150, deadline=None)


@dataclass(frozen=True)
class Case:
    regime: str
    raw: dict[str, Any]  # the §6 "specialty" object
    spec: Specialty
    category: str
    grades: dict[str, Entry]
    eliminates: bool = False  # R6 switch

    def rules(self) -> SessionRules:
        return SessionRules(REGIMES[self.regime], facultative_abs_eliminates=self.eliminates)

    def evaluate(self, orals: dict[str, OralChoice] | None = None) -> Result:
        candidate = CandidateGrades("1", self.category, self.grades, orals)
        return Evaluator(self.spec, self.rules()).evaluate(candidate)


# --- strategies ----------------------------------------------------------------------------

grade_values = st.one_of(
    st.integers(0, 2000),
    st.integers(600, 1300),  # near the thresholds 8 and 10
    st.sampled_from([0, 799, 800, 999, 1000, 1001, 2000]),
)


@st.composite
def specialty_data(draw: st.DrawFn) -> dict[str, Any]:
    """1–4 general and 1–3 professional lines (some grouped into one discipline as
    sous-épreuves), 0–2 facultatives, coefficients like 1, 1.5, 2, 3, modes per category."""
    lines: list[dict[str, Any]] = []
    for domain, prefix, count in (
        ("general", "G", draw(st.integers(1, 4))),
        ("professional", "P", draw(st.integers(1, 3))),
    ):
        disciplines: list[str] = []
        for index in range(count):
            code = f"{prefix}{index}"
            if disciplines and draw(st.integers(0, 3)) == 0:
                discipline = draw(st.sampled_from(disciplines))  # a sous-épreuve
            else:
                discipline = code
                disciplines.append(code)
            lines.append(
                {
                    "code": code,
                    "coefficient": draw(st.sampled_from(COEFFICIENTS)),
                    "domain": domain,
                    "discipline": discipline,
                    "mode": draw(st.sampled_from(MODES)),
                }
            )
    for index in range(draw(st.integers(0, 2))):
        line = {"code": f"F{index}", "facultative": True}
        if draw(st.booleans()):
            line["coefficient"] = draw(st.sampled_from(COEFFICIENTS))
        lines.append(line)
    return {"code": "RND", "epreuves": draw(st.permutations(lines))}


@st.composite
def grades_for(
    draw: st.DrawFn, spec: Specialty, *, complete: bool = False, biased: bool = False
) -> dict[str, Entry]:
    """Entries of one candidate: mostly grades, sometimes ABJ or DIS, and unless
    ``complete`` sometimes ABS or no entry on an obligatory line; never DIS everywhere.
    ``biased`` draws general grades lower and professional grades higher, the profile of a
    regime-2022 contrôle candidate (R14)."""
    grades: dict[str, Entry] = {}
    for line in spec.obligatory:
        values = grade_values
        if biased:
            values = (
                st.integers(200, 1300) if line.domain is Domain.GENERAL else st.integers(900, 2000)
            )
        kind = draw(st.integers(0, 24))
        if kind == 0:
            grades[line.code] = Code.ABJ
        elif kind == 1:
            grades[line.code] = Code.DIS
        elif kind == 2 and not complete:
            grades[line.code] = Code.ABS
        elif kind == 3 and not complete:
            continue  # no entry yet
        else:
            grades[line.code] = draw(values)
    if all(grades.get(line.code) is Code.DIS for line in spec.obligatory):
        grades[spec.obligatory[0].code] = draw(grade_values)  # R2: not every line DIS
    for line in spec.facultatives:
        entry = draw(st.one_of(grade_values, st.sampled_from([Code.ABS, Code.ABJ, None])))
        if entry is not None:
            grades[line.code] = entry
    return grades


@st.composite
def cases(
    draw: st.DrawFn, *, complete: bool = False, regime: str | None = None, biased: bool = False
) -> Case:
    """A random specialty and one candidate of category A or C."""
    raw = draw(specialty_data())
    spec = parse_specialty(raw)
    return Case(
        regime or draw(st.sampled_from(["2021", "2022"])),
        raw,
        spec,
        draw(st.sampled_from(["A", "C"])),
        draw(grades_for(spec, complete=complete, biased=biased)),
        eliminates=not complete and draw(st.booleans()),
    )


def controle_cases() -> st.SearchStrategy[Case]:
    """Candidates eligible for the épreuves de contrôle, in both regimes (R10, R14)."""
    return st.one_of(
        cases(complete=True, regime="2021"),
        cases(complete=True, regime="2022", biased=True),
        cases(complete=True, regime="2022"),
    ).filter(lambda case: case.evaluate().decision is Decision.CONTROLE)


# --- a reference from domain.md ----------------------------------------------------------------


def coefficient(raw_line: dict[str, Any]) -> Fraction:
    return Fraction(str(raw_line.get("coefficient", "1")).replace(",", "."))


def mode_for(raw_line: dict[str, Any], category: str) -> str:
    mode = raw_line.get("mode", "ponctuel")
    return mode if isinstance(mode, str) else mode[category]


def obligatory(case: Case) -> list[dict[str, Any]]:
    return [line for line in case.raw["epreuves"] if not line.get("facultative")]


def value(entry: Entry) -> Fraction:
    return Fraction(0) if isinstance(entry, Code) else Fraction(entry, 100)


def points_and_weight(case: Case, lines: list[dict[str, Any]]) -> tuple[Fraction, Fraction]:
    """R5 over the non-DIS lines among ``lines`` (ABS/ABJ = 0), in grade units."""
    points = weight = Fraction(0)
    for line in lines:
        entry = case.grades.get(line["code"])
        if entry is None or entry is Code.DIS:
            continue
        points += coefficient(line) * value(entry)
        weight += coefficient(line)
    return points, weight


def bonus(case: Case) -> Fraction:
    """R6: Σ coef·max(0, g − 10) over facultatives with a grade."""
    total = Fraction(0)
    for line in case.raw["epreuves"]:
        entry = case.grades.get(line["code"])
        if line.get("facultative") and isinstance(entry, int):
            total += coefficient(line) * max(Fraction(0), value(entry) - TEN)
    return total


def reference_average(case: Case) -> Fraction:
    points, weight = points_and_weight(case, obligatory(case))
    return (points + bonus(case)) / weight


def group(case: Case, key: str) -> list[dict[str, Any]]:
    """The lines an oral replaces: R13 (2021, per domain: ponctuel for the category) or R16
    (2022, per discipline); DIS lines are left out."""
    lines = [line for line in obligatory(case) if case.grades.get(line["code"]) is not Code.DIS]
    if case.regime == "2021":
        return [
            line
            for line in lines
            if line["domain"] == key and mode_for(line, case.category) == "ponctuel"
        ]
    return [line for line in lines if line["discipline"] == key]


def oral_alone(case: Case, result: Result, key: str, grade: int | None) -> dict[str, OralChoice]:
    if case.regime == "2022":
        return {key: OralChoice(key, grade)}
    discipline = result.options[0] if key == "general" else None
    return {key: OralChoice(discipline, grade)}


def oral_keys(case: Case, result: Result) -> list[str]:
    return ["general", "professional"] if case.regime == "2021" else list(result.options)


@st.composite
def any_orals(draw: st.DrawFn, case: Case, result: Result) -> dict[str, OralChoice]:
    """Orals the candidate may take: regime 2021 one per domain (each maybe absent),
    regime 2022 up to two offered disciplines; grades 0..20 or None."""
    grade = st.one_of(st.none(), st.integers(0, 2000))
    if case.regime == "2021":
        orals: dict[str, OralChoice] = {}
        if draw(st.booleans()):
            orals["general"] = OralChoice(draw(st.sampled_from(result.options)), draw(grade))
        if draw(st.booleans()):
            orals["professional"] = OralChoice(None, draw(grade))
        return orals
    chosen = draw(st.lists(st.sampled_from(result.options), max_size=2, unique=True))
    return {code: OralChoice(code, draw(grade)) for code in chosen}


# --- properties ------------------------------------------------------------------------------


@FAST
@given(cases())
def test_r5_r6_r8_r9_r14_first_group_matches_the_rule_book(case: Case) -> None:
    """R5/R6 average, R8 domain averages, R9/R10/R14 decision, against the reference."""
    result = case.evaluate()
    entries = [case.grades.get(line["code"]) for line in obligatory(case)]
    if None in entries:
        assert result.decision is Decision.INCOMPLET
        assert result.average is None
        return
    average = reference_average(case)
    assert result.average == average
    for domain in Domain:
        points, weight = points_and_weight(
            case, [line for line in obligatory(case) if line["domain"] == domain.value]
        )
        assert result.domain_averages[domain] == (points / weight if weight else None)
    absent = Code.ABS in entries or (
        case.eliminates
        and any(
            case.grades.get(line["code"]) is Code.ABS
            for line in case.raw["epreuves"]
            if line.get("facultative")
        )
    )
    professional = result.domain_averages[Domain.PROFESSIONAL]
    if absent:
        expected = Decision.AJOURNE
    elif average >= TEN:
        expected = Decision.ADMIS
    elif case.regime == "2021" or (
        average >= 8 and professional is not None and professional >= TEN
    ):
        expected = Decision.CONTROLE
    else:
        expected = Decision.AJOURNE
    assert result.decision is expected


@FAST
@given(cases())
def test_r5_r6_average_within_0_and_20_plus_bonus(case: Case) -> None:
    """R5/R6: 0 ≤ average ≤ 20 + bonus / divisor; the same for the final average."""
    result = case.evaluate()
    if result.average is None:
        return
    top = 20 + result.bonus / result.divisor
    assert 0 <= result.average <= top
    assert result.average == (result.points + result.bonus) / result.divisor


@FAST
@given(controle_cases(), st.data())
def test_r10_r14_controle_means_below_10(case: Case, data: st.DataObject) -> None:
    """R10/R14: every contrôle candidate is below 10 (2022: at least 8, professional ≥ 10);
    an oral never lowers the average (R13/R16), the final average stays within
    [0, 20 + bonus/divisor] and the final decision agrees with it."""
    result = case.evaluate()
    assert result.average is not None
    assert result.average < TEN
    if case.regime == "2022":
        professional = result.domain_averages[Domain.PROFESSIONAL]
        assert result.average >= 8
        assert professional is not None
        assert professional >= TEN
    final = case.evaluate(data.draw(any_orals(case, result)))
    assert final.final_average is not None
    assert result.average <= final.final_average <= 20 + result.bonus / result.divisor
    assert (final.final_decision is Decision.ADMIS) == (final.final_average >= TEN)


@FAST
@given(controle_cases(), st.data())
def test_r13_r16_oral_that_improves_nothing_changes_nothing(
    case: Case, data: st.DataObject
) -> None:
    """R13/R16: orals at most the average of the lines they would replace leave the final
    average equal to the first-group average."""
    result = case.evaluate()
    keys = oral_keys(case, result)
    if case.regime == "2022":
        keys = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=2, unique=True))
    orals: dict[str, OralChoice] = {}
    for key in keys:
        points, weight = points_and_weight(case, group(case, key))
        highest = int(points * 100 / weight) if weight else 2000  # floor of m in hundredths
        orals |= oral_alone(case, result, key, data.draw(st.integers(0, highest)))
    final = case.evaluate(orals)
    assert final.final_average == result.average


@FAST
@given(controle_cases())
def test_r17_needed_is_minimal(case: Case) -> None:
    """R17: an oral of ``needed`` alone reaches 10 and 0.01 less does not; "impossible"
    (None) means even 20 alone stays below 10. The orals never change ``needed``."""
    result = case.evaluate()
    assert set(result.needed) == set(oral_keys(case, result))
    for key, needed in result.needed.items():
        if needed is None:
            top = case.evaluate(oral_alone(case, result, key, 2000))
            assert top.final_average is not None
            assert top.final_average < TEN
            assert top.final_decision is Decision.AJOURNE
            continue
        assert 1 <= needed <= 2000
        reached = case.evaluate(oral_alone(case, result, key, needed))
        assert reached.final_average is not None
        assert reached.final_average >= TEN
        assert reached.final_decision is Decision.ADMIS
        assert reached.needed == result.needed
        short = case.evaluate(oral_alone(case, result, key, needed - 1))
        assert short.final_average is not None
        assert short.final_average < TEN
        assert short.final_decision is Decision.AJOURNE


@settings(max_examples=80, deadline=None)
@given(specialty_data(), st.sampled_from(["2021", "2022"]), st.data())
def test_evaluation_independent_of_other_candidates(
    raw: dict[str, Any], regime: str, data: st.DataObject
) -> None:
    """Engine contract: one candidate's result is the same alone, after the others with the
    same Evaluator, and in the reverse order."""
    spec = parse_specialty(raw)
    candidates: list[CandidateGrades] = []
    for index in range(data.draw(st.integers(1, 4))):
        case = Case(
            regime, raw, spec, data.draw(st.sampled_from(["A", "C"])), data.draw(grades_for(spec))
        )
        alone = case.evaluate()
        orals = data.draw(any_orals(case, alone)) if alone.decision is Decision.CONTROLE else None
        candidates.append(CandidateGrades(str(index), case.category, case.grades, orals))
    rules = SessionRules(REGIMES[regime])
    separate = [Evaluator(spec, rules).evaluate(c) for c in candidates]
    shared = Evaluator(spec, rules)
    assert [shared.evaluate(c) for c in candidates] == separate
    assert [shared.evaluate(c) for c in reversed(candidates)] == separate[::-1]
