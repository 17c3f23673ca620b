"""The main window: menus, toolbar, the session header, the five views and the counts of the
day as it stands (``JurySession.counts()``: final decisions after the orals, R13, R16, R24).

It writes nothing itself: every change goes through the hub (``SessionHub.act``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app.session import JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.core.results import Decision
from btsdesk.gui.grade_grid import GradeEntryView
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import fit_within_screen, key_text
from btsdesk.store.errors import RuleRefused, SessionFileError
from btsdesk.store.session import PHASE_LABELS, SessionStore

if TYPE_CHECKING:  # imported when first needed (a view first shown, the assistant opened)
    from btsdesk.gui.assistant import Assistant
    from btsdesk.gui.class_window import AskNewClass, ClassWindow
    from btsdesk.gui.deliberation_view import DeliberationView
    from btsdesk.gui.jury_view import JuryView
    from btsdesk.gui.orals_view import OralsView
    from btsdesk.gui.reglement_view import ReglementView
    from btsdesk.store.class_file import ClassStore

MAX_RECENT = 8


@dataclass(frozen=True)
class _WindowLook:
    """The window before the projection, given back when it ends."""

    geometry: QRect
    states: Qt.WindowState
    toolbars: QByteArray
    tab: int


def french_time(iso: str) -> str:
    """An audit timestamp (UTC, ISO) in local time, French style: 22/11/2026 à 07:01:05."""
    from datetime import datetime

    return f"{datetime.fromisoformat(iso).astimezone():%d/%m/%Y à %H:%M:%S}"


VIEWS = ("Saisie des notes", "Délibération", "Oraux", "Jury", "Règlement")


# Shows a message to the president (title, text); QMessageBox by default. Tests replace it.
Inform = Callable[[str, str], None]
# Asks where to save: (title, suggested path, filters) → (path or "" when cancelled, the
# filter chosen). A file dialog by default; tests replace it.
AskSave = Callable[[str, str, list[str]], tuple[str, str]]

# What « Exporter… » offers, by file-dialog filter: (format, grade sheet or None).
EXPORTS = {
    "Résultats pour tableur, CSV (*.csv)": ("csv", None),
    "Résultats pour Excel (*.xlsx)": ("xlsx", None),
    "Session entière, JSON d'échange — sans le journal des modifications (*.json)": (
        "json",
        None,
    ),
    "Feuille de notes remplie, Excel (*.xlsx)": ("xlsx", "remplie"),
    "Feuille de notes remplie, CSV (*.csv)": ("csv", "remplie"),
}
BLANK_SHEETS = {
    "Feuille de notes vierge, Excel (*.xlsx)": ("xlsx", "vierge"),
    "Feuille de notes vierge, CSV (*.csv)": ("csv", "vierge"),
}


def save_dialog(parent: QWidget) -> AskSave:
    def ask(title: str, suggested: str, filters: list[str]) -> tuple[str, str]:
        return QFileDialog.getSaveFileName(parent, title, suggested, ";;".join(filters))

    return ask


def inform_dialog(parent: QWidget) -> Inform:
    """A message box that does not block: the window stays usable behind it (and a test
    that does not replace it is not stopped by it)."""

    def inform(title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    return inform


def ask_reason_dialog(parent: QWidget) -> Callable[[str], str | None]:
    def ask(question: str) -> str | None:
        text, ok = QInputDialog.getText(parent, "Motif", question)
        return text if ok else None

    return ask


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: SessionStore | JurySession,
        *,
        settings: QSettings | None = None,
        ask_reason: Callable[[str], str | None] | None = None,
        inform: Inform | None = None,
        ask_save: AskSave | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or QSettings("btsdesk", "btsdesk")
        self.ask_reason = ask_reason or ask_reason_dialog(self)
        self.inform = inform or inform_dialog(self)
        self.ask_save = ask_save or save_dialog(self)
        self.header = QLabel()
        self.header.setAccessibleName("En-tête de la session")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)  # on two lines rather than a window wider than 1024 px
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Vues")
        self.tabs.currentChanged.connect(self.view)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs)
        self.setCentralWidget(body)
        self.counts = QLabel()
        self.counts.setAccessibleName("Comptes des décisions")
        self.statusBar().addPermanentWidget(self.counts)
        self.store: SessionStore | None = None
        self.ask_new_class: AskNewClass | None = None  # the form by default; tests replace it
        self._before_projection: _WindowLook | None = None
        self._full_screen_timer = QTimer(self)  # a window manager answers in its own time
        self._full_screen_timer.setSingleShot(True)
        self._full_screen_timer.setInterval(300)
        self._full_screen_timer.timeout.connect(self._cover_screen)
        self._build_actions()
        self._add_guide_action()
        self._add_import_action()
        self._add_export_actions()
        self._add_class_action()
        self.install(store)
        self.resize(1280, 800)
        self._restore_state()
        self._fitted = False
        self.fit_to_screen()

    # -- session --------------------------------------------------------------------------

    def install(self, session: SessionStore | JurySession) -> None:
        """Show a session (closing the one shown before)."""
        service = session if isinstance(session, JurySession) else JurySession(session)
        if self.projecting():
            self.set_projection(False)
        if self.store is not None:
            self.store.close()
            for old in (*(self.tabs.widget(i) for i in range(self.tabs.count())), self.hub):
                if old is not None:  # (tabs.widget is None only out of range)
                    old.deleteLater()  # the previous session's views and hub go with it
        self.store = service.store
        self.hub: SessionHub = SessionHub(service, self.ask_reason, self)
        store = service.store
        # The first view is built now; the others when first shown (or asked for): the
        # window is painted sooner, without modules and widgets nobody looks at yet.
        self.grades = GradeEntryView(self.hub)
        self._views: dict[int, QWidget] = {0: self.grades}
        self.tabs.clear()
        for index, title in enumerate(VIEWS):
            self.tabs.addTab(self._views.get(index) or QWidget(), title)
        self.grades.table.refused.connect(lambda text: self.statusBar().showMessage(text, 8000))
        for signal in (
            # every action's change comes once on `changed` (rows and phase included): the
            # header is refreshed once per action, not once per signal
            self.hub.reloaded,
            self.hub.changed,
        ):
            signal.connect(lambda *_: self.refresh_header())
        self.undo_action.setEnabled(True)
        self.hub.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.hub.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.refresh_header()
        warning = self.hub.service.log_warning()  # issue 13: a log rewritten since last close
        if warning:
            QMessageBox.warning(self, "Journal des modifications", warning)
        self._remember(store.path)

    # -- the views, each built the first time it is shown or asked for ------------------

    @property
    def deliberation(self) -> DeliberationView:
        return cast("DeliberationView", self.view(1))

    @property
    def orals(self) -> OralsView:
        return cast("OralsView", self.view(2))

    @property
    def jury(self) -> JuryView:
        return cast("JuryView", self.view(3))

    @property
    def reglement(self) -> ReglementView:
        return cast("ReglementView", self.view(4))

    def view(self, index: int) -> QWidget | None:
        """The view of tab `index`, built now if it is not yet (in place of its
        placeholder; the tab's title and state and the current tab kept)."""
        if not 0 <= index < len(VIEWS):
            return None  # (no current tab while the tabs are cleared)
        built = self._views.get(index)
        if built is not None:
            return built
        built = self._views[index] = _build_view(index, self.hub)
        placeholder, current = self.tabs.widget(index), self.tabs.currentIndex()
        enabled = self.tabs.isTabEnabled(index)
        blocked = self.tabs.blockSignals(True)  # a swap, not a change of the current view
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, built, VIEWS[index])
            self.tabs.setTabEnabled(index, enabled)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        if placeholder is not None:
            placeholder.deleteLater()
        return built

    def refresh_header(self) -> None:
        service = self.hub.service
        details = service.details
        regime = service.evaluator.rules.regime
        title = details.title or f"Session {details.year}"
        self.header.setText(
            f"<b>{service.specialty.label}</b> · {title} · {details.academie} · "
            f"régime {regime.code} · phase : <b>{PHASE_LABELS[details.phase]}</b>"
        )
        self.setWindowTitle(f"btsdesk — {self.store.path.name if self.store else ''}")
        self.counts.setText(self.counts_text())
        self.counts.setToolTip(self.counts_tooltip())
        phase = details.phase
        self.to_deliberation.setEnabled(phase == "saisie")
        self.to_closed.setEnabled(phase == "deliberation")
        self.back_to_entry.setEnabled(phase == "deliberation")
        self.back_to_deliberation.setEnabled(phase == "clos")

    def counts_text(self) -> str:
        """The decisions as the day stands: after the orals, the final ones (R13, R16);
        a candidate who declined them, ajourné (R24)."""
        return _counts_text(self.hub.service.counts())

    def counts_tooltip(self) -> str:
        service = self.hub.service
        first = service.first_group_counts()
        if first == service.counts():
            return "Décisions du premier groupe"
        return (
            "Décisions à ce jour, après les épreuves de contrôle.\n"
            f"Premier groupe : {_counts_text(first)}"
        )

    def open_path(self, path: Path) -> bool:
        if self.store is not None and path.resolve() == self.store.path.resolve():
            return True  # already the session shown
        try:
            session = JurySession.open(path)
        except SessionFileError as exc:
            QMessageBox.warning(self, "Ouverture impossible", str(exc))
            return False
        self.install(session)
        return True

    # -- actions --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        menu = self.menuBar()
        files = self.files_menu = menu.addMenu("&Fichier")
        self.new_action = self._action(
            files, "&Nouvelle session…", self.new_session, QKeySequence.StandardKey.New
        )
        self.open_action = self._action(
            files, "&Ouvrir une session…", self._open_dialog, QKeySequence.StandardKey.Open
        )
        self.recent_menu = files.addMenu("Sessions &récentes")
        self.template_action = self._action(
            files, "Enregistrer comme &modèle…", self.save_template, QKeySequence("Ctrl+Shift+M")
        )
        files.addSeparator()
        # Explicit: the standard Quit key is empty on Windows.
        self._action(files, "&Quitter", self.close, QKeySequence("Ctrl+Q"))

        edit = menu.addMenu("&Édition")
        self.undo_action = self._action(
            edit, "&Annuler", lambda: self.hub.undo_stack.undo(), QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            edit, "&Rétablir", lambda: self.hub.undo_stack.redo(), QKeySequence("Ctrl+Y")
        )
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self._action(edit, "&Historique de la cellule", self._show_history, QKeySequence("Ctrl+H"))

        view = menu.addMenu("&Affichage")
        self.view_actions = [
            self._action(
                view,
                title,
                lambda _=False, i=number - 1: self.tabs.setCurrentIndex(i),
                QKeySequence(f"Ctrl+{number}"),
            )
            for number, title in enumerate(VIEWS, start=1)
        ]
        view.addSeparator()
        self.projection_action = self._action(
            view, "Mode &projection (anonyme)", self.toggle_projection, QKeySequence("F11")
        )
        self.projection_action.setCheckable(True)
        # In projection the menus and the toolbar are hidden: F11 and Échap still work there.
        self.addAction(self.projection_action)
        self.leave_projection_action = QAction("Quitter la projection", self)
        self.leave_projection_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_projection_action.triggered.connect(lambda: self.set_projection(False))
        self.leave_projection_action.setEnabled(False)
        self.addAction(self.leave_projection_action)

        # Letters, not digits or punctuation (they need Shift or AltGr on a French keyboard);
        # Ctrl+Shift, never Ctrl+Alt (AltGr on Windows). Not Ctrl+Shift+C: a copy for those
        # used to terminals. Going back asks a reason (R24), so a slip is harmless.
        session = menu.addMenu("&Session")
        self.to_deliberation = self._action(
            session,
            "Passer en &délibération",
            lambda: self.change_phase("deliberation"),
            QKeySequence("Ctrl+Shift+D"),
        )
        self.to_closed = self._action(
            session,
            "&Clore la session",
            lambda: self.change_phase("clos"),
            QKeySequence("Ctrl+Shift+L"),
        )
        session.addSeparator()
        self.back_to_entry = self._action(
            session,
            "Revenir en saisie des notes…",
            lambda: self.change_phase("saisie"),
            QKeySequence("Ctrl+Shift+E"),
        )
        self.back_to_deliberation = self._action(
            session,
            "Rouvrir la délibération…",
            lambda: self.change_phase("deliberation"),
            QKeySequence("Ctrl+Shift+O"),
        )

        self.help_menu = menu.addMenu("Aid&e")  # Alt+A is Affichage
        self._action(
            self.help_menu,
            "&Raccourcis clavier",
            self._show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )

        toolbar = self.addToolBar("Principale")
        toolbar.setObjectName("toolbar")
        for action in (
            self.new_action,
            self.open_action,
            self.undo_action,
            self.redo_action,
            self.projection_action,
        ):
            toolbar.addAction(action)
            keys = key_text(action.shortcut())
            action.setToolTip(f"{action.text().replace('&', '')} ({keys})")
        self._fill_recent()

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _add_import_action(self) -> None:
        files = self.files_menu
        self.import_action = QAction("&Importer des candidats ou des notes…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self._import_dialog)
        files.insertAction(self.recent_menu.menuAction(), self.import_action)

    def import_path(
        self, path: Path, kind: str | None = None, *, confirm: Callable[[str], bool] | None = None
    ) -> str:
        """Import a Cyclades list, a grade sheet or a JSON exchange file (a whole-session
        export) into the open session, after its preview."""
        from btsdesk.gui.importing import ask_import_confirmation, import_file

        ask = confirm or ask_import_confirmation(self)
        _written, text = import_file(
            self, self.hub.service, path, kind, ask, act=self.hub.act, ask_reason=self.ask_reason
        )
        return text

    def _import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Importer",
            "",
            "Tableur, liste Cyclades ou export JSON (*.csv *.xlsx *.txt *.json)",
        )
        if name:
            QMessageBox.information(self, "Import", self.import_path(Path(name)))

    def _add_export_actions(self) -> None:
        files = self.files_menu
        self.export_action = QAction("&Exporter (résultats, session, feuille de notes)…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda: self.export())
        self.blank_sheet_action = QAction("Feuille de notes &vierge…", self)
        self.blank_sheet_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.blank_sheet_action.triggered.connect(lambda: self.export(blank=True))
        for action in (self.export_action, self.blank_sheet_action):
            files.insertAction(self.recent_menu.menuAction(), action)

    def export(self, *, blank: bool = False) -> str | None:
        """Ask where, then write through the application (btsdesk.app.exports): the
        results, the whole session or a grade sheet. Says what was written in the status
        bar, or why not in a message — the command line's words. None when cancelled or
        refused."""
        choices = BLANK_SHEETS if blank else EXPORTS
        session = self.hub.service.path
        suggested = session.with_name(
            f"{session.stem}-feuille-vierge.xlsx" if blank else f"{session.stem}-resultats.csv"
        )
        title = "Feuille de notes vierge" if blank else "Exporter"
        name, chosen = self.ask_save(title, str(suggested), list(choices))
        if not name:
            return None
        kind, sheet = choices.get(chosen, (None, None))
        path = Path(name)
        if kind is not None and path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")
        try:
            change = self.hub.act(lambda s: s.export(path, kind, sheet=sheet))
        except (InvalidInput, SessionFileError) as exc:
            self.inform("Export impossible", str(exc))
            return None
        self.statusBar().showMessage(change.message, 10000)
        return change.message

    def _add_class_action(self) -> None:
        files = self.files_menu
        self.class_action = QAction("Ouvrir une &classe (parcours de consolidation)…", self)
        self.class_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.class_action.triggered.connect(self._open_class_dialog)
        files.insertAction(self.recent_menu.menuAction(), self.class_action)
        self.new_class_action = QAction(
            "Nouvelle c&lasse de 1re année (parcours de consolidation)…", self
        )
        self.new_class_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_class_action.triggered.connect(self.new_class)
        files.insertAction(self.class_action, self.new_class_action)

    def new_class(self) -> bool:
        """A class file made from a small form (rentrée, établissement, division…), then
        opened in its window."""
        from btsdesk.gui.class_window import ask_new_class_dialog, create_class

        service = self.hub.service
        ask = self.ask_new_class or ask_new_class_dialog(
            self,
            specialty=f"BTS {service.specialty.label.split(' — ')[0]}",
            operator=service.details.operator,
            folder=self.store.path.parent if self.store is not None else None,
        )
        answer = ask()
        if answer is None:
            return False
        try:
            store = create_class(answer)
        except (InvalidInput, SessionFileError) as exc:
            self.inform("Nouvelle classe refusée", str(exc))
            return False
        self._show_class(store)
        return True

    def _show_class(self, store: ClassStore) -> None:
        """One class at a time, as the class window's own menu does: in the class window
        still open (the class shown before closed, its file free again), else a new one."""
        from btsdesk.gui.class_window import ClassWindow

        shown: ClassWindow | None = getattr(self, "class_window", None)
        if shown is not None and shown.isVisible():
            shown.show_class(store)
        else:
            self.class_window = ClassWindow(store)
        self.class_window.show()
        self.class_window.raise_()

    def _open_class_dialog(self) -> None:
        from btsdesk.app.classes import open_class

        name, _ = QFileDialog.getOpenFileName(
            self, "Ouvrir une classe", "", "Classe btsdesk (*.btsdesk-classe)"
        )
        if not name:
            return
        try:
            store = open_class(Path(name))
        except SessionFileError as exc:
            QMessageBox.warning(self, "Ouverture impossible", str(exc))
            return
        self._show_class(store)

    def _add_guide_action(self) -> None:
        help_menu = self.help_menu
        self.guide_action = QAction("&Guide d'utilisation", self)
        self.guide_action.setShortcut(QKeySequence("Shift+F1"))
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.insertAction(help_menu.actions()[0], self.guide_action)

    def show_guide(self) -> None:
        from btsdesk.gui.guide import GuideWindow

        GuideWindow(self).show()

    def change_phase(self, phase: str) -> bool:
        """R24. Passing to délibération tells the president what is left to check (it
        does not refuse); a refused closing shows the candidates concerned, one a line."""
        service = self.hub.service
        try:
            changed = self.hub.set_phase(phase)
        except RuleRefused as exc:
            blockers = service.closing_blockers() if phase == "clos" else []
            text = str(exc)
            if blockers:
                heading = text.split(" : ", 1)[0]
                text = (
                    heading[:1].upper()
                    + heading[1:]
                    + " :\n"
                    + "\n".join(f"• {line}" for line in blockers)
                )
            self.inform(
                "Clôture refusée" if phase == "clos" else "Changement de phase refusé", text
            )
            return False
        except SessionFileError as exc:
            self.inform("Changement de phase refusé", str(exc))
            return False
        if changed and phase == "deliberation":
            warnings = service.deliberation_warnings()
            if warnings:
                self.inform(
                    "Passage en délibération",
                    "La session est en délibération. À vérifier :\n"
                    + "\n".join(f"• {line}" for line in warnings),
                )
        return changed

    def toggle_projection(self) -> None:
        self.set_projection(self.projection_action.isChecked())

    def set_projection(self, on: bool) -> None:
        """R26 on the projector: the deliberation table alone, full screen, numbers only —
        no menus, toolbar, tabs, filters nor status bar. F11 or Échap gives the window back
        exactly as it was (geometry, toolbar, view shown)."""
        self.projection_action.setChecked(on)
        if on == (self._before_projection is not None):
            return
        if on:
            self._before_projection = _WindowLook(
                self.geometry(), self.windowState(), self.saveState(), self.tabs.currentIndex()
            )
            self.deliberation.set_projection(True)
            self.tabs.setCurrentWidget(self.deliberation)
        for index in range(self.tabs.count()):
            self.tabs.setTabEnabled(index, not on or self.tabs.widget(index) is self.deliberation)
        for action in self.view_actions:  # no other view (and its names) on the projector
            action.setEnabled(not on)
        for bar in (self.menuBar(), self.statusBar(), self.header, self.tabs.tabBar()):
            bar.setVisible(not on)
        for toolbar in self.findChildren(QToolBar):
            toolbar.setVisible(not on)
        self.leave_projection_action.setEnabled(on)
        if on:
            self.showFullScreen()
            self._full_screen_timer.start()
            return
        look, self._before_projection = self._before_projection, None
        assert look is not None
        self.deliberation.set_projection(False)
        self.setWindowState(look.states)  # maximised again if it was
        if not look.states & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            self.setGeometry(look.geometry)
        self.restoreState(look.toolbars)  # the toolbar where it was, hidden if it was
        self.tabs.setCurrentIndex(look.tab)

    def _cover_screen(self) -> None:
        """Full screen needs a window manager; without one (Xvfb, some kiosks) the window
        is put over the whole screen here."""
        screen = self.screen().geometry()
        if self.projecting() and self.geometry() != screen:
            self.setGeometry(screen)

    def projecting(self) -> bool:
        return self._before_projection is not None

    def history_text(self) -> tuple[str, str]:
        """The current cell's history: a title naming the cell, and one line a change."""
        cell = self.grades.current_cell()
        if not cell:
            return "Historique de la cellule", "Choisissez une note dans la saisie des notes."
        entries = self.grades.current_history()
        text = "\n".join(
            f"{french_time(e.at)} — {e.operator} : "
            f"{e.old or '(vide)'} → {e.new or '(vide)'}"
            + (f" — motif : {e.reason}" if e.reason else "")
            for e in entries
        )
        return (
            f"Historique — {cell}",
            f"{cell}\n\n" + (text or "Aucun changement enregistré pour cette cellule."),
        )

    def _show_history(self) -> None:
        QMessageBox.information(self, *self.history_text())

    def shortcuts_text(self) -> str:
        """Every menu's shortcuts, named as on a French keyboard (« Ctrl+Maj+D »)."""
        lines = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()  # every action of the menu bar opens a menu
            assert isinstance(menu, QMenu)
            for action in menu.actions():
                if not action.shortcut().isEmpty():
                    label = action.text().replace("&", "")
                    keys = " ou ".join(key_text(s) for s in action.shortcuts())
                    lines.append(f"{keys} : {label}")
        leave = self.leave_projection_action  # not in a menu: menus are hidden then
        lines.append(f"{key_text(leave.shortcut())} : {leave.text()}")
        return "\n".join(lines)

    def _show_shortcuts(self) -> None:
        QMessageBox.information(self, "Raccourcis clavier", self.shortcuts_text())

    def new_session(self) -> bool:
        """The assistant: a new session step by step, or the demo session."""
        from btsdesk.gui.assistant import Assistant

        assistant = Assistant(self)
        if not assistant.exec():
            return False
        return self.take(assistant)

    def take(self, assistant: Assistant) -> bool:
        """Show what the assistant produced."""
        if assistant.wants_demo:
            from btsdesk.gui.app import demo_session

            return self.open_path(demo_session())  # the one demo file, kept in its place
        if assistant.service is None:
            return False
        self.install(assistant.service)
        self.tabs.setCurrentWidget(self.deliberation)
        return True

    def save_template(self) -> None:
        from btsdesk.app.templates import save_template

        name, _ = QFileDialog.getSaveFileName(
            self, "Enregistrer comme modèle", "", "Modèle de session (*.json)"
        )
        if name and self.store is not None:
            path = save_template(
                self.store, Path(name if name.endswith(".json") else name + ".json")
            )
            self.statusBar().showMessage(f"Modèle enregistré : {path}", 8000)

    def _open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Ouvrir une session", "", "Session btsdesk (*.btsdesk)"
        )
        if name:
            self.open_path(Path(name))

    # -- recent files and window state (QSettings) ------------------------------------------

    def recent_files(self) -> list[str]:
        from btsdesk.gui.app import recent_files

        return recent_files(self.settings)

    def _remember(self, path: Path) -> None:
        from btsdesk.gui.app import is_temporary

        if is_temporary(str(path)):
            return
        recent = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in self.recent_files():
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))
        self.recent_menu.setEnabled(bool(self.recent_files()))

    def _restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def fit_to_screen(self) -> None:
        """Within the screen's available geometry (a 1024×768 projector, a 768-px laptop
        screen: the status bar with the counts stays visible). A window manager would
        shrink the window; without one (Xvfb, some kiosks) nobody does."""
        fit_within_screen(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # the frame (title bar, borders) is known once shown
            self._fitted = True
            self.fit_to_screen()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.projecting():  # the window as it was, not full screen, is what is kept
            self.set_projection(False)
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("state", self.saveState())
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)


def _build_view(index: int, hub: SessionHub) -> QWidget:
    """The views after the first one, their modules imported only now."""
    if index == 1:
        from btsdesk.gui.deliberation_view import DeliberationView

        return DeliberationView(hub)
    if index == 2:
        from btsdesk.gui.orals_view import OralsView

        return OralsView(hub)
    if index == 3:
        from btsdesk.gui.jury_view import JuryView

        return JuryView(hub)
    from btsdesk.gui.reglement_view import ReglementView

    return ReglementView(hub)


def _counts_text(counts: Counter[Decision]) -> str:
    ajournes, incomplets = counts[Decision.AJOURNE], counts[Decision.INCOMPLET]
    return (
        f"{counts[Decision.ADMIS]} admis · {counts[Decision.CONTROLE]} en contrôle · "
        f"{ajournes} ajourné{'s' if ajournes > 1 else ''} · "
        f"{incomplets} incomplet{'s' if incomplets > 1 else ''}"
    )
