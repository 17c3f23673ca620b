"""The hazards a review found, each with the behaviour users rely on: a refused file with a
pending write-ahead log stays untouched, verify writes nothing, a restore checks and upgrades
its backup, a re-import keeps what the file does not carry, and creation is whole or absent."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from btsdesk.app.demo import demo_reglement
from btsdesk.cli import main
from btsdesk.core.errors import InvalidInput
from btsdesk.store.backups import list_backups
from btsdesk.store.errors import NewerSession, NotASession, SessionFileError
from btsdesk.store.schema import SCHEMA_VERSION
from btsdesk.store.session import SessionDetails, SessionStore
from tests.store.conftest import digest

FIXTURE_V1 = Path(__file__).parent.parent / "data" / "session-v1.btsdesk"


def _with_pending_wal(path: Path, *statements: str) -> None:
    """Leave ``path`` as a crashed writer would: its last transaction only in the -wal."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for statement in statements:
        conn.execute(statement)
    # Copy the files while the connection is open, as if the process had died here.
    copy = path.with_name("crash-" + path.name)
    shutil.copyfile(path, copy)
    shutil.copyfile(path.with_name(path.name + "-wal"), copy.with_name(copy.name + "-wal"))
    conn.close()
    path.unlink()
    path.with_name(path.name + "-wal").unlink(missing_ok=True)
    copy.rename(path)
    copy.with_name(copy.name + "-wal").rename(path.with_name(path.name + "-wal"))


def test_a_foreign_database_with_a_pending_wal_is_refused_untouched(tmp_path):
    path = tmp_path / "autre.btsdesk"
    _with_pending_wal(path, "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
    wal = path.with_name(path.name + "-wal")
    before = (digest(path), digest(wal))
    with pytest.raises(NotASession):
        SessionStore.open(path)
    assert (digest(path), digest(wal)) == before


def test_a_newer_session_with_a_pending_wal_is_refused_untouched(session_path):
    _with_pending_wal(session_path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    wal = session_path.with_name(session_path.name + "-wal")
    before = (digest(session_path), digest(wal))
    with pytest.raises(NewerSession):
        SessionStore.open(session_path)
    assert (digest(session_path), digest(wal)) == before


def test_a_session_whose_last_save_is_only_in_the_wal_opens_with_it(session_path):
    _with_pending_wal(
        session_path, "INSERT INTO grades (number, line_code, cents) VALUES ('0001', 'E1', 1234)"
    )
    with SessionStore.open(session_path, backup=False) as store:
        assert store.grades_of("0001") == {"E1": 1234}


def test_verify_changes_nothing_even_on_an_old_schema(tmp_path, capsys):
    path = tmp_path / "ancienne.btsdesk"
    shutil.copy(FIXTURE_V1, path)
    before = digest(path)
    assert main(["verify", str(path)]) == 0
    assert "journal des modifications vérifié" in capsys.readouterr().out
    assert digest(path) == before
    assert list_backups(path) == []


def test_restoring_a_backup_from_before_a_migration_upgrades_it(tmp_path):
    path = tmp_path / "ancienne.btsdesk"
    shutil.copy(FIXTURE_V1, path)
    with SessionStore.open(path) as store:  # migrated; backup "avant mise à jour du schéma 1"
        store.set_grade("0001", "E3", 900)
        old = next(b for b in list_backups(path) if "schéma" in b.reason)
        store.restore(old.path)
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "E3" not in store.grades_of("0001")
        store.set_grade("0001", "E3", 950)  # the upgraded schema works
        assert store.verify() == []


def test_a_backup_of_another_session_is_not_restored(session_path, tmp_path):
    other = tmp_path / "autre.btsdesk"
    SessionStore.create(
        other,
        reglement=demo_reglement(),
        details=SessionDetails(year=2025, specialty_code="MCO", regime="2021"),
        operator="x",
    ).close()
    with SessionStore.open(session_path, backup=False) as store:
        store.set_grade("0001", "E1", 1500)
        with pytest.raises(SessionFileError, match="autre session"):
            store.restore(other)
        assert store.grades_of("0001") == {"E1": 1500}


def test_a_json_reimport_keeps_what_the_file_does_not_carry(session_path, tmp_path, capsys):
    with SessionStore.open(session_path, backup=False) as store:
        martin = store.candidate("0001")
        store.add_candidates(
            [
                replace(
                    martin,
                    address="3 rue des Lilas\n69001 Lyon",
                    livret_provided=True,
                    birth_date="2005-04-09",
                )
            ],
            source="saisie",
        )
    exported = tmp_path / "session.json"
    assert main(["export", str(session_path), str(exported)]) == 0
    assert main(["import", str(session_path), str(exported)]) == 0
    capsys.readouterr()
    with SessionStore.open(session_path, backup=False) as store:
        again = store.candidate("0001")
    assert (again.address, again.livret_provided, again.birth_date) == (
        "3 rue des Lilas\n69001 Lyon",
        True,
        "2005-04-09",
    )


def test_a_json_import_is_checked_against_the_sessions_own_reglement(
    session_path, tmp_path, capsys
):
    import json

    data = json.loads(
        (Path(__file__).parent.parent / "data" / "worked_example.json").read_text(encoding="utf-8")
    )
    data["specialty"] = demo_reglement()
    data["specialty"]["categories"] = ["A", "B", "C", "Z"]
    for line in data["specialty"]["epreuves"]:
        if isinstance(line["mode"], dict):
            line["mode"]["Z"] = "ponctuel"
    data["candidates"][0]["category"] = "Z"
    source = tmp_path / "z.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    before = digest(session_path)
    assert main(["import", str(session_path), str(source)]) == 2
    assert "catégorie « Z »" in capsys.readouterr().err
    assert digest(session_path) == before


def test_a_failed_creation_leaves_no_file(tmp_path):
    path = tmp_path / "neuf.btsdesk"
    bad = demo_reglement()
    bad["epreuves"][0]["coefficient"] = "zéro"
    with pytest.raises(InvalidInput):
        SessionStore.create(
            path,
            reglement=bad,
            details=SessionDetails(year=2026, specialty_code="MCO", regime="2022"),
            operator="x",
        )
    assert list(tmp_path.iterdir()) == []
