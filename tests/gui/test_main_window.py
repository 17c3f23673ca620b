"""The main window over a session file (issue 4)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from btsdesk.core.results import Decision
from btsdesk.gui.main_window import VIEWS, MainWindow
from btsdesk.store.session import SessionStore


def _window(demo_path, answers, qtbot, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(SessionStore.open(demo_path, backup=False), settings=settings,
                        ask_reason=answers)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_shows_the_session_views_and_counts(demo_path, answers, qtbot, tmp_path):
    window = _window(demo_path, answers, qtbot, tmp_path)
    assert window.windowTitle() == "btsdesk — demo.btsdesk"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == list(VIEWS)
    assert "MCO — Management commercial opérationnel (2018)" in window.header.text()
    assert "phase : <b>saisie des notes</b>" in window.header.text()
    counts = window.hub.service.counts()
    assert window.counts.text() == (
        f"{counts[Decision.ADMIS]} admis · {counts[Decision.CONTROLE]} en contrôle · "
        f"{counts[Decision.AJOURNE]} ajournés · {counts[Decision.INCOMPLET]} incomplet")
    assert sum(counts.values()) == 40
    window.close()


def test_a_grade_edit_turns_controle_into_admis_live(demo_path, answers, qtbot, tmp_path):
    """N'Diaye (row 0): 208,5 / 21 = 9,92 with E1 = 9,50 (coef 3); E1 = 11 adds 4,5 points:
    213 / 21 = 10,142… → 10,14, admis."""
    window = _window(demo_path, answers, qtbot, tmp_path)
    model = window.deliberation.model
    decision = model.index(0, model.column["Décision"])
    assert decision.data() == "◆ épreuves de contrôle"
    admitted_before = window.hub.service.counts()[Decision.ADMIS]
    grid = window.grades
    grid.table.setCurrentIndex(grid.proxy.index(0, grid.model.column_of("E1")))
    assert grid.model.setData(grid.proxy.mapToSource(grid.table.currentIndex()), "11")
    assert decision.data() == "✔ admis"
    assert model.index(0, model.column["Moyenne"]).data() == "10,14"
    assert f"{admitted_before + 1} admis" in window.counts.text()
    window.close()


def test_phases_with_a_reason_to_go_back_r24(demo_path, answers, qtbot, tmp_path):
    window = _window(demo_path, answers, qtbot, tmp_path)
    assert window.change_phase("deliberation")
    assert "phase : <b>délibération</b>" in window.header.text()
    assert not window.change_phase("saisie")  # no reason given: stays
    answers.queue.append("note de E41 oubliée")
    assert window.change_phase("saisie")
    assert window.hub.service.phase == "saisie"
    assert any("R24" in q for q in answers.asked)
    window.close()


def test_projection_mode_is_anonymous_and_without_controls(demo_path, answers, qtbot,
                                                           tmp_path):
    window = _window(demo_path, answers, qtbot, tmp_path)
    window.projection_action.setChecked(True)
    window.toggle_projection()
    view = window.deliberation
    names = [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())]
    assert set(names) == {"—"}
    assert not view.actions_bar.isVisible()
    assert "GARNIER" not in view.why_text() and "N'DIAYE" not in view.why_text()
    assert window.tabs.currentWidget() is view
    window.close()


def test_recent_files_and_window_state_are_kept(demo_path, answers, qtbot, tmp_path):
    window = _window(demo_path, answers, qtbot, tmp_path)
    height = window.minimumSizeHint().height() + 7  # not the default 800
    window.resize(900, height)
    kept = window.size()
    assert kept.height() == height
    window.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    again = MainWindow(SessionStore.open(demo_path, backup=False), settings=settings,
                       ask_reason=answers)
    qtbot.addWidget(again)
    assert again.recent_files() == [str(demo_path)]
    # The height is restored (the default is 800); the offscreen screen is only 800 px wide,
    # so Qt clamps the width when it restores.
    assert again.size().height() == kept.height() == height
    again.close()


def test_qt_speaks_french(qtbot):
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from btsdesk.gui.app import french_qt

    french_qt(QApplication.instance())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
