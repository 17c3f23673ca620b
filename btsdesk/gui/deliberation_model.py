"""The deliberation table: one row per candidate, repainted row by row as grades change."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from btsdesk.core.grades import entry_text
from btsdesk.core.numbers import cents_text, fr
from btsdesk.core.reglement import Domain
from btsdesk.core.results import Decision, Result
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import INK

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

# Colour and a symbol, never colour alone; the text on these backgrounds is INK (widgets.py).
STALE_COLOUR = "#f7b0b0"  # a decision recorded before a change: to confirm (R23)
DECISION_STYLE = {
    Decision.ADMIS: ("✔", "#cdeccf"),
    Decision.CONTROLE: ("◆", "#fde3b0"),
    Decision.AJOURNE: ("✘", "#f4cccc"),
    Decision.INCOMPLET: ("…", "#e2e2e2"),
}
STAGE_LABELS = {"premier_groupe": "1er groupe", "final": "final"}
FIRST = ["N° candidat", "Nom", "Cat.", "Moyenne", "Décision", "Dom. gén.", "Dom. pro."]
LAST = ["Options", "Points nécessaires", "Jury", "Motif"]
NUMERIC = {"Moyenne", "Dom. gén.", "Dom. pro."}


class DeliberationModel(QAbstractTableModel):
    def __init__(self, hub: SessionHub, parent: Any = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.anonymous = False  # R26: names hidden in projection
        self._build_columns()
        hub.rowsChanged.connect(self._rows_changed)
        hub.reloaded.connect(self._reset)

    @property
    def service(self):  # type: ignore[no-untyped-def]
        return self.hub.service

    def _build_columns(self) -> None:
        # What the jury reads first comes first: the average and the decision.
        self.lines = list(self.service.specialty.lines)
        self.line_columns = {len(FIRST) + i: line for i, line in enumerate(self.lines)}
        self.headers = FIRST + [line.code for line in self.lines] + LAST
        self.column = {name: i for i, name in enumerate(self.headers)}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.service.results)

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
        result = self.service.results[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column, result)
        if role == SORT_ROLE:
            return self._sort_key(row, column, result)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.column["Décision"]:
            return QBrush(QColor(DECISION_STYLE[result.decision][1]))
        if role == Qt.ItemDataRole.BackgroundRole and column == self.column["Jury"] \
                and self.service.is_stale(row):
            return QBrush(QColor(STALE_COLOUR))
        if role == Qt.ItemDataRole.ForegroundRole and (
                column == self.column["Décision"]
                or (column == self.column["Jury"] and self.service.is_stale(row))):
            return QBrush(QColor(INK))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.column["Motif"]:
            return result.sentence
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.column["Décision"]:
            return result.decision.label
        if role == Qt.ItemDataRole.TextAlignmentRole and (
                column in self.line_columns or self.headers[column] in NUMERIC):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, column: int, result: Result) -> str:
        candidate = self.service.candidates[row]
        if column == 0:
            return candidate.number
        if column == 1:
            return "—" if self.anonymous else candidate.full_name
        if column == 2:
            return candidate.category
        line = self.line_columns.get(column)
        if line is not None:
            return entry_text(self.service.entry(row, line.code))
        name = self.headers[column]
        if name == "Dom. gén.":
            return _average(result.domain_averages[Domain.GENERAL])
        if name == "Dom. pro.":
            return _average(result.domain_averages[Domain.PROFESSIONAL])
        if name == "Moyenne":
            return _average(result.average)
        if name == "Décision":
            symbol = DECISION_STYLE[result.decision][0]
            text = f"{symbol} {result.decision.label}"
            if result.final_decision is not None:
                text += f" → {result.final_decision.label}"
            return text
        if name == "Options":
            return ", ".join(result.options)
        if name == "Points nécessaires":
            label = self.service.evaluator.rules.regime.key_label
            return " · ".join(f"{_short(label(key))} {_needed(cents)}"
                              for key, cents in result.needed.items())
        if name == "Jury":
            return self._jury_text(row)
        return result.sentence

    def _jury_text(self, row: int) -> str:
        number = self.service.candidates[row].number
        parts = [f"{STAGE_LABELS[stage]} : {decision}"
                 for stage, decision in self.service.decisions.get(number, {}).items()]
        if self.service.authorisations.get(number):
            parts.append("autorisé aux oraux")
        text = " · ".join(parts)
        return f"⚠ à confirmer (R23) — {text}" if self.service.is_stale(row) else text

    def _sort_key(self, row: int, column: int, result: Result) -> Any:
        name = self.headers[column]
        value: Fraction | None = None
        if name == "Moyenne":
            value = result.average
        elif name in ("Dom. gén.", "Dom. pro."):
            value = result.domain_averages[
                Domain.GENERAL if name == "Dom. gén." else Domain.PROFESSIONAL]
        elif name == "Décision":
            return list(Decision).index(result.decision)
        else:
            return self._text(row, column, result)
        return Fraction(-1) if value is None else value

    def _rows_changed(self, rows: list[int]) -> None:
        last = self.columnCount() - 1
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _reset(self) -> None:
        self.beginResetModel()
        self._build_columns()
        self.endResetModel()

    def line_columns_names(self) -> list[str]:
        return [line.code for line in self.lines]

    def set_anonymous(self, anonymous: bool) -> None:
        self.anonymous = anonymous
        if self.rowCount():
            column = self.column["Nom"]
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))


class DeliberationFilter(QSortFilterProxyModel):
    """Filter by decision, "near a threshold" (within 0.5 of 8 or 10), incomplete."""

    NEAR = Fraction(1, 2)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.decision: Decision | None = None
        self.near_only = False
        self.setSortRole(SORT_ROLE)

    def set_filter(self, *, decision: Decision | None = None, near_only: bool = False) -> None:
        self.beginFilterChange()
        self.decision, self.near_only = decision, near_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, DeliberationModel)
        result = model.service.results[source_row]
        if self.decision is not None and result.decision is not self.decision:
            return False
        if self.near_only:
            average = result.average
            return average is not None and any(abs(average - threshold) <= self.NEAR
                                               for threshold in (8, 10))
        return True

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


def _average(value: Fraction | None) -> str:
    return "" if value is None else fr(value)


def _needed(cents: int | None) -> str:
    return "impossible" if cents is None else cents_text(cents, comma=True)


def _short(label: str) -> str:
    return {"domaine général": "gén.", "domaine professionnel": "pro."}.get(label, label)
