"""The main window over a session file (issue 4)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from btsdesk.app.session import FINAL, FIRST
from btsdesk.core.results import Decision
from btsdesk.gui.main_window import VIEWS, MainWindow
from btsdesk.store.session import SessionStore
from tests.gui.jury_day import BENALI, GIRARD, NDIAYE, Told, complete_the_grades, settle_and_decide


def _window(demo_path, answers, qtbot, tmp_path, told: Told | None = None) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=settings,
        ask_reason=answers,
        inform=told if told is not None else Told(),
    )
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
        f"{counts[Decision.AJOURNE]} ajournés · {counts[Decision.INCOMPLET]} incomplet"
    )
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


def test_projection_mode_is_anonymous_and_without_controls(demo_path, answers, qtbot, tmp_path):
    window = _window(demo_path, answers, qtbot, tmp_path)
    window.projection_action.setChecked(True)
    window.toggle_projection()
    view = window.deliberation
    names = [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())]
    assert set(names) == {"—"}
    assert not view.actions_bar.isVisible()
    assert not view.panel.isVisible()  # no name nor address on the projector (R26)
    assert "GARNIER" not in view.why_text()
    assert "N'DIAYE" not in view.why_text()
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
    again = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=settings,
        ask_reason=answers,
        inform=Told(),
    )
    qtbot.addWidget(again)
    assert again.recent_files() == [str(demo_path)]
    # The height is restored (the default is 800); the offscreen screen is only 800 px wide,
    # so Qt clamps the width when it restores.
    assert again.size().height() == kept.height() == height
    again.close()


def test_passing_to_deliberation_tells_what_to_check_without_refusing_r24(
    demo_path, answers, qtbot, tmp_path
):
    told = Told()
    window = _window(demo_path, answers, qtbot, tmp_path, told)
    assert window.change_phase("deliberation")  # GIRARD is incomplet: told, not refused
    assert window.hub.service.phase == "deliberation"
    assert [title for title, _text in told.messages] == ["Passage en délibération"]
    text = told.messages[0][1]
    assert "1 candidat incomplet : 02620000010" in text
    assert "« à vérifier »" in text  # the règlement lines still to check (E5, E6 of MCO)
    for warning in window.hub.service.deliberation_warnings():
        assert f"• {warning}" in text
    window.close()


def test_closing_refused_lists_each_candidate_concerned_r24(demo_path, answers, qtbot, tmp_path):
    told = Told()
    window = _window(demo_path, answers, qtbot, tmp_path, told)
    window.change_phase("deliberation")
    told.messages.clear()
    assert not window.change_phase("clos")
    assert window.hub.service.phase == "deliberation"
    title, text = told.messages[0]
    assert title == "Clôture refusée"
    blockers = window.hub.service.closing_blockers()
    assert text.startswith(f"Clôture refusée (R24), {len(blockers)} candidats à régler :\n")
    assert text.count("\n• ") == len(blockers)
    assert "• 02620000010 GIRARD Lucas : incomplet" in text
    assert "décision du premier groupe non enregistrée" in text
    window.close()


def test_the_status_bar_counts_the_day_as_it_stands(demo_path, answers, qtbot, tmp_path):
    """R13a, R16, R24: after the orals the final decisions count; declining is ajourné."""
    window = _window(demo_path, answers, qtbot, tmp_path)
    hub = window.hub
    assert window.counts.toolTip() == "Décisions du premier groupe"
    complete_the_grades(hub)
    window.change_phase("deliberation")
    first = hub.service.first_group_counts()
    settle_and_decide(hub)  # N'DIAYE admitted after her orals, the others declined
    counts = hub.service.counts()
    controle = first[Decision.CONTROLE]
    assert counts[Decision.CONTROLE] == 0
    assert counts[Decision.ADMIS] == first[Decision.ADMIS] + 1
    assert counts[Decision.AJOURNE] == first[Decision.AJOURNE] + controle - 1
    assert window.counts.text() == (
        f"{counts[Decision.ADMIS]} admis · 0 en contrôle · "
        f"{counts[Decision.AJOURNE]} ajournés · 0 incomplet"
    )
    assert "Premier groupe : " in window.counts.toolTip()
    assert f"{controle} en contrôle" in window.counts.toolTip()
    model = window.deliberation.model
    # R16: orals 12 (E1 at 9,50, coef 3) and 11 (E3 at 10, coef 3) replace their lines:
    # 208,5 + 7,5 + 3 = 219 / 21 = 10,428… → 10,42
    assert model.index(NDIAYE, model.column["Moyenne"]).data() == "9,92"
    assert model.index(NDIAYE, model.column["Moyenne finale"]).data() == "10,42"
    assert model.index(NDIAYE, model.column["Décision finale"]).data() == "✔ admis"
    assert model.index(BENALI, model.column["Décision finale"]).data() == (
        "✘ ajourné (renonce aux oraux)"
    )
    # GIRARD with E6 = 10: 221,25 / 21 = 10,53, admis at the first group
    assert hub.service.results[GIRARD].decision is Decision.ADMIS
    assert model.index(GIRARD, model.column["Décision finale"]).data() == ""
    number = hub.service.candidates[NDIAYE].number
    assert hub.service.recorded(number, FIRST) == "controle"
    assert hub.service.recorded(number, FINAL) == "admis"
    assert window.change_phase("clos")
    window.close()


def test_a_grade_import_in_deliberation_asks_a_reason_r21(demo_path, answers, qtbot, tmp_path):
    window = _window(demo_path, answers, qtbot, tmp_path)
    window.change_phase("deliberation")
    sheet = tmp_path / "notes.csv"
    sheet.write_text("N° candidat;E6\n02620000010;14\n", encoding="utf-8")
    text = window.import_path(sheet, confirm=lambda preview: True)
    assert "sans motif" in text
    assert "rien n'a été écrit" in text
    assert window.hub.service.entry(GIRARD, "E6") is None
    answers.queue.append("relevé reçu après la saisie")
    seen = []
    window.hub.reloaded.connect(lambda: seen.append("reloaded"))
    text = window.import_path(sheet, confirm=lambda preview: True)
    assert "✔ 1 note importée" in text
    assert seen == ["reloaded"]  # written through the hub: every view reads again
    assert window.hub.service.entry(GIRARD, "E6") == 1400
    assert any("R21" in question for question in answers.asked)
    window.close()


def test_qt_speaks_french(qtbot):
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from btsdesk.gui.app import french_qt

    french_qt(QApplication.instance())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
