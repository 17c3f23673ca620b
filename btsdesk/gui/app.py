"""Starting the window on a session file, an exchange file, or the demo session."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from btsdesk.app.demo import create_demo_file
from btsdesk.app.exchange_import import session_from_exchange
from btsdesk.store.session import SessionStore


def session_file(path: Path | None) -> Path:
    """The session file to open: the given one, a working copy of an exchange file, or a
    fresh demo session. Bad input raises before any window opens."""
    if path is None:
        return create_demo_file(Path(tempfile.mkdtemp(prefix="btsdesk-demo-")) / "demo.btsdesk")
    if path.suffix.lower() == ".json":
        return session_from_exchange(path)
    return path


def run(path: Path | None) -> int:
    if path is not None and path.suffix == ".btsdesk-classe":
        return run_class(path)
    target = session_file(path)
    store = SessionStore.open(target)  # a refused file raises before any window opens

    from PySide6.QtWidgets import QApplication

    from btsdesk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("btsdesk")
    app.setOrganizationName("btsdesk")
    french_qt(app)
    window = MainWindow(store)
    probe = os.environ.get("BTSDESK_FIRST_PAINT_FILE")
    if probe:  # benchmarks/gui.py: note when the window is first painted, then quit
        app.installEventFilter(_FirstPaint(Path(probe), app))
    window.show()
    return int(app.exec())


def run_class(path: Path) -> int:
    """The conseil de classe of a first-year class file (parcours de consolidation)."""
    from btsdesk.store.class_file import ClassStore

    store = ClassStore.open(path)  # a refused file raises before any window opens

    from PySide6.QtWidgets import QApplication

    from btsdesk.gui.class_window import ClassWindow

    app = QApplication.instance() or QApplication(sys.argv)
    french_qt(app)
    window = ClassWindow(store)
    window.show()
    return int(app.exec())


def french_qt(app: QCoreApplication) -> None:
    """Qt's own words (dialog buttons, print dialog) in French, whatever the system says."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)  # owned by the application
    if translator.load(
        QLocale(QLocale.Language.French),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(translator)


class _FirstPaint(QObject):
    def __init__(self, target: Path, app: QCoreApplication) -> None:
        super().__init__(app)  # owned by the application: lives as long as it
        self.target, self.app = target, app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.target.exists():
            self.target.write_text(f"{time.time():.6f}\n", encoding="utf-8")
            QTimer.singleShot(0, self.app.quit)
        return super().eventFilter(watched, event)
