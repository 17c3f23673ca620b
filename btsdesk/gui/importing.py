"""Importing a file from the window: the file is read and checked off the window's thread
(cancellable), the preview is shown and confirmed (the same question from Fichier › Importer
and from the assistant), and only a confirmed, problem-free preview is written, all or
nothing, by the application layer (``btsdesk.app.imports``; a JSON exchange file through
``btsdesk.app.exchange_import``, as the command line imports it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from btsdesk.app.imports import context_of
from btsdesk.app.session import Change, JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.gui.progress import Cancelled, run_in_background
from btsdesk.io.cyclades import CandidatePreview
from btsdesk.io.importing import describe, preview_path
from btsdesk.io.problems import ImportRefused
from btsdesk.io.tabular import filled_sheets
from btsdesk.store.errors import SessionFileError
from btsdesk.store.locks import refuse_if_open

# Shows the preview and asks whether to write it; tests replace it.
Confirm = Callable[[str], bool]
# Asks a reason (R21); None when cancelled.
AskReason = Callable[[str], str | None]
# Asks which sheet of a workbook to import (several are filled); None when cancelled.
ChooseSheet = Callable[[str, list[str]], str | None]
# Runs a jury action and publishes its change: ``SessionHub.act`` in the main window.
Act = Callable[[Callable[[JurySession], Change]], Change]

QUESTION = "Écrire ces données dans la session ?"


def ask_import_confirmation(parent: QWidget | None) -> Confirm:
    """The question asked before any import writes (Fichier › Importer, the assistant)."""

    def confirm(text: str) -> bool:
        return (
            QMessageBox.question(parent, "Aperçu de l'import", f"{text}\n\n{QUESTION}")
            == QMessageBox.StandardButton.Yes
        )

    return confirm


def ask_sheet(parent: QWidget | None) -> ChooseSheet:
    """The question asked when a workbook has several filled sheets (never the active one
    silently: issue 12)."""

    def choose(filename: str, sheets: list[str]) -> str | None:
        sheet, chosen = QInputDialog.getItem(
            parent,
            "Feuille à importer",
            f"« {filename} » a plusieurs feuilles remplies : laquelle importer ?",
            sheets,
            0,
            False,
        )
        return sheet if chosen else None

    return choose


def import_file(
    parent: QWidget | None,
    service: JurySession,
    path: Path,
    kind: str | None,
    confirm: Confirm,
    *,
    act: Act | None = None,
    ask_reason: AskReason | None = None,
    choose_sheet: ChooseSheet | None = None,
) -> tuple[bool, str]:
    """(written, French text to show: the preview and what happened). In délibération a
    grade import asks a reason first (R21)."""
    try:
        refuse_if_open(path, "importer")  # the session itself: reading it drops its locks
    except SessionFileError as exc:
        return False, f"Import impossible : {exc}"
    if path.suffix.lower() == ".json":
        return _import_exchange(service, path, confirm, act)
    context = context_of(service.store)  # read in the store's thread
    sheet = None
    if path.suffix.lower() == ".xlsx":
        try:
            sheets = filled_sheets(path.read_bytes())
        except OSError:
            sheets = []  # the preview says why the file cannot be read
        if len(sheets) > 1:
            sheet = (choose_sheet or ask_sheet(parent))(path.name, sheets)
            if sheet is None:
                return False, "Import annulé : rien n'a été écrit."
    try:
        preview = run_in_background(
            parent,
            f"Lecture de {path.name}…",
            lambda _report, _cancelled: preview_path(context, path, kind, sheet=sheet),
        )
    except Cancelled:
        return False, "Import annulé : rien n'a été écrit."
    except (OSError, ValueError) as exc:
        return False, f"Import impossible : {exc}"
    text = describe(preview)
    if preview.problems:
        return False, f"{text}\n\nImport refusé, rien n'a été écrit."
    if not confirm(text):
        return False, f"{text}\n\nImport abandonné : rien n'a été écrit."
    reason = None
    if service.phase == "deliberation" and not isinstance(preview, CandidatePreview):
        reason = (
            ask_reason(f"Motif de l'import de {path.name} — il figurera au PV (R21)")
            if ask_reason
            else None
        )
        if not reason or not reason.strip():
            return False, f"{text}\n\nImport abandonné, sans motif (R21) : rien n'a été écrit."
    run = act or (lambda action: action(service))
    try:
        change = run(lambda s: s.import_preview(preview, source=path.name, reason=reason))
    except ImportRefused as refused:
        return False, f"{text}\n\nImport refusé, rien n'a été écrit :\n{refused}"
    except (InvalidInput, SessionFileError) as exc:
        return False, f"Import impossible : {exc}"
    return True, f"{text}\n\n✔ {change.message}"


def _import_exchange(
    service: JurySession, path: Path, confirm: Confirm, act: Act | None
) -> tuple[bool, str]:
    """A JSON exchange file (a whole-session export, §6) through the command line's path
    (``app.exchange_import``): checked whole, its preview confirmed, then written all or
    nothing. Read in the window's thread: the check needs the session's store."""
    from btsdesk.app.exchange_import import preview_exchange

    try:
        preview = preview_exchange(service.store, path)
    except (InvalidInput, SessionFileError, OSError) as exc:
        return False, f"Import impossible : {exc}"
    text = preview.describe()
    if not confirm(text):
        return False, f"{text}\n\nImport abandonné : rien n'a été écrit."
    run = act or (lambda action: action(service))
    try:
        change = run(lambda s: s.import_exchange(preview))
    except (InvalidInput, SessionFileError) as exc:
        return False, f"Import impossible : {exc}"
    return True, f"{text}\n\n✔ {change.message}"
