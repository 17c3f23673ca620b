"""The window warns on opening a file whose log no longer reaches the head this computer
kept at its last close (issue 13, item 6); the application says it, the window shows it."""

from __future__ import annotations

import sqlite3

from btsdesk.app.session import JurySession
from tests.store.conftest import make_session


def test_opening_warns_when_the_log_no_longer_reaches_the_last_head(tmp_path):
    path = tmp_path / "jury.btsdesk"
    store = make_session(path)
    store.record_document("pv_premier_groupe", b"%PDF-1 x", pages=1)
    store.close()
    with JurySession.open(path, backup=False) as session:
        assert session.log_warning() is None
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
    conn.execute(
        "UPDATE audit_head SET last_id = last_id - 1, last_hash = (SELECT hash FROM "
        "audit_log WHERE id = (SELECT MAX(id) FROM audit_log))"
    )
    conn.commit()
    conn.close()
    with JurySession.open(path, backup=False) as session:
        warning = session.log_warning()
    assert warning is not None
    assert "des entrées ont été supprimées" in warning
    assert "PV signé" in warning
