"""The user guide (resources/guide/guide.md, with the screenshots the project's script makes)
in a window of its own, from the Help menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from btsdesk.paths import resources_dir


def guide_path() -> Path:
    return resources_dir() / "guide" / "guide.md"


class GuideWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Guide de btsdesk")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Guide d'utilisation")
        self.browser.setOpenExternalLinks(False)  # offline: no link leaves the app
        self.browser.setSearchPaths([str(guide_path().parent)])
        self.browser.setSource(
            QUrl.fromLocalFile(str(guide_path())), QTextDocument.ResourceType.MarkdownResource
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        self.resize(980, 760)
