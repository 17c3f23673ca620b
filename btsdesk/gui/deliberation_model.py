"""The deliberation table: one row per candidate, read-only for now."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from btsdesk.core.grades import entry_text
from btsdesk.core.numbers import cents_text, fr
from btsdesk.core.reglement import Domain
from btsdesk.core.results import Decision, Result
from btsdesk.gui.session import SessionData

# Colour and a symbol, never colour alone.
DECISION_STYLE = {
    Decision.ADMIS: ("✔", "#d7f0d8"),
    Decision.CONTROLE: ("◆", "#fde9c4"),
    Decision.AJOURNE: ("✘", "#f6d5d5"),
    Decision.INCOMPLET: ("…", "#e4e4e4"),
}

Index = QModelIndex | QPersistentModelIndex


class DeliberationModel(QAbstractTableModel):
    def __init__(self, session: SessionData, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lines = list(session.exchange.specialty.lines)
        self.headers = (["N° candidat", "Nom", "Cat."]
                        + [line.code for line in self.lines]
                        + ["Dom. gén.", "Dom. pro.", "Moyenne", "Décision", "Options",
                           "Points nécessaires", "Motif"])
        self._first_summary = 3 + len(self.lines)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.session.results)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        result = self.session.results[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column, result)
        if role == Qt.ItemDataRole.BackgroundRole and column == self._first_summary + 3:
            return QBrush(QColor(DECISION_STYLE[result.decision][1]))
        if role == Qt.ItemDataRole.ToolTipRole and column == self._first_summary + 6:
            return result.sentence
        if role == Qt.ItemDataRole.TextAlignmentRole and 3 <= column < self._first_summary + 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, column: int, result: Result) -> str:
        candidate = self.session.candidates[row]
        if column == 0:
            return candidate.number
        if column == 1:
            return self.session.people[row].full_name
        if column == 2:
            return candidate.category
        if column < self._first_summary:
            return entry_text(candidate.grades.get(self.lines[column - 3].code))
        summary = column - self._first_summary
        if summary == 0:
            return _average(result.domain_averages[Domain.GENERAL])
        if summary == 1:
            return _average(result.domain_averages[Domain.PROFESSIONAL])
        if summary == 2:
            return _average(result.average)
        if summary == 3:
            symbol = DECISION_STYLE[result.decision][0]
            return f"{symbol} {result.decision.label}"
        if summary == 4:
            return ", ".join(result.options)
        if summary == 5:
            return " · ".join(f"{_key_label(key)} {_needed(cents)}"
                              for key, cents in result.needed.items())
        return result.sentence


def _average(value: Any) -> str:
    return "" if value is None else fr(value)


def _needed(cents: int | None) -> str:
    return "impossible" if cents is None else cents_text(cents, comma=True)


def _key_label(key: str) -> str:
    return {"general": "gén.", "professional": "pro."}.get(key, key)
