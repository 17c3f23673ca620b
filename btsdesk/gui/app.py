"""Starting the window on a session file, an exchange file, or the demo session."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from btsdesk.core.errors import InvalidInput
from btsdesk.core.exactjson import load_json
from btsdesk.demo import create_demo_file
from btsdesk.store.session import SessionDetails, SessionStore


def session_file(path: Path | None) -> Path:
    """The session file to open: the given one, a working copy of an exchange file, or a
    fresh demo session. Bad input raises before any window opens."""
    if path is None:
        return create_demo_file(Path(tempfile.mkdtemp(prefix="btsdesk-demo-")) / "demo.btsdesk")
    if path.suffix.lower() == ".json":
        return _from_exchange(path)
    return path


def _from_exchange(path: Path) -> Path:
    from btsdesk.io.exchange import read_session
    from btsdesk.io.exchange_store import import_exchange

    try:
        raw = load_json(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path.name} : illisible ({exc})") from None
    exchange = read_session(raw)
    details = raw.get("session") or {}
    target = Path(tempfile.mkdtemp(prefix="btsdesk-")) / (path.stem + ".btsdesk")
    with SessionStore.create(target, reglement=raw["specialty"], details=SessionDetails(
            year=int(details.get("year") or 2026), specialty_code=exchange.specialty.code,
            regime=exchange.rules.regime.code, title=str(details.get("title") or path.stem)),
            operator="btsdesk") as store:
        import_exchange(store, path)
    return target


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
    if translator.load(QLocale(QLocale.Language.French), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
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
