"""Oraux: choice among the offered disciplines (R12/R15), oral grades, final result."""

from __future__ import annotations

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.core.results import Decision, OralChoice
from btsdesk.gui.orals_view import OralsView

NDIAYE = 0  # 9,92 (208,5 / 21), professional 10,00 → contrôle in regime 2022


def _view(hub, qtbot) -> OralsView:
    view = OralsView(hub)
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    return view


def test_choose_two_disciplines_enter_grades_and_see_the_final_decision(hub, qtbot):
    view = _view(hub, qtbot)
    panel = view.candidates
    panel.select(NDIAYE)
    assert not panel.save_button.isEnabled()  # not authorised yet (R22)
    hub.set_phase("deliberation")  # the jury authorises in délibération (R24)
    hub.authorise(NDIAYE, True)
    panel.select(NDIAYE)
    assert panel.save_button.isEnabled()
    offered = [panel.choices[0].itemData(i) for i in range(1, panel.choices[0].count())]
    assert offered == ["E1", "E2", "E3"]  # R15: the general disciplines only
    assert "il faut" in panel.choices[0].itemText(1)  # R17 next to each option
    panel.choices[0].setCurrentIndex(panel.choices[0].findData("E1"))
    panel.choices[1].setCurrentIndex(panel.choices[1].findData("E3"))
    # R16: E1 9,50 → 11 adds 3 × 1,5 = 4,5 points: 213 / 21 = 10,14 → admis.
    panel.grades[0].setText("11")
    panel.grades[1].setText("8")  # below E3's 10: changes nothing
    assert panel.save()
    result = hub.service.results[NDIAYE]
    assert result.final_decision is Decision.ADMIS
    assert panel.table.item(panel.rows.index(NDIAYE), 8).text() == "admis"
    assert "10,14" in panel.message.text()


def test_an_unoffered_discipline_cannot_be_chosen(hub, qtbot):
    hub.set_phase("deliberation")  # the jury authorises in délibération (R24)
    hub.authorise(NDIAYE, True)
    with pytest.raises(InvalidInput, match="non proposée"):
        hub.edit_orals(NDIAYE, {"E41": OralChoice("E41", 1500)})  # professional: not R15
    assert hub.service.orals_of(NDIAYE) == {}
    view = _view(hub, qtbot)
    view.candidates.select(NDIAYE)
    offered = {view.candidates.choices[0].itemData(i)
               for i in range(view.candidates.choices[0].count())}
    assert "E41" not in offered


def test_the_same_discipline_twice_is_refused(hub, qtbot):
    hub.set_phase("deliberation")  # the jury authorises in délibération (R24)
    hub.authorise(NDIAYE, True)
    view = _view(hub, qtbot)
    panel = view.candidates
    panel.select(NDIAYE)
    for combo in panel.choices:
        combo.setCurrentIndex(combo.findData("E2"))
    assert not panel.save()
    assert "différentes" in panel.message.text()


def test_plan_the_orals_then_a_manual_move_shows_a_conflict(hub, qtbot):
    view = _view(hub, qtbot)
    for row in (NDIAYE, 3):  # N'Diaye and Benali (exactly 8) are both in contrôle
        hub.set_phase("deliberation")  # the jury authorises in délibération (R24)
        hub.authorise(row, True)
        hub.edit_orals(row, {"E1": OralChoice("E1", None), "E2": OralChoice("E2", None)})
    planning = view.planning
    planning.days_edit.setPlainText("2026-07-06 08:00 18:00")
    planning.rooms_edit.setPlainText("B12\nB14")
    planning.examiners_edit.setPlainText("Mme Durand : E1\nM. Petit : E2")
    assert planning.propose()
    assert "4 oral(aux) placé(s)" in planning.message.text()
    assert planning.table.rowCount() == 4
    assert planning.conflicts() == []
    # Put the second exam in the first exam's room at the same time.
    first, _ = planning.slots[0]
    second_line = next(i for i, (s, _k) in enumerate(planning.slots)
                       if s.candidate != first.candidate)
    planning.table.setCurrentCell(second_line, 0)
    planning.move_time.setText(first.exam_start.strftime("%Y-%m-%d %H:%M"))
    planning.move_room.setText(first.room)
    assert planning.move_selected()
    problems = [planning.problems.item(i).text() for i in range(planning.problems.count())]
    assert any(first.room in p and "même temps" in p for p in problems)
    assert "conflit" in planning.message.text()
