"""Decisions with what they were made on (R21, R23), authorisations (R22), livret (R20),
orals and règlement corrections: each one checked against the rules and logged."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Code
from btsdesk.store.errors import ReadOnlyPhase, RuleRefused, SessionFileError
from btsdesk.store.session import Candidate, SessionStore

# The §6 worked example: 191,5 / 21 = 9,11, professional 124,5 / 12 = 10,37 → contrôle (R14).
CONTROLE = {"E1": 850, "E21": Code.ABJ, "E22": 1100, "E3": 700, "E41": 1200, "E42": 1050,
            "E5": 600, "E6": 1300, "EF1": 1400}
# Every line at 5: 105 / 21 = 5 < 8 → ajourné (R14).
AJOURNE = dict.fromkeys(("E1", "E21", "E22", "E3", "E41", "E42", "E5", "E6"), 500)


def _grade(store: SessionStore, number: str, grades: dict) -> None:
    for line, entry in grades.items():
        store.set_grade(number, line, entry)


def test_a_decision_becomes_stale_after_a_later_grade_change_r23(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade(store, "0001", CONTROLE)
        store.set_phase("deliberation")
        store.record_decision("0001", "premier_groupe", "controle")
        assert store.stale_decisions() == []
        # E5 6 → 7: 194,5 / 21 = 9,26, still contrôle, but the decision must be confirmed.
        store.set_grade("0001", "E5", 700, reason="erreur de report")
        assert store.stale_decisions() == [("0001", "premier_groupe")]
        store.record_decision("0001", "premier_groupe", "controle")
        assert store.stale_decisions() == []
        logged = [(e.old, e.new) for e in store.history("0001", "premier_groupe")]
    assert logged == [(None, "controle"), ("controle", "controle")]


def test_a_category_or_reglement_change_also_makes_it_stale_r23(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade(store, "0001", CONTROLE)
        store.set_phase("deliberation")
        store.record_decision("0001", "premier_groupe", "controle")
        store.add_candidates([replace(store.candidate("0001"), category="C")], source="essai")
        assert store.stale_decisions() == [("0001", "premier_groupe")]
        store.record_decision("0001", "premier_groupe", "controle")
        store.set_phase("saisie", reason="coefficient de E5 lu dans l'arrêté")
        store.set_reglement_line("E5", "coefficient", "4")
        assert store.stale_decisions() == [("0001", "premier_groupe")]


def test_the_recorded_decision_is_the_one_the_grades_give_r21(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade(store, "0001", CONTROLE)
        with pytest.raises(ReadOnlyPhase, match="R24"):  # decisions are taken in délibération
            store.record_decision("0001", "premier_groupe", "controle")
        store.set_phase("deliberation")
        with pytest.raises(RuleRefused, match="R21"):
            store.record_decision("0001", "premier_groupe", "admis")
        with pytest.raises(RuleRefused, match="R21"):  # N'Diaye has no grade: incomplet
            store.record_decision("0002", "premier_groupe", "ajourne")
        with pytest.raises(SessionFileError, match="candidat 0404 inconnu"):
            store.record_decision("0404", "premier_groupe", "admis")
        assert store.decisions() == {}


def test_an_oral_grade_makes_a_final_decision_stale(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade(store, "0001", CONTROLE)
        store.set_phase("deliberation")
        # R16: E1 oral 13 > 8,50 → 191,5 + 3 × 4,5 = 205 / 21 = 9,76 → ajourné.
        store.set_oral("0001", "E1", discipline="E1", grade=1300)
        store.record_decision("0001", "final", "ajourne")
        # E1 oral 15 → 191,5 + 3 × 6,5 = 211 / 21 = 10,04 → admis; the record is stale.
        store.set_oral("0001", "E1", discipline="E1", grade=1500, reason="erreur de report")
        assert store.stale_decisions() == [("0001", "final")]
        assert [e.new for e in store.history("0001", "oral:E1")] == ["E1 : 13,00",
                                                                     "E1 : 15,00"]
        store.record_decision("0001", "final", "admis")


def test_an_oral_the_candidate_cannot_take_is_refused(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade(store, "0001", CONTROLE)
        with pytest.raises(InvalidInput, match="non proposée"):
            store.set_oral("0001", "E41", discipline="E41", grade=1200)  # professional
        _grade(store, "0002", AJOURNE)
        with pytest.raises(InvalidInput, match="ajourné"):
            store.set_oral("0002", "E1", discipline="E1", grade=1200)
        assert store.orals() == {}


def test_authorisation_is_for_controle_candidates_and_logged_r22(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade(store, "0001", CONTROLE)
        store.set_phase("deliberation")
        store.authorise("0001", True)
        store.authorise("0001", False)
        assert [(e.old, e.new) for e in store.history("0001")
                if e.action == "autorisation"] == [(None, "autorisé"),
                                                    ("autorisé", "non autorisé")]
        with pytest.raises(RuleRefused, match="R22"):
            store.authorise("0002", True)


def test_no_ajourne_before_the_livret_is_examined_r20(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade(store, "0001", AJOURNE)
        store.set_phase("deliberation")
        store.add_candidates([replace(store.candidate("0001"), livret_provided=True)],
                             source="essai")
        with pytest.raises(RuleRefused, match="R20"):
            store.record_decision("0001", "premier_groupe", "ajourne")
        assert store.decisions() == {}
        store.examine_livret("0001", "Mme Présidente", "2026-07-02")
        store.record_decision("0001", "premier_groupe", "ajourne")
        assert store.decisions() == {"0001": {"premier_groupe": "ajourne"}}
        assert store.history("0001")[-2].new == "examiné par Mme Présidente le 2026-07-02"


def test_a_reglement_line_is_corrected_in_saisie_only_and_logged(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        assert store.specialty.line_by_code["E5"].coefficient == Decimal(3)
        with pytest.raises(InvalidInput, match="coefficient"):
            store.set_reglement_line("E5", "coefficient", "-2")
        with pytest.raises(SessionFileError, match="ne se corrige pas"):
            store.set_reglement_line("E5", "code", "E55")
        assert store.specialty.line_by_code["E5"].coefficient == Decimal(3)
        store.set_reglement_line("E5", "coefficient", "4")
        assert store.specialty.line_by_code["E5"].coefficient == Decimal(4)
        assert [(e.old, e.new) for e in store.history("règlement/E5/coefficient")] == [
            ("3", "4")]
        store.set_phase("deliberation")
        with pytest.raises(ReadOnlyPhase, match="phase de saisie"):
            store.set_reglement_line("E5", "coefficient", "3")
    # The corrected règlement is the one the file computes with when reopened.
    with SessionStore.open(session_path, backup=False) as store:
        assert store.specialty.line_by_code["E5"].coefficient == Decimal(4)


def test_a_closed_session_refuses_every_change(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade(store, "0001", CONTROLE)
        store.set_phase("deliberation")
        store.set_phase("clos")
        for attempt in (lambda: store.add_candidates([Candidate("0009", "Neuf")], source="x"),
                        lambda: store.record_decision("0001", "premier_groupe", "controle"),
                        lambda: store.authorise("0001", True),
                        lambda: store.set_oral("0001", "E1", discipline="E1", grade=1000,
                                               reason="x")):
            with pytest.raises(ReadOnlyPhase, match="session close"):
                attempt()
        assert store.verify() == []


def test_widening_the_r12_offer_is_a_logged_session_setting(tmp_path):
    import json

    from btsdesk.paths import reglements_dir
    from btsdesk.store.session import SessionDetails

    reglement = json.loads((reglements_dir() / "cg-2014.json").read_text(encoding="utf-8"))
    store = SessionStore.create(tmp_path / "cg.btsdesk", reglement=reglement,
                                details=SessionDetails(year=2026, specialty_code="CG",
                                                       regime="2021"), operator="Mme Durand")
    with store:
        store.add_candidates([Candidate("0001", "Martin", "Léa")], source="essai")
        for line in ("E11", "E12", "E2", "E3", "E41", "E42", "E5", "E6"):
            store.set_grade("0001", line, 800)  # 8 everywhere: contrôle (R10)
        # General coefficients: E11 4, E12 3, E2 3, E3 6 → k = 1: E3; k = 2: E3 and E11.
        assert store.result_of("0001").options == ("E3",)
        store.set_general_oral_levels(2)
        assert store.result_of("0001").options == ("E11", "E3")
        logged = store.audit_log()[-1]
        assert (logged.subject, logged.old, logged.new) == ("session/general_oral_levels",
                                                            "1", "2")
        with pytest.raises(SessionFileError, match="entier"):
            store.set_general_oral_levels(0)
