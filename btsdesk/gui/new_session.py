"""New session: the règlement (shipped or added by the user), regime, year, académie and
the file. The layout is ui/new_session.ui (Qt Designer)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QFile
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from btsdesk.core.catalog import load_reglement
from btsdesk.core.errors import InvalidInput
from btsdesk.paths import reglements_dir, ui_dir, user_reglements_dir
from btsdesk.store.errors import SessionFileError
from btsdesk.store.session import SessionDetails, SessionStore


def reglement_files() -> dict[str, Path]:
    """Shipped règlements, then the ones the user added (same file name: the user's wins)."""
    files = {path.stem: path for path in sorted(reglements_dir().glob("*.json"))}
    if user_reglements_dir().is_dir():
        files.update({path.stem: path for path in sorted(user_reglements_dir().glob("*.json"))})
    return files


class NewSessionDialog:
    def __init__(self, parent: QWidget | None = None) -> None:
        file = QFile(str(ui_dir() / "new_session.ui"))
        file.open(QFile.OpenModeFlag.ReadOnly)
        self.dialog: QDialog = QUiLoader().load(file, parent)
        file.close()
        d = self.dialog
        self.files = reglement_files()
        labels = {}
        for key, path in self.files.items():
            try:
                labels[key] = load_reglement(path).label
            except InvalidInput:
                continue
        for key, label in labels.items():
            d.reglement.addItem(label, key)
        d.regime.addItem("2022 — épreuves de contrôle (décret 2022-850)", "2022")
        d.regime.addItem("2021 — session exceptionnelle (décret 2021-417)", "2021")
        d.browse.clicked.connect(self._browse)
        d.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Créer")
        d.buttons.accepted.connect(self._accept)
        d.buttons.rejected.connect(d.reject)
        self.store: SessionStore | None = None

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.dialog, "Fichier de session", "",
                                              "Session btsdesk (*.btsdesk)")
        if name:
            self.dialog.file.setText(name if name.endswith(".btsdesk") else name + ".btsdesk")

    def create(self) -> SessionStore:
        """Create the session from the form; raises with a French message."""
        d = self.dialog
        operator = d.operator.text().strip()
        target = d.file.text().strip()
        if not operator:
            raise InvalidInput("indiquez le nom de l'opérateur : il signe le journal")
        if not target:
            raise InvalidInput("choisissez le fichier de la session")
        path = Path(target if target.endswith(".btsdesk") else target + ".btsdesk")
        source = self.files[d.reglement.currentData()]
        reglement = json.loads(source.read_text(encoding="utf-8-sig"))
        details = SessionDetails(year=d.year.value(), specialty_code=reglement.get("code", ""),
                                 regime=d.regime.currentData(), academie=d.academie.text(),
                                 centre=d.centre.text())
        return SessionStore.create(path, reglement=reglement, details=details,
                                   operator=operator)

    def _accept(self) -> None:
        try:
            self.store = self.create()
        except (InvalidInput, SessionFileError) as exc:
            self.dialog.note.setText(f"⚠ {exc}")
            return
        self.dialog.accept()
