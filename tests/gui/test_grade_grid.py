"""Saisie des notes driven with the keyboard (issue 4)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from btsdesk.core.grades import Code
from btsdesk.gui.grade_grid import GradeEntryView
from tests.gui.jury_day import close_the_session


def _view(hub, qtbot) -> GradeEntryView:
    view = GradeEntryView(hub)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def _go(view, row: int, code: str) -> None:
    column = view.model.column_of(code)
    view.table.setCurrentIndex(view.proxy.index(row, column))
    view.table.setFocus()


def type_in(view, qtbot, text: str) -> None:
    """Type into the current cell as a user would (the first key opens the editor), then
    press Enter and let the queued commit run."""
    qtbot.keyClick(view.table, text[0])
    editor = view.table.focusWidget()
    if len(text) > 1:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            view.table.state() != view.table.State.EditingState or bool(view.table.last_refusal)
        ),
        timeout=2000,
    )


def test_typing_replaces_the_cell_and_enter_moves_down(hub, qtbot):
    view = _view(hub, qtbot)
    _go(view, 0, "E1")
    type_in(view, qtbot, "12,5")
    assert hub.service.entry(0, "E1") == 1250
    assert view.table.currentIndex().row() == 1  # moved down
    type_in(view, qtbot, "abs")
    assert hub.service.entry(1, "E1") is Code.ABS
    assert view.table.currentIndex().row() == 2
    history = hub.service.history(0, "E1")
    assert (history[-1].old, history[-1].new, history[-1].operator) == (
        "9,50",
        "12,50",
        "Mme Présidente",
    )


def test_an_invalid_entry_is_refused_in_place_and_nothing_is_saved(hub, qtbot):
    view = _view(hub, qtbot)
    _go(view, 0, "E3")
    log_before = len(hub.service.store.audit_log())
    type_in(view, qtbot, "21")
    assert "supérieure à 20" in view.table.last_refusal
    assert hub.service.entry(0, "E3") == 1000  # unchanged
    assert len(hub.service.store.audit_log()) == log_before
    # The editor is open again on the same cell with the text typed, to be corrected.
    assert view.table.state() == view.table.State.EditingState
    assert view.table.currentIndex().row() == 0
    editor = view.table.focusWidget()
    assert editor.text() == "21"
    qtbot.keyClicks(editor, "12.5")  # the text was selected: typing replaces it
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: hub.service.entry(0, "E3") == 1250, timeout=2000)


def test_a_letter_in_a_grade_is_refused(hub, qtbot):
    view = _view(hub, qtbot)
    _go(view, 1, "E41")
    type_in(view, qtbot, "1O")
    assert "illisible" in view.table.last_refusal
    assert hub.service.entry(1, "E41") == 1000


def test_undo_and_redo_go_through_the_same_service(hub, qtbot):
    view = _view(hub, qtbot)
    _go(view, 2, "E5")
    type_in(view, qtbot, "15")
    assert hub.service.entry(2, "E5") == 1500
    hub.undo_stack.undo()
    assert hub.service.entry(2, "E5") == 1000
    hub.undo_stack.redo()
    assert hub.service.entry(2, "E5") == 1500
    # Each step is one transaction and one audit entry.
    assert [(e.old, e.new) for e in hub.service.history(2, "E5")][-3:] == [
        ("10,00", "15,00"),
        ("15,00", "10,00"),
        ("10,00", "15,00"),
    ]


def test_paste_a_rectangle_from_a_spreadsheet(hub, qtbot):
    view = _view(hub, qtbot)
    _go(view, 0, "E41")
    assert view.table.paste("12,5\t13\r\n14.25\tabj\r\n")
    assert [hub.service.entry(r, c) for r in (0, 1) for c in ("E41", "E42")] == [
        1250,
        1300,
        1425,
        Code.ABJ,
    ]
    hub.undo_stack.undo()  # one paste, one undo step
    assert [hub.service.entry(r, c) for r in (0, 1) for c in ("E41", "E42")] == [
        1000,
        1000,
        1000,
        1000,
    ]


def test_a_paste_with_one_bad_cell_saves_nothing(hub, qtbot):
    view = _view(hub, qtbot)
    _go(view, 0, "E41")
    log_before = len(hub.service.store.audit_log())
    assert not view.table.paste("12\t13\n14\t25\n")
    assert "collage, ligne 2, colonne 2 (E42)" in view.table.last_refusal
    assert "rien n'a été enregistré" in view.table.last_refusal
    assert hub.service.entry(0, "E41") == 1000
    assert len(hub.service.store.audit_log()) == log_before


def test_delete_clears_a_cell_and_missing_grades_are_highlighted(hub, qtbot):
    view = _view(hub, qtbot)
    _go(view, 0, "E6")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert hub.service.entry(0, "E6") is None
    index = view.proxy.index(0, view.model.column_of("E6"))
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert hub.service.results[0].decision.value == "incomplet"


def test_in_deliberation_a_change_asks_a_reason_r21(hub, answers, qtbot):
    view = _view(hub, qtbot)
    assert hub.set_phase("deliberation")
    _go(view, 0, "E1")
    type_in(view, qtbot, "10")  # cancelled: no reason given
    assert hub.service.entry(0, "E1") == 950
    answers.queue.append("erreur de report sur la feuille d'émargement")
    _go(view, 0, "E1")
    type_in(view, qtbot, "10")
    assert hub.service.entry(0, "E1") == 1000
    assert hub.service.history(0, "E1")[-1].reason == (
        "erreur de report sur la feuille d'émargement"
    )
    assert all("R21" in question for question in answers.asked)


def test_in_phase_clos_the_grid_is_read_only(hub, answers, qtbot):
    """R24: closing needs every candidate settled (grades, decisions, orals), then the grid
    is read-only."""
    view = _view(hub, qtbot)
    close_the_session(hub)
    assert hub.service.phase == "clos"
    index = view.proxy.index(0, view.model.column_of("E1"))
    assert not view.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    _go(view, 0, "E1")
    qtbot.keyClick(view.table, "5")
    assert view.table.state() != view.table.State.EditingState
    assert hub.service.entry(0, "E1") == 950
    assert "lecture seule" in view.phase_note.text()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert hub.service.entry(0, "E1") == 950
    assert not view.table.paste("12\t13")
    assert "R24" in view.table.last_refusal
    assert hub.service.entry(0, "E1") == 950


def test_filters_by_category_missing_grades_and_search(hub, qtbot):
    view = _view(hub, qtbot)
    total = view.proxy.rowCount()
    view.category.setCurrentIndex(view.category.findData("C"))
    assert 0 < view.proxy.rowCount() < total
    assert all(
        hub.service.candidates[view.proxy.mapToSource(view.proxy.index(r, 0)).row()].category == "C"
        for r in range(view.proxy.rowCount())
    )
    view.category.setCurrentIndex(0)
    view.missing.setChecked(True)
    assert [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())] == ["GIRARD Lucas"]
    view.missing.setChecked(False)
    view.search.setText("ndiaye")  # case and accents do not matter
    assert [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())] == [
        "N'DIAYE Émilie-Françoise"
    ]


def test_a_cells_history_on_demand(hub, qtbot):
    view = _view(hub, qtbot)
    _go(view, 0, "E1")
    type_in(view, qtbot, "11")
    _go(view, 0, "E1")
    history = view.current_history()
    assert [(e.old, e.new) for e in history] == [
        (None, "9,50 [import démonstration]"),
        ("9,50", "11,00"),
    ]
    assert history[-1].operator == "Mme Présidente"


def test_grid_model_passes_qtmodeltester(hub, qtmodeltester):
    from btsdesk.gui.grade_grid import GradeGridModel

    qtmodeltester.check(GradeGridModel(hub))
