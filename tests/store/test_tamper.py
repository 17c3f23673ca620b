"""A log that holds against an editor of the file (issue 13, item 6). Each edit is made the
way someone with the file and plain ``sqlite3`` + ``hashlib`` would make it, after btsdesk
closed the session; ``btsdesk verify`` must say ALTÉRÉ (exit 1) and name what it found."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from btsdesk.cli import main
from btsdesk.store.session import SessionStore
from tests.forgery import rechain
from tests.store.conftest import make_session


@pytest.fixture
def closed_session(tmp_path) -> Path:
    path = tmp_path / "jury.btsdesk"
    store = make_session(path)
    store.set_grade("0001", "E1", 1200)
    store.set_grade("0002", "E3", 800)
    store.record_document("pv_premier_groupe", b"%PDF-1 one", pages=1)
    store.record_document("pv_premier_groupe", b"%PDF-1 two", pages=1)
    store.close()  # the head is kept outside the file here
    return path


def _verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["verify", str(path)])
    return code, capsys.readouterr().out


def _edit(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_an_untouched_file_verifies(closed_session, capsys):
    assert _verify(closed_session, capsys)[0] == 0


def test_a_grade_updated_directly_is_found(closed_session, capsys):
    _edit(
        closed_session, "UPDATE grades SET cents = 1500 WHERE number = '0001' AND line_code = 'E1'"
    )
    code, out = _verify(closed_session, capsys)
    assert code == 1
    assert "note 0001/E1 : « 15,00 » dans le fichier, « 12,00 » selon l'entrée" in out


def test_a_grade_inserted_directly_is_found(closed_session, capsys):
    _edit(
        closed_session, "INSERT INTO grades (number, line_code, cents) VALUES ('0002', 'E1', 2000)"
    )
    code, out = _verify(closed_session, capsys)
    assert code == 1
    assert "0002/E1" in out
    assert "sans aucune entrée au journal" in out


def test_a_phase_decision_or_oral_set_directly_is_found(closed_session, capsys):
    _edit(
        closed_session,
        "UPDATE session SET phase = 'clos'",
        "INSERT INTO decisions (number, stage, decision, grades_digest, at, operator) "
        "VALUES ('0001', 'premier_groupe', 'admis', '', '', '')",
    )
    code, out = _verify(closed_session, capsys)
    assert code == 1
    assert "phase de la session" in out
    assert "décision 0001/premier_groupe" in out


def test_the_last_entries_deleted_and_the_head_rewritten_are_found(closed_session, capsys):
    _edit(
        closed_session,
        "DROP TRIGGER audit_log_no_delete",
        "DELETE FROM audit_log WHERE id >= (SELECT MAX(id) - 1 FROM audit_log)",
        "UPDATE audit_head SET last_id = (SELECT MAX(id) FROM audit_log), "
        "last_hash = (SELECT hash FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log))",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT "
        "RAISE(ABORT, 'journal des modifications : suppression interdite'); END",
    )
    with SessionStore.open(closed_session, read_only=True) as store:
        assert store.replay_problems() == []  # the chain and the data agree ...
    code, out = _verify(closed_session, capsys)
    assert code == 1  # ... but not with the head kept outside the file
    assert "des entrées ont été supprimées" in out
    # Opening and closing it in btsdesk does not make it look right afterwards.
    with SessionStore.open(closed_session, backup=False) as store:
        store.set_grade("0002", "E1", 1000)
    assert _verify(closed_session, capsys)[0] == 1


def test_an_entry_edited_and_the_chain_recomputed_is_found(closed_session, capsys):
    _edit(
        closed_session,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET new = '15,00' WHERE subject = '0001/E1'",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT "
        "RAISE(ABORT, 'journal des modifications : modification interdite'); END",
        "UPDATE grades SET cents = 1500 WHERE number = '0001' AND line_code = 'E1'",
    )
    rechain(closed_session)
    with SessionStore.open(closed_session, read_only=True) as store:
        assert store.replay_problems() == []
        from btsdesk.store import audit

        assert audit.verify(store.conn) == []  # the chain itself is perfect
    code, out = _verify(closed_session, capsys)
    assert code == 1
    assert "journal réécrit" in out


def test_without_the_head_kept_here_a_recomputed_chain_is_not_found(
    closed_session, capsys, tmp_path, monkeypatch
):
    """What it does not protect against (said in the guide): on another computer (or with
    this folder edited too), only the paper PV's head tells."""
    _edit(
        closed_session,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET new = '15,00' WHERE subject = '0001/E1'",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT "
        "RAISE(ABORT, 'journal des modifications : modification interdite'); END",
        "UPDATE grades SET cents = 1500 WHERE number = '0001' AND line_code = 'E1'",
    )
    rechain(closed_session)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "autre-ordinateur"))
    assert _verify(closed_session, capsys)[0] == 0


def test_the_head_is_kept_on_each_close_one_line_per_session(tmp_path):
    from btsdesk.store import heads

    first = make_session(tmp_path / "a.btsdesk")
    second = make_session(tmp_path / "b.btsdesk")
    first.set_grade("0001", "E1", 1000)
    uids = first.uid(), second.uid()
    first_head, second_head = first.audit_head(), second.audit_head()
    first.close()
    second.close()
    lines = heads.heads_file().read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == sorted(
        [
            f"{uids[0]} {first_head[0]} {first_head[1]}",
            f"{uids[1]} {second_head[0]} {second_head[1]}",
        ]
    )
    assert heads.heads_file().stat().st_mode & 0o777 == 0o600


def test_a_restore_moves_the_head_with_it(closed_session, capsys):
    from btsdesk.store import backups

    with SessionStore.open(closed_session) as store:  # the opening backup
        store.set_grade("0001", "E1", 1999)
    backup = backups.list_backups(closed_session)[0].path
    with SessionStore.open(closed_session, backup=False) as store:
        store.restore(backup)
        assert store.verify() == []
    assert _verify(closed_session, capsys)[0] == 0
