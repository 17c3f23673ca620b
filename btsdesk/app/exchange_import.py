"""Importing a JSON exchange file (domain.md §6) into a session file, all or nothing."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from btsdesk.app import gate
from btsdesk.core.errors import InvalidInput
from btsdesk.core.exactjson import json_text, load_json
from btsdesk.core.records import Candidate, GradeChange, SessionDetails
from btsdesk.core.results import CandidateGrades
from btsdesk.io.exchange import read_session
from btsdesk.store.files import read_chosen
from btsdesk.store.session import SessionStore


def import_exchange(store: SessionStore, source: Path) -> str:
    """Candidates, grades and orals of the file, validated whole against the session's own
    règlement and rules before one transaction writes them. A candidate already in the
    session keeps everything the file does not carry (address, livret, …). Returns a French
    summary."""
    text = json_text(read_chosen(source), source.name)
    try:
        raw = load_json(text)
    except InvalidInput as exc:
        raise exc.within(source.name) from None
    gate.check_writable(store.details().phase, None, "une note")
    try:
        exchange = read_session(raw)
        # The file's obligatory lines are the session's; its facultative lines are among
        # the session's (a file written before a facultative unit was added, §7).
        session_lines = store.specialty.line_by_code
        if [line.code for line in exchange.specialty.obligatory] != [
            line.code for line in store.specialty.obligatory
        ] or any(
            session_lines.get(line.code) is None or not session_lines[line.code].facultative
            for line in exchange.specialty.facultatives
        ):
            raise InvalidInput("ses épreuves ne sont pas celles du règlement de la session")
        evaluator = store.evaluator()  # the session's règlement and rules, not the file's
        current = store.grades()
        for candidate in exchange.candidates:
            merged = {**current.get(candidate.number, {}), **candidate.grades}
            evaluator.evaluate(
                CandidateGrades(candidate.number, candidate.category, merged, candidate.orals)
            )
    except InvalidInput as exc:
        raise exc.within(source.name) from None
    people: list[dict[str, Any]] = raw["candidates"]
    candidates = []
    for graded, person in zip(exchange.candidates, people, strict=True):
        known = store.candidate(graded.number) or Candidate(graded.number)
        candidates.append(
            replace(
                known,
                category=graded.category,
                civility=_text(person, "civility", known.civility),
                surname=_text(person, "surname", known.surname),
                usage_name=_text(person, "usage_name", known.usage_name),
                given_name=_text(person, "given_name", known.given_name),
            )
        )
    changes = [
        GradeChange(c.number, code, entry)
        for c in exchange.candidates
        for code, entry in c.grades.items()
    ]
    orals = 0
    with store.transaction():
        added, updated = store.add_candidates(candidates, source=source.name)
        changed = store.apply_grades(changes, origin="import", source=source.name)
        for candidate in exchange.candidates:
            for key, choice in (candidate.orals or {}).items():
                store.set_oral(
                    candidate.number, key, discipline=choice.discipline, grade=choice.grade
                )
                orals += 1
    summary = (
        f"{added} candidat(s) ajouté(s), {updated} mis à jour, {changed} note(s) enregistrée(s)"
    )
    return summary + (f", {orals} épreuve(s) de contrôle." if orals else ".")


def _text(raw: dict[str, Any], key: str, default: str) -> str:
    value = raw.get(key)
    return value if isinstance(value, str) else default


def session_from_exchange(path: Path) -> Path:
    """A working copy of an exchange file as a new session file (in a temporary folder)."""
    from btsdesk.app.exchange_import import import_exchange
    from btsdesk.io.exchange import read_session

    text = json_text(read_chosen(path, "ouvrir comme JSON d'échange"), path.name)
    try:
        raw = load_json(text)
    except InvalidInput as exc:
        raise exc.within(path.name) from None
    exchange = read_session(raw)
    details = raw.get("session") or {}
    target = Path(tempfile.mkdtemp(prefix="btsdesk-")) / (path.stem + ".btsdesk")
    with SessionStore.create(
        target,
        reglement=raw["specialty"],
        details=SessionDetails(
            year=int(details.get("year") or 2026),
            specialty_code=exchange.specialty.code,
            regime=exchange.rules.regime.code,
            title=str(details.get("title") or path.stem),
        ),
        operator="btsdesk",
    ) as store:
        import_exchange(store, path)
    return target
