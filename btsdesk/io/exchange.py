"""The JSON exchange format of domain.md §6: a whole session in, results out."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from btsdesk.core.engine import Evaluator, SessionRules
from btsdesk.core.errors import InvalidInput
from btsdesk.core.exactjson import load_json
from btsdesk.core.grades import Entry, parse_entry
from btsdesk.core.numbers import average_text, cents_text, fraction_text, type_name
from btsdesk.core.regimes import regime_for
from btsdesk.core.reglement import Specialty, parse_specialty
from btsdesk.core.results import CandidateGrades, OralChoice, Result


@dataclass(frozen=True)
class ExchangeSession:
    """A session as the exchange format carries it."""

    specialty: Specialty
    rules: SessionRules
    candidates: tuple[CandidateGrades, ...]

    def evaluator(self) -> Evaluator:
        return Evaluator(self.specialty, self.rules)


def read_session(data: object) -> ExchangeSession:
    """Validate a §6 input object. Raises InvalidInput naming what is wrong and where."""
    if not isinstance(data, Mapping):
        raise InvalidInput(f"le fichier doit contenir un objet JSON, {type_name(data)} trouvé")
    for key in ("regime", "specialty", "candidates"):
        if key not in data:
            raise InvalidInput(f"la clé « {key} » manque")
    regime = regime_for(data["regime"])
    specialty = parse_specialty(data["specialty"])
    rules = SessionRules(regime, data.get("general_oral_levels", 1))
    raw_candidates = data["candidates"]
    if not isinstance(raw_candidates, list):
        raise InvalidInput(
            f"« candidates » doit être une liste, {type_name(raw_candidates)} trouvé"
        )
    candidates: list[CandidateGrades] = []
    numbers: set[str] = set()
    for index, raw in enumerate(raw_candidates, start=1):
        candidate = _read_candidate(raw, index, specialty, rules)
        if candidate.number in numbers:
            raise InvalidInput(f"candidat {candidate.number} : numéro en double")
        numbers.add(candidate.number)
        candidates.append(candidate)
    return ExchangeSession(specialty, rules, tuple(candidates))


def evaluate_text(text: str) -> dict[str, Any]:
    """The whole ``btsdesk evaluate`` transformation: §6 input text → output object."""
    session = read_session(load_json(text))
    evaluator = session.evaluator()
    return {"candidates": [result_json(evaluator.evaluate(c)) for c in session.candidates]}


def result_json(result: Result) -> dict[str, Any]:
    """One candidate's output entry, as §6 specifies."""
    out: dict[str, Any] = {
        "number": result.number,
        "average": None if result.average is None else average_text(result.average),
        "average_exact": None if result.average is None else fraction_text(result.average),
        "domain_averages": {
            domain.value: None if value is None else average_text(value)
            for domain, value in result.domain_averages.items()
        },
        "decision": result.decision.value,
        "reasons": [*result.reasons, *result.warnings],
    }
    if result.decision.value == "controle":
        out["general_oral_options"] = list(result.options)
        out["needed"] = {
            key: None if cents is None else cents_text(cents)
            for key, cents in result.needed.items()
        }
    if result.final_decision is not None and result.final_average is not None:
        out["final_average"] = average_text(result.final_average)
        out["final_decision"] = result.final_decision.value
    return out


def _read_candidate(
    raw: object, index: int, specialty: Specialty, rules: SessionRules
) -> CandidateGrades:
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"candidat n°{index} : objet attendu, {type_name(raw)} trouvé")
    number = raw.get("number")
    if not isinstance(number, str) or not number.strip():
        raise InvalidInput(f"candidat n°{index} : « number » manquant ou invalide (texte attendu)")
    try:
        category = raw.get("category", "A")
        if not isinstance(category, str):
            raise InvalidInput(f"« category » doit être un texte, {type_name(category)} trouvé")
        raw_grades = raw.get("grades", {})
        if not isinstance(raw_grades, Mapping):
            raise InvalidInput(f"« grades » doit être un objet, {type_name(raw_grades)} trouvé")
        grades: dict[str, Entry] = {}
        for code, value in raw_grades.items():
            if code not in specialty.line_by_code:
                raise InvalidInput(f"épreuve « {code} » inconnue dans la spécialité")
            try:
                grades[code] = parse_entry(value)
            except InvalidInput as exc:
                raise exc.within(f"épreuve {code}") from None
        orals = _read_orals(raw.get("orals"), rules)
    except InvalidInput as exc:
        raise exc.within(f"candidat {number}") from None
    return CandidateGrades(number=number, category=category, grades=grades, orals=orals)


def _read_orals(raw: object, rules: SessionRules) -> dict[str, OralChoice] | None:
    """§6: absent, null or {} means no orals."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"« orals » doit être un objet, {type_name(raw)} trouvé")
    if not raw:
        return None
    return rules.regime.parse_orals(raw)


def dumps(result: Mapping[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2)


__all__ = ["ExchangeSession", "evaluate_text", "load_json", "read_session", "result_json"]
