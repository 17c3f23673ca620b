"""The window's second looks at its own session (issue 13, item 1): Fichier › Importer and
Fichier › Ouvrir une classe choosing the session file are refused by name, and another
btsdesk is still refused afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from btsdesk.gui.main_window import MainWindow
from btsdesk.store.class_file import ClassStore
from btsdesk.store.errors import SessionLocked
from btsdesk.store.session import SessionStore
from tests.cli.support import CYCLADES, btsdesk


def test_the_window_keeps_its_lock_through_second_looks(demo_path, answers, qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        SessionStore.open(demo_path, backup=False), settings=settings, ask_reason=answers
    )
    qtbot.addWidget(window)
    text = window.import_path(demo_path, confirm=lambda _text: True)
    assert "déjà ouvert ici" in text
    assert "impossible de l'importer" in text
    with pytest.raises(SessionLocked, match="déjà ouvert dans ce btsdesk"):
        ClassStore.open(demo_path)  # what Fichier › Ouvrir une classe calls
    done = btsdesk("import", str(demo_path), str(CYCLADES))
    assert done.returncode == 2
    assert "déjà ouvert par un autre btsdesk" in done.stderr
    window.close()
