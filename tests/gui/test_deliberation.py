"""Délibération: the "Pourquoi ?" panel, filters, jury actions, and one edit → one row."""

from __future__ import annotations

from pathlib import Path

import pytest

from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import CellChange, JurySession
from btsdesk.core.results import Decision
from btsdesk.gui.deliberation_model import DeliberationModel
from btsdesk.gui.deliberation_view import DeliberationView
from btsdesk.gui.hub import SessionHub
from btsdesk.store.session import SessionStore

GARNIER = 6  # the demo's Léa Garnier has the grades of domain.md §6


@pytest.fixture
def hub_2021(tmp_path: Path, answers, qtbot):
    path = create_demo_file(tmp_path / "demo-2021.btsdesk", regime="2021")
    store = SessionStore.open(path, backup=False, operator="Mme Présidente")
    yield SessionHub(JurySession(store), answers)
    store.close()


def _view(hub, qtbot, **kwargs) -> DeliberationView:
    view = DeliberationView(hub, **kwargs)
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    return view


def test_why_panel_of_the_worked_example(hub_2021, qtbot):
    """191,5 points, divisor 21, 9,11; needed 8,67 (general) and 12,17 (professional)."""
    view = _view(hub_2021, qtbot)
    view.select_row(GARNIER)
    text = view.why_text()
    assert "GARNIER Léa" in text
    for figure in ("191,5 points", "diviseur 21", "9,11", "8,67", "12,17", "R10", "R17"):
        assert figure in text, figure
    # Keyboard navigation: the panel follows the selected candidate.
    view.select_row(GARNIER + 1)
    assert "GARNIER" not in view.why_text()


def test_filters_by_decision_and_near_a_threshold(hub, qtbot):
    view = _view(hub, qtbot)
    view.decision_filter.setCurrentIndex(view.decision_filter.findData(Decision.INCOMPLET))
    assert [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())] == [
        "GIRARD Lucas"]
    view.decision_filter.setCurrentIndex(0)
    view.near.setChecked(True)
    service = hub.service
    shown = {view.proxy.mapToSource(view.proxy.index(r, 0)).row()
             for r in range(view.proxy.rowCount())}
    expected = {row for row, result in enumerate(service.results)
                if result.average is not None
                and (abs(result.average - 8) <= 0.5 or abs(result.average - 10) <= 0.5)}
    assert shown == expected
    assert {0, 1, 2, 3, 4} <= shown  # 9,92; 10; 10,07; 8; 7,92


def test_sorting_by_average_is_exact(hub, qtbot):
    view = _view(hub, qtbot)
    column = view.model.column["Moyenne"]
    view.table.sortByColumn(column, view.table.horizontalHeader().sortIndicatorOrder().__class__
                            .AscendingOrder)
    averages = [hub.service.results[view.proxy.mapToSource(view.proxy.index(r, 0)).row()]
                .average for r in range(view.proxy.rowCount())]
    known = [a for a in averages if a is not None]
    assert known == sorted(known)


def test_jury_actions_and_a_stale_decision_r20_r22_r23(hub, answers, qtbot):
    view = _view(hub, qtbot, ask_raise=lambda codes: ("E1", "10"))
    hub.set_phase("deliberation")
    view.select_row(0)  # N'Diaye: contrôle
    view.authorise()
    assert hub.service.authorisations["02620000001"] is True
    view.record_decision()
    assert hub.service.decisions["02620000001"] == {"premier_groupe": "controle"}
    answers.queue.append("livret : assiduité et progrès")
    view.raise_grade()  # E1 9,50 → 10: 210 / 21 = 10 → admis
    assert hub.service.results[0].decision is Decision.ADMIS
    assert hub.service.is_stale(0)
    jury = view.model.index(0, view.model.column["Jury"]).data()
    assert jury.startswith("⚠ à confirmer (R23)")
    view.record_decision()
    assert not hub.service.is_stale(0)
    assert hub.service.decisions["02620000001"] == {"premier_groupe": "admis"}


def test_one_edit_in_2000_candidates_recomputes_one_and_repaints_one_row(tmp_path, answers,
                                                                         qtbot):
    path = create_demo_file(tmp_path / "big.btsdesk", 2000)
    store = SessionStore.open(path, backup=False)
    try:
        hub = SessionHub(JurySession(store), answers)
        model = DeliberationModel(hub)
        before = hub.service.evaluations
        painted: list[tuple[int, int]] = []
        model.dataChanged.connect(lambda top, bottom, *_: painted.append((top.row(),
                                                                          bottom.row())))
        hub.edit_grades([CellChange(1234, "E5", 1725)], "essai")
        assert hub.service.evaluations - before == 1
        assert painted == [(1234, 1234)]
        assert hub.service.entry(1234, "E5") == 1725
    finally:
        store.close()


def test_deliberation_model_passes_qtmodeltester(hub, qtmodeltester):
    qtmodeltester.check(DeliberationModel(hub))
