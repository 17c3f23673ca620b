"""Jury: members, quality, role and presence, with the D643-31 balance warning (R25).
Members are added and their presence changed through the hub (JurySession)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app.session import JURY, Change
from btsdesk.core.jury import Member, balance_warning
from btsdesk.gui.hub import SessionHub
from btsdesk.store.errors import SessionFileError

QUALITIES = ("enseignant", "professionnel")
ROLES = ("membre", "président")


class JuryView(QWidget):
    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Nom", "Qualité", "Rôle", "Présent"])
        self.table.setAccessibleName("Membres du jury")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._presence_changed)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Équilibre du jury")
        self.name = QLineEdit()
        self.name.setPlaceholderText("Nom du membre")
        self.name.setAccessibleName("Nom du nouveau membre")
        self.quality = QComboBox()
        self.quality.addItems(QUALITIES)
        self.quality.setAccessibleName("Qualité du nouveau membre")
        self.role = QComboBox()
        self.role.addItems(ROLES)
        self.role.setAccessibleName("Rôle du nouveau membre")
        self.present = QCheckBox("Présent")
        self.present.setAccessibleName("Nouveau membre présent")
        self.present.setChecked(True)
        self.add_button = QPushButton("Ajouter")
        self.add_button.clicked.connect(self.add_member)
        form = QHBoxLayout()
        for widget in (self.name, self.quality, self.role, self.present, self.add_button):
            form.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.table)
        layout.addLayout(form)
        hub.reloaded.connect(self.refresh)
        hub.phaseChanged.connect(self._phase_changed)
        hub.changed.connect(self._changed)
        self.refresh()

    def add_member(self) -> bool:
        name = self.name.text().strip()
        if not name:
            self.warning.setText("Indiquez le nom du membre.")
            return False
        quality = self.quality.currentText()
        president = self.role.currentText() == "président"
        present = self.present.isChecked()
        try:
            self.hub.act(lambda s: s.add_jury_member(name, quality, president=president,
                                                     present=present))
        except SessionFileError as exc:
            self.refresh()
            self.warning.setText(f"Refusé : {exc}")
            return False
        self.name.clear()
        return True

    def refresh(self) -> None:
        members = self.hub.service.jury_members()
        closed = self.hub.service.phase == "clos"
        self.table.blockSignals(True)
        self.table.setRowCount(len(members))
        for row, member in enumerate(members):
            for column, key in enumerate(("name", "quality", "role")):
                self.table.setItem(row, column, QTableWidgetItem(member[key]))
            present = QTableWidgetItem("oui" if member["present"] else "non")
            flags = Qt.ItemFlag.ItemIsEnabled
            if not closed:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            present.setFlags(flags)
            present.setCheckState(Qt.CheckState.Checked if member["present"]
                                  else Qt.CheckState.Unchecked)
            present.setData(Qt.ItemDataRole.UserRole, member["id"])
            self.table.setItem(row, 3, present)
        self.table.blockSignals(False)
        for widget in (self.name, self.quality, self.role, self.present, self.add_button):
            widget.setEnabled(not closed)
        warning = balance_warning(Member(m["name"], m["quality"], m["role"], m["present"])
                                  for m in members)
        self.warning.setText(f"⚠ {warning}" if warning else
                             "✔ Jury équilibré : enseignants et professionnels à parts égales "
                             "(D643-31).")
        self.warning.setStyleSheet("color: #8a4b00;" if warning else "color: #1d5e20;")

    def _presence_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 3:
            return
        present = item.checkState() == Qt.CheckState.Checked
        member = int(item.data(Qt.ItemDataRole.UserRole))
        try:
            self.hub.act(lambda s: s.set_presence(member, present))
        except SessionFileError as exc:
            self.refresh()
            self.warning.setText(f"Refusé : {exc}")

    def _changed(self, change: Change) -> None:
        if JURY in change.kinds:
            self.refresh()

    def _phase_changed(self, _phase: str) -> None:
        self.refresh()
