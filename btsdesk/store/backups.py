"""Backups through SQLite's backup API: when a session opens and before each phase change,
a migration or a restore, in a folder beside the session file. Only the opening backups
rotate (the last N are kept); the others are rare and each one matters."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

KEEP_OPENINGS = 20
OPENING = "ouverture"
STAMP = "%Y%m%d-%H%M%S-%fZ"  # UTC: the order survives a change of clocks


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC
    reason: str

    @property
    def label(self) -> str:
        local = self.taken_at.astimezone()
        return f"{local:%d/%m/%Y %H:%M:%S} — {self.reason}"


def backup_dir(session_path: Path) -> Path:
    return session_path.with_name(session_path.name + ".sauvegardes")


def take_backup(conn: sqlite3.Connection, session_path: Path, reason: str,
                keep: int = KEEP_OPENINGS) -> Path:
    """Copy the open session into its backup folder, readable by its owner only."""
    folder = backup_dir(session_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    for leftover in folder.glob("*.partiel"):  # from a crash during an earlier backup
        leftover.unlink(missing_ok=True)
    stamp = datetime.now(UTC).strftime(STAMP)
    target = folder / f"{stamp}--{_slug(reason)}.btsdesk"
    partial = target.with_suffix(".partiel")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    copy = sqlite3.connect(partial)
    try:
        conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()
    os.replace(partial, target)  # a backup is either whole or absent
    _prune(session_path, keep)
    return target


def list_backups(session_path: Path) -> list[Backup]:
    """Newest first."""
    folder = backup_dir(session_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.btsdesk"):
        stamp, _, reason = path.stem.partition("--")
        try:
            taken = datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(path, taken, reason.replace("-", " ")))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _prune(session_path: Path, keep: int) -> None:
    openings = [b for b in list_backups(session_path) if b.reason == OPENING]
    for old in openings[keep:] if keep > 0 else []:
        old.path.unlink(missing_ok=True)


def _slug(reason: str) -> str:
    allowed = "".join(c if c.isalnum() else "-" for c in reason.lower())
    return "-".join(part for part in allowed.split("-") if part)[:40] or "sauvegarde"
