"""Oraux: the candidates of the épreuves de contrôle, their authorisation (R22), the choice
of discipline among those offered (R12/R15) with the points needed next to each (R17), the
oral grades and the final results (R13/R16). The planning and the documents are two more
tabs (orals_planning.py, documents_tab.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import entry_text, parse_oral_grade
from btsdesk.core.numbers import cents_text, fr
from btsdesk.core.results import Decision, OralChoice
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import LazyRefresh
from btsdesk.store.errors import SessionFileError

HEADERS = ("N° candidat", "Nom", "Autorisé (R22)", "Disciplines proposées", "Choix",
           "Points nécessaires (R17)", "Notes d'oral", "Moyenne finale", "Décision finale")
NONE = "—"


class OralCandidates(LazyRefresh, QWidget):
    """The list of candidates in contrôle and, for the selected one, the choice and grades."""

    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.rows: list[int] = []  # service rows shown, in table order
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.levels = QSpinBox()
        self.levels.setRange(1, 9)
        self.levels.setAccessibleName("Niveaux de coefficient proposés (R12)")
        self.levels_button = QPushButton("Appliquer")
        self.levels_button.clicked.connect(self.apply_levels)
        self.levels_row = QWidget()
        levels_layout = QHBoxLayout(self.levels_row)
        levels_layout.setContentsMargins(0, 0, 0, 0)
        levels_layout.addWidget(QLabel("Oral général : disciplines aux"))
        levels_layout.addWidget(self.levels)
        levels_layout.addWidget(QLabel("coefficients les plus élevés (R12 ; 1 = le texte, "
                                       "plus = élargissement, inscrit au journal)"))
        levels_layout.addWidget(self.levels_button)
        levels_layout.addStretch(1)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Candidats aux épreuves de contrôle")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda *_: self.show_candidate())

        self.detail = QGroupBox("Candidat")
        form = QFormLayout(self.detail)
        self.choices: list[QComboBox] = []
        self.grades: list[QLineEdit] = []
        self.choice_labels: list[QLabel] = []
        self.grade_labels: list[QLabel] = []
        for index in range(2):
            combo = QComboBox()
            combo.setAccessibleName(f"Discipline de l'oral {index + 1}")
            label = QLabel()
            form.addRow(label, combo)
            self.choices.append(combo)
            self.choice_labels.append(label)
        for index in range(2):
            edit = QLineEdit()
            edit.setPlaceholderText("note sur 20 (vide : pas encore de note)")
            edit.setAccessibleName(f"Note de l'oral {index + 1}")
            label = QLabel()
            form.addRow(label, edit)
            edit.returnPressed.connect(self.save_and_next)
            self.grades.append(edit)
            self.grade_labels.append(label)
        self.save_button = QPushButton("Enregistrer le choix et les notes")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.save_button)
        form.addRow(self.message)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.levels_row)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(self.detail, 1)
        layout.addLayout(body)
        self.watch(hub)
        self.refresh()

    # -- the list -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        service = self.hub.service
        regime = service.evaluator.rules.regime
        self.rows = [row for row, result in enumerate(service.results)
                     if result.decision is Decision.CONTROLE]
        authorised = sum(1 for row in self.rows
                         if service.authorisations.get(service.candidates[row].number))
        self.intro.setText(
            f"{len(self.rows)} candidat(s) aux épreuves de contrôle, dont {authorised} "
            f"autorisé(s) par le jury (R22) — régime {regime.code} ({regime.title}) ; la note "
            f"de l'oral suit la règle {regime.final_rule}.")
        self.levels_row.setVisible(regime.code == "2021")
        self.levels.setValue(service.evaluator.rules.general_oral_levels)
        current = self.current_row()
        self.table.setRowCount(len(self.rows))
        for line, row in enumerate(self.rows):
            for column, text in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)
                self.table.setItem(line, column, item)
        self.table.resizeColumnsToContents()
        if current in self.rows:
            self.table.setCurrentCell(self.rows.index(current), 0)
        self.show_candidate()

    def _cells(self, row: int) -> list[str]:
        service = self.hub.service
        candidate, result = service.candidates[row], service.results[row]
        label = service.evaluator.rules.regime.key_label
        orals = service.orals_of(row)
        needed = " · ".join(f"{label(key)} {_needed(cents)}"
                            for key, cents in result.needed.items())
        chosen = ", ".join(choice.discipline or label(key) for key, choice in orals.items())
        grades = " · ".join(f"{choice.discipline or label(key)} "
                            f"{entry_text(choice.grade) or 'sans note'}"
                            for key, choice in orals.items())
        return [candidate.number, candidate.full_name,
                "oui" if service.authorisations.get(candidate.number) else "non",
                ", ".join(result.options), chosen or NONE, needed, grades or NONE,
                fr(result.final_average) if result.final_average is not None else "",
                result.final_decision.label if result.final_decision else ""]

    def current_row(self) -> int | None:
        line = self.table.currentRow()
        return self.rows[line] if 0 <= line < len(self.rows) else None

    def select(self, row: int) -> None:
        self.refresh()
        self.table.setCurrentCell(self.rows.index(row), 0)

    # -- the selected candidate ---------------------------------------------------------

    def oral_keys(self, row: int) -> list[str]:
        """Regime 2021: the two domains; regime 2022: the two disciplines chosen (R11, R15)."""
        regime = self.hub.service.evaluator.rules.regime
        if regime.code == "2021":
            return ["general", "professional"]
        return list(self.hub.service.orals_of(row))

    def show_candidate(self) -> None:
        row = self.current_row()
        service = self.hub.service
        closed = service.phase == "clos"
        self.detail.setEnabled(row is not None and not closed)
        if row is None:
            self.detail.setTitle("Candidat")
            return
        candidate, result = service.candidates[row], service.results[row]
        authorised = service.authorisations.get(candidate.number, False)
        self.detail.setTitle(f"{candidate.number} — {candidate.full_name}")
        regime = service.evaluator.rules.regime
        orals = service.orals_of(row)
        needed = result.needed
        if regime.code == "2021":
            titles = ["Discipline de l'oral général (R12)", "Oral professionnel"]
            offered: list[list[str]] = [list(result.options), []]
            chosen = [orals.get("general", OralChoice(None, None)).discipline, None]
            grades = [orals.get("general"), orals.get("professional")]
            grade_titles = ["Note de l'oral général", "Note de l'oral professionnel"]
        else:
            titles = ["Première discipline (R15)", "Seconde discipline (R15)"]
            offered = [list(result.options), list(result.options)]
            keys = list(orals)
            chosen = [keys[0] if keys else None, keys[1] if len(keys) > 1 else None]
            grades = [orals.get(key) if key else None for key in chosen]
            grade_titles = [f"Note de l'oral {index + 1}" for index in range(2)]
        for index in range(2):
            combo = self.choices[index]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("(à choisir)", None)
            for code in offered[index]:
                combo.addItem(f"{code} — il faut {_needed(needed.get(code))}"
                              if code in needed else code, code)
            combo.setCurrentIndex(max(0, combo.findData(chosen[index])))
            combo.setVisible(bool(offered[index]))
            combo.blockSignals(False)
            self.choice_labels[index].setText(titles[index])
            self.choice_labels[index].setVisible(bool(offered[index]))
            grade = grades[index]
            self.grades[index].setText(entry_text(grade.grade) if grade else "")
            self.grade_labels[index].setText(grade_titles[index])
        self.save_button.setEnabled(authorised)
        self.message.setText("" if authorised else
                             "Le jury doit d'abord autoriser ce candidat aux oraux (R22), "
                             "dans la vue Délibération.")

    def save(self) -> bool:
        row = self.current_row()
        if row is None:
            return False
        try:
            changes = self._changes(row)
            if not self.hub.edit_orals(row, changes):
                return False
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.select(row)
        result = self.hub.service.results[row]
        self.message.setText(
            "Enregistré." + (f" Moyenne finale {fr(result.final_average)} → "
                             f"{result.final_decision.label}."
                             if result.final_average is not None and result.final_decision
                             else ""))
        return True

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

    def _changes(self, row: int) -> dict[str, OralChoice | None]:
        """The orals as the form says, as changes against what is recorded."""
        regime = self.hub.service.evaluator.rules.regime
        grades = [self._grade(index) for index in range(2)]
        current = self.hub.service.orals_of(row)
        if regime.code == "2021":
            discipline = self.choices[0].currentData()
            if discipline is None:
                raise InvalidInput("choisissez la discipline de l'oral général (R12)")
            return {"general": OralChoice(discipline, grades[0]),
                    "professional": OralChoice(None, grades[1])}
        chosen = [self.choices[index].currentData() for index in range(2)]
        picked = [code for code in chosen if code]
        if len(set(picked)) != len(picked):
            raise InvalidInput("les deux disciplines doivent être différentes (R15)")
        changes: dict[str, OralChoice | None] = {key: None for key in current
                                                 if key not in picked}
        for index, code in enumerate(chosen):
            if code:
                changes[code] = OralChoice(code, grades[index])
        return changes

    def _grade(self, index: int) -> int | None:
        text = self.grades[index].text().strip()
        if not text:
            return None
        try:
            return parse_oral_grade(text)
        except InvalidInput as exc:
            raise exc.within(self.grade_labels[index].text()) from None

    def apply_levels(self) -> bool:
        try:
            self.hub.service.store.set_general_oral_levels(self.levels.value())
        except SessionFileError as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.hub.reload()
        return True


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
