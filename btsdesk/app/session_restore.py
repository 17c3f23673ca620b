"""Reading back what a whole-session export (btsdesk.app.session_json) carries beside §6:
the oral records (absences R13a, planning), the roster, the oral set-up, the renonciations,
the images, the decisions and authorisations with their basis (R23), the phase."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import parse_oral_grade
from btsdesk.core.numbers import type_name
from btsdesk.core.results import OralChoice
from btsdesk.store.session import SessionStore

STAGES = ("premier_groupe", "final", "autorisation")
DECISIONS = ("admis", "controle", "ajourne")
QUALITIES = ("enseignant", "professionnel")


def oral_records(raw: Mapping[str, Any], where: str) -> dict[str, OralChoice] | None:
    """A candidate's ``oral_records`` (None: not given, §6's ``orals`` then stands)."""
    records = raw.get("oral_records")
    if records is None:
        return None
    if not isinstance(records, list):
        raise InvalidInput(f"{where} : « oral_records » doit être une liste")
    orals: dict[str, OralChoice] = {}
    for record in records:
        if not isinstance(record, Mapping) or not isinstance(record.get("key"), str):
            raise InvalidInput(f"{where} : « oral_records » : objet avec « key » attendu")
        discipline = record.get("discipline")
        if discipline is not None and not isinstance(discipline, str):
            raise InvalidInput(f"{where} : oral {record['key']} : « discipline » invalide")
        grade = record.get("grade")
        try:
            cents = None if grade is None else parse_oral_grade(grade)
        except InvalidInput as exc:
            raise exc.within(f"{where} : oral {record['key']}") from None
        absent = record.get("absent", False)
        if not isinstance(absent, bool):
            raise InvalidInput(f"{where} : oral {record['key']} : « absent » doit être un booléen")
        try:
            orals[record["key"]] = OralChoice(discipline, cents, absent)
        except InvalidInput as exc:
            raise exc.within(f"{where} : oral {record['key']}") from None
    return orals


def origin_years(
    raw: Mapping[str, Any], grades: Mapping[str, object], where: str
) -> dict[str, int]:
    """A candidate's ``grade_origin_years`` (bénéfice, domain.md R2): each a year, for a
    grade the file gives."""
    years = raw.get("grade_origin_years") or {}
    if not isinstance(years, Mapping):
        raise InvalidInput(f"{where} : « grade_origin_years » doit être un objet")
    for line, year in years.items():
        if line not in grades:
            raise InvalidInput(
                f"{where} : épreuve {line} gardée d'une session antérieure sans note"
            )
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
            raise InvalidInput(f"{where} : épreuve {line} : année d'origine invalide ({year!r})")
    return dict(years)


def placements(raw: Mapping[str, Any]) -> list[tuple[str, str, Any, Any, Any, Any]]:
    """The planning of every ``oral_records`` entry that has one."""
    found = []
    for person in raw.get("candidates") or []:
        for record in person.get("oral_records") or []:
            where = [record.get(k) for k in ("preparation_start", "slot", "room", "examiner")]
            if any(where):
                for value in where:
                    if value is not None and not isinstance(value, str):
                        raise InvalidInput(
                            f"candidat {person['number']} : planning de l'oral "
                            f"{record['key']} invalide (texte attendu)"
                        )
                found.append((person["number"], record["key"], *where))
    return found


def restore_rest(store: SessionStore, raw: Mapping[str, Any], phase: str) -> None:
    """After candidates, grades and orals (btsdesk.app.exchange_import): the roster, the
    oral set-up and planning, the renonciations, the images, then the decisions and
    authorisations in délibération, then ``phase`` (even saisie, where a session brought
    back keeps the decisions it had). Everything is checked before the
    first write of this part; the session is a new file that is thrown away on a refusal."""
    jury = _list(raw, "jury")
    for index, member in enumerate(jury, start=1):
        if not isinstance(member, Mapping) or member.get("quality") not in QUALITIES:
            raise InvalidInput(f"jury, membre n°{index} : « quality » enseignant ou professionnel")
        for key in ("name", "role", "status"):
            if not isinstance(member.get(key, ""), str):
                raise InvalidInput(f"jury, membre n°{index} : « {key} » doit être un texte")
        if not isinstance(member.get("present", True), bool):
            raise InvalidInput(f"jury, membre n°{index} : « present » doit être un booléen")
    setup = raw.get("oral_setup") or {}
    if not isinstance(setup, Mapping):
        raise InvalidInput("« oral_setup » doit être un objet")
    days = [tuple(day) for day in _list(setup, "days")]
    rooms = _list(setup, "rooms")
    examiners = setup.get("examiners") or {}
    if (
        any(len(day) != 3 or not all(isinstance(v, str) for v in day) for day in days)
        or not all(isinstance(room, str) for room in rooms)
        or not isinstance(examiners, Mapping)
        or not all(
            isinstance(subjects, list) and all(isinstance(s, str) for s in subjects)
            for subjects in examiners.values()
        )
    ):
        raise InvalidInput("« oral_setup » invalide (jours, salles, examinateurs)")
    images = raw.get("images") or {}
    decoded: dict[str, bytes] = {}
    for kind, text in images.items() if isinstance(images, Mapping) else ():
        try:
            decoded[kind] = base64.b64decode(str(text), validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput(f"image « {kind} » illisible (base64 attendu)") from None
    records = [_decision_record(record) for record in _list(raw, "decisions")]
    declined = []
    for person in raw["candidates"]:
        if not isinstance(person.get("declined", False), bool):
            raise InvalidInput(f"candidat {person['number']} : « declined » doit être un booléen")
        if person.get("declined"):
            declined.append(person["number"])

    for member in jury:
        store.add_jury_member(
            member.get("name", ""),
            member["quality"],
            member.get("role", "membre"),
            member.get("present", True),
            member.get("status", ""),
        )
    if days or rooms or examiners:
        store.set_oral_setup(days, rooms, examiners)
    if found := placements(raw):
        store.set_schedule(found)
    for number in declined:
        store.set_declined(number, True)
    for kind, data in decoded.items():
        store.set_image(kind, data)
    if records or phase != "saisie":  # decisions are written in délibération (R24)
        store.set_phase("deliberation")
        for record in records:
            store.record_kept_decision(record)
        # A session brought back to saisie keeps its decisions: back there, with a reason.
        store.set_phase(phase, reason="session recréée depuis son export JSON")


def _list(raw: Mapping[str, Any], key: str) -> list[Any]:
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise InvalidInput(f"« {key} » doit être une liste, {type_name(value)} trouvé")
    return value


def _decision_record(record: object) -> dict[str, Any]:
    if not isinstance(record, Mapping):
        raise InvalidInput("« decisions » : objet attendu")
    number = record.get("number")
    stage = record.get("stage")
    decision = record.get("decision")
    where = f"décision de {number}"
    if stage not in STAGES:
        raise InvalidInput(f"{where} : étape « {stage} » inconnue ({', '.join(STAGES)})")
    if (stage == "autorisation" and not isinstance(decision, bool)) or (
        stage != "autorisation" and decision not in DECISIONS
    ):
        raise InvalidInput(f"{where} : décision « {decision} » inconnue")
    for key in ("number", "basis", "at", "operator"):
        if not isinstance(record.get(key), str):
            raise InvalidInput(f"{where} : « {key} » doit être un texte")
    return dict(record)
