"""Oraux: the candidates of the épreuves de contrôle, their authorisation (R22), the
disciplines they may choose (R12/R15) and the points they need (R17). Scheduling and
convocations come with the orals issue."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from btsdesk.core.numbers import cents_text
from btsdesk.core.results import Decision
from btsdesk.gui.hub import SessionHub

HEADERS = ("N° candidat", "Nom", "Autorisé (R22)", "Disciplines proposées",
           "Points nécessaires (R17)")


class OralsView(QWidget):
    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Candidats aux épreuves de contrôle")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        self._dirty = True
        for signal in (hub.rowsChanged, hub.reloaded, hub.phaseChanged):
            signal.connect(lambda *_: self._changed())
        self.refresh()

    def _changed(self) -> None:
        """Rebuilt when seen: a grade typed in another view must not wait for this one."""
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._dirty = False
        service = self.hub.service
        rows = [row for row, result in enumerate(service.results)
                if result.decision is Decision.CONTROLE]
        regime = service.evaluator.rules.regime
        self.intro.setText(
            f"{len(rows)} candidat(s) aux épreuves de contrôle — régime {regime.code} "
            f"({regime.title}) ; la note de l'oral suit la règle {regime.final_rule}.")
        self.table.setRowCount(len(rows))
        for line, row in enumerate(rows):
            candidate, result = service.candidates[row], service.results[row]
            needed = " · ".join(
                f"{regime.key_label(key)} : "
                f"{'impossible' if c is None else cents_text(c, comma=True)}"
                for key, c in result.needed.items())
            cells = (candidate.number, candidate.full_name,
                     "oui" if service.authorised.get(candidate.number) else "non",
                     ", ".join(result.options), needed)
            for column, text in enumerate(cells):
                self.table.setItem(line, column, QTableWidgetItem(text))
