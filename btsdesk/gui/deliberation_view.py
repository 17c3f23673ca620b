"""Délibération: the live table, its filters, the "Pourquoi ?" panel and the jury's actions.
A projection mode shows it to the whole jury: large fonts, numbers only (R26), no controls."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app.session import CellChange
from btsdesk.core.errors import InvalidInput
from btsdesk.core.explain import explain
from btsdesk.core.grades import parse_entry
from btsdesk.core.results import Decision
from btsdesk.gui.deliberation_model import DeliberationFilter, DeliberationModel
from btsdesk.gui.distribution import AverageDistribution
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import fit_columns
from btsdesk.store.errors import SessionFileError

# Asks for a line code and a grade for a raise (R21); None when cancelled. Tests replace it.
AskRaise = Callable[[list[str]], tuple[str, str] | None]


class DeliberationView(QWidget):
    def __init__(self, hub: SessionHub, ask_raise: AskRaise | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.ask_raise = ask_raise or _ask_raise_dialog(self)
        self.model = DeliberationModel(hub, self)
        self.proxy = DeliberationFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Tableau de délibération")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table, stretch_last=True)

        self.why = QTextBrowser()
        self.why.setAccessibleName("Pourquoi ? Le calcul du candidat choisi")
        self.why.setMinimumWidth(380)

        self.decision_filter = QComboBox()
        self.decision_filter.setAccessibleName("Filtre par décision")
        self.decision_filter.addItem("Toutes les décisions", None)
        for decision in Decision:
            self.decision_filter.addItem(decision.label, decision)
        self.near = QCheckBox("Près d'un seuil (à 0,5 de 8 ou de 10)")
        self.near.setAccessibleName("Seulement les candidats près d'un seuil")
        self.decision_filter.currentIndexChanged.connect(self._apply_filter)
        self.near.toggled.connect(self._apply_filter)

        self.actions_bar = QWidget()
        buttons = QHBoxLayout(self.actions_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.livret_button = QPushButton("Livret examiné (R20)")
        self.authorise_button = QPushButton("Autoriser aux oraux (R22)")
        self.raise_button = QPushButton("Relever une note… (R21)")
        self.decide_button = QPushButton("Enregistrer / confirmer la décision (R23)")
        for button, slot in ((self.livret_button, self.mark_livret),
                             (self.authorise_button, self.authorise),
                             (self.raise_button, self.raise_grade),
                             (self.decide_button, self.record_decision)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)

        # The picture first (how the averages spread, the counts), then the table.
        self.distribution = AverageDistribution(hub)
        filters = QHBoxLayout()
        show_label = QLabel("Afficher :")
        show_label.setBuddy(self.decision_filter)
        filters.addWidget(show_label)
        filters.addWidget(self.decision_filter)
        filters.addWidget(self.near)
        filters.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.distribution)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.actions_bar)
        left_layout.addWidget(self.message)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.why)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_why())
        hub.rowsChanged.connect(self._rows_changed)
        hub.phaseChanged.connect(lambda _phase: self._update_actions())
        hub.reloaded.connect(self.show_why)
        hub.reloaded.connect(lambda: fit_columns(self.table, stretch_last=True))
        self.projection = False
        self._normal_font = self.table.font()
        self._why_timer = QTimer(self)
        self._why_timer.setSingleShot(True)
        self._why_timer.setInterval(0)
        self._why_timer.timeout.connect(self.show_why)
        if self.proxy.rowCount():
            self.select_row(0)
        self._update_actions()

    # -- selection and the "Pourquoi ?" panel ----------------------------------------

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.mapToSource(index).row()

    def select_row(self, source_row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def why_text(self) -> str:
        if self._why_timer.isActive():  # a refresh is due: do it now
            self._why_timer.stop()
            self.show_why()
        return self.why.toPlainText()

    def show_why(self) -> None:
        row = self.current_row()
        if row is None:
            self.why.setHtml("<p>Choisissez un candidat pour voir son calcul.</p>")
            return
        service = self.hub.service
        candidate = service.candidates[row]
        title = candidate.number if self.projection else (
            f"{candidate.number} — {candidate.full_name}")
        parts = [f"<h2>Pourquoi ? {html.escape(title)}</h2>"]
        graded = service.inputs[row]
        try:
            explanation = explain(service.evaluator, graded)
        except InvalidInput:  # orals recorded earlier that no longer apply: shown without
            explanation = explain(service.evaluator, replace(graded, orals=None))
        for heading, lines in explanation.sections():
            parts.append(f"<h3>{html.escape(heading)}</h3><ul>")
            parts += [f"<li>{html.escape(line)}</li>" for line in lines]
            parts.append("</ul>")
        self.why.setHtml("".join(parts))
        self._update_actions()

    # -- jury actions ------------------------------------------------------------------

    def mark_livret(self) -> None:
        row = self.current_row()
        if row is not None:
            self._run(lambda: self.hub.examine_livret(row, self.hub.service.store.operator,
                                                      date.today().isoformat()),
                      "Examen du livret enregistré.")

    def authorise(self) -> None:
        row = self.current_row()
        if row is not None:
            number = self.hub.service.candidates[row].number
            now = not self.hub.service.authorisations.get(number, False)
            self._run(lambda: self.hub.authorise(row, now),
                      "Autorisation aux oraux enregistrée." if now else "Autorisation retirée.")

    def raise_grade(self) -> None:
        """R21: a raise during deliberation; the hub asks the reason written on the PV."""
        row = self.current_row()
        if row is None:
            return
        codes = [line.code for line in self.hub.service.specialty.lines]
        answer = self.ask_raise(codes)
        if answer is None:
            return
        code, text = answer

        changed = []

        def change() -> None:
            entry = parse_entry(text) if text.strip() else None
            changed.append(self.hub.edit_grades(
                [CellChange(row, code, entry)],
                f"{code} de {self.hub.service.candidates[row].number}"))
        if self._run(change, "Note modifiée, décision recalculée.") and not changed[-1]:
            self.message.setText("Aucun changement (note identique, ou motif non donné).")

    def record_decision(self) -> None:
        row = self.current_row()
        if row is None:
            return
        result = self.hub.service.results[row]
        if result.final_decision is not None:
            stage, decision = "final", result.final_decision
        else:
            stage, decision = "premier_groupe", result.decision
        if decision is Decision.INCOMPLET:
            self.message.setText("Pas de décision tant que des notes manquent (R2).")
            return
        self._run(lambda: self.hub.record_decision(row, stage, decision.value),
                  f"Décision « {decision.label} » enregistrée.")

    def _run(self, action: Callable[[], object], done: str) -> bool:
        try:
            action()
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.message.setText(done)
        return True

    # -- projection (R26) ----------------------------------------------------------------

    def set_projection(self, on: bool) -> None:
        self.projection = on
        self.model.set_anonymous(on)
        self.actions_bar.setVisible(not on)
        self.message.setVisible(not on)
        font = QFont(self._normal_font)
        if on:
            font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.6)
        self.table.setFont(font)
        self.why.setFont(font)
        # The picture a little larger too, but not as much: its 40 bars must keep their room.
        chart_font = QFont(self._normal_font)
        if on:
            chart_font.setPointSizeF(max(chart_font.pointSizeF(), 9.0) * 1.25)
        self.distribution.setFont(chart_font)
        # On the projector: the figures that decide, one line per candidate, no names.
        hidden = {"Nom", "Jury", "Motif", *self.model.line_columns_names()}
        for column, name in enumerate(self.model.headers):
            self.table.setColumnHidden(column, on and name in hidden)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        fit_columns(self.table, stretch_last=True)  # widths for the font now in use
        self.splitter.setSizes([700, 300] if on else [900, 380])
        self.show_why()

    def _apply_filter(self) -> None:
        self.proxy.set_filter(decision=self.decision_filter.currentData(),
                              near_only=self.near.isChecked())

    def _rows_changed(self, rows: list[int]) -> None:
        # The row is repainted first; the panel follows in the same turn of the event loop.
        if self.current_row() in rows:
            self._why_timer.start()

    def _update_actions(self) -> None:
        closed = self.hub.service.phase == "clos"
        row = self.current_row()
        for button in (self.livret_button, self.authorise_button, self.raise_button,
                       self.decide_button):
            button.setEnabled(not closed and row is not None)
        if row is not None:
            result = self.hub.service.results[row]
            self.authorise_button.setEnabled(
                not closed and result.decision is Decision.CONTROLE)


def _ask_raise_dialog(parent: QWidget) -> AskRaise:
    def ask(codes: list[str]) -> tuple[str, str] | None:
        from PySide6.QtWidgets import QInputDialog

        code, ok = QInputDialog.getItem(parent, "Relever une note", "Épreuve :", codes, 0,
                                        False)
        if not ok:
            return None
        text, ok = QInputDialog.getText(parent, "Relever une note", f"Nouvelle note en {code} :")
        return (code, text) if ok else None
    return ask
