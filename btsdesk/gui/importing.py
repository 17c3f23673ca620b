"""Importing a file from the window: the file is read and checked off the window's thread
(cancellable), the preview is shown, and only a confirmed, problem-free preview is written,
all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from btsdesk.app.imports import apply_preview, context_of
from btsdesk.core.errors import InvalidInput
from btsdesk.gui.progress import Cancelled, run_in_background
from btsdesk.io.importing import describe, preview_path
from btsdesk.io.problems import ImportRefused
from btsdesk.store.errors import SessionFileError
from btsdesk.store.locks import refuse_if_open
from btsdesk.store.session import SessionStore

# Shows the preview and asks whether to write it; tests replace it.
Confirm = Callable[[str], bool]


def import_file(parent: QWidget | None, store: SessionStore, path: Path, kind: str | None,
                confirm: Confirm) -> tuple[bool, str]:
    """(written, French text to show: the preview and what happened)."""
    try:
        refuse_if_open(path, "importer")  # the session itself: reading it drops its locks
    except SessionFileError as exc:
        return False, f"Import impossible : {exc}"
    context = context_of(store)  # read in the store's thread
    try:
        preview = run_in_background(parent, f"Lecture de {path.name}…",
                                    lambda _report, _cancelled: preview_path(context, path,
                                                                             kind))
    except Cancelled:
        return False, "Import annulé : rien n'a été écrit."
    except (OSError, ValueError) as exc:
        return False, f"Import impossible : {exc}"
    text = describe(preview)
    if preview.problems:
        return False, f"{text}\n\nImport refusé, rien n'a été écrit."
    if not confirm(text):
        return False, f"{text}\n\nImport abandonné : rien n'a été écrit."
    try:
        summary = apply_preview(store, preview, source=path.name)
    except ImportRefused as refused:
        return False, f"{text}\n\nImport refusé, rien n'a été écrit :\n{refused}"
    except (InvalidInput, SessionFileError) as exc:
        return False, f"Import impossible : {exc}"
    return True, f"{text}\n\n✔ {summary}"
