"""The conseil de classe of a first-year class (parcours de consolidation, domain.md §8): the
students from bac pro first, the team's observations, the proposal and its measures, the
student's answer, live counts, and the letters. Every write goes through
``btsdesk.app.classes`` (the view reads the store, never writes to it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app.classes import (
    add_follow_up,
    apply_class_preview,
    correct_origin,
    new_class,
    record_conseil,
)
from btsdesk.core.consolidation import (
    Answer,
    BacOrigin,
    Followed,
    Level,
    Measure,
    Observations,
    Proposal,
    conseil_counts,
    count_words,
)
from btsdesk.core.errors import InvalidInput
from btsdesk.gui.importing import ChooseSheet, ask_sheet
from btsdesk.gui.pickers import date_edit
from btsdesk.gui.widgets import FrozenColumns, fit_columns
from btsdesk.io.tabular import filled_sheets
from btsdesk.store.class_file import ClassStore
from btsdesk.store.errors import SessionFileError
from btsdesk.store.files import read_chosen

HEADERS = ("N°", "Nom", "Origine", "Statut", "À risque", "Parcours", "Mesures", "Durée", "Réponse")
AT_RISK = QColor("#ffe1b3")
INK = QColor("#000000")

# Shows a produced letter (PDF bytes); the preview dialog by default. Tests replace it.
ShowPdf = Callable[[str, bytes], None]


class ConseilView(QWidget):
    """Everything the autumn conseil de classe needs for one class file."""

    def __init__(
        self,
        store: ClassStore,
        show_pdf: ShowPdf | None = None,
        ask_file: Callable[[], Path | None] | None = None,
        parent: QWidget | None = None,
        choose_sheet: ChooseSheet | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.show_pdf = show_pdf or self._preview
        self.ask_file = ask_file or self._ask_file
        self.choose_sheet = choose_sheet or ask_sheet(self)
        self.rows: list[Followed] = []
        self.counts = QLabel()
        self.counts.setAccessibleName("Comptes du conseil de classe")
        self.counts.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Étudiants de la classe")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.currentCellChanged.connect(lambda *_: self.show_student())
        fit_columns(self.table, stretch_last=True)  # from the contents, the user's widths kept
        FrozenColumns(self.table, 2)  # number and name stay on the left

        identity = self._origin_box()
        self.levels: dict[str, QComboBox] = {}
        observations = QGroupBox("Observations de l'équipe pédagogique")
        form = QFormLayout(observations)
        for key, label in (
            ("academic", "Acquis académiques"),
            ("method", "Méthodologie"),
            ("autonomy", "Autonomie dans le travail personnel"),
            ("attendance", "Assiduité"),
        ):
            combo = QComboBox()
            combo.setAccessibleName(label)
            for level in Level:
                combo.addItem(level.label, level)
            self.levels[key] = combo
            form.addRow(label + " :", combo)
        self.note = QLineEdit()
        self.note.setAccessibleName("Remarque de l'équipe")
        form.addRow("Remarque :", self.note)

        proposal = QGroupBox("Proposition du conseil de classe")
        pform = QFormLayout(proposal)
        self.proposed = QCheckBox("Parcours de consolidation proposé")
        pform.addRow(self.proposed)
        self.measures: dict[Measure, QCheckBox] = {}
        for measure in Measure:
            box = QCheckBox(measure.label)
            self.measures[measure] = box
            pform.addRow(box)
        self.other = QLineEdit()
        self.other.setAccessibleName("Autre mesure")
        self.other.setPlaceholderText("si « autre » : laquelle")
        pform.addRow(self.other)
        self.years = QComboBox()
        self.years.setAccessibleName("Durée prévue")
        self.years.addItem("BTS en 2 ans", 2)
        self.years.addItem("BTS en 3 ans", 3)
        pform.addRow("Durée prévue :", self.years)
        self.answer = QComboBox()
        self.answer.setAccessibleName("Réponse de l'étudiant")
        for answer in Answer:
            self.answer.addItem(answer.label, answer)
        pform.addRow("Réponse :", self.answer)
        self.save_button = QPushButton("Enregistrer")
        self.save_button.clicked.connect(self.save)
        self.letter_button = QPushButton("Lettre de proposition…")
        self.letter_button.clicked.connect(self.letter)
        follow = QGroupBox("Suivi")
        fform = QFormLayout(follow)
        self.follow_list = QLabel()
        self.follow_list.setWordWrap(True)
        self.follow_list.setAccessibleName("Suivi de l'étudiant")
        self.follow_date = date_edit(date.today(), "Date du point de suivi")  # in French
        self.follow_note = QLineEdit()
        self.follow_note.setAccessibleName("Note de suivi")
        self.follow_note.setPlaceholderText("ex. entretien avec l'étudiant, point avec le tuteur")
        add = QPushButton("Ajouter au suivi")
        add.clicked.connect(self.add_follow_up)
        fform.addRow(self.follow_list)
        fform.addRow(self.follow_note)  # the note on its own line: read as typed
        row = QHBoxLayout()
        row.addWidget(self.follow_date)
        row.addStretch(1)
        row.addWidget(add)
        fform.addRow(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(identity)
        side.addWidget(observations)
        side.addWidget(proposal)
        side.addWidget(follow)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.letter_button)
        side.addLayout(buttons)
        side.addWidget(self.message)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        panel = QWidget()
        panel.setLayout(side)
        # The form scrolls rather than pushing the window past a 768-px screen (title bar
        # and task bar take their share).
        scroller = QScrollArea()
        scroller.setWidget(panel)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setMinimumWidth(panel.minimumSizeHint().width())
        body.addWidget(scroller, 2)
        self.import_button = QPushButton("Importer la liste des étudiants…")
        self.import_button.clicked.connect(self.import_list)
        self.summary_button = QPushButton("Synthèse du conseil (PDF)…")
        self.summary_button.clicked.connect(self.summary)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.summary_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body)
        self.refresh()

    def _origin_box(self) -> QGroupBox:
        """The bac d'origine, to correct by hand (an import without « Origine » column
        leaves « autre origine », §8), with the bac pro's specialty."""
        box = QGroupBox("Bac d'origine")
        self.origin = QComboBox()
        self.origin.setAccessibleName("Bac d'origine de l'étudiant")
        for origin in BacOrigin:
            self.origin.addItem(origin.label, origin)
        self.origin_specialty = QLineEdit()
        self.origin_specialty.setAccessibleName("Spécialité du bac pro")
        self.origin_specialty.setPlaceholderText("spécialité du bac pro (si connue)")
        self.origin.currentIndexChanged.connect(
            lambda _i: self.origin_specialty.setEnabled(
                self.origin.currentData() is BacOrigin.PROFESSIONNEL
            )
        )
        self.origin_button = QPushButton("Corriger l'origine")
        self.origin_button.clicked.connect(self.save_origin)
        grid = QGridLayout(box)  # the specialty on its own line: read whole at 1024 px
        grid.addWidget(self.origin, 0, 0)
        grid.addWidget(self.origin_button, 0, 1)
        grid.addWidget(self.origin_specialty, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        return box

    def save_origin(self) -> bool:
        """The selected student's origin as chosen, through the app (logged)."""
        item = self.current()
        if item is None:
            self.message.setText("Choisissez d'abord un étudiant.")
            return False
        number = item.student.number
        try:
            said = correct_origin(
                self.store, number, self.origin.currentData(), self.origin_specialty.text()
            )
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.message.setText(said[:1].upper() + said[1:] + " (inscrit au journal).")
        self.refresh()
        self.select(number)
        return True

    def import_list(self) -> bool:
        """A Cyclades list or a spreadsheet of the class, all or nothing."""
        from btsdesk.io.class_import import read_class_list
        from btsdesk.io.problems import ImportRefused

        path = self.ask_file()
        if path is None:
            return False
        try:
            data = read_chosen(path)
            sheet = None
            sheets = filled_sheets(data)
            if len(sheets) > 1:  # never the active sheet silently (issue 12), as the main window
                sheet = self.choose_sheet(path.name, sheets)
                if sheet is None:
                    self.message.setText("Import annulé : rien n'a été écrit.")
                    return False
            preview = read_class_list(data, path.name, sheet=sheet)
            added, updated = apply_class_preview(self.store, preview)
        except ImportRefused as refused:
            self.message.setText(f"Import refusé, rien n'a été écrit :\n{refused}")
            return False
        except (OSError, SessionFileError) as exc:
            self.message.setText(f"Import impossible : {exc}")
            return False
        warnings = "\n".join(f"Attention : {w}" for w in preview.warnings)
        self.message.setText(
            f"{added} étudiant(s) ajouté(s), {updated} mis à jour."
            + (f"\n{warnings}" if warnings else "")
        )
        self.refresh()
        return True

    def summary(self) -> bytes:
        from btsdesk.app.consolidation_documents import conseil_summary

        data = conseil_summary(self.store, date.today())
        self.show_pdf("Synthèse du conseil de classe", data)
        return data

    def _ask_file(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self, "Liste des étudiants", "", "Tableur ou liste Cyclades (*.csv *.xlsx)"
        )
        return Path(name) if name else None

    # -- the list ---------------------------------------------------------------------------

    def refresh(self) -> None:
        followed = self.store.followed()
        # The students from bac pro first (the circular's public), then by name.
        self.rows = sorted(
            followed,
            key=lambda f: (
                f.student.origin is not BacOrigin.PROFESSIONNEL,
                f.student.surname.upper(),
                f.student.given_name,
            ),
        )
        counts = conseil_counts(followed)
        self.counts.setText(
            " · ".join(f"{value} {count_words(label, value)}" for label, value in counts.items())
        )
        current = self.current()
        self.table.setRowCount(len(self.rows))
        for line, item in enumerate(self.rows):
            for column, text in enumerate(_cells(item)):
                cell = QTableWidgetItem(text)
                if item.at_risk:
                    cell.setBackground(QBrush(AT_RISK))
                    cell.setForeground(QBrush(INK))
                self.table.setItem(line, column, cell)
        fit_columns(self.table, stretch_last=True)
        if current is not None:
            numbers = [f.student.number for f in self.rows]
            self.table.setCurrentCell(numbers.index(current.student.number), 0)

    def current(self) -> Followed | None:
        line = self.table.currentRow()
        return self.rows[line] if 0 <= line < len(self.rows) else None

    def select(self, number: str) -> None:
        numbers = [f.student.number for f in self.rows]
        self.table.setCurrentCell(numbers.index(number), 0)

    # -- the selected student -----------------------------------------------------------------

    def show_student(self) -> None:
        item = self.current()
        if item is None:
            return
        student = item.student
        self.origin.setCurrentIndex(self.origin.findData(student.origin))
        self.origin_specialty.setText(student.bac_pro_specialty)
        self.origin_specialty.setEnabled(student.origin is BacOrigin.PROFESSIONNEL)
        observations = item.observations
        for key, combo in self.levels.items():
            level = getattr(observations, key) if observations else Level.SATISFAISANT
            combo.setCurrentIndex(combo.findData(level))
        self.note.setText(observations.note if observations else "")
        proposal = item.proposal
        self.proposed.setChecked(bool(proposal and proposal.proposed))
        for measure, box in self.measures.items():
            box.setChecked(bool(proposal and measure in proposal.measures))
        self.other.setText(proposal.other_measure if proposal else "")
        self.years.setCurrentIndex(self.years.findData(proposal.planned_years if proposal else 2))
        self.answer.setCurrentIndex(
            self.answer.findData(proposal.answer if proposal else Answer.EN_ATTENTE)
        )
        self.letter_button.setEnabled(bool(proposal and proposal.proposed))
        notes = self.store.follow_ups(item.student.number)
        self.follow_list.setText(
            "\n".join(f"{date.fromisoformat(f.date):%d/%m/%Y} — {f.note}" for f in notes)
            or "Aucun point de suivi."
        )

    def add_follow_up(self) -> bool:
        item = self.current()
        note = self.follow_note.text().strip()
        if item is None or not note:
            self.message.setText("Choisissez un étudiant et écrivez la note de suivi.")
            return False
        day = self.follow_date.date().toString("yyyy-MM-dd")
        try:
            add_follow_up(self.store, item.student.number, day, note)
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.follow_note.clear()
        self.show_student()
        return True

    def save(self) -> bool:
        item = self.current()
        if item is None:
            return False
        number = item.student.number
        try:
            observations = Observations(
                academic=self.levels["academic"].currentData(),
                method=self.levels["method"].currentData(),
                autonomy=self.levels["autonomy"].currentData(),
                attendance=self.levels["attendance"].currentData(),
                note=self.note.text().strip(),
            )
            proposal = Proposal(
                proposed=self.proposed.isChecked(),
                measures=frozenset(m for m, box in self.measures.items() if box.isChecked()),
                planned_years=self.years.currentData(),
                answer=self.answer.currentData(),
                other_measure=self.other.text().strip(),
            )
            record_conseil(self.store, number, observations, proposal)
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.message.setText("Enregistré (inscrit au journal).")
        self.refresh()
        self.select(number)
        return True

    def letter(self) -> bytes | None:
        """The proposal letter of the selected student, to print or save."""
        from btsdesk.app.consolidation_documents import proposal_letter

        item = self.current()
        if item is None or item.proposal is None or not item.proposal.proposed:
            self.message.setText("Pas de parcours proposé : pas de lettre.")
            return None
        data = proposal_letter(self.store, item.student.number, issued_on=date.today())
        self.show_pdf(f"Lettre — {item.student.surname.upper()} {item.student.given_name}", data)
        return data

    def _preview(self, title: str, data: bytes) -> None:
        from btsdesk.gui.pdf_pages import PreviewDialog

        PreviewDialog(title, data, self).exec()


def _cells(item: Followed) -> list[str]:
    student, proposal = item.student, item.proposal
    measures = ", ".join(m.label for m in proposal.sorted_measures()) if proposal else ""
    return [
        student.number,
        f"{student.surname.upper()} {student.given_name}",
        student.origin.label,
        student.status.label,
        "⚠ oui" if item.at_risk else "",
        ("proposé" if proposal.proposed else "non") if proposal else "",
        measures,
        f"{proposal.planned_years} ans" if proposal and proposal.proposed else "",
        proposal.answer.label if proposal and proposal.proposed else "",
    ]


@dataclass(frozen=True)
class NewClass:
    """What the « Nouvelle classe » form gives back."""

    path: Path
    year: int
    etablissement: str
    division: str
    specialty_label: str
    operator: str


# Asks the new class's file and header (the form by default); None when cancelled.
AskNewClass = Callable[[], NewClass | None]
SUFFIX = ".btsdesk-classe"


def rentree_year(today: date) -> int:
    """The rentrée of the first year a class file is made for: this year's from June on,
    else last year's (a class made in March is the one that started in September)."""
    return today.year if today.month >= 6 else today.year - 1


class NewClassDialog(QDialog):
    """The file of a first-year class: rentrée, établissement, division, specialty,
    operator, and where to save it."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        specialty: str = "",
        operator: str = "",
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nouvelle classe de 1re année (parcours de consolidation)")
        self.folder = folder or Path.home()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(rentree_year(date.today()))
        self.year.setAccessibleName("Année de la rentrée")
        self.etablissement = QLineEdit()
        self.etablissement.setAccessibleName("Établissement")
        self.etablissement.setPlaceholderText("Lycée Jean-Moulin")
        self.division = QLineEdit()
        self.division.setAccessibleName("Division")
        self.division.setPlaceholderText("1re année BTS MCO A")
        self.specialty = QLineEdit(specialty)
        self.specialty.setAccessibleName("Spécialité")
        self.specialty.setPlaceholderText("BTS MCO")
        self.operator = QLineEdit(operator)
        self.operator.setAccessibleName("Opérateur")
        self.operator.setPlaceholderText("qui saisit : inscrit au journal")
        self.file = QLineEdit()
        self.file.setAccessibleName("Fichier de la classe")
        self.file.setPlaceholderText(f"nom du fichier ({SUFFIX})")
        choose = QPushButton("C&hoisir…")
        choose.clicked.connect(self._choose_file)
        where = QHBoxLayout()
        where.addWidget(self.file, 1)
        where.addWidget(choose)
        form = QFormLayout()
        form.addRow("&Rentrée de septembre :", self.year)
        form.addRow("Éta&blissement :", self.etablissement)
        form.addRow("&Division :", self.division)
        form.addRow("&Spécialité :", self.specialty)
        form.addRow("&Opérateur :", self.operator)
        form.addRow("&Fichier :", where)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.division.textChanged.connect(self._suggest_file)

    def values(self) -> NewClass:
        name = self.file.text().strip()
        path = Path(name) if name else Path()
        if name and not path.is_absolute():
            path = self.folder / path
        if name and not path.name.endswith(SUFFIX):
            path = path.with_name(path.name + SUFFIX)
        return NewClass(
            path,
            self.year.value(),
            self.etablissement.text().strip(),
            self.division.text().strip(),
            self.specialty.text().strip(),
            self.operator.text().strip(),
        )

    def problem(self) -> str:
        values = self.values()
        for label, value in (
            ("l'établissement", values.etablissement),
            ("la division", values.division),
            ("la spécialité", values.specialty_label),
            ("l'opérateur", values.operator),
            ("le fichier", self.file.text().strip()),
        ):
            if not value:
                return f"Indiquez {label}."
        if values.path.exists():
            return f"« {values.path.name} » existe déjà : choisissez un autre nom."
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.note.setText(problem)
            return
        super().accept()

    def _suggest_file(self, division: str) -> None:
        """A file name from the division while none is typed (« 1re-annee-BTS-MCO-A »)."""
        if self.file.isModified():
            return
        words = "-".join(division.split())
        self.file.setText(f"{words}{SUFFIX}" if words else "")

    def _choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(
            self, "Fichier de la classe", str(self.folder), f"Classe btsdesk (*{SUFFIX})"
        )
        if name:
            self.file.setText(name)
            self.file.setModified(True)


def ask_new_class_dialog(
    parent: QWidget, *, specialty: str = "", operator: str = "", folder: Path | None = None
) -> AskNewClass:
    def ask() -> NewClass | None:
        dialog = NewClassDialog(parent, specialty=specialty, operator=operator, folder=folder)
        return dialog.values() if dialog.exec() else None

    return ask


def create_class(answer: NewClass) -> ClassStore:
    """The class file the form describes, made through the app and open."""
    return new_class(
        answer.path,
        year=answer.year,
        etablissement=answer.etablissement,
        division=answer.division,
        specialty_label=answer.specialty_label,
        operator=answer.operator,
    )


class ClassWindow(QMainWindow):
    """A class file's window, with its own Fichier menu: a new class, another class."""

    def __init__(
        self,
        store: ClassStore,
        show_pdf: ShowPdf | None = None,
        ask_new_class: AskNewClass | None = None,
    ) -> None:
        super().__init__()
        self.show_pdf = show_pdf
        self.ask_new_class = ask_new_class or ask_new_class_dialog(self)
        self.store = store
        self.view = ConseilView(store, show_pdf)
        self.setCentralWidget(self.view)
        files = self.menuBar().addMenu("&Fichier")
        self.new_action = QAction("&Nouvelle classe de 1re année…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_class)
        self.open_action = QAction("&Ouvrir une classe…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._open_dialog)
        self.close_action = QAction("&Fermer", self)
        self.close_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_action.triggered.connect(self.close)
        for action in (self.new_action, self.open_action, self.close_action):
            files.addAction(action)
        self._titled()
        self.resize(1280, 800)
        available = self.screen().availableGeometry()  # a 1024×768 screen: within it
        self.resize(min(self.width(), available.width()), min(self.height(), available.height()))

    def show_class(self, store: ClassStore) -> None:
        """Another class file in this window (the one shown before is closed)."""
        self.store.close()
        self.store = store
        old = self.view
        self.view = ConseilView(store, self.show_pdf)
        self.setCentralWidget(self.view)
        old.deleteLater()
        self._titled()

    def new_class(self) -> bool:
        answer = self.ask_new_class()
        if answer is None:
            return False
        try:
            store = create_class(answer)
        except (InvalidInput, SessionFileError) as exc:
            self.view.message.setText(f"Création refusée : {exc}")
            return False
        self.show_class(store)
        return True

    def _open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from btsdesk.app.classes import open_class

        name, _ = QFileDialog.getOpenFileName(
            self, "Ouvrir une classe", "", f"Classe btsdesk (*{SUFFIX})"
        )
        if not name:
            return
        try:
            self.show_class(open_class(Path(name)))
        except SessionFileError as exc:
            self.view.message.setText(f"Ouverture impossible : {exc}")

    def _titled(self) -> None:
        details = self.store.details()
        self.setWindowTitle(
            f"btsdesk — classe {details.division} (rentrée {details.year}) — {self.store.path.name}"
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.store.close()
        super().closeEvent(event)
