"""Jury: members, quality, role, presence and status, with the D643-31 warnings (R25):
the president's quality, equal parts, an enseignant-chercheur, a public-sector majority,
« no professional ». Members are added and changed through the hub (JurySession); the
counts and warnings are the ones the PV prints (btsdesk.core.jury)."""

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
from btsdesk.core.jury import STATUS_LABELS, STATUSES, roster_summary
from btsdesk.gui.hub import SessionHub
from btsdesk.store.errors import SessionFileError

QUALITIES = ("enseignant", "professionnel")
ROLES = ("membre", "président")


class JuryView(QWidget):
    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Nom", "Qualité", "Rôle", "Présent", "Statut"])
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
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(STATUS_LABELS[status], status)
        self.status.setAccessibleName("Statut du nouveau membre (D643-31)")
        self.present = QCheckBox("Présent")
        self.present.setAccessibleName("Nouveau membre présent")
        self.present.setChecked(True)
        self.add_button = QPushButton("Ajouter")
        self.add_button.clicked.connect(self.add_member)
        form = QHBoxLayout()
        for widget in (
            self.name,
            self.quality,
            self.role,
            self.status,
            self.present,
            self.add_button,
        ):
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
        status = str(self.status.currentData())
        try:
            self.hub.act(
                lambda s: s.add_jury_member(
                    name, quality, president=president, present=present, status=status
                )
            )
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
            present.setCheckState(
                Qt.CheckState.Checked if member["present"] else Qt.CheckState.Unchecked
            )
            present.setData(Qt.ItemDataRole.UserRole, member["id"])
            self.table.setItem(row, 3, present)
            self.table.setCellWidget(row, 4, self._status_box(member, closed))
        self.table.blockSignals(False)
        for widget in (
            self.name,
            self.quality,
            self.role,
            self.status,
            self.present,
            self.add_button,
        ):
            widget.setEnabled(not closed)
        session = self.hub.service
        warnings = session.jury_warnings()
        summary = roster_summary(session.roster()) if members else ""
        self.warning.setText(
            "\n".join([summary, *(f"⚠ {w}" for w in warnings)]).strip()
            if warnings
            else f"{summary}\n✔ Composition conforme à D643-31 : présidence, "
            "enseignants et professionnels à parts égales, "
            "enseignant-chercheur, majorité du public."
        )
        self.warning.setStyleSheet("color: #8a4b00;" if warnings else "color: #1d5e20;")

    def _status_box(self, member: dict[str, object], closed: bool) -> QComboBox:
        box = QComboBox()
        for status in STATUSES:
            box.addItem(STATUS_LABELS[status], status)
        box.setCurrentIndex(max(0, box.findData(member["status"])))
        box.setEnabled(not closed)
        box.setAccessibleName(f"Statut de {member['name']}")
        member_id = int(str(member["id"]))
        box.currentIndexChanged.connect(
            lambda _index: self.set_status(member_id, str(box.currentData()))
        )
        return box

    def set_status(self, member_id: int, status: str) -> bool:
        try:
            self.hub.act(lambda s: s.set_member_status(member_id, status))
        except SessionFileError as exc:
            self.refresh()
            self.warning.setText(f"Refusé : {exc}")
            return False
        return True

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
