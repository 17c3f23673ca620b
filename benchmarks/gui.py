"""Window figures of issue 4, on this machine:

- median time from a grade commit to the repainted row of the deliberation table, on a
  2,000-candidate session (target ≤ 16 ms, one frame) and on a 20-candidate session (target:
  within 2× of it);
- the sort of the deliberation table of 2,000 candidates, a click on a column header
  (average, decision, name; median of several clicks each; issue 15: target ≤ 100 ms);
- time from launch (`python -m btsdesk`, demo session) to the first painted main window
  (target ≤ 1.5 s), and, in the same run, the launch of a bare PySide6 window with a table
  (benchmarks/bare_window.py, measured the same way: process start → first paint event);
  the ratio app / bare (issue 15: target ≤ 2).

The launches are whole processes, alternated (bare, app, bare, app …) so that both see the
same load, with compiled bytecode as an installed copy has it (in the benchmark's own
``PYTHONPYCACHEPREFIX``, after one unmeasured launch of each).

    .venv/bin/python benchmarks/gui.py [saisie] [tri] [lancement]     (offscreen by default)
    xvfb-run -a -s '-screen 0 1366x768x24' env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python benchmarks/gui.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import CellChange
from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore

EDITS = 120
LAUNCHES = 7
CLICKS = 6  # clicks on each sorted column: ascending, descending, …
SORTED = ("Moyenne", "Décision", "Nom")
BARE = Path(__file__).with_name("bare_window.py")


class PaintWatcher(QObject):
    """Records the areas the table's viewport repaints."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        self.times: list[float] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.times.append(time.perf_counter())
            self.rects.append(QRect(event.rect()))  # a copy: the event's rect dies with it
        return super().eventFilter(watched, event)


def open_window(app: QApplication, count: int, folder: Path) -> MainWindow:
    path = folder / f"s{count}.btsdesk"
    if not path.exists():
        create_demo_file(path, count)
    store = SessionStore.open(path, backup=False)
    settings = QSettings(str(folder / f"s{count}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings=settings, ask_reason=lambda _q: None)
    window.resize(1280, 800)
    window.show()
    window.tabs.setCurrentWidget(window.deliberation)
    app.processEvents()
    return window


def commit_to_repaint(app: QApplication, count: int, folder: Path) -> tuple[float, int]:
    window = open_window(app, count, folder)
    view = window.deliberation
    row = min(5, count - 1)
    view.select_row(row)
    app.processEvents()
    watcher = PaintWatcher()
    view.table.viewport().installEventFilter(watcher)
    times = []
    for index in range(EDITS):
        grade = 800 + index % 2 * 500  # alternates, so every edit is a real change
        watcher.rects.clear()
        watcher.times.clear()
        start = time.perf_counter()
        window.hub.edit_grades([CellChange(row, "E5", grade)], "mesure")
        app.processEvents()  # the posted update: the row is repainted within this call
        if watcher.times:
            times.append((watcher.times[0] - start) * 1000)
    view.table.viewport().removeEventFilter(watcher)
    evaluations = window.hub.service.evaluations
    window.close()
    return statistics.median(times), evaluations


def click_to_sorted(app: QApplication, folder: Path) -> dict[str, list[float]]:
    """A click on a header of the deliberation table (2,000 candidates) → the table sorted
    and repainted, in ms, for each column of SORTED."""
    window = open_window(app, 2000, folder)
    table = window.deliberation.table
    header = table.horizontalHeader()
    times: dict[str, list[float]] = {}
    for name in SORTED:
        column = window.deliberation.model.column[name]
        table.scrollTo(table.model().index(0, column))
        app.processEvents()
        where = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, 5)
        times[name] = []
        for _ in range(CLICKS):
            start = time.perf_counter()
            QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
            app.processEvents()  # the sorted rows painted
            times[name].append((time.perf_counter() - start) * 1000)
    window.close()
    return times


def launch_to_first_paint(folder: Path, command: list[str]) -> float:
    probe = folder / "first-paint.txt"
    probe.unlink(missing_ok=True)
    # The launch reopens the last session, else the demo kept in the data folder: both
    # here, in the benchmark's own folders (not the machine's settings nor its demo).
    env = {
        **os.environ,
        "BTSDESK_FIRST_PAINT_FILE": str(probe),
        "BTSDESK_DATA": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "PYTHONPYCACHEPREFIX": str(folder / "pycache"),  # bytecode, as an installed copy
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.time()
    subprocess.run(command, env=env, check=True, timeout=60, capture_output=True)
    return float(probe.read_text(encoding="utf-8")) - start


def launches(folder: Path) -> tuple[list[float], list[float]]:
    """The app's launches and the bare window's, alternated; one of each first, unmeasured
    (it writes the bytecode and, for the app, the demo session)."""
    app_command = [sys.executable, "-m", "btsdesk"]
    bare_command = [sys.executable, str(BARE)]
    launch_to_first_paint(folder, bare_command)
    launch_to_first_paint(folder, app_command)
    bare, app = [], []
    for _ in range(LAUNCHES):
        bare.append(launch_to_first_paint(folder, bare_command))
        app.append(launch_to_first_paint(folder, app_command))
    return sorted(app), sorted(bare)


def fr_ms(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="btsdesk-bench-gui-"))
    parts = set(sys.argv[1:]) or {"saisie", "tri", "lancement"}  # a part alone: its name
    if "saisie" in parts:
        grades(app, folder)
    if "tri" in parts:
        sorts(app, folder)
    if "lancement" in parts:
        launch(folder)


def grades(app: QApplication, folder: Path) -> None:
    big, evaluations = commit_to_repaint(app, 2000, folder)
    small, _ = commit_to_repaint(app, 20, folder)
    print(f"note → ligne repeinte, 2 000 candidats : médiane {big:.2f} ms (objectif ≤ 16 ms)")
    print(
        f"note → ligne repeinte,    20 candidats : médiane {small:.2f} ms "
        f"(rapport {big / small:.2f}, objectif ≤ 2)"
    )
    print(
        f"  (2 000 candidats : {evaluations - 2000} calcul(s) de candidat pour {EDITS} "
        "modifications, dont une sans changement)"
    )


def sorts(app: QApplication, folder: Path) -> None:
    for name, times in click_to_sorted(app, folder).items():
        print(
            f"tri de la délibération, 2 000 candidats, clic sur « {name} » : médiane "
            f"{fr_ms(statistics.median(times))} ms (min {fr_ms(min(times))} ms, "
            f"{CLICKS} clics, objectif ≤ 100 ms)"
        )


def launch(folder: Path) -> None:
    app_times, bare_times = launches(folder)
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(
        f"lancement → première fenêtre peinte : médiane {app_median:.2f} s "
        f"(min {app_times[0]:.2f} s, objectif ≤ 1,5 s)"
    )
    print(
        f"fenêtre PySide6 nue avec un tableau → première peinture : médiane {bare_median:.2f} s "
        f"(min {bare_times[0]:.2f} s)"
    )
    print(
        f"rapport btsdesk / fenêtre nue : {app_median / bare_median:.2f} "
        f"(objectif ≤ 2 ; {LAUNCHES} lancements chacun, alternés, "
        f"plateforme Qt {os.environ['QT_QPA_PLATFORM']})"
    )


if __name__ == "__main__":
    main()
