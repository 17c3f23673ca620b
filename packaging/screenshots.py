"""Screenshots of every view on the demo session, at 1280×800, for people to look at (and
for the user guide). Runs offscreen unless a display is chosen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from btsdesk.demo import create_demo_file
from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore

GARNIER = 6  # the demo candidate with the grades of domain.md §6


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    if not QFontMetrics(QFont()).inFontUcs4(ord("é")):
        print("Police sans accents : installez fonts-dejavu-core (packaging/setup.sh).")
        return 1
    folder = Path(tempfile.mkdtemp(prefix="btsdesk-shots-"))
    store = SessionStore.open(create_demo_file(folder / "demo.btsdesk", regime="2021"),
                              backup=False)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings=settings, ask_reason=lambda _q: None)
    window.resize(1280, 800)
    window.show()
    shots = []

    def shoot(name: str) -> None:
        app.processEvents()
        path = out / f"{len(shots) + 1:02d}-{name}.png"
        window.grab().save(str(path))
        shots.append(path)

    for index, name in enumerate(("saisie", "deliberation", "oraux", "jury", "reglement")):
        window.tabs.setCurrentIndex(index)
        if name == "deliberation":
            window.deliberation.select_row(GARNIER)
        if name == "jury":
            for member, quality, role in (("Pr Anne Morel", "enseignant", "président"),
                                          ("M. Paul Girard", "enseignant", "membre"),
                                          ("Mme Inès Caron", "enseignant", "membre"),
                                          ("Mme Lise Martin", "professionnel", "membre")):
                store.add_jury_member(member, quality, role)
            window.jury.refresh()
        shoot(name)
    window.projection_action.setChecked(True)
    window.toggle_projection()
    window.deliberation.select_row(GARNIER)
    shoot("projection")
    window.close()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
