"""Backups of this session only, and a restore that is one transaction with its log entry
(issue 13, item 5)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from btsdesk.store import backups
from btsdesk.store.errors import SessionFileError
from btsdesk.store.schema import SCHEMA_VERSION
from btsdesk.store.session import SessionStore
from tests.store.conftest import make_session

WORKER = Path(__file__).with_name("restore_worker.py")


def test_every_session_has_its_own_identifier_kept_by_its_backups(tmp_path):
    one = make_session(tmp_path / "a.btsdesk")
    two = make_session(tmp_path / "b.btsdesk")
    assert one.uid()
    assert two.uid()
    assert one.uid() != two.uid()
    backup = backups.take_backup(one.conn, one.path, "essai")
    with SessionStore.open(backup, read_only=True) as copy:
        assert copy.uid() == one.uid()
    one.close()
    two.close()


def test_a_backup_of_another_session_is_refused_by_name(tmp_path):
    """Same year, specialty and regime: only the identifier tells them apart."""
    ours = make_session(tmp_path / "ours.btsdesk")
    theirs = make_session(tmp_path / "theirs.btsdesk")
    theirs.set_grade("0001", "E1", 100)
    foreign = backups.take_backup(theirs.conn, theirs.path, "ouverture")
    theirs.close()
    try:
        with pytest.raises(
            SessionFileError, match=f"« {foreign.name} » est la sauvegarde d'une autre session"
        ):
            ours.restore(foreign)
        assert ours.grades() == {}
        assert ours.audit_log()[-1].action != "restauration"
    finally:
        ours.close()


def _without_uid(backup: Path) -> None:
    """Make a backup look written before identifiers existed (schema 6)."""
    conn = sqlite3.connect(backup)
    conn.execute("ALTER TABLE session DROP COLUMN uid")
    # nor the later migrations (008: the letters' settings; 009: the usage name)
    conn.execute("ALTER TABLE session DROP COLUMN signatory_delegate")
    conn.execute("ALTER TABLE session DROP COLUMN results_notice")
    conn.execute("ALTER TABLE candidates DROP COLUMN usage_name")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name >= '007'")
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()


def test_a_backup_older_than_identifiers_is_checked_by_its_first_log_entry(tmp_path):
    ours = make_session(tmp_path / "ours.btsdesk")
    theirs = make_session(tmp_path / "theirs.btsdesk")
    mine = backups.take_backup(ours.conn, ours.path, "ouverture")
    foreign = backups.take_backup(theirs.conn, theirs.path, "ouverture")
    theirs.close()
    _without_uid(mine)
    _without_uid(foreign)
    uid = ours.uid()
    try:
        with pytest.raises(SessionFileError, match="autre session"):
            ours.restore(foreign)
        ours.set_grade("0001", "E1", 1500)
        ours.restore(mine)  # upgraded, and keeps this session's identifier
        assert ours.grades() == {}
        assert ours.uid() == uid
        assert ours.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert ours.verify() == []
        assert ours.audit_log()[-1].action == "restauration"
    finally:
        ours.close()


def test_an_older_file_gets_an_identifier_when_upgraded(tmp_path):
    fixture = Path(__file__).parent.parent / "data" / "session-v1.btsdesk"
    path = tmp_path / "ancienne.btsdesk"
    shutil.copy(fixture, path)
    with SessionStore.open(path) as store:
        assert len(store.uid()) == 36


def _run_and_kill(path: Path, backup: Path, start: int, delay: float) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(path), str(backup), str(start)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(worker.stdout or []), daemon=True)
    reader.start()
    time.sleep(delay)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    reader.join(timeout=30)
    if worker.stdout:
        worker.stdout.close()
    return [line.strip() for line in lines]


def test_a_restore_killed_at_any_moment_is_whole_with_its_log_entry(session_path):
    """SIGKILL during restores: the session is either as it was or restored with its
    « restauration » entry, never restored without it, and always verifies."""
    with SessionStore.open(session_path, backup=False) as store:
        store.set_grade("0001", "E1", 1111)
        backup = backups.take_backup(store.conn, session_path, "essai")
        store.set_grade("0001", "E1", 1999)
        backup_log = [(e.id, e.hash) for e in store.audit_log()][:-1]
    rng = random.Random(13)
    restores = 0
    for round_ in range(20):
        lines = _run_and_kill(session_path, backup, round_ * 1000, rng.uniform(0.2, 1.0))
        restores += lines.count("restored")
        with SessionStore.open(session_path, backup=False) as store:
            assert store.verify() == []
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            log = store.audit_log()
            grades = store.grades()
            if grades["0001"] == {"E1": 1111}:  # restored: the backup's log and its entry
                assert [(e.id, e.hash) for e in log[: len(backup_log)]] == backup_log
                assert log[len(backup_log)].action == "restauration"
                assert len(log) in (len(backup_log) + 1, len(backup_log) + 2)
            else:  # never restored yet
                assert grades["0001"] == {"E1": 1999}
                assert restores == 0
        leftovers = list(backups.backup_dir(session_path).glob("*.partiel"))
        for leftover in leftovers:  # a kill while staging: cleaned by the next backup
            leftover.unlink()
    assert restores >= 10
