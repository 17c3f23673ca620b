"""Decisions with the grades they were made on (R23), authorisations (R22), orals and
règlement corrections: each one logged."""

from __future__ import annotations

from decimal import Decimal

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.store.errors import ReadOnlyPhase
from btsdesk.store.session import Candidate, SessionStore


def test_a_decision_becomes_stale_after_a_later_grade_change_r23(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        store.set_grade("0001", "E1", 950)
        store.set_phase("deliberation")
        store.record_decision("0001", "premier_groupe", "controle")
        assert store.stale_decisions() == []
        store.set_grade("0001", "E1", 1000, reason="correction de report")
        assert store.stale_decisions() == [("0001", "premier_groupe")]
        store.record_decision("0001", "premier_groupe", "admis")  # confirmed again
        assert store.stale_decisions() == []
        logged = [(e.old, e.new) for e in store.history("0001", "premier_groupe")]
    assert logged == [(None, "controle"), ("controle", "admis")]


def test_an_oral_grade_also_makes_a_final_decision_stale(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        store.record_decision("0001", "final", "ajourne")
        store.set_oral("0001", "E1", discipline="E1", grade=1200)
        assert store.stale_decisions() == [("0001", "final")]
        assert [e.new for e in store.history("0001", "oral:E1")] == ["E1 : 12,00"]


def test_authorisation_is_logged_r22(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        store.authorise("0001", True)
        store.authorise("0001", False)
        assert [(e.old, e.new) for e in store.history("0001")
                if e.action == "autorisation"] == [(None, "autorisé"),
                                                    ("autorisé", "non autorisé")]


def test_a_reglement_line_is_corrected_in_saisie_only_and_logged(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        assert store.specialty.line_by_code["E5"].coefficient == Decimal(3)
        with pytest.raises(InvalidInput, match="coefficient"):
            store.set_reglement_line("E5", "coefficient", "-2")
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
        store.set_phase("deliberation")
        store.set_phase("clos")
        for attempt in (lambda: store.add_candidates([Candidate("0009", "Neuf")], source="x"),
                        lambda: store.record_decision("0001", "final", "admis"),
                        lambda: store.authorise("0001", True),
                        lambda: store.set_oral("0001", "E1", discipline="E1", grade=1000,
                                               reason="x")):
            with pytest.raises(ReadOnlyPhase, match="session close"):
                attempt()
        assert store.verify() == []


def test_no_ajourne_before_the_livret_is_examined_r20(session_path):
    from dataclasses import replace

    from btsdesk.store.errors import RuleRefused

    with SessionStore.open(session_path, backup=False) as store:
        martin = store.candidate("0001")
        store.add_candidates([replace(martin, livret_provided=True)], source="essai")
        with pytest.raises(RuleRefused, match="R20"):
            store.record_decision("0001", "premier_groupe", "ajourne")
        assert store.decisions() == {}
        store.examine_livret("0001", "Mme Présidente", "2026-07-02")
        store.record_decision("0001", "premier_groupe", "ajourne")
        assert store.decisions() == {"0001": {"premier_groupe": "ajourne"}}
        assert store.history("0001")[-2].new == "examiné par Mme Présidente le 2026-07-02"
