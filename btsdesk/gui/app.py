"""Starting the window on a session file, an exchange file, or the demo session."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer

from btsdesk.core.errors import InvalidInput
from btsdesk.io.problems import ImportRefused
from btsdesk.paths import user_reglements_dir
from btsdesk.store.errors import SessionFileError
from btsdesk.store.session import SessionStore

# Refusals of a file at launch: said in a dialog (on Windows there is no console to read).
REFUSED = (SessionFileError, InvalidInput, ImportRefused, OSError)
DEMO_FOLDER_PREFIX = "btsdesk-demo-"  # the temporary folders of earlier versions' demos


def demo_file() -> Path:
    """The demo session: one file, beside the user's own règlements, kept between launches."""
    return user_reglements_dir().parent / "demo.btsdesk"


def demo_session() -> Path:
    """The demo session file, made on the first launch (or when deleted)."""
    path = demo_file()
    if not path.exists():
        from btsdesk.app.demo import create_demo_file  # the first launch only

        path.parent.mkdir(parents=True, exist_ok=True)
        create_demo_file(path)
    return path


def is_temporary(name: str) -> bool:
    """A demo made in a temporary folder (earlier versions): never listed, never reopened."""
    return Path(name).parent.name.startswith(DEMO_FOLDER_PREFIX)


def recent_files(settings: QSettings) -> list[str]:
    """The sessions opened last, the latest first (temporary demos left out)."""
    value = settings.value("recent", [])
    if isinstance(value, str):  # a single file: some QSettings formats give no list
        names = [value]
    else:
        names = [str(name) for name in value] if isinstance(value, list) else []
    return [name for name in names if not is_temporary(name)]


def last_session(settings: QSettings) -> Path | None:
    """The session the president worked on last, if its file is still there."""
    for name in recent_files(settings):
        if Path(name).is_file():
            return Path(name)
    return None


def session_file(path: Path | None, settings: QSettings | None = None) -> Path:
    """The session file to open: the given one, a session made beside an exchange file, or,
    with none given, the last session opened (the demo session when there is none). Bad
    input raises before any window opens."""
    if path is None:
        return last_session(settings or QSettings("btsdesk", "btsdesk")) or demo_session()
    if path.suffix.lower() == ".json":
        from btsdesk.app.exchange_import import working_session

        return working_session(path)
    return path


def show_refusal(text: str) -> None:
    """A refused file at launch, in a dialog (tests replace it). Not on a screen nobody
    sees (offscreen): the message is on stderr, and a modal box would wait forever."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return
    QMessageBox.critical(None, "btsdesk — ouverture impossible", text)


def run(path: Path | None, settings: QSettings | None = None) -> int:
    if path is not None and path.suffix == ".btsdesk-classe":
        return run_class(path)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("btsdesk")
    app.setOrganizationName("btsdesk")
    french_qt(app)
    settings = settings or QSettings("btsdesk", "btsdesk")
    try:
        store = _open(path, settings)
    except REFUSED as exc:
        return _refused(exc)

    from btsdesk.gui.main_window import MainWindow

    window = MainWindow(store, settings=settings)
    probe = os.environ.get("BTSDESK_FIRST_PAINT_FILE")
    if probe:  # benchmarks/gui.py: note when the window is first painted, then quit
        app.installEventFilter(_FirstPaint(Path(probe), app))
    window.show()
    return int(app.exec())


def _open(path: Path | None, settings: QSettings) -> SessionStore:
    """The session asked for; with none, the last one, or the demo if it is refused (the
    president is told why)."""
    target = session_file(path, settings)
    if path is not None or target == demo_file():
        return SessionStore.open(target)
    try:
        return SessionStore.open(target)
    except REFUSED as exc:
        show_refusal(f"{_french(exc)}\n\nLa session de démonstration s'ouvre à la place.")
        return SessionStore.open(demo_session())


def _refused(exc: BaseException) -> int:
    text = _french(exc)
    print(f"btsdesk : {text}", file=sys.stderr)
    show_refusal(text)
    return 2


def _french(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, SessionFileError):
        from btsdesk.store.files import storage_error

        where = f"« {Path(exc.filename).name} »" if exc.filename else "fichier"
        error = storage_error(exc, where, kept="rien n'a été écrit")
        return str(error) if error else f"{where} ne peut pas être ouvert ni lu."
    return str(exc)


def run_class(path: Path) -> int:
    """The conseil de classe of a first-year class file (parcours de consolidation)."""
    from PySide6.QtWidgets import QApplication

    from btsdesk.store.class_file import ClassStore

    app = QApplication.instance() or QApplication(sys.argv)
    french_qt(app)
    try:
        store = ClassStore.open(path)  # a refused file: said before any window opens
    except REFUSED as exc:
        return _refused(exc)

    from btsdesk.gui.class_window import ClassWindow

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
            self.target.write_text(f"{time.time():.6f}\n", encoding="utf-8")  # benchmark probe
            QTimer.singleShot(0, self.app.quit)
        return super().eventFilter(watched, event)
