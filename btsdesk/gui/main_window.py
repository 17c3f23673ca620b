"""The main window: the session header and the deliberation table (read-only for now)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btsdesk.core.results import Decision
from btsdesk.gui.deliberation_model import DeliberationModel
from btsdesk.gui.session import SessionData


class MainWindow(QMainWindow):
    def __init__(self, session: SessionData) -> None:
        super().__init__()
        self.session = session
        specialty = session.exchange.specialty
        regime = session.exchange.rules.regime
        self.setWindowTitle(f"btsdesk — {session.title} — {specialty.code} {specialty.version}")
        self.header = QLabel(
            f"<b>{specialty.label}</b> · {session.title} · régime {regime.code} "
            f"({regime.title}) · {len(session.candidates)} candidats")
        self.header.setAccessibleName("En-tête de la session")
        self.model = DeliberationModel(session, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Tableau de délibération")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.header)
        layout.addWidget(self.table)
        self.setCentralWidget(body)
        self.statusBar().showMessage(self.counts_text())
        self.resize(1280, 800)

    def counts_text(self) -> str:
        counts = self.session.counts()
        return (f"{counts[Decision.ADMIS]} admis · {counts[Decision.CONTROLE]} en contrôle · "
                f"{counts[Decision.AJOURNE]} ajournés · {counts[Decision.INCOMPLET]} incomplets")
