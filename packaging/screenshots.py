"""Screenshots of every view on the demo session, at 1280×800, for people to look at (and
for the user guide). Runs offscreen unless a display is chosen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [OUT_DIR]

Without OUT_DIR the pictures of the user guide (resources/guide) are made again.
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

from btsdesk.app.demo import create_demo_file
from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore

GARNIER = 6  # the demo candidate with the grades of domain.md §6


def prepare_orals(window: MainWindow) -> None:
    """Authorise every candidate in contrôle, record choices and plan the orals, so that the
    Oraux tabs show what a secretary sees on the day."""
    from btsdesk.core.results import Decision, OralChoice

    hub = window.hub
    hub.set_phase("deliberation")  # the jury authorises in délibération (R24)
    for row, result in enumerate(hub.service.results):
        if result.decision is Decision.CONTROLE:
            hub.authorise(row, True)
            hub.edit_orals(row, {"general": OralChoice(result.options[0], None),
                                 "professional": OralChoice(None, None)})
    planning = window.orals.planning
    planning.days_edit.setPlainText("2026-07-06 08:00 18:00\n2026-07-07 08:00 12:30")
    planning.rooms_edit.setPlainText("B12\nB14\nB16")
    planning.examiners_edit.setPlainText("Mme Durand : E1, E2, E3\nM. Petit : E1, E2, E3\n"
                                         "Mme Roux : professionnel\nM. Leroy : professionnel")
    planning.propose()
    hub.edit_orals(GARNIER, {"general": OralChoice("E1", 1300),
                             "professional": OralChoice(None, 900)})


def conseil_screenshot(app: QApplication, folder: Path, target: Path) -> Path:
    """The conseil de classe of a fictional first-year class (parcours de consolidation)."""
    from btsdesk.app.classes import apply_class_preview
    from btsdesk.core.consolidation import Answer, Level, Measure, Observations, Proposal
    from btsdesk.gui.class_window import ClassWindow
    from btsdesk.io.class_import import read_class_list
    from btsdesk.store.class_file import ClassStore

    rows = ["N°;Nom;Prénom;Origine;Spécialité bac pro;Statut",
            "E01;N'Diaye;Émilie-Françoise;bac professionnel;Métiers du commerce;étudiant",
            "E02;Benali;Yanis;bac professionnel;Métiers de l'accueil;apprenti",
            "E03;Martin;Léa;bac général;;étudiant", "E04;Roux;Zoé;bac technologique;;étudiant",
            "E05;Faure;Nathan;bac professionnel;Logistique;étudiant",
            "E06;Garnier;Inès;bac professionnel;Métiers du commerce;étudiant"]
    store = ClassStore.create(folder / "classe.btsdesk-classe", year=2026,
                              etablissement="Lycée Jean-Moulin", division="1re année BTS MCO A",
                              specialty_label="BTS MCO", operator="M. Leroy")
    apply_class_preview(store, read_class_list("\n".join(rows).encode(), "classe.csv"))
    fragile, weak, fine = Level.FRAGILE, Level.INSUFFISANT, Level.SATISFAISANT
    store.set_observations("E01", Observations(weak, fragile, fragile, fine))
    store.set_proposal("E01", Proposal(True, frozenset({Measure.ACCOMPAGNEMENT_PERSONNALISE,
                                                        Measure.METHODOLOGIE}), 3,
                                       Answer.ACCEPTE))
    store.set_observations("E05", Observations(fragile, fragile, fine, fragile))
    store.set_proposal("E05", Proposal(True, frozenset({Measure.GROUPES_REDUITS}), 2,
                                       Answer.EN_ATTENTE))
    store.set_observations("E02", Observations(fine, fine, fragile, fine))
    window = ClassWindow(store, show_pdf=lambda title, data: None)
    window.resize(1280, 800)
    window.show()
    window.view.select("E01")
    app.processEvents()
    window.grab().save(str(target))
    window.close()
    return target


def main() -> int:
    # By default the user guide's pictures (resources/guide), so the guide shows the app as it
    # is; give another folder to look at them elsewhere.
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
               / "resources" / "guide")
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

    prepare_orals(window)
    for index, name in enumerate(("saisie", "deliberation", "oraux-documents", "jury",
                                  "reglement")):
        window.tabs.setCurrentIndex(index)
        if name == "deliberation":
            window.deliberation.select_row(GARNIER)
        if name == "oraux-documents":
            window.orals.candidates.select(GARNIER)
            shoot("oraux-candidats")
            window.orals.tabs.setCurrentWidget(window.orals.planning)
            shoot("oraux-planning")
            window.orals.tabs.setCurrentWidget(window.orals.documents)
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
    shots.append(conseil_screenshot(app, folder, out / "09-conseil-de-classe.png"))
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
