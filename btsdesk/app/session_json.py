"""The whole session as one JSON file, and back (issue 12).

The file is the §6 exchange format — ``regime``, ``specialty``, ``general_oral_levels``,
``candidates`` with ``number``, ``category``, ``grades`` and ``orals`` — so ``btsdesk
evaluate`` reads it as it is: §6 ignores keys it does not name at the top level and in a
candidate. What §6 does not carry rides in such keys:

- in each candidate, every field of ``Candidate`` (civilité, birth date, address, e-mail,
  bac origin, livret, consolidation… written generically, so a field added to the record is
  carried without a change here), ``declined`` (renonciation, R24), ``oral_records``
  (choices, grades, absences R13a and the planning: §6's ``orals`` has no absent code) and
  ``grade_origin_years`` (line → year of the earlier session a kept grade comes from:
  bénéfice, domain.md R2);
- at the top level: ``btsdesk_format``, ``session`` (every field of ``SessionDetails``,
  generically), ``jury`` (the roster), ``oral_setup`` (days, rooms, examiners),
  ``decisions`` (decisions and authorisations as recorded, with the basis each rests on,
  R23), ``images`` (logo and signature, base64) and ``documents`` (what was printed, as a
  record only: not read back).

The audit log is not in it: a session opened from this file starts a new log (the import
is its first entry); the original file and its backups keep the old one. Reading it back:
btsdesk.app.exchange_import and btsdesk.app.session_restore."""

from __future__ import annotations

import base64
import types
import typing
from collections.abc import Mapping
from dataclasses import fields
from decimal import Decimal
from enum import Enum
from typing import Any

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import entry_text
from btsdesk.core.numbers import type_name
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
    kept = store.grade_origin_years()
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
        if candidate.number in kept:  # bénéfice: the year each kept grade comes from
            entry["grade_origin_years"] = kept[candidate.number]
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
        # A record of what was printed (kind, date, SHA-256). Not read back: the store
        # notes a document only as it is produced now (record_document, logged), and rows
        # copied with their old dates would claim prints the new file never made.
        "documents": store.documents(),
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


def record_json(record: Any) -> dict[str, Any]:
    """Every field of a plain record, by name, as JSON values (a Decimal as its text, a
    tuple as a list, an enumeration as its value)."""
    return {field.name: _json_value(getattr(record, field.name)) for field in fields(record)}


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [_json_value(item) for item in value]
    return value


def record_values(kind: type[Any], raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The fields of ``kind`` (a plain record) that ``raw`` gives, each read back as its
    declared type (text, integer, boolean, Decimal, a tuple, a Literal, an enumeration, or
    None where allowed); other keys are left to whoever knows them. A wrong type is
    refused naming the field and ``where``."""
    hints = typing.get_type_hints(kind)
    values: dict[str, Any] = {}
    for field in fields(kind):
        if field.name not in raw:
            continue
        value = raw[field.name]
        for expected in _types(hints[field.name]):
            found = _as(value, expected)
            if found is not _WRONG:
                values[field.name] = found
                break
        else:
            allowed = _types(hints[field.name])
            wanted = " ou ".join(_TYPE_WORDS.get(t, "une valeur permise") for t in allowed)
            raise InvalidInput(
                f"{where} : « {field.name} » doit être {wanted}, {type_name(value)} trouvé"
            )
    return values


_TYPE_WORDS: dict[Any, str] = {
    str: "un texte",
    int: "un entier",
    bool: "un booléen",
    type(None): "null",
    Decimal: "un nombre décimal",
}
_WRONG = object()


def _types(hint: Any) -> tuple[Any, ...]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return tuple(typing.get_args(hint))
    return (hint,)


def _as(value: Any, expected: Any) -> Any:
    """``value`` read as ``expected``, or _WRONG."""
    origin = typing.get_origin(expected)
    if origin is typing.Literal:
        return value if value in typing.get_args(expected) else _WRONG
    if origin in (tuple, list):
        return origin(value) if isinstance(value, list) else _WRONG
    if expected is type(None):
        return None if value is None else _WRONG
    if isinstance(value, bool) and expected is not bool:
        return _WRONG
    if expected is Decimal:
        try:
            return Decimal(str(value)) if isinstance(value, (str, int, Decimal)) else _WRONG
        except ArithmeticError:
            return _WRONG
    if isinstance(expected, type) and issubclass(expected, Enum):
        try:
            return expected(value)
        except ValueError:
            return _WRONG
    if isinstance(expected, type):
        return value if isinstance(value, expected) else _WRONG
    return _WRONG
