"""A file that is not a usable session is refused with a clear message and never written to
(issue 3: refusals); a second btsdesk cannot open a session already open."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat

import pytest

from btsdesk.store.errors import DamagedSession, NewerSession, NotASession, SessionLocked
from btsdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION
from btsdesk.store.session import SessionStore
from tests.store.conftest import digest


def test_a_text_file_renamed_btsdesk_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.btsdesk"
    path.write_text("N° candidat;E1\n0001;12,5\n", encoding="utf-8")
    before = digest(path)
    with pytest.raises(NotASession, match="n'est pas une session btsdesk"):
        SessionStore.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.btsdesk"]


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "vide.btsdesk"
    path.touch()
    with pytest.raises(NotASession, match="est vide"):
        SessionStore.open(path)
    assert path.stat().st_size == 0


def test_another_sqlite_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "autre.btsdesk"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotASession, match="pas une session btsdesk"):
        SessionStore.open(path)
    assert digest(path) == before


def test_a_truncated_session_is_refused_and_untouched(session_path):
    data = session_path.read_bytes()
    session_path.write_bytes(data[: len(data) // 2])
    before = digest(session_path)
    with pytest.raises(DamagedSession, match="tronqué"):
        SessionStore.open(session_path)
    assert digest(session_path) == before


def test_a_session_from_a_newer_btsdesk_is_refused_and_untouched(session_path):
    conn = sqlite3.connect(session_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(session_path)
    with pytest.raises(NewerSession, match="version plus récente de btsdesk"):
        SessionStore.open(session_path)
    assert digest(session_path) == before


def test_a_second_instance_gets_a_clear_message(session_path):
    first = SessionStore.open(session_path)
    try:
        # In the same process: said so, and the first instance keeps its lock (issue 13).
        with pytest.raises(SessionLocked, match="déjà ouvert dans ce btsdesk"):
            SessionStore.open(session_path)
        # The first instance still works.
        first.set_grade("0001", "E1", 1500)
    finally:
        first.close()
    with SessionStore.open(session_path) as again:
        assert again.grades_of("0001") == {"E1": 1500}


def test_a_second_process_gets_the_message_too(session_path, tmp_path):
    import subprocess
    import sys

    first = SessionStore.open(session_path)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "btsdesk", "verify", str(session_path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        first.close()
    assert done.returncode == 2
    assert "déjà ouvert par un autre btsdesk" in done.stderr


def test_a_new_session_is_readable_by_its_owner_only(tmp_path):
    from tests.store.conftest import make_session

    path = tmp_path / "neuf.btsdesk"
    make_session(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_the_session_is_in_wal_mode_with_full_sync(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_creating_over_an_existing_file_is_refused(session_path):
    from btsdesk.store.errors import SessionFileError
    from tests.store.conftest import make_session

    before = digest(session_path)
    with pytest.raises(SessionFileError, match="existe déjà"):
        make_session(session_path)
    assert digest(session_path) == before


def test_upgrade_from_the_first_schema_keeps_every_grade(tmp_path):
    """tests/data/session-v1.btsdesk was written with schema 1 (make_session_v1.py)."""
    fixture = __import__("pathlib").Path(__file__).parent.parent / "data" / "session-v1.btsdesk"
    path = tmp_path / "ancienne.btsdesk"
    shutil.copy(fixture, path)
    with SessionStore.open(path, operator="Secrétariat 2026") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        from btsdesk.core.grades import Code

        assert store.grades() == {
            "0001": {"E1": 1250, "E21": Code.ABJ, "E22": 1100},
            "0002": {"E1": 2000, "E3": Code.DIS, "EF1": 1450},
        }
        assert [c.surname for c in store.candidates()] == ["Martin", "Petit"]
        assert store.verify() == []
        assert not store.candidates()[0].consolidation  # the column schema 2 added
        store.add_jury_member("Pr Morel", "enseignant", "président")
        assert store.jury_members()[0]["status"] == ""  # the column schema 6 added (R25)
        store.set_grade("0001", "E3", 900)
    from btsdesk.store.backups import list_backups

    backups = list_backups(path)
    assert [b.reason for b in backups] == ["avant mise à jour du schéma 1"]
    conn = sqlite3.connect(backups[0].path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_upgrade_from_schema_7_adds_the_letters_settings_empty(tmp_path):
    """Migration 008: a file written before the §5 settings opens with the president as
    signatory and the derived results sentence (both ''), then takes them."""
    path = _schema_7_session(tmp_path)
    with SessionStore.open(path, operator="Secrétariat") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        details = store.details()
        assert (details.signatory_delegate, details.results_notice) == ("", "")
        assert store.verify() == []
        store.set_document_settings(signatory_delegate="M. Jean Dupuis")
        assert store.details().signatory_delegate == "M. Jean Dupuis"
    from btsdesk.store.backups import list_backups

    assert [b.reason for b in list_backups(path)] == ["avant mise à jour du schéma 7"]


def _schema_7_session(tmp_path):
    """A session as btsdesk wrote it at schema 7 (before 008 and 009)."""
    from tests.store.conftest import make_session

    path = tmp_path / "v7.btsdesk"
    make_session(path).close()
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE session DROP COLUMN signatory_delegate")
    conn.execute("ALTER TABLE session DROP COLUMN results_notice")
    conn.execute("ALTER TABLE candidates DROP COLUMN usage_name")  # 009, later still
    conn.execute("DELETE FROM _sqlite_migrations WHERE name >= '008'")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    return path


def test_a_schema_7_file_opened_read_only_is_read_whole_and_left_as_it_was(tmp_path):
    """verify, export, résultats and a restore's check open a file read-only, so an older
    file is not upgraded: its candidates are read all the same, without a nom d'usage."""
    path = _schema_7_session(tmp_path)
    before = digest(path)
    with SessionStore.open(path, read_only=True) as store:
        assert [(c.number, c.full_name, c.usage_name) for c in store.candidates()] == [
            ("0001", "MARTIN Léa", ""),
            ("0002", "N'DIAYE Émilie-Françoise", ""),
        ]
        assert store.candidate("0002").category == "C"
        assert (store.details().signatory_delegate, store.details().results_notice) == ("", "")
    assert digest(path) == before
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
    conn.close()


