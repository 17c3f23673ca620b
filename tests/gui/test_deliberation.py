"""Délibération: the "Pourquoi ?" panel, filters, jury actions, and one edit → one row."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import FINAL, FIRST, CellChange, JurySession
from btsdesk.core.results import Decision
from btsdesk.gui.deliberation_model import STALE_COLOUR, WAITING, DeliberationModel, text_key
from btsdesk.gui.deliberation_view import DeliberationView, Identity, IdentityDialog
from btsdesk.gui.hub import SessionHub
from btsdesk.store.session import SessionStore
from tests.gui.jury_day import close_the_session

GARNIER = 6  # the demo's Léa Garnier has the grades of domain.md §6
DUBOIS = 4  # 7,92: ajourné in regime 2022 (R14)


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
    assert [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())] == ["GIRARD Lucas"]
    view.decision_filter.setCurrentIndex(0)
    view.near.setChecked(True)
    service = hub.service
    shown = {
        view.proxy.mapToSource(view.proxy.index(r, 0)).row() for r in range(view.proxy.rowCount())
    }
    expected = {
        row
        for row, result in enumerate(service.results)
        if result.average is not None
        and (abs(result.average - 8) <= 0.5 or abs(result.average - 10) <= 0.5)
    }
    assert shown == expected
    assert {0, 1, 2, 3, 4} <= shown  # 9,92; 10; 10,07; 8; 7,92


def test_sorting_by_average_is_exact(hub, qtbot):
    view = _view(hub, qtbot)
    column = view.model.column["Moyenne"]
    view.table.sortByColumn(
        column, view.table.horizontalHeader().sortIndicatorOrder().__class__.AscendingOrder
    )
    averages = [
        hub.service.results[view.proxy.mapToSource(view.proxy.index(r, 0)).row()].average
        for r in range(view.proxy.rowCount())
    ]
    known = [a for a in averages if a is not None]
    assert known == sorted(known)


def test_jury_actions_and_a_stale_decision_r20_r22_r23(hub, answers, qtbot):
    view = _view(hub, qtbot, ask_raise=lambda codes: ("E1", "10"))
    view.select_row(0)  # N'Diaye: contrôle
    # R24: the jury's buttons wait for the délibération.
    for button in (
        view.decide_button,
        view.decide_all_button,
        view.raise_button,
        view.livret_button,
    ):
        assert not button.isEnabled(), button.text()
    hub.set_phase("deliberation")
    assert view.decide_button.isEnabled()
    assert view.raise_button.isEnabled()
    # R22, regime 2022: authorised by right, nothing for the jury to give.
    assert view.authorise_button.isHidden()
    assert not view.authorise_button.isEnabled()
    assert not view.authorise()
    assert "de droit (R22)" in view.message.text()
    assert "02620000001" not in hub.service.authorisations
    assert hub.service.is_authorised("02620000001")
    assert "autorisé de droit aux oraux" in view.model.index(0, view.model.column["Jury"]).data()
    assert view.record_decision()
    assert hub.service.decisions["02620000001"] == {FIRST: "controle"}
    answers.queue.append("livret : assiduité et progrès")
    view.raise_grade()  # E1 9,50 → 10: 210 / 21 = 10 → admis
    assert hub.service.results[0].decision is Decision.ADMIS
    assert hub.service.is_stale(0)
    jury = view.model.index(0, view.model.column["Jury"]).data()
    assert jury.startswith("⚠ à confirmer (R23)")
    assert view.record_decision()
    assert not hub.service.is_stale(0)
    assert hub.service.decisions["02620000001"] == {FIRST: "admis"}
    assert not view.record_decision()
    assert view.message.text() == "Décisions déjà enregistrées."


def test_the_final_decision_after_the_orals_r13a_r16_r23(hub, qtbot, qtmodeltester):
    """N'Diaye chooses E1 and E3 (R15): 12 at E1 replaces 9,50 (coef 3, R16), absent at E3
    (R13a: final at once, changes nothing): 208,5 + 7,5 = 216 / 21 = 10,285… → 10,28."""
    view = _view(hub, qtbot)
    model = view.model
    number = "02620000001"
    hub.set_phase("deliberation")
    view.select_row(0)
    assert view.record_decision()  # the first group's: contrôle
    final = model.index(0, model.column["Décision finale"])
    assert final.data() == WAITING
    hub.act(lambda s: s.choose(number, ["E1", "E3"]))
    hub.act(lambda s: s.set_oral(number, "E1", "12"))
    # R23: choosing and grading an oral never make the first-group decision stale.
    assert not hub.service.is_stale(0, FIRST)
    assert final.data() == WAITING  # E3 still to come (R13a)
    assert not view.record_decision()
    assert "attend les oraux" in view.message.text()
    hub.act(lambda s: s.set_oral(number, "E3", "absent"))
    assert not hub.service.is_stale(0, FIRST)
    assert model.index(0, model.column["Moyenne"]).data() == "9,92"
    assert model.index(0, model.column["Moyenne finale"]).data() == "10,28"
    assert final.data() == "✔ admis"
    assert final.data(Qt.ItemDataRole.AccessibleTextRole) == "admis"
    assert view.record_decision()
    assert view.message.text() == "Décision finale « admis » enregistrée."
    assert hub.service.decisions[number] == {FIRST: "controle", FINAL: "admis"}
    assert "final : admis" in model.index(0, model.column["Jury"]).data()
    qtmodeltester.check(model)
    # The filters see the day as it stands: N'Diaye is admitted now (and was in contrôle).
    view.decision_filter.setCurrentIndex(view.decision_filter.findData(Decision.ADMIS))
    shown = {
        view.proxy.mapToSource(view.proxy.index(r, 0)).row() for r in range(view.proxy.rowCount())
    }
    assert 0 in shown
    view.decision_filter.setCurrentIndex(view.decision_filter.findData(Decision.CONTROLE))
    assert view.proxy.rowCount() == hub.service.first_group_counts()[Decision.CONTROLE]


def test_record_every_decision_at_once(hub, qtbot):
    view = _view(hub, qtbot)
    hub.set_phase("deliberation")
    assert view.record_all_decisions()
    assert view.message.text().startswith(
        "Premier groupe : 39 décisions enregistrées ; en attente : 02620000010"
    )  # GIRARD, incomplet
    assert len(hub.service.decisions) == 39


def test_the_livret_provided_then_examined_before_an_ajournement_r20(hub, qtbot, qtmodeltester):
    view = _view(hub, qtbot)
    model = view.model
    livret = model.index(DUBOIS, model.column["Livret"])
    view.select_row(DUBOIS)  # 7,92: ajourné (R14)
    assert livret.data() == ""
    assert view.panel.livret_state.text() == "Pas de livret fourni."
    assert view.panel.livret_provided.isEnabled()  # identity data: in saisie too
    view.panel.livret_provided.click()  # written through the hub (set_identity)
    assert hub.service.candidates[DUBOIS].livret_provided
    assert livret.data() == "⚠ fourni, à examiner avant l'ajournement (R20)"
    assert livret.data(Qt.ItemDataRole.BackgroundRole).color().name() == STALE_COLOUR
    assert not view.livret_button.isEnabled()  # R24: examined in délibération
    hub.set_phase("deliberation")
    assert view.livret_button.isEnabled()
    assert not view.record_decision()
    assert "R20" in view.message.text()
    assert not view.mark_livret()  # no president in the jury yet
    assert "ajoutez-le au jury" in view.message.text()
    hub.act(lambda s: s.add_jury_member("M. Paul Girard", "enseignant"))
    hub.act(lambda s: s.add_jury_member("Pr Anne Morel", "enseignant", president=True))
    assert view.panel.examiner.currentData() == "Pr Anne Morel"  # the president first
    view.panel.examined_on.setDate(QDate(2026, 7, 2))
    assert view.mark_livret()
    candidate = hub.service.candidates[DUBOIS]
    assert (candidate.livret_examined_by, candidate.livret_examined_on) == (
        "Pr Anne Morel",
        "2026-07-02",
    )
    assert livret.data() == "examiné par Pr Anne Morel le 02/07/2026"
    assert view.panel.livret_state.text() == ("Livret examiné par Pr Anne Morel le 02/07/2026.")
    assert view.record_decision()
    assert hub.service.decisions["02620000005"] == {FIRST: "ajourne"}
    qtmodeltester.check(model)


def test_identity_in_a_dialog_and_the_missing_address_warning(hub, qtbot):
    given = []

    def ask(candidate):
        given.append(candidate.number)
        return Identity(
            "Mme", "12 rue des Écoles\nBât. B\n99000 Villefictive", "emilie.ndiaye@exemple.fr"
        )

    view = _view(hub, qtbot, ask_identity=ask)
    view.select_row(1)  # Lefèvre, admis: no convocation, no warning
    assert not view.address_warning_shown()
    view.select_row(0)  # N'Diaye: contrôle, convoked (R22 by right), no address yet
    assert view.will_be_convoked(0)
    assert view.address_warning_shown()
    assert "enveloppe à fenêtre" in view.panel.address_warning.text()
    assert "(adresse postale non saisie)" in view.panel.identity.text()
    assert view.edit_identity()  # in saisie too: identity is not a jury act
    assert given == ["02620000001"]
    candidate = hub.service.candidates[0]
    assert (candidate.civility, candidate.email) == ("Mme", "emilie.ndiaye@exemple.fr")
    assert candidate.address == "12 rue des Écoles\nBât. B\n99000 Villefictive"
    assert not view.address_warning_shown()
    assert view.panel.identity.text().splitlines() == [
        "Mme N'DIAYE Émilie-Françoise",
        "12 rue des Écoles",
        "Bât. B",
        "99000 Villefictive",
        "emilie.ndiaye@exemple.fr",
    ]
    view.ask_identity = lambda candidate: None  # cancelled: nothing written
    assert not view.edit_identity()
    assert hub.service.candidates[0] == candidate


def test_the_identity_dialog(hub, qtbot):
    dialog = IdentityDialog(hub.service.candidates[0])
    qtbot.addWidget(dialog)
    assert dialog.civility.currentText() == "Mme"  # from the demo's Cyclades list
    assert "enveloppe à fenêtre" in dialog.note.text()  # no address yet
    dialog.address.setPlainText("3 allée des Tilleuls\n99000 Villefictive")
    assert dialog.note.text() == ""
    dialog.email.setText("pas une adresse")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "invalide" in dialog.note.text()
    dialog.email.setText("e.n@exemple.fr")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == Identity(
        "Mme", "3 allée des Tilleuls\n99000 Villefictive", "e.n@exemple.fr", ""
    )
    for widget in (dialog.civility, dialog.address, dialog.email):
        assert widget.accessibleName()


def test_authorisation_after_the_livret_in_regime_2021_r20_r22(hub_2021, qtbot):
    hub = hub_2021
    view = _view(hub, qtbot)
    number = "02620000001"
    view.select_row(0)
    assert not view.authorise_button.isHidden()  # regime 2021: the jury authorises
    assert not view.authorise_button.isEnabled()  # R24: in délibération
    assert view.model.index(0, view.model.column["Décision finale"]).data() == (
        "… autorisation à donner (R22)"
    )
    assert not view.address_warning_shown()  # not authorised yet: no convocation
    view.panel.livret_provided.click()
    hub.act(lambda s: s.add_jury_member("Pr Anne Morel", "enseignant", president=True))
    hub.set_phase("deliberation")
    assert view.authorise_button.isEnabled()
    assert not view.authorise()
    assert "R22" in view.message.text()
    assert view.mark_livret()
    assert view.authorise()
    assert hub.service.authorisations[number] is True
    assert view.authorise_button.text() == "Retirer l'autorisation aux oraux (R22)"
    assert "autorisé aux oraux" in view.model.index(0, view.model.column["Jury"]).data()
    assert view.model.index(0, view.model.column["Décision finale"]).data() == WAITING
    assert view.address_warning_shown()  # convoked now, still without an address
    assert view.authorise()  # withdrawn: ajourné as the day stands (R22)
    assert view.model.index(0, view.model.column["Décision finale"]).data() == (
        "✘ ajourné (non autorisé, R22)"
    )


def test_near_a_threshold_follows_the_regime(hub_2021, qtbot):
    """Regime 2021 has no lower bound (R10): only 10 is a threshold."""
    view = _view(hub_2021, qtbot)
    assert view.near.text() == "Près d'un seuil (à 0,5 de 10)"
    view.near.setChecked(True)
    service = hub_2021.service
    shown = {
        view.proxy.mapToSource(view.proxy.index(r, 0)).row() for r in range(view.proxy.rowCount())
    }
    assert shown == {
        row
        for row, result in enumerate(service.results)
        if result.average is not None and abs(result.average - 10) <= 0.5
    }
    assert 3 not in shown
    assert 4 not in shown


def test_buttons_in_phase_clos_r24(hub, qtbot):
    view = _view(hub, qtbot)
    close_the_session(hub)
    view.select_row(0)
    for widget in (
        view.decide_button,
        view.decide_all_button,
        view.raise_button,
        view.livret_button,
        view.panel.livret_provided,
    ):
        assert not widget.isEnabled()
    assert view.panel.identity_button.isEnabled()  # an address can still be corrected
    assert view.phase_note.text() == "Session close : lecture seule (R24)."


def test_one_edit_in_2000_candidates_recomputes_one_and_repaints_one_row(tmp_path, answers, qtbot):
    path = create_demo_file(tmp_path / "big.btsdesk", 2000)
    store = SessionStore.open(path, backup=False)
    try:
        hub = SessionHub(JurySession(store), answers)
        model = DeliberationModel(hub)
        before = hub.service.evaluations
        painted: list[tuple[int, int]] = []
        model.dataChanged.connect(lambda top, bottom, *_: painted.append((top.row(), bottom.row())))
        hub.edit_grades([CellChange(1234, "E5", 1725)], "essai")
        assert hub.service.evaluations - before == 1
        assert painted == [(1234, 1234)]
        assert hub.service.entry(1234, "E5") == 1725
    finally:
        store.close()


def test_deliberation_model_passes_qtmodeltester(hub, qtmodeltester):
    qtmodeltester.check(DeliberationModel(hub))


# -- sorting (issue 15): exact keys, ties in the session's order, nothing to compare last ------

ADMIS_ROWS = [1, 2, 8, 14, 16, 17, 18, 19, 20, 21, 22, 23, 25, 26, 27, 28, 31, 33, 34, 35, 37]
CONTROLE_ROWS = [0, 3, 6, 10, 11, 24]
AJOURNE_ROWS = [4, 5, 7, 12, 13, 15, 29, 30, 32, 36, 38, 39]
GIRARD = 9  # incomplet: no average, no decision to rank


def _sorted_rows(view: DeliberationView, name: str, order: Qt.SortOrder) -> list[int]:
    view.table.sortByColumn(view.model.column[name], order)
    proxy = view.proxy
    return [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]


def _before(rows: list[int], first: int, second: int) -> bool:
    return rows.index(second) == rows.index(first) + 1


def test_sorting_by_average_exact_ties_stable_incomplet_last_r4(hub, qtbot):
    """The demo's averages, by hand: 5 (ROGER), 5,93 (MASSON Rayan), 6,43, 7,08, 7,25, 7,83,
    7,93 (DUBOIS), 8 (BENALI) … 16,11 (MARTIN). Equal averages (R4, exact fractions): BONNET
    and HOARAU 271/28, ROUSSEAU and SIMON 141/14, PERRIN Étienne and ROCHE Éva 149/14, in
    the session's order both ways; GIRARD, incomplet, last both ways."""
    view = _view(hub, qtbot)
    up = _sorted_rows(view, "Moyenne", Qt.SortOrder.AscendingOrder)
    assert up[:8] == [13, 32, 38, 39, 36, 30, 4, 3]
    assert up[-2:] == [25, GIRARD]
    down = _sorted_rows(view, "Moyenne", Qt.SortOrder.DescendingOrder)
    assert down[:3] == [25, 16, 17]
    assert down[-2:] == [13, GIRARD]
    for rows in (up, down):
        for first, second in ((10, 24), (2, 31), (19, 26)):
            assert _before(rows, first, second)
        averages = [hub.service.results[row].average for row in rows[:-1]]
        assert averages == sorted(averages, reverse=rows is down)  # exact, never floats
    # 9,928… (N'DIAYE) and 9,976… (MERCIER) both below 10 (LEFÈVRE), in that order.
    assert up.index(0) < up.index(11) < up.index(1)


