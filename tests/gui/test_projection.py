"""Projection mode (R26, issue 15): full screen, the deliberation table alone (no menus,
toolbar, tabs, filters nor status bar), every column shown whole at the screen's width, and
F11 or Échap gives the window back exactly as it was."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QToolBar

from btsdesk.gui.deliberation_view import MIN_PROJECTION_SCALE, DeliberationView
from btsdesk.gui.main_window import MainWindow
from btsdesk.gui.widgets import ColumnFitter
from btsdesk.store.session import SessionStore
from tests.gui.jury_day import Told


def _projected_columns_fit(view: DeliberationView) -> None:
    QApplication.processEvents()
    table = view.table
    fitter = table.findChild(ColumnFitter)
    shown = [c for c in range(view.model.columnCount()) if not table.isColumnHidden(c)]
    names = [view.model.headers[c] for c in shown]
    assert "Nom" not in names  # R26: numbers only
    assert "Motif" not in names
    for column in shown:  # no « … » in a cell or a header
        assert table.columnWidth(column) >= fitter.needed(column), view.model.headers[column]
    assert table.horizontalScrollBar().maximum() == 0  # nothing off to the right


def test_projection_fits_the_columns_to_a_1024_and_a_1366_screen(hub, qtbot):
    view = DeliberationView(hub)
    qtbot.addWidget(view)
    normal = view.table.font().pointSizeF()
    view.resize(1024, 700)
    view.show()
    view.set_projection(True)
    _projected_columns_fit(view)
    # The type at least as large as usual; « Pourquoi ? » folds away to leave the room.
    assert view.projection_scale >= 1.0
    assert view.table.font().pointSizeF() >= normal
    assert view.splitter.sizes()[1] == 0
    view.resize(1366, 700)  # a wider screen: larger type, and « Pourquoi ? » beside it
    _projected_columns_fit(view)
    assert view.projection_scale >= 1.2
    assert view.splitter.sizes()[1] >= 240
    assert "Pourquoi ?" in view.why_text()
    # Projected decisions in short words, the full words back afterwards.
    decision = view.model.column["Décision"]
    assert view.model.index(0, decision).data() == "◆ contrôle"
    view.set_projection(False)
    assert view.model.index(0, decision).data() == "◆ épreuves de contrôle"
    assert view.table.font().pointSizeF() == normal
    assert view.filters_bar.isVisibleTo(view)


def test_a_narrow_screen_scrolls_rather_than_shrinking_the_type_further(hub, qtbot):
    view = DeliberationView(hub)
    qtbot.addWidget(view)
    view.resize(500, 600)
    view.show()
    view.set_projection(True)
    QApplication.processEvents()
    assert view.projection_scale == MIN_PROJECTION_SCALE
    assert view.frozen.isVisibleTo(view) or view.table.horizontalScrollBar().value() == 0


def test_f11_projects_full_screen_and_escape_gives_the_window_back(
    demo_path, answers, qtbot, tmp_path
):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=settings,
        ask_reason=answers,
        inform=Told(),
    )
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.jury)
    window.deliberation.near.setChecked(True)  # a filter chosen before: kept, not shown
    before = window.geometry()
    toolbar = window.findChild(QToolBar)
    widths = [window.deliberation.table.columnWidth(c) for c in range(5)]

    with qtbot.waitActive(window):  # shortcuts reach the active window
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.projecting()
    assert window.isFullScreen()
    qtbot.waitUntil(lambda: window.geometry() == window.screen().geometry())
    for hidden in (
        window.menuBar(),
        window.statusBar(),
        toolbar,
        window.tabs.tabBar(),
        window.deliberation.filters_bar,
        window.deliberation.actions_bar,
        window.header,
    ):
        assert not hidden.isVisible()
    assert window.tabs.currentWidget() is window.deliberation
    # No other view (and its names) reachable from the keyboard while projecting.
    assert not any(action.isEnabled() for action in window.view_actions)

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.projecting()
    assert not window.isFullScreen()
    assert not window.projection_action.isChecked()
    assert window.geometry() == before
    for shown in (window.menuBar(), window.statusBar(), toolbar, window.tabs.tabBar()):
        assert shown.isVisible()
    assert window.tabs.currentWidget() is window.jury
    assert window.deliberation.near.isChecked()
    assert [window.deliberation.table.columnWidth(c) for c in range(5)] == widths
    assert all(action.isEnabled() for action in window.view_actions)

    assert "Échap : Quitter la projection" in window.shortcuts_text()  # said in the help
    qtbot.keyClick(window, Qt.Key.Key_F11)  # the same key leaves it too
    assert window.projecting()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.projecting()
    assert window.geometry() == before
    window.close()
