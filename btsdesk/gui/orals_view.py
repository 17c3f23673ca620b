"""Oraux: the candidates of the épreuves de contrôle, their authorisation (R22), the choice
of discipline(s) among those offered (R12/R15) with the points needed next to each (R17),
each oral's grade or absence (R13a), the renonciation (R24) and the final result (R13/R16).
The planning and the documents are two more tabs (orals_planning.py, documents_tab.py).

Every write goes through the hub to ``btsdesk.app.session.JurySession`` (choose, set_oral,
decline, set_general_oral_levels); what differs between regimes is asked of the session's
:class:`~btsdesk.core.regimes.Regime`, never of its code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app.session import ABSENT, parse_oral_value
from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import entry_text
from btsdesk.core.numbers import cents_text, fr
from btsdesk.core.results import Decision, OralChoice
from btsdesk.gui.hub import OralValue, SessionHub
from btsdesk.gui.widgets import FrozenColumns, LazyRefresh, fit_columns
from btsdesk.store.errors import SessionFileError

HEADERS = (
    "N° candidat",
    "Nom",
    "Autorisé (R22)",
    "Disciplines proposées",
    "Choix",
    "Points nécessaires (R17)",
    "Notes d'oral",
    "Moyenne finale",
    "Décision finale",
)
NONE = "—"
GRADE_HINT = "note sur 20, ou « abs » si absent(e) ; vide : pas encore connue"
ABSENT_HINT = (
    "Absent(e) à l'oral (R13a) : l'oral ne change rien, et la décision finale est "
    "donnée aussitôt. On peut aussi taper « abs » dans la note."
)
DECLINE = "Renonce aux épreuves de contrôle"
UNDO_DECLINE = "Annuler la renonciation"


class OralCandidates(LazyRefresh, QWidget):
    """The list of candidates in contrôle and, for the selected one, the choice, the oral
    grades or absences, the renonciation and the final result."""

    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        regime = hub.service.regime
        self.rows: list[int] = []  # service rows shown, in table order
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.levels = QSpinBox()
        self.levels.setRange(1, 9)
        self.levels.setAccessibleName(f"Niveaux de coefficient proposés ({regime.options_rule})")
        self.levels_button = QPushButton("Appliquer")
        self.levels_button.clicked.connect(self.apply_levels)
        self.levels_row = QWidget()
        levels_layout = QHBoxLayout(self.levels_row)
        levels_layout.setContentsMargins(0, 0, 0, 0)
        levels_layout.addWidget(QLabel("Oral général : disciplines aux"))
        levels_layout.addWidget(self.levels)
        levels_layout.addWidget(
            QLabel(
                f"coefficients les plus élevés ({regime.options_rule} ; "
                "1 = le texte, plus = élargissement, inscrit au "
                "journal)"
            )
        )
        levels_layout.addWidget(self.levels_button)
        levels_layout.addStretch(1)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Candidats aux épreuves de contrôle")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.currentCellChanged.connect(lambda *_: self.show_candidate())
        fit_columns(self.table, stretch_last=True)  # from the contents, the user's widths kept
        self.frozen = FrozenColumns(self.table, 2)  # number and name stay on the left

        self.detail = QGroupBox("Candidat")
        form = QFormLayout(self.detail)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # One list per discipline the candidate chooses (R12: one, R15: two).
        self.choices: list[QComboBox] = []
        self.choice_labels: list[QLabel] = []
        for index in range(regime.choices_count):
            combo = QComboBox()
            combo.setAccessibleName(f"Discipline choisie {index + 1}")
            label = QLabel(_choice_title(index, regime.choices_count, regime.options_rule))
            form.addRow(label, combo)
            self.choices.append(combo)
            self.choice_labels.append(label)
        # One grade per oral: the chosen disciplines, then the orals without a discipline to
        # choose (R11: the regime-2021 professional oral).
        self.fixed_keys = _orals_without_choice(hub)
        self.grades: list[QLineEdit] = []
        self.absents: list[QCheckBox] = []
        self.grade_labels: list[QLabel] = []
        for index in range(regime.choices_count + len(self.fixed_keys)):
            edit = QLineEdit()
            edit.setPlaceholderText(GRADE_HINT)
            edit.setToolTip(GRADE_HINT)
            edit.setAccessibleName(f"Note de l'oral {index + 1}")
            edit.returnPressed.connect(self.save_and_next)
            absent = QCheckBox("absent(e)")
            absent.setToolTip(ABSENT_HINT)
            absent.setAccessibleName(f"Absent(e) à l'oral {index + 1} (R13a)")
            absent.toggled.connect(lambda on, e=edit: _absent_toggled(e, on))
            line = QHBoxLayout()
            line.addWidget(edit, 1)
            line.addWidget(absent)
            label = QLabel()
            form.addRow(label, line)
            self.grades.append(edit)
            self.absents.append(absent)
            self.grade_labels.append(label)
        self.save_button = QPushButton("Enregistrer le choix et les notes")
        self.save_button.clicked.connect(self.save)
        self.decline_button = QPushButton(DECLINE)
        self.decline_button.setToolTip(
            "Le candidat renonce aux épreuves de contrôle : ajourné, "
            "sans décision finale à attendre (R24, inscrit au "
            "journal)."
        )
        self.decline_button.clicked.connect(self.toggle_decline)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.decline_button)
        form.addRow(buttons)
        self.final = QLabel()
        self.final.setWordWrap(True)
        self.final.setAccessibleName("Résultat final du candidat")
        form.addRow("Résultat final :", self.final)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.message)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.levels_row)
        self.splitter = QSplitter()  # the president gives the list or the form more room
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        # Half each: the form's discipline lists and labels read whole at 1024 px; the
        # list keeps number and name on the left when it scrolls.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.watch(hub)
        self.refresh()

    # -- the list -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        service = self.hub.service
        regime = service.regime
        self.rows = [
            row
            for row, result in enumerate(service.results)
            if result.decision is Decision.CONTROLE
        ]
        numbers = [service.candidates[row].number for row in self.rows]
        authorised = sum(1 for number in numbers if service.is_authorised(number))
        declined = sum(1 for number in numbers if number in service.declined)
        how = "autorisé(s) de droit" if regime.authorised_by_right else "autorisé(s) par le jury"
        self.intro.setText(
            f"{len(self.rows)} candidat(s) aux épreuves de contrôle, dont {authorised} {how} "
            f"(R22) et {declined} qui y renonce(nt) (R24) — régime {regime.title} ; "
            f"{_choices_sentence(regime.choices_count)} ({regime.options_rule}), la note de "
            f"l'oral suit la règle {regime.final_rule}."
        )
        self.levels_row.setVisible(regime.widens_offer)
        self.levels_row.setEnabled(service.phase != "clos")
        self.levels.setValue(service.evaluator.rules.general_oral_levels)
        current = self.current_row()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for line, row in enumerate(self.rows):
            for column, text in enumerate(self._cells(row)):
                self.table.setItem(line, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        fit_columns(self.table, stretch_last=True)
        if current in self.rows:
            self.table.setCurrentCell(self.rows.index(current), 0)
        self.show_candidate()

    def _cells(self, row: int) -> list[str]:
        service = self.hub.service
        candidate, result = service.candidates[row], service.results[row]
        number = candidate.number
        label = service.regime.key_label
        orals = service.orals_of(row)
        needed = " · ".join(
            f"{label(key)} {_needed(cents)}" for key, cents in result.needed.items()
        )
        chosen = ", ".join(service.regime.choice(orals))
        grades = " · ".join(
            f"{choice.discipline or label(key)} {_oral_text(choice)}"
            for key, choice in orals.items()
        )
        return [
            number,
            candidate.full_name,
            self._authorisation(number),
            ", ".join(result.options),
            chosen or NONE,
            needed,
            grades or NONE,
            fr(result.final_average) if result.final_average is not None else "",
            self._final_decision(row),
        ]

    def _authorisation(self, number: str) -> str:
        service = self.hub.service
        if service.regime.authorised_by_right:
            return "de droit"
        recorded = service.authorisations.get(number)
        return "à décider" if recorded is None else ("oui" if recorded else "non")

    def _final_decision(self, row: int) -> str:
        service = self.hub.service
        number = service.candidates[row].number
        if number in service.declined:
            return f"{Decision.AJOURNE.label} (renonce)"
        decision = service.results[row].final_decision
        return decision.label if decision is not None else ""

    def current_row(self) -> int | None:
        line = self.table.currentRow()
        return self.rows[line] if 0 <= line < len(self.rows) else None

    def select(self, row: int) -> None:
        self.refresh()
        self.table.setCurrentCell(self.rows.index(row), 0)

    # -- the selected candidate ---------------------------------------------------------

    def targets(self, row: int) -> list[str | None]:
        """What each grade field is the grade of, in form order: the disciplines chosen
        (None while not chosen), then the orals without a discipline to choose."""
        chosen = self.hub.service.regime.choice(self.hub.service.orals_of(row))
        count = len(self.choices)
        return [*(chosen[i] if i < len(chosen) else None for i in range(count)), *self.fixed_keys]

    def show_candidate(self) -> None:
        row = self.current_row()
        service = self.hub.service
        closed = service.phase == "clos"
        self.detail.setEnabled(row is not None and not closed)  # R24: read-only once closed
        if row is None:
            self.detail.setTitle("Candidat")
            self.final.setText("")
            return
        candidate, result = service.candidates[row], service.results[row]
        number = candidate.number
        regime = service.regime
        specialty = service.specialty
        self.detail.setTitle(f"{number} — {candidate.full_name}")
        orals = service.orals_of(row)
        targets = self.targets(row)
        for index, combo in enumerate(self.choices):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("(à choisir)", None)
            for code in result.options:
                discipline = specialty.discipline_by_code.get(code)
                text = f"{code} {discipline.title}" if discipline is not None else code
                if code in result.needed:  # R17 next to each option (regime 2022)
                    text += f" — il faut {_needed(result.needed[code])}"
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(targets[index])))
            combo.blockSignals(False)
        for index, target in enumerate(targets):
            key = None if target is None else service.oral_key(number, target)
            choice = orals.get(key) if key is not None else None
            if key is None:
                name = "discipline à choisir"
            elif target == key:  # a discipline (R15) or an oral without choice (R11)
                name = regime.key_label(key)
            else:  # the discipline chosen for a domain's oral (R12)
                name = f"{regime.key_label(key)} : {target}"
            stake = (
                f", il faut {_needed(result.needed[key])}"
                if key is not None and key in result.needed
                else ""
            )
            self.grade_labels[index].setText(f"Note de l'oral ({name}{stake})")
            self.grade_labels[index].setToolTip(
                "" if key is None else regime.oral_names(specialty, key)[2]
            )
            self.absents[index].blockSignals(True)
            self.absents[index].setChecked(choice is not None and choice.absent)
            self.absents[index].blockSignals(False)
            _absent_toggled(self.grades[index], choice is not None and choice.absent)
            self.grades[index].setText(
                entry_text(choice.grade) if choice is not None and choice.grade is not None else ""
            )
        takes = service.takes_orals(number)
        for widget in (*self.choices, *self.grades, *self.absents, self.save_button):
            widget.setEnabled(takes)
        for edit, absent in zip(self.grades, self.absents, strict=True):
            edit.setEnabled(takes and not absent.isChecked())
        declined = number in service.declined
        self.decline_button.setText(UNDO_DECLINE if declined else DECLINE)
        self.decline_button.setEnabled(
            service.is_authorised(number)
            and (declined or not any(choice.final for choice in orals.values()))
        )
        self.final.setText(self._final_text(row))
        if declined:
            self.message.setText(
                "Ce candidat a renoncé aux épreuves de contrôle (R24) : il est "
                f"ajourné. « {UNDO_DECLINE} » pour revenir sur ce choix."
            )
        elif not service.is_authorised(number):
            self.message.setText(
                "Le jury doit d'abord autoriser ce candidat aux oraux (R22), "
                "dans la vue Délibération."
            )
        elif closed:
            self.message.setText("Session close : lecture seule (R24).")
        else:
            self.message.setText("")

    def _final_text(self, row: int) -> str:
        """The selected candidate's result after the orals, in one sentence."""
        service = self.hub.service
        number = service.candidates[row].number
        result = service.results[row]
        regime = service.regime
        if number in service.declined:
            return f"renonce aux épreuves de contrôle → {Decision.AJOURNE.label} (R24)"
        if not service.is_authorised(number):
            recorded = service.authorisations.get(number)
            return (
                "non autorisé(e) aux épreuves de contrôle → ajourné (R22)"
                if recorded is False
                else "en attente de l'autorisation du jury (R22)"
            )
        if result.final_decision is not None and result.final_average is not None:
            return (
                f"moyenne finale {fr(result.final_average)} → "
                f"{result.final_decision.label} ({regime.final_rule})"
            )
        orals = service.orals_of(row)
        waiting = [
            choice.discipline or regime.key_label(key)
            for key, choice in orals.items()
            if not choice.final
        ]
        if not regime.choice(orals):
            return "discipline(s) à choisir d'abord"
        return f"en attente de la note ou de l'absence à l'oral de {', '.join(waiting)} (R13a)"

    # -- writing, through the hub -------------------------------------------------------

    def save(self) -> bool:
        """The choice (``JurySession.choose``, when it changed), then each oral's grade,
        absence or emptiness (``JurySession.set_oral``). Every grade is read first: a typing
        mistake writes nothing."""
        row = self.current_row()
        if row is None:
            return False
        regime = self.hub.service.regime
        try:
            values = [self._value(index) for index in range(len(self.grades))]
            chosen = [combo.currentData() for combo in self.choices]
            recorded = regime.choice(self.hub.service.orals_of(row))
            if any(chosen) or recorded:
                if None in chosen:
                    raise InvalidInput(
                        f"choisissez {_choices_sentence(len(chosen), short=True)}"
                        f" ({regime.options_rule})"
                    )
                if sorted(chosen) != sorted(recorded) and not self.hub.choose(row, chosen):
                    return self._not_saved(row, "choix non modifié : motif non donné (R21)")
            missed = False
            # Each grade field belongs to the discipline shown in its list (then the orals
            # without a choice), whatever order the choice was recorded in.
            for target, value in zip([*chosen, *self.fixed_keys], values, strict=True):
                if target is None:
                    if value is not None:
                        raise InvalidInput(
                            f"choisissez d'abord la discipline de cet oral ({regime.options_rule})"
                        )
                    continue
                self.hub.set_oral(row, target, value)
                missed = missed or self._recorded_value(row, target) != value
        except (InvalidInput, SessionFileError) as exc:
            return self._not_saved(row, f"Refusé : {exc}")
        if missed:
            return self._not_saved(row, "Note d'oral non modifiée : motif non donné (R21).")
        self.select(row)
        self.message.setText(f"Enregistré. Résultat final : {self._final_text(row)}.")
        return True

    def _not_saved(self, row: int, message: str) -> bool:
        self.select(row)  # the form shows again what is recorded
        self.message.setText(message)
        return False

    def _recorded_value(self, row: int, target: str) -> OralValue:
        service = self.hub.service
        key = service.oral_key(service.candidates[row].number, target)
        choice = service.orals_of(row).get(key)
        if choice is None:
            return None
        return ABSENT if choice.absent else choice.grade

    def _value(self, index: int) -> OralValue:
        if self.absents[index].isChecked():
            return ABSENT
        try:
            return parse_oral_value(self.grades[index].text())
        except InvalidInput as exc:
            raise exc.within(self.grade_labels[index].text()) from None

    def save_and_next(self) -> None:
        """Enter in a grade field: save, then on to the next candidate, first grade field —
        the same habit as the grade grid."""
        row = self.current_row()
        if row is None or not self.save():
            return
        line = self.rows.index(row)
        if line + 1 < len(self.rows):
            self.table.setCurrentCell(line + 1, 0)
            self.grades[0].setFocus()
            self.grades[0].selectAll()

    def toggle_decline(self) -> bool:
        """R24: the candidate declines the orals, or the renonciation is withdrawn."""
        row = self.current_row()
        if row is None:
            return False
        declined = self.hub.service.candidates[row].number in self.hub.service.declined
        try:
            self.hub.decline(row, not declined)
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.select(row)
        return True

    def apply_levels(self) -> bool:
        """R12 widening (a session setting, logged); a reason is asked in délibération."""
        levels = self.levels.value()
        reason = None
        if self.hub.service.phase == "deliberation":
            reason = self.hub.ask_reason(
                "Motif de l'élargissement du choix de l'oral "
                f"({self.hub.service.regime.options_rule})"
            )
            if not reason or not reason.strip():
                return False
        try:
            self.hub.act(lambda s: s.set_general_oral_levels(levels, reason=reason))
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        return True


