"""The grid's small habits (issue 15): a cancelled reason keeps the edit in place, a good
paste clears an earlier refusal, the history names its cell."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QToolTip

from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore
from tests.gui.jury_day import Told
from tests.gui.test_grade_grid import _go, _view, type_in


def test_a_cancelled_reason_keeps_the_edit_in_place_r21(hub, answers, qtbot):
    view = _view(hub, qtbot)
    assert hub.set_phase("deliberation")
    _go(view, 0, "E1")
    type_in(view, qtbot, "11")  # no reason given
    assert hub.service.entry(0, "E1") == 950  # nothing written
    table = view.table
    assert table.currentIndex().row() == 0  # not moved down
    assert table.state() == table.State.EditingState
    editor = table.focusWidget()
    assert editor.text() == "11"  # the edit kept, to give the reason
    assert "motif" in table.last_refusal
    answers.queue.append("erreur de report")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: hub.service.entry(0, "E1") == 1100, timeout=2000)
    assert hub.service.history(0, "E1")[-1].reason == "erreur de report"


def test_a_good_paste_clears_an_earlier_refusal(hub, qtbot):
    view = _view(hub, qtbot)
    _go(view, 0, "E1")
    assert not view.table.paste("12\tabc")
    assert view.table.last_refusal
    assert QToolTip.isVisible()
    assert view.table.paste("12\t13")
    assert view.table.last_refusal == ""
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)  # Qt hides it in 0,3 s


def test_the_history_names_its_cell(demo_path, answers, qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=settings,
        ask_reason=answers,
        inform=Told(),
    )
    qtbot.addWidget(window)
    grades = window.grades
    _go(grades, 0, "E1")
    assert grades.model.setData(grades.model.index(0, grades.model.column_of("E1")), "11")
    title, text = window.history_text()
    candidate = window.hub.service.candidates[0]
    assert candidate.full_name in title
    assert "E1" in title
    assert candidate.number in text
    assert text.endswith("9,50 → 11,00")
    window.close()
