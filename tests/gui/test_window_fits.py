"""A window that fits (issue 15): columns sized from what they show whenever data arrives,
a user's widths kept; the Jury column in the jury's words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from btsdesk.app.session import CellChange
from btsdesk.gui.deliberation_view import DeliberationView
from btsdesk.gui.grade_grid import GradeEntryView
from btsdesk.gui.widgets import ColumnFitter


def _fits(table: QTableView, row: int, column: int) -> bool:
    """The cell's text is shown whole (not cut to « … »), once the table has caught up."""
    QApplication.processEvents()  # the zero timer that widens the columns
    assert not table.findChild(ColumnFitter).pending()
    index = table.model().index(row, column)
    grid = 1 if table.showGrid() else 0  # the cell's text is drawn within the grid line
    return table.columnWidth(column) >= table.sizeHintForIndex(index).width() + grid


def _empty_column(hub, code: str) -> None:
    rows = range(len(hub.service.candidates))
    hub.edit_grades([CellChange(r, code, None) for r in rows], "vide")


def test_typed_and_pasted_grades_widen_a_column_sized_while_empty(hub, qtbot):
    _empty_column(hub, "E1")
    _empty_column(hub, "E21")
    view = GradeEntryView(hub)  # a new session: the grid built with no grade in E1, E2
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    table = view.table
    e1, e2 = view.model.column_of("E1"), view.model.column_of("E21")
    before = table.columnWidth(e1)
    table.setCurrentIndex(view.proxy.index(0, e1))
    assert view.model.setData(view.model.index(0, e1), "12,75")
    assert _fits(table, 0, e1)
    assert table.columnWidth(e1) >= before
    table.setCurrentIndex(view.proxy.index(1, e1))
    assert table.paste("13,25\t14,5\n")
    assert _fits(table, 1, e1)
    assert _fits(table, 1, e2)
    # A width the user chose is kept when data arrives.
    table.horizontalHeader().resizeSection(e2, 30)
    table.setCurrentIndex(view.proxy.index(2, e2))
    assert table.paste("15,75")
    assert table.columnWidth(e2) == 30


def test_the_jury_column_is_readable_after_a_decision(hub, qtbot, answers):
    view = DeliberationView(hub)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    hub.set_phase("deliberation")
    view.select_row(0)
    assert view.record_decision()
    jury = view.model.column["Jury"]
    row = view.proxy.mapFromSource(view.model.index(0, jury)).row()
    text = view.proxy.index(row, jury).data()
    assert text.startswith("1er groupe : épreuves de contrôle")  # not « controle »
    assert _fits(view.table, row, jury)


def _main_window(demo_path, answers, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from btsdesk.gui.main_window import MainWindow
    from btsdesk.store.session import SessionStore
    from tests.gui.jury_day import Told

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=settings,
        ask_reason=answers,
        inform=Told(),
    )
    qtbot.addWidget(window)
    return window


def test_the_window_fits_a_1024_by_768_screen(demo_path, answers, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    available = QRect(0, 0, 1024, 740)  # 768 px less a task bar
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: available)
    window = _main_window(demo_path, answers, qtbot, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    assert window.minimumSizeHint().width() <= 1024
    assert available.contains(window.frameGeometry())  # opened within the screen
    status = window.statusBar()
    assert status.isVisible()
    bottom = window.mapToGlobal(status.geometry().bottomLeft())
    assert available.contains(bottom)  # the counts of the day visible
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        view = window.tabs.widget(index)
        assert view.minimumSizeHint().width() <= 1024 - 20, window.tabs.tabText(index)
    window.close()


def test_a_saved_geometry_larger_than_the_screen_is_brought_back(
    demo_path, answers, qtbot, tmp_path, monkeypatch
):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    window = _main_window(demo_path, answers, qtbot, tmp_path)
    window.setGeometry(QRect(300, 200, 1280, 800))  # as saved on a larger screen
    window.close()
    available = QRect(0, 0, 1366, 738)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: available)
    again = _main_window(demo_path, answers, qtbot, tmp_path)
    again.show()
    assert available.contains(again.frameGeometry())
    again.close()


