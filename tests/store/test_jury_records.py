"""Decisions with what they were made on (R21, R23), authorisations (R22), livret (R20),
orals and règlement corrections: each one checked against the rules and logged."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Code
from btsdesk.store.errors import ReadOnlyPhase, SessionFileError
from btsdesk.store.session import Candidate, SessionStore

# The §6 worked example: 191,5 / 21 = 9,11, professional 124,5 / 12 = 10,37 → contrôle (R14).
CONTROLE = {
    "E1": 850,
    "E21": Code.ABJ,
    "E22": 1100,
    "E3": 700,
    "E41": 1200,
    "E42": 1050,
    "E5": 600,
    "E6": 1300,
    "EF1": 1400,
}
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


def test_an_oral_grade_makes_a_final_decision_stale(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade(store, "0001", CONTROLE)
        store.set_phase("deliberation")
        # R16: E1 oral 13 > 8,50 → 191,5 + 3 × 4,5 = 205 / 21 = 9,76 → ajourné.
        store.set_oral("0001", "E1", discipline="E1", grade=1300)
        store.record_decision("0001", "final", "ajourne")
        # E1 oral 15 → 191,5 + 3 × 6,5 = 211 / 21 = 10,04 → admis; the record is stale.
        store.set_oral("0001", "E1", discipline="E1", grade=1500, reason="erreur de report")
        # R23: the oral grade makes the final decision stale, never the first-group one.
        assert store.stale_decisions() == [("0001", "final")]
        assert [e.new for e in store.history("0001", "oral:E1")] == ["E1 : 13,00", "E1 : 15,00"]
        store.record_decision("0001", "final", "admis")


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
        assert [(e.old, e.new) for e in store.history("règlement/E5/coefficient")] == [("3", "4")]
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
        for attempt in (
            lambda: store.add_candidates([Candidate("0009", "Neuf")], source="x"),
            lambda: store.record_decision("0001", "premier_groupe", "controle"),
            lambda: store.authorise("0001", True),
            lambda: store.set_oral("0001", "E1", discipline="E1", grade=1000, reason="x"),
        ):
            with pytest.raises(ReadOnlyPhase, match="session close"):
                attempt()
        assert store.verify() == []
