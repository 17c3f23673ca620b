"""The class file (parcours de consolidation, §8), Qt-free: the conseil de classe's actions
and the imports (students and follow-up, read by ``btsdesk.io.class_import``), each written
here in one transaction with its audit entries, all or nothing. The window
(``btsdesk.gui.class_window``) and the command line call these functions and never write to
the store themselves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from btsdesk.core.consolidation import BacOrigin, Observations, Proposal
from btsdesk.core.errors import InvalidInput
from btsdesk.io.class_import import ClassPreview, FollowUpPreview
from btsdesk.io.problems import ImportRefused, Problem
from btsdesk.store.class_file import ClassStore


def open_class(path: Path, *, operator: str | None = None) -> ClassStore:
    """An existing class file (backed up before its first change, refused if it is a jury
    session)."""
    return ClassStore.open(path, operator=operator)


def new_class(
    path: Path,
    *,
    year: int,
    etablissement: str,
    division: str,
    specialty_label: str,
    operator: str,
) -> ClassStore:
    """A new class file (built whole under a temporary name), open. Every field is
    needed: the letters and the summary print them."""
    for label, value in (
        ("établissement", etablissement),
        ("division", division),
        ("spécialité", specialty_label),
        ("opérateur", operator),
    ):
        if not value.strip():
            raise InvalidInput(f"nouvelle classe : {label} manquant(e)")
    return ClassStore.create(
        path,
        year=year,
        etablissement=etablissement.strip(),
        division=division.strip(),
        specialty_label=specialty_label.strip(),
        operator=operator.strip(),
    )


def correct_origin(store: ClassStore, number: str, origin: BacOrigin, specialty: str = "") -> str:
    """A student's bac d'origine (and bac pro specialty) corrected by hand, logged (old →
    new); an import without « Origine » column leaves them to correct (§8). Returns a French
    summary."""
    student = store.student(number)
    if student is None:
        raise InvalidInput(f"étudiant {number} inconnu dans la classe")
    kept = specialty.strip() if origin is BacOrigin.PROFESSIONNEL else ""
    corrected = replace(student, origin=origin, bac_pro_specialty=kept)
    if corrected == student:
        return f"étudiant {number} : origine inchangée"
    store.add_students([corrected], source="correction de l'origine")
    return f"étudiant {number} : origine corrigée ({origin.label})"


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
