"""The deliberation table: one row per candidate, repainted row by row as grades change.

It shows the day as it stands (R13, R13a, R16, R24): beside the first-group average and
decision, the final average and the final decision once the orals give them (or ajourné for a
candidate who declined them or was not authorised), the livret (R20) and the jury's records."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QStandardItemModel

from btsdesk.app.session import FINAL as FINAL_STAGE
from btsdesk.app.session import FIRST as FIRST_STAGE
from btsdesk.app.session import JurySession
from btsdesk.core.grades import entry_text
from btsdesk.core.numbers import cents_text, fr
from btsdesk.core.reglement import Domain
from btsdesk.core.results import Decision, Result
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import INK

Index = QModelIndex | QPersistentModelIndex
READ_ONLY = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)

# Colour and a symbol, never colour alone; the text on these backgrounds is INK (widgets.py).
STALE_COLOUR = "#f7b0b0"  # a decision recorded before a change: to confirm (R23)
DECISION_STYLE = {
    Decision.ADMIS: ("✔", "#cdeccf"),
    Decision.CONTROLE: ("◆", "#fde3b0"),
    Decision.AJOURNE: ("✘", "#f4cccc"),
    Decision.INCOMPLET: ("…", "#e2e2e2"),
}
STAGE_LABELS = {FIRST_STAGE: "1er groupe", FINAL_STAGE: "final"}
FIRST = [
    "N° candidat",
    "Nom",
    "Cat.",
    "Moyenne",
    "Décision",
    "Moyenne finale",
    "Décision finale",
    "Dom. gén.",
    "Dom. pro.",
]
LAST = ["Options", "Points nécessaires", "Livret", "Jury", "Motif"]
NUMERIC = {"Moyenne", "Moyenne finale", "Dom. gén.", "Dom. pro."}
DECISION_COLUMNS = {"Décision", "Décision finale"}
# A sort key: compared only with keys of the same column; None sorts last (sort_keys).
SortKey = Any
AVERAGE_OF: dict[str, Callable[[Result], Fraction | None]] = {
    "Moyenne": lambda result: result.average,
    "Moyenne finale": lambda result: result.final_average,
    "Dom. gén.": lambda result: result.domain_averages[Domain.GENERAL],
    "Dom. pro.": lambda result: result.domain_averages[Domain.PROFESSIONAL],
}
# Admis, contrôle, ajourné; incomplet has nothing to rank (last, as no decision).
DECISION_RANK = {Decision.ADMIS: 0, Decision.CONTROLE: 1, Decision.AJOURNE: 2}
WAITING = "… oraux en attente"  # eligible, taking the orals, no final decision yet (R13a)
# The projector's narrower words (its columns must fit a 1024-px screen).
PROJECTED_LABELS = {Decision.CONTROLE: "contrôle"}
PROJECTED_WAITING = "… en attente"


class DeliberationModel(QStandardItemModel):
    """A table model whose cells are computed (``data``), on a QStandardItemModel holding
    no items, for its sizes: the row and column counts stay in C++. A sort at 2,000
    candidates asks them about 30,000 times (two indexes a comparison); answered in Python,
    that was half of the click's time."""

    def __init__(self, hub: SessionHub, parent: Any = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.anonymous = False  # R26: names hidden in projection
        self._build_columns()
        self._fit_size()
        hub.rowsChanged.connect(self._rows_changed)
        hub.reloaded.connect(self._reset)
        # The phase changes what a declined or unauthorised candidate's day is (outcome).
        hub.phaseChanged.connect(lambda _phase: self._all_changed())

    @property
    def service(self) -> JurySession:
        return self.hub.service

    def _build_columns(self) -> None:
        # What the jury reads first comes first: the averages and the decisions.
        self.lines = list(self.service.specialty.lines)
        self.line_columns = {len(FIRST) + i: line for i, line in enumerate(self.lines)}
        self.headers = FIRST + [line.code for line in self.lines] + LAST
        self.column = {name: i for i, name in enumerate(self.headers)}

    def _fit_size(self) -> None:
        """As many rows as candidates, columns as headers: said inside a reset (the views
        hear of the reset alone, not of rows inserted within it)."""
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(len(self.service.results))
            self.setColumnCount(len(self.headers))
        finally:
            self.blockSignals(blocked)

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Read-only cells (the standard model's own would say editable and draggable).
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.headers):
                return None
            name = self.headers[section]
            # On the projector the words of a header on two lines: narrower columns.
            return name.replace(" ", "\n", 1) if self.anonymous else name
        return str(section + 1)

    # -- the day as it stands ------------------------------------------------------------

    def final_decision(self, row: int) -> Decision | None:
        """The decision after the orals (R13, R16), or ajourné for an eligible candidate who
        does not take them (declined, or not authorised in a regime that authorises: R22,
        R24); None when the first group decides, or while the orals are awaited (R13a)."""
        result = self.service.results[row]
        if result.decision is not Decision.CONTROLE:
            return None
        outcome: Decision = self.service.outcome(row)
        return None if outcome is Decision.CONTROLE else outcome

    def awaits_orals(self, row: int) -> bool:
        result = self.service.results[row]
        return (
            result.decision is Decision.CONTROLE
            and self.final_decision(row) is None
            and self.service.takes_orals(self.service.candidates[row].number)
        )

    # -- data --------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        result = self.service.results[row]
        name = self.headers[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column, result)
        decision = self._shown_decision(row, name, result)
        if role == Qt.ItemDataRole.BackgroundRole:
            if decision is not None:
                return QBrush(QColor(DECISION_STYLE[decision][1]))
            if self._warns(row, name):
                return QBrush(QColor(STALE_COLOUR))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and (
            decision is not None or self._warns(row, name)
        ):
            return QBrush(QColor(INK))
        if role == Qt.ItemDataRole.ToolTipRole and name == "Motif":
            return result.sentence
        if role == Qt.ItemDataRole.AccessibleTextRole and name in DECISION_COLUMNS:
            return decision.label if decision is not None else self._text(row, column, result)
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            column in self.line_columns or name in NUMERIC
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _shown_decision(self, row: int, name: str, result: Result) -> Decision | None:
        if name == "Décision":
            return result.decision
        if name == "Décision finale":
            return self.final_decision(row)
        return None

    def _warns(self, row: int, name: str) -> bool:
        """A pink cell: a decision to confirm (R23), a livret to examine before an
        ajournement (R20)."""
        if name == "Jury":
            return bool(self.service.is_stale(row))
        if name == "Livret":
            return self._livret_blocks(row)
        return False

    def _livret_blocks(self, row: int) -> bool:
        candidate = self.service.candidates[row]
        return (
            candidate.livret_provided
            and not candidate.livret_examined_by
            and self.service.outcome(row) is Decision.AJOURNE
        )

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
        if name == "Moyenne finale":
            return _average(result.final_average)
        if name == "Décision":
            words = result.decision.label
            if self.anonymous:  # narrower on the projector; the symbol and colour say it too
                words = PROJECTED_LABELS.get(result.decision, words)
            return f"{DECISION_STYLE[result.decision][0]} {words}"
        if name == "Décision finale":
            return self._final_text(row)
        if name == "Options":
            return ", ".join(result.options)
        if name == "Points nécessaires":
            label = self.service.regime.key_label
            return " · ".join(
                f"{_short(label(key))} {_needed(cents)}" for key, cents in result.needed.items()
            )
        if name == "Livret":
            return livret_text(
                candidate.livret_provided,
                candidate.livret_examined_by,
                candidate.livret_examined_on,
                self._livret_blocks(row),
            )
        if name == "Jury":
            return self._jury_text(row)
        return result.sentence

    def _final_text(self, row: int) -> str:
        decision = self.final_decision(row)
        if decision is None:
            if self.awaits_orals(row):
                return PROJECTED_WAITING if self.anonymous else WAITING
            if self.service.results[row].decision is Decision.CONTROLE:
                return "… autorisation à donner (R22)"
            return ""
        text = f"{DECISION_STYLE[decision][0]} {decision.label}"
        if self.service.results[row].final_decision is None:  # no orals taken
            number = self.service.candidates[row].number
            text += (
                " (renonce aux oraux)"
                if number in self.service.declined
                else " (non autorisé, R22)"
            )
        return text

    def _jury_text(self, row: int) -> str:
        service = self.service
        number = service.candidates[row].number
        parts = [
            f"{STAGE_LABELS[stage]} : {_decision_label(decision)}"
            for stage, decision in service.decisions.get(number, {}).items()
        ]
        if service.results[row].decision is Decision.CONTROLE:
            if number in service.declined:
                parts.append("renonce aux oraux")
            elif service.is_authorised(number):
                parts.append(
                    "autorisé de droit aux oraux"
                    if service.regime.authorised_by_right
                    else "autorisé aux oraux"
                )
            elif service.authorisations.get(number) is False:
                parts.append("non autorisé aux oraux")
        text = " · ".join(parts)
        return f"⚠ à confirmer (R23) — {text}" if service.is_stale(row) else text

    # -- sorting ---------------------------------------------------------------------

    def sort_keys(self, column: int, rows: Iterable[int] | None = None) -> list[SortKey]:
        """Each row's plain sort key in `column` (every row, or `rows`): exact numbers
        (averages as fractions, grades in hundredths), decisions in their order, text
        without case or accents; None for nothing to compare (no average, ABS or another
        code, incomplet, no final decision yet, empty text): those rows come last."""
        service = self.service
        results, candidates = service.results, service.candidates
        name = self.headers[column] if 0 <= column < len(self.headers) else ""
        line = self.line_columns.get(column)
        keys: list[SortKey] = []
        for row in range(len(results)) if rows is None else rows:
            result = results[row]
            key: SortKey
            if line is not None:
                entry = service.entry(row, line.code)
                key = entry if isinstance(entry, int) else None
            elif name in AVERAGE_OF:
                key = AVERAGE_OF[name](result)
            elif name == "Décision":
                key = DECISION_RANK.get(result.decision)
            elif name == "Décision finale":
                final = self.final_decision(row)
                key = None if final is None else DECISION_RANK.get(final)
            elif name == "N° candidat":
                key = candidates[row].number or None
            elif name == "Points nécessaires":
                # R17: the easiest option first (the smallest grade needed alone, in
                # hundredths); « impossible » everywhere, or not eligible: last
                possible = [cents for cents in result.needed.values() if cents is not None]
                key = min(possible) if possible else None
            else:
                key = text_key(self._text(row, column, result))
            keys.append(key)
        return keys

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
        self._build_columns()
        self._fit_size()
        self.endResetModel()

    def line_columns_names(self) -> list[str]:
        return [line.code for line in self.lines]

    def set_anonymous(self, anonymous: bool) -> None:
        self.anonymous = anonymous
        if self.rowCount():  # names, and the words of the decisions
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, len(self.headers) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)


