"""What a forger with the file, sqlite3 and hashlib would do (issue 13): recompute the audit
log's chain and its stored head after editing the data. Shared by the tamper tests."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path


def rechain(path: Path) -> None:
    """Recompute every hash of the chain and the stored head, as an editor who read the
    source would."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    previous = "0" * 64
    rows = conn.execute(
        "SELECT id, at, operator, action, subject, old, new, reason FROM audit_log ORDER BY id"
    ).fetchall()
    for row in rows:
        canonical = json.dumps([previous, *row], ensure_ascii=False, separators=(",", ":"))
        previous = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        conn.execute("UPDATE audit_log SET hash = ? WHERE id = ?", (previous, row[0]))
    conn.execute("UPDATE audit_head SET last_id = ?, last_hash = ?", (rows[-1][0], previous))
    conn.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
        "SELECT RAISE(ABORT, 'journal des modifications : modification interdite'); END"
    )
    conn.commit()
    conn.close()
