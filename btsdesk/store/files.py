"""Files btsdesk writes beside the session (exports, PDFs, templates, backups): written
whole under a temporary name in the same folder, synced to the disk, renamed, the folder
synced — a file is there whole, or the previous one is, never half of it. Files that hold
names or grades are created readable by their owner only (0600), whatever the umask.

And the honest words for what a disk refuses: full, read-only, permission denied."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import sys
from pathlib import Path

from btsdesk.store.errors import (
    DiskFull,
    PermissionDenied,
    ReadOnlyMedium,
    SessionFileError,
    StorageError,
)
from btsdesk.store.locks import refuse_if_open

PRIVATE = 0o600
PARTIAL = ".partiel"

FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
READ_ONLY_ERRNOS = {errno.EROFS}
DENIED_ERRNOS = {errno.EACCES, errno.EPERM}
# SQLite's primary result codes that are the disk's doing.
SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PERM = 8, 10, 13, 14, 3


def storage_error(
    exc: BaseException, what: str, *, kept: str = "rien n'a été modifié"
) -> StorageError | None:
    """The French error for a write the disk refused (None: not the disk's doing).
    ``what`` names the file or the action; ``kept`` says what is intact."""
    number = getattr(exc, "errno", None) if isinstance(exc, OSError) else None
    code = getattr(exc, "sqlite_errorcode", None) if isinstance(exc, sqlite3.Error) else None
    primary = None if code is None else code & 0xFF
    if number in FULL_ERRNOS or primary == SQLITE_FULL:
        return DiskFull(
            f"{what} : le disque est plein — libérez de la place sur ce disque "
            f"(ou choisissez-en un autre) puis recommencez ; {kept}"
        )
    if number in READ_ONLY_ERRNOS or primary == SQLITE_READONLY:
        return ReadOnlyMedium(
            f"{what} : le support est en lecture seule (clé verrouillée, "
            "CD, partage en lecture seule) — copiez la session sur un disque "
            f"où l'on peut écrire, ou choisissez un autre dossier ; {kept}"
        )
    if number in DENIED_ERRNOS or primary in (SQLITE_PERM, SQLITE_CANTOPEN):
        return PermissionDenied(
            f"{what} : permission refusée — choisissez un dossier où vous "
            "avez le droit d'écrire, ou demandez ce droit ; "
            f"{kept}"
        )
    if number == errno.EISDIR:
        return StorageError(f"{what} est un dossier : choisissez un nom de fichier ; {kept}")
    if number == errno.ENOENT:
        return StorageError(
            f"{what} : le dossier n'existe pas — choisissez un dossier existant ; {kept}"
        )
    if number == errno.ENAMETOOLONG:
        return StorageError(
            f"{what} : nom de fichier trop long — choisissez-en un plus court ; {kept}"
        )
    if number == errno.ENOTDIR:
        return StorageError(
            f"{what} : un élément du chemin n'est pas un dossier — choisissez un dossier "
            f"existant ; {kept}"
        )
    if primary == SQLITE_IOERR or isinstance(exc, OSError):
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return StorageError(
            f"{what} : erreur d'écriture sur le disque ({detail}) — vérifiez "
            f"le support (débranché ? abîmé ?) puis recommencez ; {kept}"
        )
    return None


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where folders cannot be synced)."""
    if sys.platform == "win32":  # pragma: no cover - NTFS journals its metadata
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def publish(partial: Path, target: Path) -> None:
    """A complete file under its temporary name, synced, then renamed into place and its
    folder synced."""
    descriptor = os.open(partial, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(partial, target)
    fsync_folder(target.parent)


def write_durably(path: Path, data: bytes, mode: int = PRIVATE) -> Path:
    """Write ``data`` to ``path`` whole or not at all (temporary name, fsync, rename, fsync
    of the folder), created with ``mode`` whatever the umask. Nothing is left behind on
    failure; a disk that refuses raises a StorageError in French."""
    refuse_if_open(path, "écraser")
    partial = path.with_name(path.name + PARTIAL)
    try:
        partial.unlink(missing_ok=True)
        descriptor = os.open(
            partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode
        )
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(descriptor, mode)  # the umask never widens nor narrows it
            view = memoryview(data)
            while view:
                written = os.write(descriptor, view)
                view = view[written:]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(partial, path)
        fsync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        error = storage_error(exc, f"« {path.name} »", kept="le fichier n'a pas été écrit")
        raise (error or exc) from None
    return path


def read_chosen(path: Path, doing: str = "importer") -> bytes:
    """The bytes of a file the user chose (to import, as an image …): refused by name
    when it is a file this btsdesk holds open (reading it would release the session's
    locks); an unreadable file is said in French."""
    refuse_if_open(path, doing)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SessionFileError(f"« {path.name} » : fichier introuvable") from None
    except IsADirectoryError:
        raise SessionFileError(f"« {path.name} » est un dossier, pas un fichier") from None
    except OSError as exc:
        raise SessionFileError(f"« {path.name} » illisible ({exc.strerror})") from None
