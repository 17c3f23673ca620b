"""Rules a review found loose: R20/R22/R23 at closing and convocation time, orals pending,
changing a discipline choice in délibération."""

from __future__ import annotations

from dataclasses import replace

import pytest

from btsdesk.app.documents import convocations
from btsdesk.app.session import CellChange
from btsdesk.core.results import Decision, OralChoice
from btsdesk.store.errors import RuleRefused

NDIAYE, DUBOIS = 0, 4  # contrôle (9,92); ajourné (7,92 < 8) in regime 2022


def _schedule(hub, row: int, key: str) -> None:
    number = hub.service.candidates[row].number
    hub.service.store.set_schedule([(number, key, "2026-07-06T08:00", "2026-07-06T08:20",
                                     "B12", "Mme Durand")])


def test_a_candidate_admitted_since_gets_no_convocation_r22(hub, answers):
    hub.set_phase("deliberation")
    hub.authorise(NDIAYE, True)
    hub.edit_orals(NDIAYE, {"E1": OralChoice("E1", None)})
    _schedule(hub, NDIAYE, "E1")
    assert [c.identity.number for c in convocations(hub.service.store)] == ["02620000001"]
    answers.queue.append("erreur de report")
    hub.edit_grades([CellChange(NDIAYE, "E1", 1100)], "E1")  # 213 / 21 = 10,14 → admis
    assert hub.service.results[NDIAYE].decision is Decision.ADMIS
    assert convocations(hub.service.store) == []


def test_no_final_result_while_an_oral_is_still_to_grade(hub):
    hub.set_phase("deliberation")  # the jury authorises in délibération (R24)
    hub.authorise(NDIAYE, True)
    hub.edit_orals(NDIAYE, {"E1": OralChoice("E1", 600), "E2": OralChoice("E2", None)})
    assert hub.service.results[NDIAYE].final_decision is None
    with pytest.raises(RuleRefused):
        hub.record_decision(NDIAYE, "final", "ajourne")
    hub.edit_orals(NDIAYE, {"E1": OralChoice("E1", 600), "E2": OralChoice("E2", 0)})
    assert hub.service.results[NDIAYE].final_decision is Decision.AJOURNE  # 0: absent (R16)


def test_changing_a_discipline_without_grade_needs_no_reason(hub, answers):
    hub.set_phase("deliberation")
    hub.authorise(NDIAYE, True)
    assert hub.edit_orals(NDIAYE, {"E1": OralChoice("E1", None)})
    assert hub.edit_orals(NDIAYE, {"E1": None, "E3": OralChoice("E3", None)})
    assert set(hub.service.orals_of(NDIAYE)) == {"E3"}
    assert answers.asked == []
    log = [e for e in hub.service.store.audit_log() if e.action == "oral"]
    assert len(log) == 3  # E1 chosen, E1 withdrawn, E3 chosen: nothing logged twice


def test_closing_is_refused_while_a_decision_waits_or_a_livret_is_unexamined(hub, answers):
    store = hub.service.store
    dubois = store.candidate("02620000005")
    store.add_candidates([replace(dubois, livret_provided=True)], source="essai")
    hub.reload()
    hub.set_phase("deliberation")
    with pytest.raises(RuleRefused, match="R20"):
        hub.set_phase("clos")
    hub.examine_livret(DUBOIS, "Mme Présidente", "2026-07-02")
    hub.record_decision(NDIAYE, "premier_groupe", "controle")
    answers.queue.append("erreur de report")
    hub.edit_grades([CellChange(NDIAYE, "E3", 1050)], "E3")  # the decision is now stale
    with pytest.raises(RuleRefused, match="R23"):
        hub.set_phase("clos")
    hub.record_decision(NDIAYE, "premier_groupe", hub.service.results[NDIAYE].decision.value)
    assert hub.set_phase("clos")


def test_authorisation_comes_after_the_livret_is_examined_r22(hub):
    store = hub.service.store
    store.add_candidates([replace(store.candidate("02620000001"), livret_provided=True)],
                         source="essai")
    hub.reload()
    hub.set_phase("deliberation")  # the jury authorises in délibération (R24)
    with pytest.raises(RuleRefused, match="R22"):
        hub.authorise(NDIAYE, True)
    hub.examine_livret(NDIAYE, "Mme Présidente", "2026-07-02")
    hub.authorise(NDIAYE, True)
    assert hub.service.authorisations["02620000001"]
