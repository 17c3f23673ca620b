"""Starting the window."""

from __future__ import annotations

import json
import sys

from PySide6.QtWidgets import QApplication

from btsdesk.demo import demo_session
from btsdesk.gui.main_window import MainWindow
from btsdesk.gui.session import SessionData


def load(text: str | None) -> SessionData:
    """The session of an exchange file, or the demo session when none is given."""
    if text is None:
        return SessionData.from_text(json.dumps(demo_session()))
    return SessionData.from_text(text)


def run(text: str | None) -> int:
    session = load(text)  # bad input raises InvalidInput before any window opens
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("btsdesk")
    window = MainWindow(session)
    window.show()
    return app.exec()
