"""Backups through SQLite's backup API: the state as opened, just before the first change
of a session opened for writing (``FileStore.before_writing``: a command refused before it
writes leaves no backup), and before each phase change, a migration or a restore; in a
folder beside the session file, each one synced to the disk before it is renamed into
place, readable by its owner only. The opening backups and the
phase-change backups rotate (the last N of each are kept, N said in the guide); the others
(before a migration, before a restore) are rare and each one matters."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from btsdesk.store.files import publish, storage_error

KEEP_OPENINGS = 20
KEEP_PHASE_CHANGES = 20
OPENING = "ouverture"
PHASE_CHANGE = "avant "  # « avant délibération », « avant clos », « avant saisie des notes »
ONE_OFF = ("avant mise à jour", "avant restauration")
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


def take_backup(
    conn: sqlite3.Connection,
    session_path: Path,
    reason: str,
    keep: int = KEEP_OPENINGS,
    *,
    rotate: bool = True,
) -> Path:
    """Copy the open session into its backup folder, readable by its owner only, synced
    before it appears; then the older ones pruned (``rotate``; not yet for a backup that
    may still be discarded). A disk that refuses raises a StorageError in French, and nothing
    is left behind."""
    folder = backup_dir(session_path)
    stamp = datetime.now(UTC).strftime(STAMP)
    target = folder / f"{stamp}--{_slug(reason)}.btsdesk"
    partial = target.with_suffix(".partiel")
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        for leftover in folder.glob("*.partiel"):  # from a crash during an earlier backup
            leftover.unlink(missing_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o600)
        os.close(descriptor)
        copy = sqlite3.connect(partial)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        publish(partial, target)  # a backup is either whole or absent
        if rotate:
            prune(session_path, keep)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        error = storage_error(
            exc, f"sauvegarde de « {session_path.name} »", kept="la session n'a pas été modifiée"
        )
        if error is None:
            raise
        raise error from None
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


def discard(backup: Path) -> None:
    """Remove a backup taken for a change that was not written (refused, rolled back, or
    nothing to change), and its folder if that leaves it empty: as if never taken."""
    with contextlib.suppress(OSError):
        backup.unlink(missing_ok=True)
        backup.parent.rmdir()  # only when empty


def prune(session_path: Path, keep: int) -> None:
    """The last ``keep`` opening backups and the last KEEP_PHASE_CHANGES phase-change ones
    stay; the others go. Backups before a migration or a restore all stay."""
    found = list_backups(session_path)
    openings = [b for b in found if b.reason == OPENING]
    phases = [b for b in found if is_phase_change(b.reason)]
    for old in (openings[keep:] if keep > 0 else []) + phases[KEEP_PHASE_CHANGES:]:
        old.path.unlink(missing_ok=True)


def is_phase_change(reason: str) -> bool:
    """« avant délibération » … (the slug of the reason, dashes read as spaces)."""
    return reason.startswith(PHASE_CHANGE) and not any(
        _slug(reason).startswith(_slug(other)) for other in ONE_OFF
    )


def _slug(reason: str) -> str:
    allowed = "".join(c if c.isalnum() else "-" for c in reason.lower())
    return "-".join(part for part in allowed.split("-") if part)[:40] or "sauvegarde"
