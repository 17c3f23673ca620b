"""Rules a review found loose: R20/R22/R23/R24 at closing and convocation time, orals
pending, changing a discipline choice in délibération. Every write goes through the hub (the
window's path): the tests write no store."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from btsdesk.app import planning
from btsdesk.app.demo import create_demo_file
from btsdesk.app.documents import convocations
from btsdesk.app.session import CellChange, JurySession
from btsdesk.core.grades import Code
from btsdesk.core.results import Decision
from btsdesk.gui.documents_tab import DocumentsTab
from btsdesk.gui.hub import SessionHub
from btsdesk.store.errors import RuleRefused
from btsdesk.store.session import SessionStore

NDIAYE, BENALI, DUBOIS, GIRARD = 0, 3, 4, 9  # 2022: contrôle; contrôle; ajourné; incomplet


@pytest.fixture
def hub_2021(tmp_path: Path, answers, qtbot):
    """The demo session in regime 2021, where the jury authorises (R22)."""
    path = create_demo_file(tmp_path / "demo-2021.btsdesk", regime="2021")
    store = SessionStore.open(path, backup=False, operator="Mme Présidente")
    hub = SessionHub(JurySession(store), answers)
    yield hub
    store.close()


def _text(data: bytes) -> str:
    return re.sub(
        r"\s+",
        " ",
        " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages),
    )


def _number(hub, row: int) -> str:
    return hub.service.candidates[row].number


def _plan(hub) -> None:
    """The orals chosen so far, placed by app.planning through the hub."""
    setup = planning.parse_setup(
        "06/07/2026 08:00 18:00", "B12", "Mme Durand : E1, general\nM. Petit : E2, professionnel"
    )
    hub.act(lambda s: planning.save_setup(s, setup))
    hub.act(planning.propose_schedule)


def test_a_candidate_admitted_since_gets_no_convocation_r22(hub, answers, qtbot):
    tab = DocumentsTab(hub, show=lambda *args: None)
    qtbot.addWidget(tab)
    hub.set_phase("deliberation")
    assert hub.choose(NDIAYE, ["E1", "E2"])  # authorised by right (R22, regime 2022)
    _plan(hub)
    produced = tab.generate("convocations")
    assert produced is not None
    assert produced.pages == 1
    assert "N'DIAYE" in _text(produced.data).upper()
    answers.queue.append("erreur de report")
    hub.edit_grades([CellChange(NDIAYE, "E1", 1100)], "E1")  # 213 / 21 = 10,14 → admis
    assert hub.service.results[NDIAYE].decision is Decision.ADMIS
    assert not hub.service.is_authorised(_number(hub, NDIAYE))
    again = tab.generate("convocations")
    assert again is not None
    assert "Aucune convocation" in _text(again.data)  # none for an admitted candidate


def test_regime_2021_convocations_only_for_authorised_candidates_r22(hub_2021):
    hub = hub_2021
    hub.set_phase("deliberation")
    hub.authorise(NDIAYE, True)
    assert hub.choose(NDIAYE, ["E1"])
    hub.authorise(BENALI, False)
    with pytest.raises(RuleRefused, match="R22"):
        hub.choose(BENALI, ["E1"])  # not authorised: no oral to choose
    _plan(hub)
    assert [c.identity.number for c in convocations(hub.service)] == [_number(hub, NDIAYE)]
    assert hub.service.outcome(BENALI) is Decision.AJOURNE  # R22: not authorised


def test_no_final_result_while_an_oral_is_still_to_grade_r13a(hub):
    hub.set_phase("deliberation")
    assert hub.choose(NDIAYE, ["E1", "E2"])
    assert hub.set_oral(NDIAYE, "E1", 600)
    assert hub.service.results[NDIAYE].final_decision is None  # E2 not yet known
    assert hub.service.oral_pending(_number(hub, NDIAYE))
    hub.act(lambda s: s.decide(_number(hub, NDIAYE)))  # the first group first (R23)
    with pytest.raises(RuleRefused, match="R13a"):
        hub.record_decision(NDIAYE, "final", "ajourne")
    assert hub.set_oral(NDIAYE, "E2", "absent")  # R13a: final, changes nothing
    assert hub.service.results[NDIAYE].final_decision is Decision.AJOURNE  # 9,92 stays
    hub.record_decision(NDIAYE, "final", "ajourne")
    assert hub.service.recorded(_number(hub, NDIAYE), "final") == "ajourne"


def test_changing_a_discipline_without_grade_needs_no_reason(hub, answers):
    hub.set_phase("deliberation")
    assert hub.choose(NDIAYE, ["E1", "E2"])
    assert hub.choose(NDIAYE, ["E3", "E2"])
    assert set(hub.service.orals_of(NDIAYE)) == {"E3", "E2"}
    assert answers.asked == []
    log = [e for e in hub.service.store.audit_log() if e.action == "oral"]
    # E1 and E2 chosen, E1 withdrawn, E3 chosen: E2, kept, is not logged twice.
    assert len(log) == 4
    # Withdrawing an oral that has a grade asks the reason (R21); cancelled: nothing changes.
    assert hub.set_oral(NDIAYE, "E2", 1200)
    assert not hub.choose(NDIAYE, ["E3", "E1"])
    assert len(answers.asked) == 1
    assert "R21" in answers.asked[0]
    assert hub.service.orals_of(NDIAYE)["E2"].grade == 1200


def test_choosing_or_grading_an_oral_leaves_the_first_decision_alone_r23(hub, answers):
    hub.set_phase("deliberation")
    number = _number(hub, NDIAYE)
    hub.record_decision(NDIAYE, "premier_groupe", "controle")
    assert hub.choose(NDIAYE, ["E1", "E2"])
    _plan(hub)
    assert hub.set_oral(NDIAYE, "E1", 1100)
    assert hub.set_oral(NDIAYE, "E2", "absent")
    assert not hub.service.is_stale(NDIAYE, "premier_groupe")
    hub.record_decision(NDIAYE, "final", "admis")
    answers.queue.append("erreur de saisie")
    assert hub.set_oral(NDIAYE, "E1", 1200)  # the final decision rests on the orals
    assert hub.service.is_stale(NDIAYE, "final")
    assert not hub.service.is_stale(NDIAYE, "premier_groupe")
    assert (number, "premier_groupe") not in hub.service.stale


def test_closing_is_refused_while_a_decision_waits_or_a_livret_is_unexamined(hub, answers):
    dubois = _number(hub, DUBOIS)
    hub.act(lambda s: s.set_identity(dubois, livret_provided=True))  # logged (R20)
    hub.edit_grades([CellChange(GIRARD, "E6", Code.ABJ)], "E6")  # no longer incomplet (R2)
    hub.set_phase("deliberation")
    hub.act(lambda s: s.decide_all())  # Dubois waits: his livret first (R20)
    # R24: every candidate in contrôle settled: N'Diaye absent at both orals, the others
    # decline.
    assert hub.choose(NDIAYE, ["E1", "E2"])
    for target in ("E1", "E2"):
        assert hub.set_oral(NDIAYE, target, "absent")
    hub.record_decision(NDIAYE, "final", "ajourne")
    for row, result in enumerate(hub.service.results):
        if result.decision is Decision.CONTROLE and row != NDIAYE:
            hub.decline(row)
    with pytest.raises(
        RuleRefused,
        match=r"1 candidat à régler.*"
        r"livret non examiné \(R20\)",
    ) as refused:
        hub.set_phase("clos")
    assert dubois in str(refused.value)
    assert "R20" in str(refused.value)
    hub.examine_livret(DUBOIS, "Mme Présidente")
    hub.record_decision(DUBOIS, "premier_groupe", "ajourne")
    answers.queue.append("erreur de report")
    hub.edit_grades([CellChange(NDIAYE, "E3", 900)], "E3")  # still contrôle: 9,78
    assert hub.service.results[NDIAYE].decision is Decision.CONTROLE
    with pytest.raises(RuleRefused, match="R23"):  # both decisions now stale
        hub.set_phase("clos")
    hub.record_decision(NDIAYE, "premier_groupe", "controle")
    hub.record_decision(NDIAYE, "final", "ajourne")
    assert hub.set_phase("clos")


def test_authorisation_comes_after_the_livret_is_examined_r22(hub_2021):
    hub = hub_2021
    number = _number(hub, NDIAYE)
    hub.act(lambda s: s.set_identity(number, livret_provided=True))
    hub.set_phase("deliberation")  # the jury authorises in délibération (R24)
    with pytest.raises(RuleRefused, match="R22"):
        hub.authorise(NDIAYE, True)
    hub.examine_livret(NDIAYE, "Mme Présidente")
    hub.authorise(NDIAYE, True)
    assert hub.service.authorisations[number]


def test_regime_2022_authorisation_is_by_right_r22(hub):
    hub.set_phase("deliberation")
    with pytest.raises(RuleRefused, match="de droit"):
        hub.authorise(NDIAYE, True)
    assert hub.service.is_authorised(_number(hub, NDIAYE))
    assert not hub.service.is_authorised(_number(hub, DUBOIS))  # ajourné (R14)
