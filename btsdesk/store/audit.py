"""The audit log: append-only (triggers refuse updates and deletes) and chained by hashes, so
that an entry edited or removed outside btsdesk is detected by ``btsdesk verify``."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    operator: str
    action: str
    subject: str
    old: str | None
    new: str | None
    reason: str | None
    hash: str


def entry_hash(
    previous: str,
    id_: int,
    at: str,
    operator: str,
    action: str,
    subject: str,
    old: str | None,
    new: str | None,
    reason: str | None,
) -> str:
    canonical = json.dumps(
        [previous, id_, at, operator, action, subject, old, new, reason],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def append(
    conn: sqlite3.Connection,
    *,
    operator: str,
    action: str,
    subject: str,
    old: str | None,
    new: str | None,
    reason: str | None = None,
) -> None:
    """Append one entry; the caller's transaction makes it atomic with the change."""
    head = conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    last_id, previous = head if head else (0, GENESIS)
    id_ = last_id + 1
    at = now()
    digest = entry_hash(previous, id_, at, operator, action, subject, old, new, reason)
    conn.execute(
        "INSERT INTO audit_log (id, at, operator, action, subject, old, new, reason, "
        "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id_, at, operator, action, subject, old, new, reason, digest),
    )
    conn.execute(
        "INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id, "
        "last_hash = excluded.last_hash",
        (id_, digest),
    )


def entries(conn: sqlite3.Connection, subject_prefix: str | None = None) -> list[AuditEntry]:
    sql = "SELECT id, at, operator, action, subject, old, new, reason, hash FROM audit_log"
    args: tuple[str, ...] = ()
    if subject_prefix is not None:
        sql += " WHERE subject = ? OR subject LIKE ? ESCAPE '\\'"
        escaped = subject_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        args = (subject_prefix, escaped + "/%")
    return [AuditEntry(*row) for row in conn.execute(sql + " ORDER BY id", args)]


def verify(conn: sqlite3.Connection) -> list[str]:
    """French descriptions of every break in the chain; an empty list means intact."""
    problems: list[str] = []
    previous = GENESIS
    expected_id = 1
    for entry in entries(conn):
        if entry.id != expected_id:
            problems.append(f"entrée(s) {expected_id} à {entry.id - 1} du journal supprimée(s)")
        recomputed = entry_hash(
            previous,
            entry.id,
            entry.at,
            entry.operator,
            entry.action,
            entry.subject,
            entry.old,
            entry.new,
            entry.reason,
        )
        if recomputed != entry.hash:
            problems.append(
                f"entrée {entry.id} du journal ({entry.at}, {entry.subject}) modifiée après coup"
            )
        previous = entry.hash
        expected_id = entry.id + 1
    head = conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    last_id, last_hash = head if head else (0, GENESIS)
    if last_id != expected_id - 1 or last_hash != previous:
        problems.append(
            f"fin du journal modifiée : la dernière entrée enregistrée était la "
            f"n°{last_id}, le journal s'arrête à la n°{expected_id - 1}"
        )
    triggers = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        )
    }
    for trigger in ("audit_log_no_update", "audit_log_no_delete"):
        if trigger not in triggers:
            problems.append(f"protection « {trigger} » du journal supprimée")
    return problems
