"""Délibération: the live table, its filters, the candidate's panel (identity, livret), the
"Pourquoi ?" panel and the jury's actions. A projection mode shows it to the whole jury: large
fonts, numbers only (R26), no controls.

The jury's buttons work in délibération only (R24): decisions, authorisations (hidden where
the regime authorises by right, R22), the livret's examination (R20) and a raised grade
(R21). Every write goes through ``hub.act`` (or the hub's helpers that call it)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app.session import (
    EVERYTHING,
    FINAL,
    FIRST,
    JURY,
    CellChange,
    Change,
    JurySession,
)
from btsdesk.core.errors import InvalidInput
from btsdesk.core.explain import explain
from btsdesk.core.grades import parse_entry
from btsdesk.core.records import Candidate
from btsdesk.core.results import Decision
from btsdesk.gui.deliberation_model import (
    STALE_COLOUR,
    DeliberationFilter,
    DeliberationModel,
    livret_text,
)
from btsdesk.gui.distribution import AverageDistribution
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.pickers import date_edit
from btsdesk.gui.widgets import INK, ColumnFitter, FrozenColumns, fit_columns, joined
from btsdesk.store.errors import SessionFileError

# Asks for a line code and a grade for a raise (R21); None when cancelled. Tests replace it.
AskRaise = Callable[[list[str]], tuple[str, str] | None]
CIVILITIES = ("", "Mme", "M.")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
ADDRESS_WARNING = (
    "⚠ Adresse postale manquante : la convocation ne pourra pas partir sous "
    "enveloppe à fenêtre. Complétez la fiche du candidat."
)
PROJECTION_SCALE = 1.6  # the type on the projector, against the usual size
MIN_PROJECTION_SCALE = 0.8  # below that, a projected table scrolls rather than shrinks
MIN_WHY_WIDTH = 240  # « Pourquoi ? » beside the projected table
PANEL_MIN_SCALE = 1.2  # « Pourquoi ? » stays on the projector if the table can be that large


@dataclass(frozen=True)
class Identity:
    """What the identity dialog gives back: civilité, address (lines), e-mail, nom d'usage."""

    civility: str
    address: str
    email: str
    usage_name: str | None = None  # None: not asked (left as it is)


# Asks a candidate's identity (the dialog by default); None when cancelled. Tests replace it.
AskIdentity = Callable[[Candidate], Identity | None]


