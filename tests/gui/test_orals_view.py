"""Oraux: choice among the offered disciplines (R12/R15), each oral's grade, absence (R13a)
or nothing yet, the renonciation (R24), the final result at once (R13/R16); the planning
with French dates. Every write is the view's, through the hub: the tests write no store."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.core.results import Decision
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.orals_view import OralsView
from btsdesk.gui.pickers import set_moment
from btsdesk.store.errors import RuleRefused
from btsdesk.store.session import SessionStore

NDIAYE = 0  # 9,92 (208,5 / 21), professional 10,00 → contrôle in regime 2022 (R14)
BENALI = 3  # exactly 8, professional 10,50 → contrôle (R14)
DECISION = 8  # the table's "Décision finale" column


@pytest.fixture
def hub_2021(tmp_path: Path, answers, qtbot):
    """The demo session in regime 2021: the jury authorises (R22), one general discipline
    to choose (R12) and a professional oral (R11)."""
    path = create_demo_file(tmp_path / "demo-2021.btsdesk", regime="2021")
    store = SessionStore.open(path, backup=False, operator="Mme Présidente")
    hub = SessionHub(JurySession(store), answers)
    yield hub
    store.close()


def _view(hub, qtbot) -> OralsView:
    view = OralsView(hub)
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    return view


def _pick(panel, *codes: str) -> None:
    for combo, code in zip(panel.choices, codes, strict=True):
        combo.setCurrentIndex(combo.findData(code))


def _decision(panel, row: int) -> str:
    return panel.table.item(panel.rows.index(row), DECISION).text()


def test_choose_two_disciplines_enter_grades_and_see_the_final_decision(hub, qtbot, qtmodeltester):
    view = _view(hub, qtbot)
    panel = view.candidates
    hub.set_phase("deliberation")
    panel.select(NDIAYE)
    # R22, regime 2022: authorised by right, nothing for the jury to record.
    assert panel.table.item(panel.rows.index(NDIAYE), 2).text() == "de droit"
    assert hub.service.authorisations == {}
    assert panel.save_button.isEnabled()
    assert panel.decline_button.isEnabled()
    assert not panel.levels_row.isVisibleTo(view)  # R12 k is not of this regime
    assert len(panel.choices) == hub.service.regime.choices_count == 2  # R15
    offered = [panel.choices[0].itemData(i) for i in range(1, panel.choices[0].count())]
    assert offered == ["E1", "E2", "E3"]  # R15: the general disciplines only
    assert "il faut 10,00" in panel.choices[0].itemText(1)  # R17 next to each option
    _pick(panel, "E1", "E3")
    # R16: E1 9,50 → 11 adds 3 × 1,5 = 4,5 points: 213 / 21 = 10,14 → admis.
    panel.grades[0].setText("11")
    panel.grades[1].setText("8")  # below E3's 10: changes nothing
    assert panel.save()
    assert hub.service.regime.choice(hub.service.orals_of(NDIAYE)) == ["E1", "E3"]
    assert hub.service.results[NDIAYE].final_decision is Decision.ADMIS
    assert _decision(panel, NDIAYE) == "admis"
    assert "10,14" in panel.final.text()
    assert "admis" in panel.final.text()
    assert "10,14" in panel.message.text()
    qtmodeltester.check(panel.table.model())


def test_an_absent_oral_gives_the_final_decision_at_once_r13a(hub, answers, qtbot):
    view = _view(hub, qtbot)
    panel = view.candidates
    hub.set_phase("deliberation")
    panel.select(NDIAYE)
    assert "abs" in panel.grades[0].placeholderText()  # R13a: discoverable in the field
    _pick(panel, "E1", "E2")
    panel.grades[0].setText("11")
    assert panel.save()  # E2 not yet known: the final decision waits (R13a)
    assert hub.service.results[NDIAYE].final_decision is None
    assert "en attente" in panel.final.text()
    assert "E2" in panel.final.text()
    assert _decision(panel, NDIAYE) == ""
    panel.absents[1].setChecked(True)  # R13a: absent, final, changes nothing
    assert not panel.grades[1].isEnabled()
    assert panel.save()
    choice = hub.service.orals_of(NDIAYE)["E2"]
    assert choice.absent
    assert choice.grade is None
    assert hub.service.results[NDIAYE].final_decision is Decision.ADMIS  # 213 / 21 = 10,14
    assert "10,14" in panel.final.text()
    assert _decision(panel, NDIAYE) == "admis"
    assert panel.absents[1].isChecked()  # shown again as recorded
    assert not panel.decline_button.isEnabled()  # an oral is taken: no renonciation
    assert answers.asked == []  # first entries need no reason (R21)
    # Changing an absence into a grade in délibération asks the reason (R21).
    answers.queue.append("absence saisie par erreur")
    panel.absents[1].setChecked(False)
    panel.grades[1].setText("9")
    assert panel.save()
    assert len(answers.asked) == 1
    assert "R21" in answers.asked[0]
    assert hub.service.orals_of(NDIAYE)["E2"].grade == 900
    # « abs » typed in the grade field is the same as the box (R13a).
    answers.queue.append("finalement absente")
    panel.grades[1].setText("abs")
    assert panel.save()
    assert hub.service.orals_of(NDIAYE)["E2"].absent
    assert panel.absents[1].isChecked()
    assert panel.grades[1].text() == ""


def test_a_cancelled_reason_changes_nothing_r21(hub, answers, qtbot):
    view = _view(hub, qtbot)
    panel = view.candidates
    hub.set_phase("deliberation")
    panel.select(NDIAYE)
    _pick(panel, "E1", "E2")
    panel.grades[0].setText("11")
    panel.grades[1].setText("9")
    assert panel.save()
    panel.grades[0].setText("12")
    answers.queue.append(None)  # the president cancels the reason dialog
    assert not panel.save()
    assert "motif" in panel.message.text()
    assert hub.service.orals_of(NDIAYE)["E1"].grade == 1100
    assert panel.grades[0].text() == "11,00"  # the form shows what is recorded


def test_a_typing_mistake_writes_nothing(hub, qtbot):
    view = _view(hub, qtbot)
    panel = view.candidates
    panel.select(NDIAYE)
    _pick(panel, "E1", "E2")
    panel.grades[0].setText("11")
    panel.grades[1].setText("onze")
    assert not panel.save()
    assert "Refusé" in panel.message.text()
    assert hub.service.orals_of(NDIAYE) == {}  # not even the choice


def test_an_unoffered_discipline_cannot_be_chosen(hub, qtbot):
    with pytest.raises(InvalidInput, match="non proposée"):
        hub.choose(NDIAYE, ["E1", "E41"])  # professional: not R15
    with pytest.raises(InvalidInput, match="R15"):
        hub.choose(NDIAYE, ["E1"])  # two disciplines in this regime
    assert hub.service.orals_of(NDIAYE) == {}
    view = _view(hub, qtbot)
    view.candidates.select(NDIAYE)
    offered = {
        view.candidates.choices[0].itemData(i) for i in range(view.candidates.choices[0].count())
    }
    assert "E41" not in offered


def test_the_same_discipline_twice_is_refused(hub, qtbot):
    view = _view(hub, qtbot)
    panel = view.candidates
    panel.select(NDIAYE)
    _pick(panel, "E2", "E2")
    assert not panel.save()
    assert "différentes" in panel.message.text()
    _pick(panel, "E2", None)
    assert not panel.save()
    assert "2 disciplines" in panel.message.text()
    assert hub.service.orals_of(NDIAYE) == {}


def test_the_candidate_declines_the_orals_and_changes_their_mind_r24(hub, qtbot):
    view = _view(hub, qtbot)
    panel = view.candidates
    hub.set_phase("deliberation")
    panel.select(BENALI)
    assert panel.decline_button.text() == "Renonce aux épreuves de contrôle"
    qtbot.mouseClick(panel.decline_button, Qt.MouseButton.LeftButton)
    number = hub.service.candidates[BENALI].number
    assert number in hub.service.declined
    assert hub.service.outcome(BENALI) is Decision.AJOURNE
    assert _decision(panel, BENALI) == "ajourné (renonce)"
    assert "renonce" in panel.final.text()
    assert not panel.save_button.isEnabled()
    assert not any(combo.isEnabled() for combo in panel.choices)
    assert not any(edit.isEnabled() for edit in panel.grades)
    with pytest.raises(RuleRefused, match="renoncé"):
        hub.choose(BENALI, ["E1", "E2"])
    # Undone: the candidate takes the orals again.
    assert panel.decline_button.text() == "Annuler la renonciation"
    qtbot.mouseClick(panel.decline_button, Qt.MouseButton.LeftButton)
    assert number not in hub.service.declined
    assert panel.save_button.isEnabled()
    assert [e.action for e in hub.service.store.audit_log()[-2:]] == ["renonciation"] * 2


def test_regime_2021_one_discipline_a_professional_oral_and_the_jurys_authorisation(
    hub_2021, qtbot
):
    hub = hub_2021
    view = _view(hub, qtbot)
    panel = view.candidates
    assert panel.levels_row.isVisibleTo(view)  # R12 k: the session may widen the offer
    assert len(panel.choices) == 1
    assert len(panel.grades) == 2
    panel.select(NDIAYE)
    assert not panel.save_button.isEnabled()  # R22: not authorised yet
    assert not panel.decline_button.isEnabled()
    assert "autoriser" in panel.message.text()
    assert panel.table.item(panel.rows.index(NDIAYE), 2).text() == "à décider"
    hub.set_phase("deliberation")  # the jury authorises in délibération (R24)
    hub.authorise(NDIAYE, True)
    panel.select(NDIAYE)
    assert panel.save_button.isEnabled()
    assert panel.table.item(panel.rows.index(NDIAYE), 2).text() == "oui"
    assert "domaine professionnel" in panel.grade_labels[1].text()
    _pick(panel, "E1")
    # R13: the general ponctuel lines (E1, E21, E3: 73,5 / 7,5 = 9,80) counted at 10:
    # 210 / 21 = 10,00 → admis; the professional oral absent changes nothing (R13a).
    panel.grades[0].setText("10")
    panel.grades[1].setText("absent")
    assert panel.save()
    orals = hub.service.orals_of(NDIAYE)
    assert orals["general"].discipline == "E1"
    assert orals["general"].grade == 1000
    assert orals["professional"].absent
    assert hub.service.results[NDIAYE].final_decision is Decision.ADMIS
    assert "10,00" in panel.final.text()
    assert "domaine général : E1" in panel.grade_labels[0].text()
    # The R12 widening is a session setting, logged, through the hub.
    panel.levels.setValue(2)
    assert panel.apply_levels() is False  # délibération: the reason is asked; none given
    hub.ask_reason = lambda _question: "sujet commun au centre"
    assert panel.apply_levels()
    assert hub.service.evaluator.rules.general_oral_levels == 2
    assert hub.service.store.audit_log()[-1].reason == "sujet commun au centre"


def test_plan_the_orals_in_french_then_a_manual_move_shows_a_conflict(hub, qtbot):
    view = _view(hub, qtbot)
    for row in (NDIAYE, BENALI):  # both in contrôle, authorised by right (R22)
        assert hub.choose(row, ["E1", "E2"])
    planning = view.planning
    planning.days.set_days([(date(2026, 7, 6), time(8), time(18))])
    planning.rooms_edit.setPlainText("B12\nB14")
    planning.examiners_edit.setPlainText("Mme Durand : E1\nM. Petit : E2")
    assert planning.propose()
    assert "4 oral(aux) placé(s)" in planning.message.text()
    assert planning.table.rowCount() == 4
    assert planning.conflicts() == []
    assert "lundi 6 juillet 2026" in planning.table.item(0, 3).text()
    # Saving the same organisation again writes (and logs) nothing.
    logged = len(hub.service.store.audit_log())
    assert planning.save_setup()
    assert len(hub.service.store.audit_log()) == logged
    # Put the second exam in the first exam's room at the same time, typed in French.
    first, _ = planning.slots[0]
    second_line = next(
        i for i, (s, _k) in enumerate(planning.slots) if s.candidate != first.candidate
    )
    moved = planning.slots[second_line][0].candidate
    planning.table.setCurrentCell(second_line, 0)
    # The picker shows the chosen oral's time, in French; the first exam's time is picked.
    assert planning.move_time.text().startswith("lun. 06/07/2026 ")
    set_moment(planning.move_time, first.exam_start)
    planning.move_room.setText(first.room)
    assert planning.move_selected()
    assert any(
        s.candidate == moved and s.exam_start == first.exam_start and s.room == first.room
        for s, _key in planning.slots
    )
    problems = [planning.problems.item(i).text() for i in range(planning.problems.count())]
    assert any(first.room in p and "même temps" in p for p in problems)
    assert "conflit" in planning.message.text()


def test_nothing_to_plan_says_why(hub, qtbot):
    view = _view(hub, qtbot)
    planning = view.planning
    planning.days.set_days([(date(2026, 7, 6), time(8), time(18))])
    planning.rooms_edit.setPlainText("B12")
    planning.examiners_edit.setPlainText("Mme Durand : E1")
    assert not planning.propose()
    assert "choix de discipline" in planning.message.text()
    planning.days.set_days([(date(2026, 7, 6), time(14), time(9))])  # ends before it starts
    assert not planning.save_setup()
    assert "jours, ligne 1" in planning.message.text()
    assert "doit précéder la fin" in planning.message.text()


def test_only_the_listed_controle_disciplines_are_offered_r15(hub, qtbot):
    """R15: the session's list (corrected in saisie, logged) is what the window offers."""
    hub.act(lambda s: s.set_controle_disciplines(["E1", "E3"]))
    view = _view(hub, qtbot)
    panel = view.candidates
    hub.set_phase("deliberation")
    panel.select(NDIAYE)
    for combo in panel.choices:
        assert {combo.itemData(i) for i in range(combo.count())} == {None, "E1", "E3"}


