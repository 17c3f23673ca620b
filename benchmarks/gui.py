"""Window figures of issue 4, on this machine:

- median time from a grade commit to the repainted row of the deliberation table, on a
  2,000-candidate session (target ≤ 16 ms, one frame) and on a 20-candidate session (target:
  within 2× of it);
- time from launch (`python -m btsdesk`, demo session) to the first painted main window
  (target ≤ 1.5 s).

    .venv/bin/python benchmarks/gui.py          (offscreen unless a display is chosen)
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

from PySide6.QtCore import QEvent, QObject, QRect, QSettings
from PySide6.QtWidgets import QApplication

from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import CellChange
from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore

EDITS = 120


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


def commit_to_repaint(app: QApplication, count: int, folder: Path) -> tuple[float, int]:
    path = create_demo_file(folder / f"s{count}.btsdesk", count)
    store = SessionStore.open(path, backup=False)
    settings = QSettings(str(folder / f"s{count}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings=settings, ask_reason=lambda _q: None)
    window.resize(1280, 800)
    window.show()
    window.tabs.setCurrentWidget(window.deliberation)
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


def launch_to_first_paint(folder: Path) -> float:
    probe = folder / "first-paint.txt"
    probe.unlink(missing_ok=True)
    # The launch reopens the last session, else the demo kept in the data folder: both
    # here, in the benchmark's own folders (not the machine's settings nor its demo).
    env = {
        **os.environ,
        "BTSDESK_FIRST_PAINT_FILE": str(probe),
        "BTSDESK_DATA": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    start = time.time()
    subprocess.run(
        [sys.executable, "-m", "btsdesk"], env=env, check=True, timeout=60, capture_output=True
    )
    return float(probe.read_text(encoding="utf-8")) - start


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="btsdesk-bench-gui-"))
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
    launches = sorted(launch_to_first_paint(folder) for _ in range(5))
    print(
        f"lancement → première fenêtre peinte : médiane {statistics.median(launches):.2f} s "
        f"(min {launches[0]:.2f} s, objectif ≤ 1,5 s)"
    )


if __name__ == "__main__":
    main()
