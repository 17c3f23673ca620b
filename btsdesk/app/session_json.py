"""The whole session as one JSON file, and back (issue 12).

The file is the §6 exchange format — ``regime``, ``specialty``, ``general_oral_levels``,
``candidates`` with ``number``, ``category``, ``grades`` and ``orals`` — so ``btsdesk
evaluate`` reads it as it is: §6 ignores keys it does not name at the top level and in a
candidate. What §6 does not carry rides in such keys:

- in each candidate, every field of ``Candidate`` (civilité, birth date, address, e-mail,
  bac origin, livret, consolidation… written generically, so a field added to the record is
  carried without a change here), ``declined`` (renonciation, R24) and ``oral_records``
  (choices, grades, absences R13a and the planning: §6's ``orals`` has no absent code);
- at the top level: ``btsdesk_format``, ``session`` (every field of ``SessionDetails``,
  generically), ``jury`` (the roster), ``oral_setup`` (days, rooms, examiners),
  ``decisions`` (decisions and authorisations as recorded, with the basis each rests on,
  R23) and ``images`` (logo and signature, base64).

The audit log is not in it: a session opened from this file starts a new log (the import
is its first entry); the original file and its backups keep the old one."""

from __future__ import annotations

import base64
import binascii
import types
import typing
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import entry_text
from btsdesk.core.numbers import type_name
from btsdesk.core.records import Candidate, SessionDetails
from btsdesk.core.results import CandidateGrades, OralChoice
from btsdesk.store.session import SessionStore

FORMAT = 1
STAGES = ("premier_groupe", "final", "autorisation")
DECISIONS = ("admis", "controle", "ajourne")
QUALITIES = ("enseignant", "professionnel")


def session_json(store: SessionStore) -> dict[str, Any]:
    """The session as one JSON object (module docstring)."""
    details = store.details()
    regime = store.rules().regime
    orals = store.orals()
    schedule = store.oral_schedule()
    grades = store.grades()
    declined = store.declined()
    evaluator = store.evaluator()
    candidates = []
    for candidate in store.candidates():
        entry: dict[str, Any] = {
            **record_json(candidate),
            "grades": {
                code: entry_text(value, comma=False)
                for code, value in grades.get(candidate.number, {}).items()
            },
        }
        mine = orals.get(candidate.number)
        if mine:
            graded = CandidateGrades(
                candidate.number, candidate.category, grades.get(candidate.number, {}), mine
            )
            try:  # §6 refuses orals that no longer apply (a grade corrected since):
                evaluator.evaluate(graded)  # those stay in oral_records only
                entry["orals"] = regime.format_orals(mine)
            except InvalidInput:
                pass
            entry["oral_records"] = [
                _oral_record(key, choice, schedule.get((candidate.number, key)))
                for key, choice in sorted(mine.items())
            ]
        if candidate.number in declined:
            entry["declined"] = True
        candidates.append(entry)
    days, rooms, examiners = store.oral_setup()
    images = {
        kind: base64.b64encode(data).decode("ascii")
        for kind in ("logo", "signature")
        if (data := store.image(kind)) is not None
    }
    return {
        "btsdesk_format": FORMAT,
        "regime": details.regime,
        "session": record_json(details),
        "specialty": store.reglement_data(),
        "general_oral_levels": details.general_oral_levels,
        "jury": [
            {
                **{key: member[key] for key in ("name", "quality", "role", "status")},
                "present": bool(member["present"]),
            }
            for member in store.jury_members()
        ],
        "oral_setup": {
            "days": [list(day) for day in days],
            "rooms": rooms,
            "examiners": examiners,
        },
        "candidates": candidates,
        "decisions": store.decision_records(),
        "images": images,
    }


def _oral_record(
    key: str,
    choice: OralChoice,
    placed: tuple[str | None, str | None, str | None, str | None] | None,
) -> dict[str, Any]:
    preparation, slot, room, examiner = placed or (None, None, None, None)
    return {
        "key": key,
        "discipline": choice.discipline,
        "grade": None if choice.grade is None else entry_text(choice.grade, comma=False),
        "absent": choice.absent,
        "preparation_start": preparation,
        "slot": slot,
        "room": room,
        "examiner": examiner,
    }


# -- records, generically ----------------------------------------------------------------


def record_json(record: Candidate | SessionDetails) -> dict[str, Any]:
    """Every field of a plain record, by name."""
    return {field.name: getattr(record, field.name) for field in fields(record)}


def record_values(kind: type[Any], raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The fields of ``kind`` (a plain record) that ``raw`` gives, each checked against its
    declared type (text, integer, boolean, or None where allowed); other keys are left to
    whoever knows them. A wrong type is refused naming the field and ``where``."""
    hints = typing.get_type_hints(kind)
    values: dict[str, Any] = {}
    for field in fields(kind):
        if field.name not in raw:
            continue
        value = raw[field.name]
        allowed = _types(hints[field.name])
        if not any(_is(value, expected) for expected in allowed):
            raise InvalidInput(
                f"{where} : « {field.name} » doit être "
                + " ou ".join(_TYPE_WORDS.get(t, t.__name__) for t in allowed)
                + f", {type_name(value)} trouvé"
            )
        values[field.name] = value
    return values


_TYPE_WORDS = {str: "un texte", int: "un entier", bool: "un booléen", type(None): "null"}


def _types(hint: Any) -> tuple[type, ...]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return tuple(typing.get_args(hint))
    return (hint,)


def _is(value: object, expected: type) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


# -- reading back what §6 does not carry ------------------------------------------------


def oral_records(raw: Mapping[str, Any], where: str) -> dict[str, OralChoice] | None:
    """A candidate's ``oral_records`` (None: not given, §6's ``orals`` then stands)."""
    from btsdesk.core.grades import parse_oral_grade

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
    authorisations in délibération, then ``phase``. Everything is checked before the
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
    if phase != "saisie":
        store.set_phase("deliberation")
        for record in records:
            store.record_kept_decision(record)
        store.set_phase(phase)


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
