"""The first-run assistant: a new session step by step (règlement with its lines "à
vérifier", regime and dates, jury, candidates and grades imported with their preview), or
the demo session. A template saved from last year's session fills the first steps.

The session is created, its jury added and its files imported by the application layer
(``JurySession``, ``btsdesk.app.imports``); an import asks the same confirmation as
Fichier › Importer before it writes."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QFile
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from btsdesk.app.session import JurySession, checked_delegate, checked_notice
from btsdesk.app.templates import load_template
from btsdesk.core.catalog import load_reglement
from btsdesk.core.errors import InvalidInput
from btsdesk.core.jury import PROFESSIONAL, STATUSES, TEACHER
from btsdesk.core.records import SessionDetails
from btsdesk.core.reglement import Specialty, parse_specialty, unverified_words
from btsdesk.gui.importing import Confirm, ask_import_confirmation, import_file
from btsdesk.gui.pickers import DAY_FORMAT, french
from btsdesk.paths import reglements_dir, ui_dir, user_reglements_dir
from btsdesk.store.errors import SessionFileError
from btsdesk.store.session import SessionStore


def reglement_files() -> dict[str, Path]:
    """Shipped règlements, then the ones the user added (same file name: the user's wins)."""
    files = {path.stem: path for path in sorted(reglements_dir().glob("*.json"))}
    if user_reglements_dir().is_dir():
        files.update({path.stem: path for path in sorted(user_reglements_dir().glob("*.json"))})
    return files


class Assistant(QWizard):
    """``service`` is the created session (open) after ``accept()``; ``wants_demo`` is True
    when the user chose the demo session. ``confirm`` asks before an import writes (the
    question of Fichier › Importer by default); tests replace it."""

    def __init__(self, parent: QWidget | None = None, *, confirm: Confirm | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nouvelle session — assistant")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.confirm = confirm or ask_import_confirmation(self)
        self.service: JurySession | None = None
        self.wants_demo = False
        self.template: dict[str, Any] | None = None
        self._work: Path | None = None  # the session is built here, moved into place at the end
        self.welcome = WelcomePage(self)
        self.reglement = ReglementPage(self)
        self.session = SessionPage(self)
        self.jury = JuryPage(self)
        self.imports = ImportPage(self)
        for page in (self.welcome, self.reglement, self.session, self.jury, self.imports):
            self.addPage(page)
        self.resize(820, 620)

    @property
    def store(self) -> SessionStore | None:
        return self.service.store if self.service is not None else None

    # The session file is created when the session page is done, in a working folder, so
    # that the imports can be previewed against it; it is moved to its place at the end.
    def build(self) -> JurySession:
        s = self.session
        target = s.target()
        if target.exists():
            raise SessionFileError(f"« {target.name} » existe déjà : choisissez un autre nom")
        path = self.reglement.current_file()
        reglement = (
            self.template["reglement"]
            if self.template and self.reglement.use_template()
            else json.loads(path.read_text(encoding="utf-8-sig"))
        )
        operator = s.operator.text().strip()
        if not operator:
            raise InvalidInput("indiquez le nom de l'opérateur : il signe le journal")
        self.discard()
        self._work = Path(tempfile.mkdtemp(prefix="btsdesk-assistant-"))
        details = SessionDetails(
            year=s.year.value(),
            specialty_code=str(reglement.get("code", "")),
            regime=s.regime.currentData(),
            academie=s.academie.text(),
            centre=s.centre.text(),
            signatory_delegate=checked_delegate(s.delegate.text()),
            results_notice=checked_notice(s.results.text()),
            title=f"Session {s.year.value()}",
            proclamation=s.proclamation.date().toString("yyyy-MM-dd"),
            general_oral_levels=int((self.template or {}).get("general_oral_levels", 1)),
        )
        self.service = JurySession.create(
            self._work / target.name, reglement=reglement, details=details, operator=operator
        )
        return self.service

    def finish(self) -> JurySession:
        """Close the working copy, move it into place, reopen it there."""
        assert self.service is not None
        assert self._work is not None
        self.service = self.service.move_to(self.session.target())
        shutil.rmtree(self._work, ignore_errors=True)
        self._work = None
        return self.service

    def discard(self) -> None:
        if self.service is not None:
            self.service.close()
            self.service = None
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None

    def accept(self) -> None:
        if self.wants_demo:
            super().accept()
            return
        try:
            self.finish()
        except (OSError, SessionFileError) as exc:
            self.imports.preview.setPlainText(f"Refusé : {exc}")
            return
        super().accept()

    def reject(self) -> None:
        self.discard()
        super().reject()


class WelcomePage(QWizardPage):
    def __init__(self, wizard: Assistant) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Bienvenue dans btsdesk")
        self.setSubTitle(
            "La salle de jury du BTS : notes, délibération, épreuves de contrôle, "
            "convocations et PV, sur cet ordinateur, sans réseau."
        )
        self.new = QRadioButton("Créer une nouvelle session (règlement, jury, candidats, notes)")
        self.demo = QRadioButton("Ouvrir la session de démonstration (40 candidats fictifs)")
        self.new.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new)
        layout.addWidget(self.demo)

    def validatePage(self) -> bool:
        self.wizard_.wants_demo = self.demo.isChecked()
        if self.wants_demo():
            self.wizard_.accept()
            return False
        return True

    def wants_demo(self) -> bool:
        return self.demo.isChecked()


class ReglementPage(QWizardPage):
    def __init__(self, wizard: Assistant) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Spécialité et règlement d'examen")
        self.setSubTitle(
            "Les lignes marquées « à vérifier » n'ont pas pu être lues dans le "
            "texte officiel : corrigez-les dans la vue Règlement avant de délibérer."
        )
        self.files = reglement_files()
        self.choice = QComboBox()
        self.choice.setAccessibleName("Règlement d'examen")
        for key, path in self.files.items():
            try:
                self.choice.addItem(load_reglement(path).label, key)
            except InvalidInput:
                continue
        self.flags = QTextBrowser()
        self.flags.setAccessibleName("Lignes à vérifier")
        self.template_label = QLabel()
        self.template_button = QPushButton("Partir du modèle de l'an dernier…")
        self.template_button.clicked.connect(self.choose_template)
        row = QHBoxLayout()
        row.addWidget(self.template_button)
        row.addWidget(self.template_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)
        layout.addLayout(row)
        layout.addWidget(QLabel("Lignes du règlement :"))
        layout.addWidget(self.flags)
        self.choice.currentIndexChanged.connect(self.show_lines)
        self.show_lines()

    def current_file(self) -> Path:
        return self.files[self.choice.currentData()]

    def use_template(self) -> bool:
        return self.wizard_.template is not None

    def specialty(self) -> Specialty:
        """The règlement chosen: last year's (template) or a shipped or added file."""
        if self.wizard_.template is not None:
            return parse_specialty(self.wizard_.template["reglement"])
        return load_reglement(self.current_file())

    def show_lines(self) -> None:
        specialty = load_reglement(self.current_file())
        lines = [f"{specialty.label} — {specialty.sessions_label or 'sessions non précisées'}"]
        for line in specialty.lines:
            flag = (
                f" — ⚠ à vérifier ({unverified_words(line)}) : {line.to_check}"
                if not line.verified
                else ""
            )
            coefficient = (
                "facultative"
                if line.facultative and not line.coefficient_given
                else f"coef. {line.coefficient}"
            )
            lines.append(f"{line.code} {line.title} ({coefficient}){flag}")
        self.flags.setPlainText("\n".join(lines))

    def choose_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Modèle de session", "", "Modèle (*.json)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> bool:
        try:
            template = load_template(path)
        except InvalidInput as exc:
            self.template_label.setText(f"⚠ {exc}")
            return False
        self.wizard_.template = template
        reglement = template["reglement"]
        self.template_label.setText(
            f"Modèle : {path.name} ({reglement.get('code', '')} "
            f"{reglement.get('version', '')}, règlement tel que "
            "corrigé l'an dernier)"
        )
        self.choice.setEnabled(False)
        session = self.wizard_.session
        session.regime.setCurrentIndex(session.regime.findData(template.get("regime")))
        session.academie.setText(template.get("academie", ""))
        session.centre.setText(template.get("centre", ""))
        self.wizard_.jury.members.setPlainText(
            "\n".join(
                f"{m['name']} ; {m['quality']} ; {m['role']}"
                + (f" ; {m['status']}" if m.get("status") else "")
                for m in template.get("jury", [])
            )
        )
        return True


W = TypeVar("W", bound=QWidget)


def named(form: QWidget, kind: type[W], name: str) -> W:
    """The widget called `name` in a form loaded from a .ui file."""
    child = form.findChild(kind, name)
    if child is None:
        raise LookupError(f"{name}: no such {kind.__name__} in the form")
    return child


class SessionPage(QWizardPage):
    """The session's details; the form is ui/session_page.ui (Qt Designer)."""

    def __init__(self, wizard: Assistant) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("La session")
        file = QFile(str(ui_dir() / "session_page.ui"))
        file.open(QFile.OpenModeFlag.ReadOnly)
        form = QUiLoader().load(file, self)
        file.close()
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        self.regime = named(form, QComboBox, "regime")
        self.year = named(form, QSpinBox, "year")
        self.proclamation = named(form, QDateEdit, "proclamation")
        french(self.proclamation, DAY_FORMAT, calendar=True)  # « ven. 03/07/2026 »
        self.academie = named(form, QLineEdit, "academie")
        self.centre = named(form, QLineEdit, "centre")
        self.delegate = named(form, QLineEdit, "delegate")  # §5: who signs the letters
        self.results = named(form, QLineEdit, "results")  # §5: where results are posted
        self.operator = named(form, QLineEdit, "operator")
        self.file = named(form, QLineEdit, "file")
        self.note = named(form, QLabel, "note")
        self.regime.addItem("2022 — épreuves de contrôle (décret 2022-850)", "2022")
        self.regime.addItem("2021 — session exceptionnelle (décret 2021-417)", "2021")
        self.year.setValue(date.today().year)
        self.proclamation.setDate(QDate.currentDate())
        named(form, QPushButton, "browse").clicked.connect(self._browse)
        self.year.valueChanged.connect(self.check_year)

    def initializePage(self) -> None:
        self.check_year()

    def check_year(self) -> str | None:
        """§7: warns (never blocks) when the règlement chosen does not serve the year."""
        try:
            warning = self.wizard_.reglement.specialty().session_warning(self.year.value())
        except InvalidInput:
            warning = None
        self.note.setText(f"⚠ Attention : {warning}." if warning else "")
        return warning

    def target(self) -> Path:
        text = self.file.text().strip()
        if not text:
            raise InvalidInput("choisissez le fichier de la session")
        return Path(text if text.endswith(".btsdesk") else text + ".btsdesk")

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Fichier de session", "", "Session btsdesk (*.btsdesk)"
        )
        if name:
            self.file.setText(name)

    def validatePage(self) -> bool:
        try:
            self.wizard_.build()
        except (InvalidInput, SessionFileError) as exc:
            self.note.setText(f"⚠ {exc}")
            return False
        self.note.clear()
        return True


