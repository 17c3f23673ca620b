"""Every grade change is in the audit log, which the database keeps append-only and
`btsdesk verify` checks by its hash chain (issue 3, item 4)."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from btsdesk.cli import main
from btsdesk.core.grades import Code
from btsdesk.store.session import SessionStore


def test_each_grade_change_is_logged_with_who_old_and_new(session_path):
    with SessionStore.open(session_path, operator="M. Lefèvre") as store:
        store.set_grade("0001", "E1", 1250)
        store.set_grade("0001", "E1", 1300)
        store.set_grade("0001", "E1", Code.ABJ)
        assert not store.set_grade("0001", "E1", Code.ABJ)  # same value: nothing written
        store.set_grade("0001", "E1", None)
        history = store.history("0001", "E1")
    assert [(e.operator, e.old, e.new) for e in history] == [
        ("M. Lefèvre", None, "12,50"),
        ("M. Lefèvre", "12,50", "13,00"),
        ("M. Lefèvre", "13,00", "ABJ"),
        ("M. Lefèvre", "ABJ", None),
    ]
    assert [e.action for e in history] == ["note", "note", "code", "code"]
    assert all(e.at.startswith("20") for e in history)


def test_the_database_refuses_to_change_or_remove_an_entry(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        with pytest.raises(sqlite3.IntegrityError, match="modification interdite"):
            store.conn.execute("UPDATE audit_log SET new = 'x' WHERE id = 1")
        with pytest.raises(sqlite3.IntegrityError, match="suppression interdite"):
            store.conn.execute("DELETE FROM audit_log WHERE id = 1")
        assert store.verify() == []


def _sqlite3_cli(path, sql):
    subprocess.run(["sqlite3", str(path), sql], check=True, capture_output=True, timeout=30)


def test_a_row_edited_with_the_sqlite3_command_line_is_detected(session_path, capsys):
    with SessionStore.open(session_path, backup=False) as store:
        store.set_grade("0001", "E1", 800)
        store.set_grade("0002", "E1", 1400)
    assert main(["verify", str(session_path)]) == 0
    assert "journal des modifications vérifié" in capsys.readouterr().out

    # Someone lowers the logged grade behind btsdesk's back (dropping the protection first).
    _sqlite3_cli(
        session_path,
        "DROP TRIGGER audit_log_no_update; "
        "UPDATE audit_log SET new = '18,00' WHERE subject = '0001/E1';",
    )
    assert main(["verify", str(session_path)]) == 1
    out = capsys.readouterr().out
    assert "ALTÉRÉ" in out
    assert "modifiée après coup" in out
    assert "0001/E1" in out
    assert "protection « audit_log_no_update » du journal supprimée" in out


def test_a_removed_last_entry_is_detected(session_path, capsys):
    with SessionStore.open(session_path, backup=False) as store:
        store.set_grade("0001", "E1", 800)
    _sqlite3_cli(
        session_path,
        "DROP TRIGGER audit_log_no_delete; "
        "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log);",
    )
    assert main(["verify", str(session_path)]) == 1
    assert "fin du journal modifiée" in capsys.readouterr().out
