"""Règlement: the specialty's lines, coefficients, domains, modes and "à vérifier" flags
(per file and per field, §7); the disciplines opened to the regime-2022 orals (R15);
corrected in phase saisie only (each change logged, through the hub: JurySession
.set_reglement_line, .set_controle_disciplines); a specialty added from a data file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app.reglements import add_reglement
from btsdesk.core.errors import InvalidInput
from btsdesk.core.numbers import decimal_fr
from btsdesk.core.reglement import Line, Specialty, mode_words, unverified_words
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import INK, FrozenColumns, fit_columns
from btsdesk.store.errors import SessionFileError

COLUMNS = (
    "Code",
    "Intitulé",
    "Unité",
    "Coefficient",
    "Domaine",
    "Discipline",
    "Mode",
    "À vérifier",
    "Non lu dans un texte officiel",
)
# column → field of the data file; the code never changes (grades refer to it).
EDITABLE = {
    1: "title",
    2: "unit",
    3: "coefficient",
    4: "domain",
    5: "discipline",
    6: "mode",
    7: "to_check",
}
DOMAIN_WORDS = {
    "général": "general",
    "general": "general",
    "professionnel": "professional",
    "professional": "professional",
}
TO_CHECK = "#ffe7b3"  # a line "à vérifier"
UNREAD = "#ffc766"  # a field of it not read in an official text (§7)
# column → the field of §7's flags it shows
FLAGGED = {3: "coefficient", 4: "domain", 5: "discipline", 6: "mode"}

# Asks for a règlement file to add; None when cancelled. Tests replace it.
AskFile = Callable[[], Path | None]


class ReglementView(QWidget):
    def __init__(
        self, hub: SessionHub, ask_file: AskFile | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self.ask_file = ask_file or _ask_file_dialog(self)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Lignes du règlement d'examen")
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._edited)
        # Columns sized from what they show (titles whole, not « … »), the user's widths
        # kept; the code and title stay on the left while the notes scroll by.
        fit_columns(self.table, stretch_last=True)
        self.frozen = FrozenColumns(self.table, 2)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button = QPushButton("Ajouter une spécialité (fichier JSON)…")
        self.add_button.clicked.connect(self.add_specialty)
        # R15: the general disciplines opened to the regime-2022 orals.
        self.controle_label = QLabel()
        self.controle_label.setWordWrap(True)
        self.controle = QLineEdit()
        self.controle.setAccessibleName("Disciplines ouvertes aux épreuves de contrôle")
        self.controle.setPlaceholderText("vide : toutes les disciplines du domaine général")
        self.controle.returnPressed.connect(self.save_controle)
        self.controle_button = QPushButton("Enregistrer la liste")
        self.controle_button.clicked.connect(self.save_controle)
        controle = QHBoxLayout()
        controle.addWidget(QLabel("Épreuves de contrôle (R15) :"))
        controle.addWidget(self.controle, 1)
        controle.addWidget(self.controle_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.table)
        layout.addLayout(controle)
        layout.addWidget(self.controle_label)
        layout.addLayout(bottom)
        hub.reloaded.connect(self.refresh)
        hub.phaseChanged.connect(self._phase_changed)
        self.refresh()

    def refresh(self) -> None:
        specialty = self.hub.service.specialty
        editable = self.hub.service.phase == "saisie"
        self.source.setText(
            _file_text(specialty, self.hub.service.details.year)
            + (
                ""
                if editable
                else "<br>Le règlement ne se corrige qu'en phase de saisie des notes."
            )
        )
        self.table.blockSignals(True)
        self.table.setRowCount(len(specialty.lines))
        for row, line in enumerate(specialty.lines):
            for column, text in enumerate(_cells(line)):
                item = QTableWidgetItem(text)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if editable and column in EDITABLE:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                if not line.verified:
                    unread = column in FLAGGED and line.is_unverified(FLAGGED[column])
                    item.setBackground(QBrush(QColor(UNREAD if unread else TO_CHECK)))
                    item.setForeground(QBrush(QColor(INK)))
                    if unread:
                        item.setToolTip(f"Non lu dans un texte officiel : {line.to_check}")
                if not item.toolTip() and len(text) > 40:  # a long note, read whole on hover
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.blockSignals(False)
        fit_columns(self.table, stretch_last=True)
        self.controle.setText(", ".join(specialty.controle_disciplines or ()))
        self.controle.setEnabled(editable)
        self.controle_button.setEnabled(editable)
        general = ", ".join(d.code for d in specialty.general_disciplines)
        used = (
            ""
            if self.hub.service.regime.uses_controle_list
            else " Cette liste ne sert qu'en régime 2022 ; elle est conservée avec la session."
        )
        self.controle_label.setText(
            (
                "Disciplines ouvertes : " + ", ".join(specialty.controle_disciplines)
                if specialty.controle_disciplines is not None
                else f"Liste vide : toutes les disciplines du domaine général ({general})."
            )
            + used
        )

    def save_controle(self) -> bool:
        """R15: the list typed (codes separated by commas or spaces; empty: every general
        discipline), checked as §6 says, logged."""
        words = self.controle.text().replace(",", " ").replace(";", " ").split()
        codes = words or None
        try:
            self.hub.act(lambda s: s.set_controle_disciplines(codes))
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            self.refresh()
            return False
        self.message.setText(
            "Disciplines des épreuves de contrôle enregistrées (inscrit au journal)."
        )
        return True

    def set_line(self, code: str, field: str, value: object) -> bool:
        """One field of a line corrected; every result is recomputed (the hub says
        ``reloaded`` to every view)."""
        try:
            self.hub.act(lambda s: s.set_reglement_line(code, field, value))
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            self.refresh()
            return False
        self.message.setText(f"{code} : {field} corrigé (inscrit au journal).")
        return True

    def add_specialty(self) -> bool:
        path = self.ask_file()
        if path is None:
            return False
        try:
            specialty = add_reglement(path)
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        # R6: a facultative coefficient is accepted (§6), with a warning.
        warnings = "".join(f" Attention : {w}." for w in specialty.load_warnings())
        self.message.setText(
            f"Spécialité ajoutée : {specialty.label}. Elle est proposée à la "
            f"création d'une session.{warnings}"
        )
        return True

    def _edited(self, item: QTableWidgetItem) -> None:
        field = EDITABLE.get(item.column())
        if field is None:
            return
        code_item = self.table.item(item.row(), 0)
        if code_item is None:
            return
        code = code_item.text()
        text = item.text().strip()
        try:
            value = _field_value(field, text)
        except InvalidInput as exc:
            self.message.setText(f"Refusé : {exc}")
            self.refresh()
            return
        if field == "to_check":
            # Emptying the note marks the line checked; writing one flags it "à vérifier".
            text = text.removeprefix("⚠").strip()
            if not self.set_line(code, "verified", not text):
                return
            value = text
        self.set_line(code, field, value)

    def _phase_changed(self, _phase: str) -> None:
        self.refresh()


def _field_value(field: str, text: str) -> object:
    """What the president typed, as the data file holds it (checked again on save)."""
    if field == "domain":
        if text.lower() not in DOMAIN_WORDS:
            raise InvalidInput("domaine : « général » ou « professionnel »")
        return DOMAIN_WORDS[text.lower()]
    if field == "mode":
        words = text.replace("/", " ").split()
        if len(words) == 1:
            return words[0].lower()
        if len(words) % 2:
            raise InvalidInput("mode : « ponctuel », « ccf » ou « A ponctuel / C ccf »")
        return {words[i]: words[i + 1].lower() for i in range(0, len(words), 2)}
    return text


def _cells(line: Line) -> list[str]:
    domain = "facultative" if line.facultative or line.domain is None else line.domain.label
    # R6: a facultative line without coefficient shows none (only the points above 10).
    coefficient = (
        "" if line.facultative and not line.coefficient_given else decimal_fr(line.coefficient)
    )
    return [
        line.code,
        line.title,
        line.unit,
        coefficient,
        domain,
        line.discipline or "",
        mode_words(line),
        "" if line.verified else f"⚠ {line.to_check}",
        unverified_words(line),
    ]


def _file_text(specialty: Specialty, year: int) -> str:
    """§7, per file: source, sessions served (and whether this session is one of them),
    what is unread in the file, how many lines are "à vérifier"."""
    flagged = len(specialty.unverified)
    parts = [f"<b>{specialty.label}</b>"]
    if specialty.sessions_label:
        parts[0] += f" — {specialty.sessions_label}"
    parts.append(f"Source : {specialty.source}")
    served = specialty.session_warning(year)
    if served:
        parts.append(f"⚠ Session {year} : {served}.")
    for warning in specialty.load_warnings():
        parts.append(f"⚠ {warning}.")
    if specialty.to_check:
        parts.append(f"À vérifier dans le fichier : {specialty.to_check}")
    parts.append(
        f"⚠ {flagged} ligne(s) à vérifier : corrigez-les avant de délibérer."
        if flagged
        else "Toutes les lignes sont vérifiées."
    )
    return "<br>".join(parts)


def _ask_file_dialog(parent: QWidget) -> AskFile:
    def ask() -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            parent, "Règlement d'examen (JSON)", "", "Règlement (*.json)"
        )
        return Path(name) if name else None

    return ask