def test_days_are_picked_on_a_french_calendar_and_saved_through_the_app(hub, qtbot):
    """Issue 15: no « AAAA-MM-JJ HH:MM » to type — a calendar in French (Monday first),
    hours in pickers; « Ajouter un jour » gives the next working day with the same hours."""
    from PySide6.QtWidgets import QDateEdit, QTimeEdit

    from btsdesk.app import planning as app_planning

    view = _view(hub, qtbot)
    planning = view.planning
    days = planning.days
    assert days.days() == []
    days.add_day()  # the day after the proclamation (R13b: within eight days of it)
    proclamation = date.fromisoformat(hub.service.details.proclamation)
    assert days.days() == [(date.fromordinal(proclamation.toordinal() + 1), time(8), time(18))]
    day_edit = days.table.cellWidget(0, 0)
    assert isinstance(day_edit, QDateEdit)
    assert day_edit.calendarPopup()
    assert day_edit.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert day_edit.locale().language() == day_edit.locale().Language.French
    day_edit.setDate(date(2026, 7, 4))  # a Saturday
    assert day_edit.text() == "sam. 04/07/2026"
    end = days.table.cellWidget(0, 2)
    assert isinstance(end, QTimeEdit)
    end.setTime(time(12, 30))
    days.add_day()  # Sunday skipped: Monday, same hours
    assert days.days() == [
        (date(2026, 7, 4), time(8), time(12, 30)),
        (date(2026, 7, 6), time(8), time(12, 30)),
    ]
    planning.rooms_edit.setPlainText("B12")
    planning.examiners_edit.setPlainText("Mme Durand : E1")
    assert planning.save_setup()
    recorded = app_planning.setup_of(hub.service)
    assert [(d.day, d.start, d.end) for d in recorded.days] == days.days()
    logged = hub.service.store.audit_log()[-1]  # logged by the app, not the view
    assert logged.new == "2 jour(s), 1 salle(s), 1 examinateur(s)"
    # The same day twice is refused, naming the line.
    days.table.setCurrentCell(1, 0)
    days.table.cellWidget(1, 0).setDate(date(2026, 7, 4))
    assert not planning.save_setup()
    assert "jours, ligne 2" in planning.message.text()
    # Shown again from the file in another view of the same session.
    again = OralsView(hub)
    qtbot.addWidget(again)
    assert again.planning.days.days() == [(d.day, d.start, d.end) for d in recorded.days]