def test_sorting_by_decision_groups_in_the_sessions_order_incomplet_last(hub, qtbot):
    view = _view(hub, qtbot)
    up = _sorted_rows(view, "Décision", Qt.SortOrder.AscendingOrder)
    assert up == ADMIS_ROWS + CONTROLE_ROWS + AJOURNE_ROWS + [GIRARD]
    down = _sorted_rows(view, "Décision", Qt.SortOrder.DescendingOrder)
    assert down == AJOURNE_ROWS + CONTROLE_ROWS + ADMIS_ROWS + [GIRARD]


def test_sorting_by_name_in_french_order(hub, qtbot):
    """Accents and case do not push a name to the end: GARNIER, GÉRARD Étienne, GÉRARD
    Gabriel, GIRARD (not GÉRARD after GIRARD, as comparing code points would)."""
    view = _view(hub, qtbot)
    up = _sorted_rows(view, "Nom", Qt.SortOrder.AscendingOrder)
    assert [up.index(row) for row in (6, 22, 33, 9)] == sorted(
        up.index(row) for row in (6, 22, 33, 9)
    )
    assert _before(up, 22, 33)
    assert text_key("Émile") < text_key("eva") < text_key("Ève") < text_key("Zoé")
    assert text_key("") is None
    down = _sorted_rows(view, "Nom", Qt.SortOrder.DescendingOrder)
    assert down == up[::-1]  # no two names alike in the demo


