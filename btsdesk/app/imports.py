"""Imports into a session file, all or nothing: the file is read and checked by ``btsdesk.io``
(a preview listing every problem), then written here in one transaction, or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from btsdesk.app import gate
from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Entry
from btsdesk.core.records import GradeChange
from btsdesk.io.cyclades import CandidatePreview
from btsdesk.io.importing import ImportContext, Preview, _s, preview_path
from btsdesk.io.problems import ImportRefused, Problem
from btsdesk.store.errors import SessionFileError
from btsdesk.store.locks import refuse_if_open
from btsdesk.store.session import SessionStore


def context_of(store: SessionStore) -> ImportContext:
    return ImportContext(
        store.specialty,
        {c.number: c for c in store.candidates()},
        store.grades(),
        store.details().phase,
    )


def preview_file(
    store: SessionStore, path: Path | str, kind: str | None = None, *, sheet: str | None = None
) -> Preview:
    """What importing ``path`` would do, with every problem found; writes nothing.
    ``kind`` is "candidats" (a Cyclades list) or "notes" (a grade sheet); None: detected.
    The session file itself (or any file this btsdesk holds open) is refused unread."""
    refuse_if_open(Path(path), "importer")
    return preview_path(context_of(store), Path(path), kind, sheet=sheet)


def apply_preview(
    store: SessionStore, preview: Preview, source: str, *, reason: str | None = None
) -> str:
    """Write a preview in one store call and return a French summary. Raises ImportRefused
    (nothing written) when the preview has problems or the store refuses the change."""
    if preview.problems:
        raise ImportRefused(preview.problems)
    try:
        if isinstance(preview, CandidatePreview):
            added, updated = store.add_candidates(preview.candidates, source=source)
            return f"{added} candidat{_s(added)} ajouté{_s(added)}, {updated} mis à jour"
        if not preview.changes:  # a sheet imported back as it is: nothing to ask (R21)
            return "0 note importée"
        check_grade_changes(store, preview.changes, reason)
        count = store.apply_grades(preview.changes, origin="import", reason=reason, source=source)
    except InvalidInput as exc:  # the rules refuse a candidate's new grades (R2)
        raise ImportRefused([Problem(None, None, str(exc))]) from exc
    except SessionFileError as exc:  # phase, missing reason (R21, R24): one transaction, undone
        raise ImportRefused([Problem(None, None, str(exc))]) from exc
    replaced = len(preview.replaced)
    summary = f"{count} note{_s(count)} importée{_s(count)}"
    return f"{summary}, dont {replaced} remplacée{_s(replaced)}" if replaced else summary


def check_grade_changes(
    store: SessionStore, changes: Sequence[GradeChange], reason: str | None
) -> None:
    """The write gate for imported grades: phase and reason (R24, R21), then every touched
    candidate evaluated with its new grades (R2), before anything is written."""
    gate.check_writable(store.details().phase, reason, "une note")
    current = {c.number: c for c in store.candidate_grades()}
    touched: dict[str, dict[str, Entry]] = {}
    for change in changes:
        if change.number not in current:
            raise SessionFileError(f"candidat {change.number} inconnu dans la session")
        grades = touched.setdefault(change.number, dict(current[change.number].grades))
        if change.entry is None:
            grades.pop(change.line_code, None)
        else:
            grades[change.line_code] = change.entry
    gate.check_candidates(
        store.evaluator(),
        [replace(current[number], grades=grades) for number, grades in touched.items()],
    )
