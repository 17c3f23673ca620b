from __future__ import annotations

from pathlib import Path

import pytest

from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import JurySession
from btsdesk.gui.hub import SessionHub
from btsdesk.store.session import SessionStore


class Answers:
    """Stands in for the reason dialog (R21, R24): the next answers, and what was asked."""

    def __init__(self) -> None:
        self.queue: list[str | None] = []
        self.asked: list[str] = []

    def __call__(self, question: str) -> str | None:
        self.asked.append(question)
        return self.queue.pop(0) if self.queue else None


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory):
    """Windows and dialogs built without settings (the preview remembers its size) write
    to a temporary folder, never to the user's own btsdesk settings."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("reglages"))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return create_demo_file(tmp_path / "demo.btsdesk")


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def hub(demo_path: Path, answers: Answers, qtbot):
    store = SessionStore.open(demo_path, backup=False, operator="Mme Présidente")
    hub = SessionHub(JurySession(store), answers)
    yield hub
    store.close()