def test_a_grade_changed_moves_its_row_in_the_sorted_table(hub, qtbot):
    """Sorted by average, ROGER (5, first) given N'DIAYE's grades has her 9,928…: the row
    goes right after hers (a tie: the session's order)."""
    view = _view(hub, qtbot)
    up = _sorted_rows(view, "Moyenne", Qt.SortOrder.AscendingOrder)
    assert up[0] == 13
    service = hub.service
    codes = [line.code for line in service.specialty.lines]
    assert hub.edit_grades(
        [CellChange(13, code, service.entry(0, code)) for code in codes], "copie"
    )
    assert service.results[13].average == service.results[0].average
    proxy = view.proxy
    rows = [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]
    assert rows[0] == 32
    assert _before(rows, 0, 13)
    assert rows[-1] == GIRARD


def test_sorting_by_points_needed_puts_the_easiest_oral_first(hub, qtbot):
    """R17, the demo's contrôle candidates by their easiest oral: 8,75 (row 24), 9,92 (MERCIER),
    10,00 (N'DIAYE), 11,25 (BONNET), 11,67 (GARNIER), 17,50 (BENALI) — as numbers, not as
    text (« E1 10,00 » would come before « E1 8,75 »); the others, nothing needed, last."""
    view = _view(hub, qtbot)
    up = _sorted_rows(view, "Points nécessaires", Qt.SortOrder.AscendingOrder)
    assert up[:6] == [24, 11, 0, 10, 6, 3]
    easiest = [
        min((c for c in hub.service.results[row].needed.values() if c is not None), default=None)
        for row in up
    ]
    known = [cents for cents in easiest if cents is not None]
    assert known == sorted(known)
    assert easiest[: len(known)] == known  # every row without a possible oral after them
