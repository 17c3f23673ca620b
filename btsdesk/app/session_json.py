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
is its first entry); the original file and its backups keep the old one. Reading it back:
btsdesk.app.exchange_import and btsdesk.app.session_restore."""

from __future__ import annotations

import base64
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
