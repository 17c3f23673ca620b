"""Règlement: the specialty's lines, coefficients, domains, modes and "à vérifier" flags;
corrected in phase saisie only (each change logged, through the hub: JurySession
.set_reglement_line); a specialty added from a data file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from btsdesk.core.catalog import load_reglement
from btsdesk.core.errors import InvalidInput
from btsdesk.core.numbers import decimal_fr
from btsdesk.core.reglement import Line, Mode
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import INK
from btsdesk.paths import user_reglements_dir
from btsdesk.store.errors import SessionFileError

COLUMNS = ("Code", "Intitulé", "Unité", "Coefficient", "Domaine", "Discipline", "Mode",
           "À vérifier")
# column → field of the data file; the code never changes (grades refer to it).
EDITABLE = {1: "title", 2: "unit", 3: "coefficient", 4: "domain", 5: "discipline", 6: "mode",
            7: "to_check"}
DOMAIN_WORDS = {"général": "general", "general": "general", "professionnel": "professional",
                "professional": "professional"}
TO_CHECK = "#ffe7b3"  # a line "à vérifier"

# Asks for a règlement file to add; None when cancelled. Tests replace it.
AskFile = Callable[[], Path | None]


class ReglementView(QWidget):
    def __init__(self, hub: SessionHub, ask_file: AskFile | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.ask_file = ask_file or _ask_file_dialog(self)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Lignes du règlement d'examen")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._edited)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button = QPushButton("Ajouter une spécialité (fichier JSON)…")
        self.add_button.clicked.connect(self.add_specialty)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        hub.reloaded.connect(self.refresh)
        hub.phaseChanged.connect(self._phase_changed)
        self.refresh()

    def refresh(self) -> None:
        specialty = self.hub.service.specialty
        editable = self.hub.service.phase == "saisie"
        flagged = len(specialty.unverified)
        self.source.setText(f"<b>{specialty.label}</b><br>Source : {specialty.source}<br>"
                            + (f"⚠ {flagged} ligne(s) à vérifier : corrigez-les avant de "
                               "délibérer." if flagged else "Toutes les lignes sont vérifiées.")
                            + ("" if editable else "<br>Le règlement ne se corrige qu'en "
                               "phase de saisie des notes."))
        self.table.blockSignals(True)
        self.table.setRowCount(len(specialty.lines))
        for row, line in enumerate(specialty.lines):
            for column, text in enumerate(_cells(line)):
                item = QTableWidgetItem(text)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if editable and column in EDITABLE:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                if not line.verified:
                    item.setBackground(QBrush(QColor(TO_CHECK)))
                    item.setForeground(QBrush(QColor(INK)))
                self.table.setItem(row, column, item)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.blockSignals(False)

    def set_line(self, code: str, field: str, value: object) -> bool:
        """One field of a line corrected; every result is recomputed (the hub says
        ``reloaded`` to every view)."""
        try:
            self.hub.act(lambda s: s.set_reglement_line(code, field, value))
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            self.refresh()
            return False
        self.message.setText(f"{code} : {field} corrigé (inscrit au journal).")
        return True

    def add_specialty(self) -> bool:
        path = self.ask_file()
        if path is None:
            return False
        try:
            specialty = load_reglement(path)
        except InvalidInput as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        target = user_reglements_dir() / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        self.message.setText(f"Spécialité ajoutée : {specialty.label}. Elle est proposée à la "
                             "création d'une session.")
        return True

    def _edited(self, item: QTableWidgetItem) -> None:
        field = EDITABLE.get(item.column())
        if field is None:
            return
        code_item = self.table.item(item.row(), 0)
        if code_item is None:
            return
        code = code_item.text()
        text = item.text().strip()
        try:
            value = _field_value(field, text)
        except InvalidInput as exc:
            self.message.setText(f"Refusé : {exc}")
            self.refresh()
            return
        if field == "to_check":
            # Emptying the note marks the line checked; writing one flags it "à vérifier".
            text = text.removeprefix("⚠").strip()
            if not self.set_line(code, "verified", not text):
                return
            value = text
        self.set_line(code, field, value)

    def _phase_changed(self, _phase: str) -> None:
        self.refresh()


def _field_value(field: str, text: str) -> object:
    """What the president typed, as the data file holds it (checked again on save)."""
    if field == "domain":
        if text.lower() not in DOMAIN_WORDS:
            raise InvalidInput("domaine : « général » ou « professionnel »")
        return DOMAIN_WORDS[text.lower()]
    if field == "mode":
        words = text.replace("/", " ").split()
        if len(words) == 1:
            return words[0].lower()
        if len(words) % 2:
            raise InvalidInput("mode : « ponctuel », « ccf » ou « A ponctuel / C ccf »")
        return {words[i]: words[i + 1].lower() for i in range(0, len(words), 2)}
    return text


def _cells(line: Line) -> list[str]:
    if isinstance(line.mode, Mode):
        mode = line.mode.value
    else:
        mode = " / ".join(f"{category} {mode.value}" for category, mode in line.mode.items())
    domain = "facultative" if line.facultative or line.domain is None else line.domain.label
    return [line.code, line.title, line.unit, decimal_fr(line.coefficient), domain,
            line.discipline or "", mode, "" if line.verified else f"⚠ {line.to_check}"]


def _ask_file_dialog(parent: QWidget) -> AskFile:
    def ask() -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(parent, "Règlement d'examen (JSON)", "",
                                              "Règlement (*.json)")
        return Path(name) if name else None
    return ask
