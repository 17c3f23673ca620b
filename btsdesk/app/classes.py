"""The class file (parcours de consolidation, §8), Qt-free: the conseil de classe's actions
and the imports (students and follow-up, read by ``btsdesk.io.class_import``), each written
here in one transaction with its audit entries, all or nothing. The window
(``btsdesk.gui.class_window``) and the command line call these functions and never write to
the store themselves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from btsdesk.core.consolidation import Observations, Proposal
from btsdesk.core.errors import InvalidInput
from btsdesk.io.class_import import ClassPreview, FollowUpPreview
from btsdesk.io.problems import ImportRefused, Problem
from btsdesk.store.class_file import ClassStore


def open_class(path: Path, *, operator: str | None = None) -> ClassStore:
    """An existing class file (backed up on opening, refused if it is a jury session)."""
    return ClassStore.open(path, operator=operator)


def apply_class_preview(store: ClassStore, preview: ClassPreview) -> tuple[int, int]:
    """Write the previewed students, all or nothing; returns (added, updated)."""
    if preview.problems:
        raise ImportRefused(preview.problems)
    return store.add_students(preview.students, source=f"import {preview.source}".strip())


def apply_follow_up(store: ClassStore, preview: FollowUpPreview) -> int:
    """Write the previewed outcomes in one transaction, all or nothing; returns how many
    changed."""
    if preview.problems:
        raise ImportRefused(preview.problems)
    known = {student.number for student in store.students()}
    unknown = [number for number in preview.outcomes if number not in known]
    if unknown:  # read against another class
        raise ImportRefused(
            [Problem(None, None, f"étudiant {number} inconnu dans la classe") for number in unknown]
        )
    return store.set_outcomes(preview.outcomes, source=f"import {preview.source}".strip())


def add_follow_up(store: ClassStore, number: str, on: date | str, note: str) -> str:
    """One dated note of a student's follow-up (logged); returns a French summary. An empty
    note is refused."""
    text = note.strip()
    if not text:
        raise InvalidInput("note de suivi vide : écrivez ce qui a été fait ou dit")
    store.add_follow_up(number, on, text)
    return f"étudiant {number} : point de suivi ajouté"


def record_conseil(
    store: ClassStore, number: str, observations: Observations, proposal: Proposal
) -> str:
    """The team's observations and the conseil's proposal (with the student's answer) of
    one student, in one transaction: both are written, or neither. Returns a French
    summary."""
    with store.transaction():
        store.set_observations(number, observations)
        store.set_proposal(number, proposal)
    return f"étudiant {number} : observations et proposition enregistrées"