class DeliberationFilter(QSortFilterProxyModel):
    """Filter by decision (of the first group or as the day stands), "near a threshold"
    (within 0.5 of one of the regime's thresholds: R10, R14), incomplete."""

    NEAR = Fraction(1, 2)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.decision: Decision | None = None
        self.near_only = False
        self._column, self._order = -1, Qt.SortOrder.AscendingOrder
        self._keys: list[SortKey] | None = None  # of the sorted column, by source row
        self._ranks: list[int] | None = None  # each source row's place in that order

    def set_filter(self, *, decision: Decision | None = None, near_only: bool = False) -> None:
        self.beginFilterChange()
        self.decision, self.near_only = decision, near_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, DeliberationModel)
        service = model.service
        result = service.results[source_row]
        if self.decision is not None and self.decision not in (
            result.decision,
            service.outcome(source_row),
        ):
            return False
        if self.near_only:
            average = result.average
            return average is not None and any(
                abs(average - threshold) <= self.NEAR for threshold in service.regime.thresholds
            )
        return True

    # -- sorting: a click on a header ranks the rows once, in Python, on plain keys; the
    # proxy's own sort then compares two integers a pair (not two data() calls, formatted
    # text and fractions, as with a sort role: 0.2 s at 2,000 candidates against ~40 ms).

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 (Qt)
        # Connected before the proxy's own handlers: the ranks are right when it re-sorts.
        model.dataChanged.connect(self._rows_changed)
        model.modelReset.connect(self._forget_keys)
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by `column`, ties in the session's order, and the rows with nothing to
        compare (see DeliberationModel.sort_keys) last in both directions."""
        self._column, self._order = column, order
        self._keys = None
        self._ranks = None
        super().sort(column, order)

    def lessThan(self, left: Index, right: Index) -> bool:
        ranks = self._ranks if self._ranks is not None else self._rank()
        return ranks[left.row()] < ranks[right.row()]

    def _rank(self) -> list[int]:
        model = self._model()
        if self._keys is None or len(self._keys) != model.rowCount():
            self._keys = model.sort_keys(self._column)
        keys = self._keys
        present = [row for row, key in enumerate(keys) if key is not None]
        # A stable sort, reversed or not: equal keys keep the session's order.
        present.sort(key=keys.__getitem__, reverse=self._order == Qt.SortOrder.DescendingOrder)
        ranks = [0] * len(keys)
        # Ranks the proxy's own sort puts back in this order, up or down (it reverses the
        # comparison when sorting down): the empty rows stay last either way.
        last = len(keys) - 1 if self._order == Qt.SortOrder.DescendingOrder else 0
        for place, row in enumerate(present + [r for r, k in enumerate(keys) if k is None]):
            ranks[row] = abs(last - place)
        self._ranks = ranks
        return ranks

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        """A grade or a decision changed some rows: their keys only are computed again."""
        if self._keys is None or self._column < 0:
            return
        rows = range(top.row(), bottom.row() + 1)
        fresh = self._model().sort_keys(self._column, rows)
        if any(self._keys[row] != key for row, key in zip(rows, fresh, strict=True)):
            for row, key in zip(rows, fresh, strict=True):
                self._keys[row] = key
            self._ranks = None

    def _forget_keys(self) -> None:
        self._keys = None
        self._ranks = None

    def _model(self) -> DeliberationModel:
        model = self.sourceModel()
        assert isinstance(model, DeliberationModel)
        return model


def text_key(text: str) -> tuple[str, str] | None:
    """French alphabetical order, near enough for names: case and accents ignored first
    (« Élodie » among the E), then the text as written; None for an empty text."""
    if not text:
        return None
    plain = unicodedata.normalize("NFD", text.casefold())
    return ("".join(ch for ch in plain if not unicodedata.combining(ch)), text)


def livret_text(
    provided: bool, examined_by: str | None, examined_on: str | None, blocks: bool = False
) -> str:
    """« examiné par … le 02/07/2026 », « fourni, à examiner » (R20), or nothing."""
    if not provided:
        return ""
    if examined_by:
        return f"examiné par {examined_by}" + (
            f" le {french_date(examined_on)}" if examined_on else ""
        )
    return "⚠ fourni, à examiner avant l'ajournement (R20)" if blocks else "fourni, à examiner"


def french_date(iso: str) -> str:
    """2026-07-02 → 02/07/2026 (left as it is if it is not an ISO date)."""
    parts = iso.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    return iso


def _average(value: Fraction | None) -> str:
    return "" if value is None else fr(value)


def _needed(cents: int | None) -> str:
    return "impossible" if cents is None else cents_text(cents, comma=True)


def _short(label: str) -> str:
    return {"domaine général": "gén.", "domaine professionnel": "pro."}.get(label, label)


def _decision_label(value: str) -> str:
    """A recorded decision in the jury's words (« épreuves de contrôle », not « controle »)."""
    try:
        return Decision(value).label
    except ValueError:
        return value
