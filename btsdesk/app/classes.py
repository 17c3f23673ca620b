"""The class file's imports (parcours de consolidation, §8): students and follow-up, read by
``btsdesk.io.class_import`` and written here, all or nothing."""

from __future__ import annotations

from btsdesk.io.class_import import ClassPreview, FollowUpPreview
from btsdesk.io.problems import ImportRefused, Problem
from btsdesk.store.class_file import ClassStore


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
        raise ImportRefused([Problem(None, None, f"étudiant {number} inconnu dans la classe")
                             for number in unknown])
    return store.set_outcomes(preview.outcomes, source=f"import {preview.source}".strip())