def test_a_schema_1_file_opened_read_only_exports_whole_and_is_left_as_it_was(tmp_path):
    """The oldest file read-only: every reader (results, the whole-session JSON) sees it
    through the current schema; the file itself stays at schema 1."""
    from btsdesk.app.exports import results_csv
    from btsdesk.app.session_json import session_json

    fixture = __import__("pathlib").Path(__file__).parent.parent / "data" / "session-v1.btsdesk"
    path = tmp_path / "ancienne.btsdesk"
    shutil.copy(fixture, path)
    before = digest(path)
    with SessionStore.open(path, read_only=True) as store:
        assert store.verify() == []
        exported = session_json(store)
        assert [c["surname"] for c in exported["candidates"]] == ["Martin", "Petit"]
        assert exported["candidates"][0]["grades"] == {"E1": "12.50", "E21": "ABJ", "E22": "11.00"}
        assert results_csv(store).decode("utf-8-sig").count("\n") == 3  # header, 2 candidates
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ancienne.btsdesk"]


def test_the_backup_taken_before_an_upgrade_can_be_restored(tmp_path):
    """The restore first checks every candidate of the backup, opened read-only (R2): a
    schema-7 backup (no nom d'usage yet) passes, and comes back upgraded."""
    from btsdesk.app.session import JurySession
    from btsdesk.store.backups import list_backups

    path = _schema_7_session(tmp_path)
    with JurySession.open(path, operator="Secrétariat") as session:
        session.set_identity("0001", usage_name="Dupont")
        (before_upgrade,) = list_backups(path)
        session.restore(before_upgrade.path)
        assert [c.usage_name for c in session.candidates] == ["", ""]
        assert session.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
