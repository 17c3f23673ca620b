"""A bare PySide6 window with a table: the yardstick of btsdesk's launch (benchmarks/gui.py).

QApplication + QMainWindow + a QTableWidget of 20 × 10 cells, shown; the first painted
widget noted in BTSDESK_FIRST_PAINT_FILE as ``btsdesk.gui.app`` does, then quit."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem


class FirstPaint(QObject):
    def __init__(self, target: Path, app: QApplication) -> None:
        super().__init__(app)
        self.target, self.app = target, app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.target.exists():
            self.target.write_text(f"{time.time():.6f}\n", encoding="utf-8")
            QTimer.singleShot(0, self.app.quit)
        return super().eventFilter(watched, event)


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    table = QTableWidget(20, 10)
    for row in range(20):
        for column in range(10):
            table.setItem(row, column, QTableWidgetItem(f"{row},{column}"))
    window.setCentralWidget(table)
    window.resize(1280, 800)
    app.installEventFilter(FirstPaint(Path(os.environ["BTSDESK_FIRST_PAINT_FILE"]), app))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
