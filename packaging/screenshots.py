"""Screenshots of every view (each tab, the planning, projection, the class window) for people
to look at, and for the user guide. The window takes the screen's size: run it under Xvfb with
the screen wanted (offscreen, the screen is whatever Qt makes up).

    xvfb-run -a -s '-screen 0 1366x768x24' .venv/bin/python packaging/screenshots.py [OUT_DIR]
        [--nouvelle]

Without OUT_DIR the pictures of the user guide (resources/guide) are made again, on the demo
session. ``--nouvelle``: a new session (no grade yet) where a few grades are then typed in the
grid, as on the first morning — columns sized while empty must still show them whole.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import JurySession
from btsdesk.gui.main_window import MainWindow

GARNIER = 6  # the demo candidate with the grades of domain.md §6


def prepare_orals(window: MainWindow) -> None:
    """Record the decisions, authorise (where the regime asks it, R22), record choices and
    plan the orals, so that the Oraux tabs show what a secretary sees on the day."""
    from btsdesk.app import planning
    from btsdesk.core.results import Decision

    hub = window.hub
    service = hub.service
    hub.set_phase("deliberation")  # the jury decides and authorises in délibération (R24)
    hub.act(lambda s: s.decide_all())
    if not service.regime.authorised_by_right:
        hub.act(lambda s: s.authorise_all())
    count = service.regime.choices_count
    for row, result in enumerate(service.results):
        if result.decision is Decision.CONTROLE:
            hub.choose(row, list(result.options[:count]))
    setup = planning.parse_setup(
        "06/07/2026 08:00 18:00\n07/07/2026 08:00 12:30",
        "B12\nB14\nB16",
        "Mme Durand : E1, E2, E3\nM. Petit : E1, E2, E3\n"
        "Mme Roux : professionnel\nM. Leroy : professionnel",
    )
    hub.act(lambda s: planning.save_setup(s, setup))
    hub.act(planning.propose_schedule)
    number = service.candidates[GARNIER].number
    for target, grade in zip(service.orals_of(GARNIER), ("13", "9"), strict=False):
        hub.act(lambda s, t=target, g=grade: s.set_oral(number, t, g))


def conseil_screenshot(app: QApplication, folder: Path, target: Path) -> Path:
    """The conseil de classe of a fictional first-year class (parcours de consolidation)."""
    from btsdesk.app.classes import apply_class_preview, record_conseil
    from btsdesk.core.consolidation import Answer, Level, Measure, Observations, Proposal
    from btsdesk.gui.class_window import ClassWindow
    from btsdesk.io.class_import import read_class_list
    from btsdesk.store.class_file import ClassStore

    rows = [
        "N°;Nom;Prénom;Origine;Spécialité bac pro;Statut",
        "E01;N'Diaye;Émilie-Françoise;bac professionnel;Métiers du commerce;étudiant",
        "E02;Benali;Yanis;bac professionnel;Métiers de l'accueil;apprenti",
        "E03;Martin;Léa;bac général;;étudiant",
        "E04;Roux;Zoé;bac technologique;;étudiant",
        "E05;Faure;Nathan;bac professionnel;Logistique;étudiant",
        "E06;Garnier;Inès;bac professionnel;Métiers du commerce;étudiant",
    ]
    store = ClassStore.create(
        folder / "classe.btsdesk-classe",
        year=2026,
        etablissement="Lycée Jean-Moulin",
        division="1re année BTS MCO A",
        specialty_label="BTS MCO",
        operator="M. Leroy",
    )
    apply_class_preview(store, read_class_list("\n".join(rows).encode(), "classe.csv"))
    fragile, weak, fine = Level.FRAGILE, Level.INSUFFISANT, Level.SATISFAISANT
    record_conseil(
        store,
        "E01",
        Observations(weak, fragile, fragile, fine),
        Proposal(
            True,
            frozenset({Measure.ACCOMPAGNEMENT_PERSONNALISE, Measure.METHODOLOGIE}),
            3,
            Answer.ACCEPTE,
        ),
    )
    record_conseil(
        store,
        "E05",
        Observations(fragile, fragile, fine, fragile),
        Proposal(True, frozenset({Measure.GROUPES_REDUITS}), 2, Answer.EN_ATTENTE),
    )
    record_conseil(
        store,
        "E02",
        Observations(fine, fine, fragile, fine),
        Proposal(False, frozenset(), 2, Answer.EN_ATTENTE),
    )
    window = ClassWindow(store, show_pdf=lambda title, data: None)
    fill_screen(window)
    window.show()
    window.view.select("E01")
    settle(app)
    window.grab().save(str(target))
    window.close()
    return target


def settle(app: QApplication, seconds: float = 0.2) -> None:
    """Let the window catch up (columns widened after the rows are repainted, a window
    manager's answer) before the picture is taken."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        # No event loop runs here: widgets replaced (deleteLater) would stay drawn.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def fill_screen(window: QWidget) -> None:
    """The window as large as the screen lets it be (a 1024×768 projector, a 1366×768
    laptop): Xvfb has no window manager to do it."""
    available = window.screen().availableGeometry()
    window.setGeometry(available)


def type_grades(window: MainWindow) -> None:
    """A few grades typed in the grid of a session that had none: a decimal, a code, a
    half point — the columns were sized while empty."""
    grid = window.grades
    window.tabs.setCurrentWidget(grid)
    for row, code, text in (
        (0, "E1", "12,75"),
        (0, "E21", "ABJ"),
        (1, "E1", "9,5"),
        (1, "E41", "15,25"),
        (2, "E5", "DIS"),
        (2, "E6", "18"),
    ):
        column = grid.model.column_of(code)
        grid.table.setCurrentIndex(grid.proxy.index(row, column))
        assert grid.model.setData(grid.model.index(row, column), text)


def empty_session(path: Path) -> JurySession:
    """The demo's candidates without a grade: a session as the assistant leaves it."""
    from btsdesk.app.session import CellChange

    session = JurySession.open(create_demo_file(path), backup=False)
    codes = [line.code for line in session.specialty.lines]
    rows = range(len(session.candidates))
    session.set_cells([CellChange(r, code, None) for r in rows for code in codes], reason=None)
    return session


def main(argv: list[str]) -> int:
    # By default the user guide's pictures (resources/guide), so the guide shows the app as it
    # is; give another folder to look at them elsewhere.
    fresh = "--nouvelle" in argv
    folders = [a for a in argv if not a.startswith("--")]
    guide = Path(__file__).resolve().parent.parent / "resources" / "guide"
    out = Path(folders[0]) if folders else guide
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not QFontMetrics(QFont()).inFontUcs4(ord("é")):
        print("Police sans accents : installez fonts-dejavu-core (packaging/setup.sh).")
        return 1
    folder = Path(tempfile.mkdtemp(prefix="btsdesk-shots-"))
    if fresh:
        session = empty_session(folder / "nouvelle.btsdesk")
    else:
        session = JurySession.open(
            create_demo_file(folder / "demo.btsdesk", regime="2021"), backup=False
        )
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        session, settings=settings, ask_reason=lambda _q: None, inform=lambda *_: None
    )
    hub = window.hub
    fill_screen(window)
    window.show()
    shots = []

    def shoot(name: str) -> None:
        settle(app)
        path = out / f"{len(shots) + 1:02d}-{name}.png"
        window.grab().save(str(path))
        shots.append(path)

    if fresh:
        type_grades(window)
        shoot("saisie")
        window.tabs.setCurrentWidget(window.deliberation)
        shoot("deliberation")
        window.close()
        for path in shots:
            print(path)
        return 0
    prepare_orals(window)
    for index, name in enumerate(
        ("saisie", "deliberation", "oraux-documents", "jury", "reglement")
    ):
        window.tabs.setCurrentIndex(index)
        if name == "deliberation":
            window.deliberation.select_row(GARNIER)
        if name == "oraux-documents":
            window.orals.candidates.select(GARNIER)
            shoot("oraux-candidats")
            window.orals.tabs.setCurrentWidget(window.orals.planning)
            window.orals.planning.table.setCurrentCell(0, 0)
            shoot("oraux-planning")
            window.orals.tabs.setCurrentWidget(window.orals.documents)
        if name == "jury":
            # A jury as D643-31 wants it: an IA-IPR presiding, teachers and professionals
            # in equal parts, an enseignant-chercheur, a public-sector majority.
            for member, quality, status, president in (
                ("Pr Anne Morel", "enseignant", "IA-IPR", True),
                ("M. Paul Girard", "enseignant", "enseignant-chercheur", False),
                ("Mme Inès Caron", "enseignant", "public", False),
                ("Mme Lise Martin", "professionnel", "", False),
                ("M. Marc Roux", "professionnel", "", False),
            ):
                hub.act(
                    lambda s, m=member, q=quality, st=status, p=president: s.add_jury_member(
                        m, q, president=p, status=st
                    )
                )
            window.jury.refresh()
        shoot(name)
    window.set_projection(True)
    window.deliberation.select_row(GARNIER)
    settle(app, 1.0)  # full screen, then the columns fitted to it
    shoot("projection")
    window.set_projection(False)
    window.close()
    shots.append(conseil_screenshot(app, folder, out / "09-conseil-de-classe.png"))
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