class IdentityDialog(QDialog):
    """Civilité, postal address (several lines, for the window envelope) and e-mail."""

    def __init__(self, candidate: Candidate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Fiche de {candidate.full_name or candidate.number}")
        self.civility = QComboBox()
        self.civility.setAccessibleName("Civilité")
        self.civility.setEditable(True)
        self.civility.addItems(list(CIVILITIES))
        self.civility.setCurrentText(candidate.civility)
        self.address = QPlainTextEdit(candidate.address)
        self.address.setAccessibleName("Adresse postale")
        self.address.setPlaceholderText("12 rue des Écoles\n99000 Villefictive")
        self.address.setTabChangesFocus(True)
        self.email = QLineEdit(candidate.email)
        self.email.setAccessibleName("Adresse électronique")
        self.email.setPlaceholderText("prenom.nom@exemple.fr")
        # « nom d'usage » apart from the nom de famille (issue 12): the documents print it,
        # with the name of birth under it.
        self.usage_name = QLineEdit(candidate.usage_name)
        self.usage_name.setAccessibleName("Nom d'usage")
        self.usage_name.setPlaceholderText(
            f"vide : {candidate.surname.upper() or 'nom de famille'}"
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Civilité :", self.civility)
        form.addRow("Nom d'&usage :", self.usage_name)
        form.addRow("&Adresse postale :", self.address)
        form.addRow("Adresse é&lectronique :", self.email)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        title = QLabel(
            f"<b>{html.escape(candidate.number)} — {html.escape(candidate.full_name)}</b>"
        )
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.address.textChanged.connect(self._check)
        self._check()

    def values(self) -> Identity:
        return Identity(
            self.civility.currentText().strip(),
            self.address.toPlainText().strip(),
            self.email.text().strip(),
            self.usage_name.text().strip(),
        )

    def problem(self) -> str:
        email = self.values().email
        if email and not EMAIL.fullmatch(email):
            return f"⚠ Adresse électronique « {email} » invalide."
        return ""

    def _check(self) -> None:
        self.note.setText(
            self.problem()
            or (
                ""
                if self.values().address
                else "⚠ Sans adresse postale, pas de convocation sous enveloppe à fenêtre."
            )
        )

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.note.setText(problem)
            return
        super().accept()


def _ask_identity_dialog(parent: QWidget) -> AskIdentity:
    def ask(candidate: Candidate) -> Identity | None:
        dialog = IdentityDialog(candidate, parent)
        return dialog.values() if dialog.exec() else None

    return ask


class CandidatePanel(QGroupBox):
    """The selected candidate's identity and livret (R20), with the address warning of a
    candidate who will get a convocation (§5)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Fiche du candidat", parent)
        self.identity = QLabel()
        self.identity.setWordWrap(True)
        self.identity.setTextFormat(Qt.TextFormat.PlainText)
        self.identity.setAccessibleName("Identité du candidat")
        self.address_warning = QLabel(ADDRESS_WARNING)
        self.address_warning.setWordWrap(True)
        self.address_warning.setAccessibleName("Adresse manquante")
        self.address_warning.setStyleSheet(
            f"color: {INK}; background: {STALE_COLOUR}; padding: 2px"
        )
        self.identity_button = QPushButton("Modifier l'&identité…")
        self.livret_provided = QCheckBox("Livret scolaire ou de formation fourni (R20)")
        self.livret_provided.setAccessibleName("Livret fourni")
        self.livret_state = QLabel()
        self.livret_state.setWordWrap(True)
        self.livret_state.setAccessibleName("Examen du livret")
        self.examiner = QComboBox()
        self.examiner.setAccessibleName("Examinateur du livret")
        self.examined_on = date_edit(date.today(), "Date de l'examen du livret")  # in French
        self.livret_button = QPushButton("Livret examiné (R20)")
        examine = QGridLayout()  # one line each: the examiner's name read whole at 1024 px
        examine.addWidget(QLabel("par"), 0, 0)
        examine.addWidget(self.examiner, 0, 1, 1, 2)
        examine.addWidget(QLabel("le"), 1, 0)
        examine.addWidget(self.examined_on, 1, 1)
        examine.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity)
        layout.addWidget(self.address_warning)
        layout.addWidget(self.identity_button)
        layout.addWidget(self.livret_provided)
        layout.addWidget(self.livret_state)
        layout.addLayout(examine)
        layout.addWidget(self.livret_button)

    def fill_examiners(self, members: list[dict[str, object]]) -> None:
        """The jury, the president first and chosen (R20: the president examines the
        livret)."""
        kept = self.examiner.currentData()
        self.examiner.clear()
        ordered = sorted(members, key=lambda m: m.get("role") != "président")
        for member in ordered:
            role = " (présidence)" if member.get("role") == "président" else ""
            self.examiner.addItem(f"{member['name']}{role}", str(member["name"]))
        if not ordered:
            # Short enough for the panel at 1024 px; the tooltip says where to fill it in.
            self.examiner.addItem("présidence (jury à saisir)", None)
        self.examiner.setToolTip(
            "" if ordered else "Le jury n'est pas encore saisi : vue Jury (Ctrl+4)."
        )
        president = any(member.get("role") == "président" for member in ordered)
        index = self.examiner.findData(kept)
        if not president and kept is not None and index >= 0:
            self.examiner.setCurrentIndex(index)

    def show_candidate(self, candidate: Candidate | None, *, convoked: bool) -> None:
        if candidate is None:
            self.identity.setText("Choisissez un candidat.")
            self.address_warning.hide()
            self.livret_state.clear()
            return
        lines = [" ".join(p for p in (candidate.civility, candidate.full_name) if p)]
        if candidate.usage_name:
            lines.append(f"nom d'usage : {candidate.usage_name.upper()}")
        lines += candidate.address.splitlines() or ["(adresse postale non saisie)"]
        lines.append(candidate.email or "(pas d'adresse électronique)")
        self.identity.setText("\n".join(lines))
        self.address_warning.setVisible(convoked and not candidate.address.strip())
        self.livret_provided.setChecked(candidate.livret_provided)
        state = livret_text(
            candidate.livret_provided, candidate.livret_examined_by, candidate.livret_examined_on
        )
        self.livret_state.setText(f"Livret {state}." if state else "Pas de livret fourni.")


class DeliberationView(QWidget):
    def __init__(
        self,
        hub: SessionHub,
        ask_raise: AskRaise | None = None,
        ask_identity: AskIdentity | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self.ask_raise = ask_raise or _ask_raise_dialog(self)
        self.ask_identity = ask_identity or _ask_identity_dialog(self)
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
        self.frozen = FrozenColumns(self.table, 2)  # number and name stay on the left

        self.why = QTextBrowser()
        self.why.setAccessibleName("Pourquoi ? Le calcul du candidat choisi")
        self.why.setMinimumWidth(220)
        self.panel = CandidatePanel()
        self.livret_button = self.panel.livret_button

        self.decision_filter = QComboBox()
        self.decision_filter.setAccessibleName("Filtre par décision")
        self.decision_filter.addItem("Toutes les décisions", None)
        for decision in Decision:
            self.decision_filter.addItem(decision.label, decision)
        thresholds = [str(t) for t in hub.service.regime.thresholds]
        self.near = QCheckBox(f"Près d'un seuil (à 0,5 de {joined(thresholds, 'ou de')})")
        self.near.setAccessibleName("Seulement les candidats près d'un seuil")
        self.decision_filter.currentIndexChanged.connect(self._apply_filter)
        self.near.toggled.connect(self._apply_filter)

        self.actions_bar = QWidget()
        # Two buttons a row, the phase's note below: the view fits a 1024-px screen.
        buttons = QGridLayout(self.actions_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.authorise_button = QPushButton("Autoriser aux oraux (R22)")
        self.raise_button = QPushButton("Relever une note… (R21)")
        self.decide_button = QPushButton("Enregistrer / confirmer la décision (R23)")
        self.decide_all_button = QPushButton("Enregistrer toutes les décisions")
        for place, (button, slot) in enumerate(
            (
                (self.decide_button, self.record_decision),
                (self.decide_all_button, self.record_all_decisions),
                (self.raise_button, self.raise_grade),
                (self.authorise_button, self.authorise),  # hidden where authorised by right
            )
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button, place // 2, place % 2)
        buttons.setColumnStretch(2, 1)
        self.phase_note = QLabel()
        self.phase_note.setWordWrap(True)
        buttons.addWidget(self.phase_note, 2, 0, 1, 3)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.livret_button.clicked.connect(self.mark_livret)
        self.panel.livret_provided.clicked.connect(self.set_livret_provided)
        self.panel.identity_button.clicked.connect(self.edit_identity)

        # The picture first (how the averages spread, the counts), then the table.
        self.distribution = AverageDistribution(hub)
        self.filters_bar = QWidget()  # hidden in projection
        filters = QHBoxLayout(self.filters_bar)
        filters.setContentsMargins(0, 0, 0, 0)
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
        left_layout.addWidget(self.filters_bar)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.actions_bar)
        left_layout.addWidget(self.message)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.panel)
        right_layout.addWidget(self.why, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_why())
        hub.rowsChanged.connect(self._rows_changed)
        hub.phaseChanged.connect(lambda _phase: self.show_why())
        hub.reloaded.connect(self.show_why)
        hub.changed.connect(self._changed)
        self.projection = False
        self.projection_scale = 1.0
        self._normal_font = self.table.font()
        self._before_projection: tuple[QByteArray, list[int]] | None = None
        self._projection_timer = QTimer(self)  # fit the table once the screen is laid out
        self._projection_timer.setSingleShot(True)
        self._projection_timer.setInterval(0)
        self._projection_timer.timeout.connect(self.fit_projection)
        self._why_timer = QTimer(self)
        self._why_timer.setSingleShot(True)
        self._why_timer.setInterval(0)
        self._why_timer.timeout.connect(self.show_why)
        self.panel.fill_examiners(hub.service.jury_members())
        if self.proxy.rowCount():
            self.select_row(0)
        self.show_why()

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
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def why_text(self) -> str:
        if self._why_timer.isActive():  # a refresh is due: do it now
            self._why_timer.stop()
            self.show_why()
        return self.why.toPlainText()

    def show_why(self) -> None:
        row = self.current_row()
        self._show_candidate(row)
        self._update_actions()
        if row is None:
            self.why.setHtml("<p>Choisissez un candidat pour voir son calcul.</p>")
            return
        service = self.hub.service
        candidate = service.candidates[row]
        title = (
            candidate.number if self.projection else (f"{candidate.number} — {candidate.full_name}")
        )
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

    def will_be_convoked(self, row: int) -> bool:
        """Authorised (R22), not declined, orals not all done: a convocation goes out."""
        service = self.hub.service
        number = service.candidates[row].number
        return service.convoked(number)

    def address_warning_shown(self) -> bool:
        return not self.panel.address_warning.isHidden()

    def _show_candidate(self, row: int | None) -> None:
        if row is None:
            self.panel.show_candidate(None, convoked=False)
            return
        self.panel.show_candidate(
            self.hub.service.candidates[row], convoked=self.will_be_convoked(row)
        )

    # -- jury actions ------------------------------------------------------------------

    def _number(self, row: int) -> str:
        return str(self.hub.service.candidates[row].number)

    def mark_livret(self) -> bool:
        """R20: the president's examination of the livret, with its date."""
        row = self.current_row()
        if row is None:
            return False
        examiner = self.panel.examiner.currentData()
        on = self.panel.examined_on.date().toPython()
        assert isinstance(on, date)
        return self._run(
            lambda: self.hub.examine_livret(row, examiner, on), "Examen du livret enregistré."
        )

    def set_livret_provided(self, provided: bool) -> bool:
        row = self.current_row()
        if row is None:
            return False
        number = self._number(row)
        done = self._run(
            lambda: self.hub.act(lambda s: s.set_identity(number, livret_provided=provided)),
            "Livret fourni." if provided else "Pas de livret.",
        )
        if not done:
            self._show_candidate(row)  # the box shows what is recorded
        return done

    def edit_identity(self) -> bool:
        """Civilité, address and e-mail of the selected candidate (a dialog)."""
        row = self.current_row()
        if row is None:
            return False
        candidate = self.hub.service.candidates[row]
        answer = self.ask_identity(candidate)
        if answer is None:
            return False
        number = candidate.number
        return self._run(
            lambda: self.hub.act(
                lambda s: s.set_identity(
                    number,
                    civility=answer.civility,
                    address=answer.address,
                    email=answer.email,
                    usage_name=answer.usage_name,
                )
            ),
            "Fiche enregistrée.",
        )

    def authorise(self) -> bool:
        row = self.current_row()
        if row is None:
            return False
        number = self._number(row)
        now = not self.hub.service.authorisations.get(number, False)
        return self._run(
            lambda: self.hub.authorise(row, now),
            "Autorisation aux oraux enregistrée." if now else "Autorisation retirée.",
        )

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
            changed.append(
                self.hub.edit_grades(
                    [CellChange(row, code, entry)],
                    f"{code} de {self.hub.service.candidates[row].number}",
                )
            )

        if self._run(change, "Note modifiée, décision recalculée.") and not changed[-1]:
            self.message.setText("Aucun changement (note identique, ou motif non donné).")

    def stage_to_record(self, row: int) -> tuple[str, Decision] | None:
        """What the decision button records for this candidate: the first-group decision
        while it is missing or stale (R23), then the final one once the orals give it
        (R13, R16); None when everything is recorded."""
        service = self.hub.service
        number = self._number(row)
        result = service.results[row]
        if service.recorded(number, FIRST) is None or service.is_stale(row, FIRST):
            return FIRST, result.decision
        final = result.final_decision
        if (
            final is not None
            and service.takes_orals(number)
            and (service.recorded(number, FINAL) is None or service.is_stale(row, FINAL))
        ):
            return FINAL, final
        return None

    def record_decision(self) -> bool:
        row = self.current_row()
        if row is None:
            return False
        if self.hub.service.results[row].decision is Decision.INCOMPLET:
            self.message.setText("Pas de décision tant que des notes manquent (R2).")
            return False
        todo = self.stage_to_record(row)
        if todo is None:
            waits = self.model.awaits_orals(row)
            self.message.setText(
                "Décision du premier groupe enregistrée ; la décision finale "
                "attend les oraux (R13a)."
                if waits
                else "Décisions déjà enregistrées."
            )
            return False
        stage, decision = todo
        what = "finale" if stage == FINAL else "du premier groupe"
        return self._run(
            lambda: self.hub.record_decision(row, stage, decision.value),
            f"Décision {what} « {decision.label} » enregistrée.",
        )

    def record_all_decisions(self) -> bool:
        """Every decision that can be recorded, the first group's then the final ones."""
        messages: list[str] = []

        def record() -> None:
            for final in (False, True):

                def decide(service: JurySession, final: bool = final) -> Change:
                    return service.decide_all(final=final)

                change = self.hub.act(decide)
                messages.append(
                    ("Décisions finales : " if final else "Premier groupe : ") + change.message
                )

        done = self._run(record, "")
        if done:
            self.message.setText(" — ".join(messages))
        return done

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
        """R26: numbers only, no controls, large type sized so that every column shown fits
        the width (``fit_projection``); leaving gives back the widths and the splitter as
        they were."""
        if on == self.projection:
            return
        self.projection = on
        if on:
            self._before_projection = (
                self.splitter.saveState(),
                [self.table.columnWidth(c) for c in range(self.model.columnCount())],
            )
        self.model.set_anonymous(on)
        for widget in (self.actions_bar, self.message, self.filters_bar):
            widget.setVisible(not on)
        self.panel.setVisible(not on)  # names, addresses: never on the projector
        # On the projector: the figures that decide, one line per candidate, no names.
        # (The options are named in « Points nécessaires », with what each needs.)
        hidden = {"Nom", "Options", "Livret", "Jury", "Motif", *self.model.line_columns_names()}
        for column, name in enumerate(self.model.headers):
            self.table.setColumnHidden(column, on and name in hidden)
        if on:
            self.fit_projection()
        else:
            self._set_fonts(1.0)
            fitter = self.table.findChild(ColumnFitter)
            assert fitter is not None
            assert self._before_projection is not None
            splitter, widths = self._before_projection
            fitter.set_widths(widths)  # as they were, the user's own widths included
            self.splitter.restoreState(splitter)
            self.frozen.sync()
        self.show_why()

    def fit_projection(self) -> None:
        """The largest type (up to 1.6 times the usual) at which every column shown fits:
        beside « Pourquoi ? » (a fifth of the width, 240 px at least) when the type can be at
        least 1.2 times the usual there; otherwise the table takes the whole width (a
        1024-px projector) and « Pourquoi ? » folds away. Nothing cut, no sideways scroll
        down to 0.8 times the usual type; below that the table scrolls, number kept."""
        if not self.projection:
            return
        total = self.splitter.width()
        chrome = self.table.width() - self.table.viewport().width()  # frame, scroll bar
        room = total - chrome - self.splitter.handleWidth() - 2
        why = max(MIN_WHY_WIDTH, total // 5)
        scale, widths = self._largest_scale(room - why, PANEL_MIN_SCALE)
        if sum(widths.values()) > room - why:
            scale, widths = self._largest_scale(room, MIN_PROJECTION_SCALE)
            why = 0
        fitter = self.table.findChild(ColumnFitter)
        assert fitter is not None
        fitter.set_widths(widths)
        self.projection_scale = scale
        self.splitter.setSizes([total - why, why])
        self.frozen.sync()

    def _largest_scale(self, room: int, smallest: float) -> tuple[float, dict[int, int]]:
        """The largest scale from 1.6 down to ``smallest`` (by tenths) whose widths fit
        ``room``, or ``smallest`` and its widths."""
        fitter = self.table.findChild(ColumnFitter)
        assert fitter is not None
        shown = [c for c in range(self.model.columnCount()) if not self.table.isColumnHidden(c)]
        scale = PROJECTION_SCALE
        while True:
            self._set_fonts(scale)
            widths = {column: fitter.needed(column) for column in shown}
            if sum(widths.values()) <= room or scale <= smallest:
                return scale, widths
            scale = max(smallest, round(scale - 0.1, 2))

    def _set_fonts(self, scale: float) -> None:
        font = QFont(self._normal_font)
        if scale != 1.0:  # (9 points at least as the base: a small system font)
            font.setPointSizeF(max(font.pointSizeF(), 9.0) * scale)
        self.table.setFont(font)
        self.why.setFont(font)
        # The picture a little larger too, but not as much: its 40 bars must keep their room.
        chart_font = QFont(self._normal_font)
        if scale != 1.0:
            chart_font.setPointSizeF(max(chart_font.pointSizeF(), 9.0) * min(scale, 1.25))
        self.distribution.setFont(chart_font)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.projection:  # full screen arrives after the switch: fit to the screen's width
            self._projection_timer.start()

    def _apply_filter(self) -> None:
        self.proxy.set_filter(
            decision=self.decision_filter.currentData(), near_only=self.near.isChecked()
        )

    def _rows_changed(self, rows: list[int]) -> None:
        # The row is repainted first; the "Pourquoi ?" panel follows in the same turn of the
        # event loop; the candidate's panel and the buttons at once.
        row = self.current_row()
        if row in rows:
            self._show_candidate(row)
            self._update_actions()
            self._why_timer.start()

    def _changed(self, change: Change) -> None:
        if JURY in change.kinds or EVERYTHING in change.kinds:
            self.panel.fill_examiners(self.hub.service.jury_members())

    def _update_actions(self) -> None:
        """R24: the jury's buttons in délibération only; R22: no authorisation to give
        where the regime authorises by right."""
        service = self.hub.service
        phase = service.phase
        deliberating = phase == "deliberation"
        row = self.current_row()
        selected = row is not None
        self.phase_note.setText(
            {
                "saisie": "Les décisions se prennent en délibération (R24).",
                "clos": "Session close : lecture seule (R24).",
            }.get(phase, "")
        )
        self.decide_button.setEnabled(deliberating and selected)
        self.decide_all_button.setEnabled(deliberating)
        self.raise_button.setEnabled(deliberating and selected)
        self.authorise_button.setHidden(service.regime.authorised_by_right)
        candidate = service.candidates[row] if row is not None else None
        eligible = (
            row is not None
            and service.results[row].decision is Decision.CONTROLE
            and candidate is not None
            and candidate.number not in service.declined
        )
        self.authorise_button.setEnabled(
            deliberating and eligible and not service.regime.authorised_by_right
        )
        authorised = candidate is not None and service.authorisations.get(candidate.number)
        self.authorise_button.setText(
            "Retirer l'autorisation aux oraux (R22)" if authorised else "Autoriser aux oraux (R22)"
        )
        livret = deliberating and candidate is not None and candidate.livret_provided
        for widget in (self.livret_button, self.panel.examiner, self.panel.examined_on):
            widget.setEnabled(livret)
        self.panel.livret_provided.setEnabled(selected and phase != "clos")
        self.panel.identity_button.setEnabled(selected)


def _ask_raise_dialog(parent: QWidget) -> AskRaise:
    def ask(codes: list[str]) -> tuple[str, str] | None:
        from PySide6.QtWidgets import QInputDialog

        code, ok = QInputDialog.getItem(parent, "Relever une note", "Épreuve :", codes, 0, False)
        if not ok:
            return None
        text, ok = QInputDialog.getText(parent, "Relever une note", f"Nouvelle note en {code} :")
        return (code, text) if ok else None

    return ask