def test_number_and_name_stay_on_the_left_of_the_wide_tables(hub, qtbot):
    view = DeliberationView(hub)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    frozen = view.frozen
    assert not frozen.isVisible()  # not scrolled: the table shows its first columns itself
    shown = [c for c in range(view.model.columnCount()) if not frozen.isColumnHidden(c)]
    assert [view.model.headers[c] for c in shown] == ["N° candidat", "Nom"]
    assert frozen.width() == view.table.columnWidth(0) + view.table.columnWidth(1)
    bar = view.table.horizontalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the Jury and Motif columns
    assert bar.value() > 0
    assert frozen.isVisible()
    # A click on a name chooses the row and keeps the column the keyboard is in.
    motif = view.model.column["Motif"]
    view.table.setCurrentIndex(view.proxy.index(0, motif))
    rect = frozen.visualRect(view.proxy.index(3, 1))
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.table.currentIndex().row() == 3
    assert view.table.currentIndex().column() == motif
    # Moving to a cell under the frozen columns scrolls it into sight beside them.
    view.table.setCurrentIndex(view.proxy.index(3, 2))
    assert view.table.visualRect(view.proxy.index(3, 2)).left() >= frozen.width()


def _scrolled_keeps(table, frozen, titles: list[str]) -> None:
    """Scrolled to the far right, the table still shows ``titles`` on its left (the
    same frozen columns as the grid and the deliberation table), shown whole."""
    assert not frozen.isVisible()
    shown = [c for c in range(table.model().columnCount()) if not frozen.isColumnHidden(c)]
    assert [table.model().headerData(c, Qt.Orientation.Horizontal) for c in shown] == titles
    bar = table.horizontalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0  # the table is wider than its view
    assert frozen.isVisible()
    assert frozen.width() == sum(table.columnWidth(c) for c in shown)
    for column in shown:  # the titles and names whole, not « … »
        assert table.columnWidth(column) >= table.sizeHintForColumn(column)


def test_oraux_and_reglement_keep_number_and_name_on_the_left(hub, qtbot, answers):
    from btsdesk.gui.orals_view import OralCandidates
    from btsdesk.gui.reglement_view import ReglementView
    from btsdesk.gui.widgets import FrozenColumns

    hub.set_phase("deliberation")  # candidates in contrôle listed in the Oraux view
    orals = OralCandidates(hub)
    qtbot.addWidget(orals)
    orals.resize(700, 500)
    orals.show()
    qtbot.waitExposed(orals)
    assert orals.table.rowCount() > 0
    _scrolled_keeps(orals.table, orals.table.findChild(FrozenColumns), ["N° candidat", "Nom"])

    reglement = ReglementView(hub)
    qtbot.addWidget(reglement)
    reglement.resize(700, 500)
    reglement.show()
    qtbot.waitExposed(reglement)
    _scrolled_keeps(reglement.table, reglement.table.findChild(FrozenColumns), ["Code", "Intitulé"])


def test_the_class_window_fits_a_1024_by_768_screen(tmp_path, qtbot):
    """Title bar and task bar take their share of 768 px: the conseil's form scrolls
    rather than pushing its buttons off the screen."""
    from btsdesk.gui.class_window import ClassWindow
    from btsdesk.store.class_file import ClassStore

    store = ClassStore.create(
        tmp_path / "c.btsdesk-classe",
        year=2026,
        etablissement="Lycée",
        division="1 BTS MCO A",
        specialty_label="BTS MCO",
        operator="M. Leroy",
    )
    window = ClassWindow(store, show_pdf=lambda title, data: None)
    qtbot.addWidget(window)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 - 20
    assert hint.height() <= 768 - 80
    window.close()
