"""No internal word on screen (issue 15): rule-file references, enum values, English key
names."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView

from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore
from tests.gui.jury_day import Told

INTERNAL = re.compile(
    r"Ctrl\+Shift|Shift\+|domain\.md|§\d|\bcontrole\b|positional arguments|usage:"
)


def _texts(window: MainWindow) -> list[str]:
    texts = [window.shortcuts_text(), window.header.text(), window.counts.text()]
    for action in window.findChildren(type(window.undo_action)):
        texts += [action.text(), action.toolTip()]
    for label in window.findChildren(QLabel):
        texts += [label.text(), label.toolTip()]
    for button in window.findChildren(QAbstractButton):
        texts += [button.text(), button.toolTip()]
    for table in window.findChildren(QTableView):
        model = table.model()
        for column in range(model.columnCount()):
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(min(model.rowCount(), 40)):
                texts.append(str(model.index(row, column).data() or ""))
    return texts


def test_no_internal_word_on_screen(demo_path, answers, qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=settings,
        ask_reason=answers,
        inform=Told(),
    )
    qtbot.addWidget(window)
    window.show()
    for index in range(window.tabs.count()):  # every view (each is built when first shown)
        window.view(index)
    window.change_phase("deliberation")
    view = window.deliberation
    for row in range(3):
        view.select_row(row)
        view.record_decision()  # « 1er groupe : épreuves de contrôle », not « controle »
    found = [text for text in _texts(window) if INTERNAL.search(text)]
    assert found == []
    assert "Ctrl+Maj+D : Passer en délibération" in window.shortcuts_text()
    assert "Ctrl+Y ou Ctrl+Maj+Z : Rétablir" in window.shortcuts_text()
    window.close()