def _orals_without_choice(hub: SessionHub) -> list[str]:
    """The oral keys a candidate has without choosing a discipline for them (R11: the
    regime-2021 professional oral; none in regime 2022), asked of the regime."""
    service = hub.service
    regime = service.regime
    sample = [d.code for d in service.specialty.general_disciplines][: regime.choices_count]
    try:
        keys = regime.orals_for_choice(sample, {})
    except InvalidInput:  # fewer general disciplines than choices: no such oral either
        return []
    return [key for key in keys if not regime.needs_choice(key)]


def _choice_title(index: int, count: int, rule: str) -> str:
    if count == 1:
        return f"Discipline choisie ({rule})"
    return f"Discipline choisie n° {index + 1} ({rule})"


def _choices_sentence(count: int, *, short: bool = False) -> str:
    what = "une discipline" if count == 1 else f"{count} disciplines différentes"
    return what if short else f"le candidat choisit {what}"


def _absent_toggled(edit: QLineEdit, absent: bool) -> None:
    """R13a: an absent oral has no grade; the field says so."""
    if absent:
        edit.clear()
        edit.setPlaceholderText("absent(e) : l'oral ne compte pas (R13a)")
    else:
        edit.setPlaceholderText(GRADE_HINT)
    edit.setEnabled(not absent)


def _oral_text(choice: OralChoice) -> str:
    if choice.absent:
        return "absent(e)"
    return entry_text(choice.grade) or "sans note"


def _needed(cents: int | None) -> str:
    return "impossible" if cents is None else cents_text(cents, comma=True)


class OralsView(QWidget):
    """The Oraux view: candidates, and (when available) planning and documents tabs."""

    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QTabWidget

        self.hub = hub
        from btsdesk.gui.orals_planning import OralPlanning

        self.candidates = OralCandidates(hub)
        self.planning = OralPlanning(hub)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.candidates, "Candidats et notes d'oral")
        self.tabs.addTab(self.planning, "Planning")
        from btsdesk.gui.documents_tab import DocumentsTab

        self.documents = DocumentsTab(hub, selected=self._selected_number)
        self.tabs.addTab(self.documents, "Documents")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def _selected_number(self) -> str | None:
        row = self.candidates.current_row()
        return None if row is None else self.hub.service.candidates[row].number
