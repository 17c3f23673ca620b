"""Importing a JSON exchange file (domain.md §6) into a session file, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from btsdesk.core.errors import InvalidInput
from btsdesk.core.exactjson import load_json
from btsdesk.io.exchange import read_session
from btsdesk.store.session import Candidate, GradeChange, SessionStore


def import_exchange(store: SessionStore, source: Path) -> str:
    """Candidates and grades of the file, validated whole (the same checks as ``btsdesk
    evaluate``) before one transaction writes them. Returns a French summary."""
    try:
        raw = load_json(source.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidInput(f"{source.name} : le texte n'est pas en UTF-8") from None
    except InvalidInput as exc:
        raise exc.within(source.name) from None
    try:
        exchange = read_session(raw)
        evaluator = exchange.evaluator()
        for candidate in exchange.candidates:
            evaluator.evaluate(candidate)  # refuse what the engine would refuse
    except InvalidInput as exc:
        raise exc.within(source.name) from None
    if [line.code for line in exchange.specialty.lines] != [
            line.code for line in store.specialty.lines]:
        raise InvalidInput(f"{source.name} : ses épreuves ne sont pas celles du règlement de "
                           "la session")
    people: list[dict[str, Any]] = raw["candidates"]
    candidates = [Candidate(number=c.number, category=c.category,
                            civility=_text(p, "civility"), surname=_text(p, "surname"),
                            given_name=_text(p, "given_name"))
                  for c, p in zip(exchange.candidates, people, strict=True)]
    changes = [GradeChange(c.number, code, entry)
               for c in exchange.candidates for code, entry in c.grades.items()]
    with store.transaction():
        added, updated = store.add_candidates(candidates, source=source.name)
        changed = store.apply_grades(changes, origin="import", source=source.name)
    return (f"{added} candidat(s) ajouté(s), {updated} mis à jour, {changed} note(s) "
            "enregistrée(s).")


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key, "")
    return value if isinstance(value, str) else ""