class JuryPage(QWizardPage):
    def __init__(self, wizard: Assistant) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Le jury")
        self.setSubTitle(
            "Un membre par ligne : nom ; enseignant ou professionnel ; président "
            "ou membre ; et, si vous le savez, public, privé, enseignant-chercheur "
            "ou IA-IPR. Les présences se cochent dans la vue Jury (R25)."
        )
        self.members = QPlainTextEdit()
        self.members.setAccessibleName("Membres du jury")
        self.members.setPlaceholderText(
            "Pr Anne Morel ; enseignant ; président ; "
            "enseignant-chercheur\n"
            "M. Paul Girard ; enseignant ; membre ; public\n"
            "Mme Lise Martin ; professionnel ; membre"
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.members)
        layout.addWidget(self.note)

    def parsed(self) -> list[tuple[str, str, str, str]]:
        found = []
        statuses = {status.lower(): status for status in STATUSES}
        for number, line in enumerate(self.members.toPlainText().splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            quality = parts[1].lower() if len(parts) > 1 else ""
            role = parts[2].lower() if len(parts) > 2 and parts[2] else "membre"
            status = parts[3].lower() if len(parts) > 3 else ""
            if (
                quality not in (TEACHER, PROFESSIONAL)
                or role not in ("président", "membre")
                or status not in statuses
            ):
                raise InvalidInput(
                    f"ligne {number} : « {line} » — attendu « nom ; enseignant "
                    "ou professionnel ; président ou membre » puis, si vous le "
                    "savez, « ; public », « ; privé », « ; enseignant-chercheur »"
                    " ou « ; IA-IPR »"
                )
            found.append((parts[0], quality, role, statuses[status]))
        return found

    def validatePage(self) -> bool:
        service = self.wizard_.service
        assert service is not None
        try:
            members = self.parsed()
            if sum(role == "président" for _name, _quality, role, _status in members) > 1:
                raise InvalidInput(
                    "un seul président ou une seule présidente par jury : "
                    "les autres sont « membre »"
                )
            known = {m["name"] for m in service.jury_members()}
            for name, quality, role, status in members:
                if name not in known:
                    service.add_jury_member(
                        name, quality, president=role == "président", status=status
                    )
        except (InvalidInput, SessionFileError) as exc:
            self.note.setText(f"⚠ {exc}")
            return False
        return True


class ImportPage(QWizardPage):
    def __init__(self, wizard: Assistant) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Candidats et notes")
        self.setSubTitle(
            "La liste Cyclades (« Liste simple ») puis, si vous l'avez, le "
            "relevé de notes (CSV ou XLSX). Chaque import est tout ou rien : "
            "l'aperçu montre d'abord chaque problème, ligne et colonne."
        )
        self.candidates = QLineEdit()
        self.candidates.setAccessibleName("Fichier des candidats")
        self.grades = QLineEdit()
        self.grades.setAccessibleName("Fichier des notes")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Aperçu de l'import")
        form = QFormLayout()
        for label, edit in (
            ("Candidats (Cyclades)", self.candidates),
            ("Notes (CSV, XLSX)", self.grades),
        ):
            row = QHBoxLayout()
            row.addWidget(edit)
            browse = QPushButton("Parcourir…")
            browse.clicked.connect(lambda _=False, e=edit: self._browse(e))
            import_button = QPushButton("Importer")
            import_button.clicked.connect(lambda _=False, e=edit: self.import_file(e))
            row.addWidget(browse)
            row.addWidget(import_button)
            form.addRow(label + " :", row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)

    def _browse(self, edit: QLineEdit) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Fichier à importer", "", "Tableur (*.csv *.xlsx *.txt)"
        )
        if name:
            edit.setText(name)

    def import_file(self, edit: QLineEdit) -> bool:
        """Read and check off the window's thread, then write all or nothing; the preview
        stays on screen either way."""
        service = self.wizard_.service
        assert service is not None
        kind = "candidats" if edit is self.candidates else "notes"
        written, text = import_file(
            self, service, Path(edit.text().strip()), kind, confirm=self.wizard_.confirm
        )
        self.preview.setPlainText(text)
        return written
