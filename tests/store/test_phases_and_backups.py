"""Phases (R21, R24) and backups (issue 3, item 5)."""

from __future__ import annotations

import pytest

from btsdesk.cli import main
from btsdesk.store.backups import list_backups
from btsdesk.store.errors import ReadOnlyPhase, SessionFileError
from btsdesk.store.session import SessionStore


def test_in_deliberation_a_grade_change_needs_a_reason_r21(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        store.set_grade("0001", "E1", 950)
        store.set_phase("deliberation")
        with pytest.raises(ReadOnlyPhase, match="exige un motif"):
            store.set_grade("0001", "E1", 1000)
        assert store.grades_of("0001") == {"E1": 950}
        store.set_grade("0001", "E1", 1000, reason="livret : travail régulier")
        last = store.history("0001", "E1")[-1]
    assert (last.old, last.new, last.reason) == ("9,50", "10,00", "livret : travail régulier")


def test_a_closed_session_is_read_only_and_going_back_needs_a_reason_r24(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        store.set_phase("deliberation")
        store.set_phase("clos")
        with pytest.raises(ReadOnlyPhase, match="session close"):
            store.set_grade("0001", "E1", 1200, reason="erreur")
        with pytest.raises(ReadOnlyPhase, match="exige un motif"):
            store.set_phase("deliberation")
        store.set_phase("deliberation", reason="erreur de report en E1")
        phases = [(e.old, e.new, e.reason) for e in store.history("session") if e.action == "phase"]
    assert phases == [
        ("saisie", "deliberation", None),
        ("deliberation", "clos", None),
        ("clos", "deliberation", "erreur de report en E1"),
    ]


def test_a_backup_is_taken_on_opening_and_before_each_phase_change(session_path):
    with SessionStore.open(session_path) as store:
        store.set_phase("deliberation")
    reasons = [b.reason for b in list_backups(session_path)]
    assert reasons == ["avant délibération", "ouverture"]  # newest first


def test_only_opening_backups_rotate(session_path):
    from btsdesk.store import backups

    with SessionStore.open(session_path, backup=False) as store:
        store.set_phase("deliberation")  # "avant délibération": kept whatever happens
        for _ in range(5):
            backups.take_backup(store.conn, session_path, backups.OPENING, keep=3)
    reasons = [b.reason for b in list_backups(session_path)]
    assert reasons.count("ouverture") == 3
    assert reasons.count("avant délibération") == 1


def test_restore_puts_a_backup_back_after_saving_the_current_state(session_path, capsys):
    with SessionStore.open(session_path) as store:  # backup n°1: no grade yet
        store.set_grade("0001", "E1", 1700)
    assert main(["backups", str(session_path)]) == 0
    assert "ouverture" in capsys.readouterr().out
    assert main(["backups", str(session_path), "--restore", "1"]) == 0
    assert "restaurée" in capsys.readouterr().out
    with SessionStore.open(session_path, backup=False) as store:
        assert store.grades_of("0001") == {}
        assert store.verify() == []
        assert store.audit_log()[-1].action == "restauration"
    safety = [b for b in list_backups(session_path) if b.reason == "avant restauration"]
    assert len(safety) == 1
    with SessionStore.open(safety[0].path, backup=False) as kept:
        assert kept.grades_of("0001") == {"E1": 1700}


def test_the_opening_backup_is_taken_once_just_before_the_first_change(session_path):
    with SessionStore.open(session_path) as store:
        store.grades_of("0001")  # reading writes nothing
        with pytest.raises(SessionFileError, match="inconnue"):  # nor does a refusal
            store.set_phase("fini")
        assert list_backups(session_path) == []
        store.set_grade("0001", "E1", 1200)
        store.set_grade("0001", "E3", 800)
    (opening,) = list_backups(session_path)
    assert opening.reason == "ouverture"
    with SessionStore.open(opening.path, read_only=True) as copy:
        assert copy.grades_of("0001") == {}  # the state as opened


def test_a_change_rolled_back_or_writing_nothing_keeps_no_backup(session_path):
    from btsdesk.store.backups import backup_dir

    def refused_mid_change(store: SessionStore) -> None:
        with store.transaction():
            store.set_grade("0001", "E1", 1200)
            raise ReadOnlyPhase("refusé en cours de route")  # as a rule found mid-change

    with SessionStore.open(session_path) as store:
        with pytest.raises(ReadOnlyPhase, match="en cours de route"):
            refused_mid_change(store)
        with store.transaction():
            pass
        assert store.grades_of("0001") == {}
        assert not backup_dir(session_path).exists()  # not even its folder
        store.set_grade("0001", "E1", 1200)
    assert [b.reason for b in list_backups(session_path)] == ["ouverture"]
