"""Small builders for the rule tests of the core: a specialty of a few lines, a candidate's
grades written as a person types them, one evaluation. Nothing here computes an expected
figure: every expected value in the tests is worked by hand from domain.md."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from btsdesk.core.engine import Evaluator, SessionRules
from btsdesk.core.grades import parse_entry
from btsdesk.core.regimes import REGIMES
from btsdesk.core.reglement import Specialty, parse_specialty
from btsdesk.core.results import CandidateGrades, OralChoice, Result


def gen(
    code: str,
    coef: str = "1",
    *,
    discipline: str | None = None,
    mode: str | Mapping[str, str] = "ponctuel",
) -> dict[str, Any]:
    """An obligatory line of the general domain (§6 shape)."""
    return _line(code, coef, "general", discipline, mode)


def pro(
    code: str,
    coef: str = "1",
    *,
    discipline: str | None = None,
    mode: str | Mapping[str, str] = "ponctuel",
) -> dict[str, Any]:
    """An obligatory line of the professional domain (§6 shape)."""
    return _line(code, coef, "professional", discipline, mode)


def fac(code: str, coef: str | None = None) -> dict[str, Any]:
    """A facultative line; without ``coef`` the règlement gives none (R6: default 1)."""
    raw: dict[str, Any] = {"code": code, "facultative": True, "mode": "ponctuel"}
    if coef is not None:
        raw["coefficient"] = coef
    return raw


def _line(
    code: str, coef: str, domain: str, discipline: str | None, mode: str | Mapping[str, str]
) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "code": code,
        "coefficient": coef,
        "domain": domain,
        "mode": dict(mode) if isinstance(mode, Mapping) else mode,
    }
    if discipline is not None:
        raw["discipline"] = discipline
    return raw


def specialty(*lines: dict[str, Any]) -> Specialty:
    return parse_specialty({"code": "TST", "name": "Spécialité de test", "epreuves": list(lines)})


def evaluate(
    spec: Specialty,
    grades: Mapping[str, str],
    *,
    regime: str = "2021",
    category: str = "A",
    orals: Mapping[str, OralChoice] | None = None,
    levels: int = 1,
    facultative_abs_eliminates: bool = False,
    number: str = "001",
    session_year: int | None = None,
) -> Result:
    """One candidate; ``grades`` as typed by a person ("12,5", "ABJ"); a missing key is
    "no entry yet"."""
    rules = SessionRules(
        REGIMES[regime],
        general_oral_levels=levels,
        facultative_abs_eliminates=facultative_abs_eliminates,
        session_year=session_year,
    )
    entries = {code: parse_entry(text) for code, text in grades.items()}
    return Evaluator(spec, rules).evaluate(
        CandidateGrades(number=number, category=category, grades=entries, orals=orals)
    )


_NOT_GIVEN: Any = object()


def orals_2021(
    general: tuple[str | None, int | None] | None = None, professional: int | None = _NOT_GIVEN
) -> dict[str, OralChoice]:
    """Regime-2021 orals: ``general`` = (discipline, hundredths or None); ``professional``
    = hundredths or None (left out when not given)."""
    orals: dict[str, OralChoice] = {}
    if general is not None:
        orals["general"] = OralChoice(general[0], general[1])
    if professional is not _NOT_GIVEN:
        orals["professional"] = OralChoice(None, professional)
    return orals


def orals_2022(**grades: int | None) -> dict[str, OralChoice]:
    """Regime-2022 orals: discipline code → hundredths or None."""
    return {code: OralChoice(code, grade) for code, grade in grades.items()}


# The §6 worked example (the MCO lines simplified from the 2018 règlement), shared by the rule
# tests: points 187.5, bonus 4, Σcoef 21 → 191.5 / 21 = 383 / 42.
MCO = specialty(
    gen("E1", "3"),
    gen("E21", "1.5", discipline="E2", mode={"A": "ponctuel", "B": "ccf", "C": "ponctuel"}),
    gen("E22", "1.5", discipline="E2", mode={"A": "ccf", "B": "ccf", "C": "ponctuel"}),
    gen("E3", "3"),
    pro("E41", "3", mode={"A": "ccf", "B": "ccf", "C": "ponctuel"}),
    pro("E42", "3", mode={"A": "ccf", "B": "ccf", "C": "ponctuel"}),
    pro("E5", "3"),
    pro("E6", "3", mode={"A": "ccf", "B": "ccf", "C": "ponctuel"}),
    fac("EF1", "1"),
)
MCO_GRADES = {
    "E1": "8,5",
    "E21": "ABJ",
    "E22": "11",
    "E3": "7",
    "E41": "12",
    "E42": "10,5",
    "E5": "6",
    "E6": "13",
    "EF1": "14",
}
