"""Saisie des notes: a keyboard-first grid of candidates × lines of the règlement.

Typing replaces a cell, Enter commits and moves down, Tab and arrows move, Delete clears;
`12,5`, `12.5`, `abs`, `abj`, `dis` are accepted; an invalid entry is refused in place with a
tooltip saying why and nothing is saved. A pasted rectangle is all-or-nothing."""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app.session import CellChange, JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import entry_text, parse_entry
from btsdesk.core.reglement import Line
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import INK, FrozenColumns, fit_columns
from btsdesk.store.errors import SessionFileError, StorageError

Index = QModelIndex | QPersistentModelIndex
FIXED_COLUMNS = ("N° candidat", "Nom", "Cat.")
MISSING = QColor("#fff0b3")  # a grade still to enter
DIS_COLOR = QColor("#e8eef7")


# The roles this model answers (data); the others are None without looking at the cell.
SHOWN_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


class GradeGridModel(QAbstractTableModel):
    """Candidates × lines. Edits go to the hub as undoable steps (never to the store)."""

    def __init__(self, hub: SessionHub, parent: Any = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.last_error = ""
        hub.rowsChanged.connect(self._rows_changed)
        hub.reloaded.connect(self._reset)
        hub.phaseChanged.connect(lambda _phase: self._all_changed())

    @property
    def service(self) -> JurySession:
        return self.hub.service

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.hub.service.specialty.lines

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.service.candidates)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self.lines)

    def line_at(self, column: int) -> Line | None:
        offset = column - len(FIXED_COLUMNS)
        return self.lines[offset] if 0 <= offset < len(self.lines) else None

    def column_of(self, line_code: str) -> int:
        codes = [line.code for line in self.lines]
        return len(FIXED_COLUMNS) + codes.index(line_code)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        line = self.line_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if line is not None:
                return line.code + (" (fac.)" if line.facultative else "")
            return FIXED_COLUMNS[section] if 0 <= section < len(FIXED_COLUMNS) else None
        if role == Qt.ItemDataRole.ToolTipRole and line is not None:
            flag = "" if line.verified else f"\nÀ vérifier : {line.to_check}"
            return f"{line.code} — {line.title}\ncoefficient {line.coefficient}{flag}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            index.isValid()
            and self.line_at(index.column()) is not None
            and self.service.phase != "clos"
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in SHOWN_ROLES or not index.isValid():
            return None  # asked 8 roles a cell to size a column: half of them at once
        row, column = index.row(), index.column()
        candidate = self.service.candidates[row]
        line = self.line_at(column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if line is None:
                return (candidate.number, candidate.full_name, candidate.category)[column]
            return entry_text(self.service.entry(row, line.code))
        if (
            role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
            and line is not None
        ):
            entry = self.service.entry(row, line.code)
            colour = (
                MISSING
                if entry is None and not line.facultative
                else DIS_COLOR
                if entry is not None and entry_text(entry) == "DIS"
                else None
            )
            if colour is not None:
                return QBrush(colour if role == Qt.ItemDataRole.BackgroundRole else QColor(INK))
        if role == Qt.ItemDataRole.TextAlignmentRole and line is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and line is not None:
            return f"{candidate.full_name} — {line.code} {line.title}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line = self.line_at(index.column())
        if line is None:
            return False
        try:
            entry = None if not str(value).strip() else parse_entry(str(value))
            name = self.service.candidates[index.row()].full_name
            done = self.hub.edit_grades(
                [CellChange(index.row(), line.code, entry)], f"{line.code} de {name}"
            )
            if not done and self.hub.cancelled:  # kept in place, to give a reason or Échap
                self.last_error = (
                    "Note non enregistrée : un changement en délibération demande un motif "
                    "(R21). Entrée pour le donner, Échap pour abandonner."
                )
            return done
        except (InvalidInput, SessionFileError) as exc:
            self.last_error = str(exc)
            if isinstance(exc, StorageError):  # disk full, read-only: a dialog, not a tooltip
                QTimer.singleShot(
                    0,
                    lambda text=str(exc): QMessageBox.critical(
                        None, "Enregistrement impossible", text
                    ),
                )
            return False

    def _rows_changed(self, rows: list[int]) -> None:
        last = self.columnCount() - 1
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _all_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()


def grid_model(model: QAbstractItemModel) -> GradeGridModel:
    """The grid's own model, under the filter when the view shows it through one."""
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    assert isinstance(source, GradeGridModel)
    return source


class GradeFilter(QSortFilterProxyModel):
    """Filter by category, by missing grades, and search by name or number."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.category: str | None = None
        self.missing_only = False
        self.search = ""

    def set_filter(
        self, *, category: str | None = None, missing_only: bool = False, search: str = ""
    ) -> None:
        self.beginFilterChange()
        self.category, self.missing_only, self.search = category, missing_only, _fold(search)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, GradeGridModel)
        service = model.service
        candidate = service.candidates[source_row]
        if self.category and candidate.category != self.category:
            return False
        if self.missing_only and not any(
            service.entry(source_row, line.code) is None for line in service.specialty.obligatory
        ):
            return False
        if self.search:
            text = _fold(f"{candidate.number} {candidate.surname} {candidate.given_name}")
            return self.search in text
        return True


class GradeDelegate(QStyledItemDelegate):
    """Writes through the model; remembers a refusal so the view can keep the bad text in
    place with its reason."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.refusal: tuple[str, str] | None = None  # (typed text, French reason)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        text = editor.text() if isinstance(editor, QLineEdit) else ""
        if not model.setData(index, text, Qt.ItemDataRole.EditRole):
            source = grid_model(model)
            if source.last_error:
                self.refusal = (text, source.last_error)
                source.last_error = ""


class GradeTable(QTableView):
    """The grid's keyboard habits: Enter moves down, Delete clears, Ctrl+V pastes."""

    refused = Signal(str)  # a French message: why an entry or a paste was refused

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = GradeDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.last_refusal = ""
        self.verticalHeader().setVisible(False)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        refusal, self.delegate.refusal = self.delegate.refusal, None
        if refusal is not None:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._refuse(refusal[1])
            index = self.currentIndex()
            self.edit(index)  # back in place, with the text typed, to correct it
            # indexWidget is None when the cell has no widget of its own (stub says QWidget)
            line_edit: QWidget | None = self.indexWidget(index)
            if line_edit is None:
                line_edit = self.focusWidget()
            if isinstance(line_edit, QLineEdit):
                line_edit.setText(refusal[0])
                line_edit.selectAll()
            return
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._move_down()

    def keyPressEvent(self, event: Any) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
            return
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._move_down()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            index = self.currentIndex()
            if index.isValid() and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable:
                if not self.model().setData(index, "", Qt.ItemDataRole.EditRole):
                    self._refuse_from_model()
                return
        super().keyPressEvent(event)

    def paste(self, text: str) -> bool:
        """A rectangle from a spreadsheet (tab-separated), from the current cell: every cell
        is checked first; one refusal refuses all (nothing saved)."""
        proxy = self.model()
        start = self.currentIndex()
        if not start.isValid() or not text.strip():
            return False
        source = grid_model(proxy)
        if source.service.phase == "clos":
            self._refuse("Collage refusé : session close, lecture seule (R24).")
            return False
        rows = [line.split("\t") for line in text.rstrip("\r\n").replace("\r\n", "\n").split("\n")]
        changes: list[CellChange] = []
        try:
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells):
                    target = proxy.index(start.row() + r, start.column() + c)
                    where = f"collage, ligne {r + 1}, colonne {c + 1}"
                    if not target.isValid():
                        raise InvalidInput(f"{where} : hors du tableau")
                    source_index = (
                        proxy.mapToSource(target)
                        if isinstance(proxy, QSortFilterProxyModel)
                        else target
                    )
                    line = source.line_at(source_index.column())
                    if line is None or not proxy.flags(target) & Qt.ItemFlag.ItemIsEditable:
                        raise InvalidInput(f"{where} : cette colonne ne reçoit pas de note")
                    try:
                        entry = parse_entry(cell) if cell.strip() else None
                    except InvalidInput as exc:
                        raise exc.within(f"{where} ({line.code})") from None
                    changes.append(CellChange(source_index.row(), line.code, entry))
            done = source.hub.edit_grades(changes, f"collage de {len(changes)} note(s)")
            if done:
                self.clear_refusal()  # an earlier refusal no longer stands
            return done
        except (InvalidInput, SessionFileError) as exc:
            self._refuse(f"Collage refusé, rien n'a été enregistré : {exc}")
            return False

    def _move_down(self) -> None:
        index = self.currentIndex()
        below = self.model().index(index.row() + 1, index.column())
        if below.isValid():
            self.setCurrentIndex(below)

    def _refuse_from_model(self) -> None:
        source = grid_model(self.model())
        if source.last_error:
            self._refuse(source.last_error)
            source.last_error = ""

    def clear_refusal(self) -> None:
        if self.last_refusal:
            self.last_refusal = ""
            QToolTip.hideText()

    def _refuse(self, message: str) -> None:
        self.last_refusal = message
        rect = self.visualRect(self.currentIndex())
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self.viewport())
        self.refused.emit(message)


class GradeEntryView(QWidget):
    """The grid with its filter bar."""

    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.model = GradeGridModel(hub, self)
        self.proxy = GradeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = GradeTable(self)
        self.table.setModel(self.proxy)
        fit_columns(self.table)
        self.table.setAccessibleName("Grille de saisie des notes")
        self.frozen = FrozenColumns(self.table, 2)  # number and name stay on the left

        self.category = QComboBox()
        self.category.setAccessibleName("Filtre par catégorie")
        self.missing = QCheckBox("Notes manquantes seulement")
        self.missing.setAccessibleName("Seulement les candidats avec des notes manquantes")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher un nom ou un numéro…")
        self.search.setAccessibleName("Recherche de candidat")
        self.search.setClearButtonEnabled(True)
        self.phase_note = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Catégorie :"))
        bar.addWidget(self.category)
        bar.addWidget(self.missing)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.phase_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        for signal in (
            self.category.currentIndexChanged,
            self.missing.toggled,
            self.search.textChanged,
        ):
            signal.connect(self._apply_filter)
        hub.reloaded.connect(self._fill_categories)
        hub.phaseChanged.connect(self._show_phase)
        self._fill_categories()
        self._show_phase(hub.service.phase)
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, len(FIXED_COLUMNS)))

    def _fill_categories(self) -> None:
        categories = sorted({c.category for c in self.hub.service.candidates})
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("Toutes", None)
        for category in categories:
            self.category.addItem(category, category)
        self.category.blockSignals(False)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(
            category=self.category.currentData(),
            missing_only=self.missing.isChecked(),
            search=self.search.text(),
        )

    def _show_phase(self, phase: str) -> None:
        notes = {
            "saisie": "",
            "deliberation": "Délibération : tout changement demande un motif",
            "clos": "Session close : lecture seule",
        }
        self.phase_note.setText(notes.get(phase, ""))

    def current_cell(self) -> str:
        """The current cell in words: « E1 de N'DIAYE Émilie (02620000001) », or ""."""
        index = self.proxy.mapToSource(self.table.currentIndex())
        line = self.model.line_at(index.column())
        if not index.isValid() or line is None:
            return ""
        candidate = self.hub.service.candidates[index.row()]
        return f"{line.code} {line.title} de {candidate.full_name} ({candidate.number})"

    def current_history(self) -> list[Any]:
        """Audit entries of the current cell (who, when, old → new)."""
        index = self.proxy.mapToSource(self.table.currentIndex())
        line = self.model.line_at(index.column())
        if not index.isValid() or line is None:
            return []
        return self.hub.service.history(index.row(), line.code)


def _fold(text: str) -> str:
    """Search ignoring case, accents and punctuation ("ndiaye" finds N'Diaye)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() or c == " ")
