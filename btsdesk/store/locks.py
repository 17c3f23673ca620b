"""The lock that keeps a btsdesk file for one instance, and that nothing can lose.

SQLite's own locks are POSIX record locks: closing *any* descriptor of the file in the
process that holds them drops them all (a second look at the open file — opening it again, as
a class file, as a file to import — was enough for another btsdesk to write into it). So the
lock is held here, on a dedicated file beside the session (``jury.btsdesk.verrou``), with
``flock`` (Linux, macOS) or ``msvcrt.locking`` (Windows), on a descriptor nothing else in the
process opens or closes. Every second look at a file this process holds goes through
:func:`held_here` first and is refused by name, without touching the file.

Writers hold the lock exclusively; readers (``verify``, exports) share it. On a read-only
medium no lock file can be made: nobody can write there, so readers go without."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import weakref
from pathlib import Path

from btsdesk.store.errors import SessionLocked

SUFFIX = ".verrou"


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


class FileLock:
    """The lock of one open file (by this process), released by :meth:`release`."""

    def __init__(
        self, path: Path, descriptor: int, key: tuple[int, int], *, shared: bool, kind: str
    ) -> None:
        self.path = path
        self.descriptor = descriptor
        self.key = key
        self.shared = shared
        self.kind = kind
        self.released = False

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        _held.pop(self.key, None)
        if self.descriptor < 0:
            return
        try:
            # Whoever holds the lock alone removes the lock file (a reader only when no one
            # else reads): a later opener that finds the old file checks it is still there.
            if not self.shared or _try_lock(self.descriptor, shared=False):
                with contextlib.suppress(OSError):
                    lock_path(self.path).unlink(missing_ok=True)
        finally:
            os.close(self.descriptor)
            self.descriptor = -1

    def __del__(self) -> None:  # a store dropped without close() must not keep the file
        with contextlib.suppress(Exception):  # never raise from a finaliser
            self.release()


# What this process holds, by the held file's identity (device, inode).
_held: weakref.WeakValueDictionary[tuple[int, int], FileLock] = weakref.WeakValueDictionary()


def _key(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def held_here(path: Path) -> FileLock | None:
    """The lock by which this process already holds ``path`` (by identity, not by name)."""
    key = _key(path)
    lock = None if key is None else _held.get(key)
    return None if lock is None or lock.released else lock


def refuse_if_open(path: Path, doing: str | None = None) -> None:
    """Refuse, by name and without opening it, a file this process holds open. ``doing``
    says what was asked (« importer », « ouvrir comme fichier de classe » …)."""
    lock = held_here(path)
    if lock is None:
        return
    if doing:
        raise SessionLocked(
            f"« {path.name} » est déjà ouvert ici ({lock.kind}) : impossible "
            f"de l'{doing} ; choisissez un autre fichier (rien n'a été modifié)"
        )
    raise SessionLocked(
        f"« {path.name} » est déjà ouvert dans ce btsdesk ({lock.kind}) : "
        "rien n'a été rouvert ni modifié"
    )


def acquire(path: Path, *, shared: bool, kind: str) -> FileLock | None:
    """Lock ``path`` for this instance: exclusively to write, shared to read. Raises
    SessionLocked (French) when another btsdesk holds it, or when this process does. None:
    the file does not exist (its opening says so). To read only on a read-only medium, no
    lock file can be made: the file is held against second looks of this process only."""
    refuse_if_open(path)
    key = _key(path)
    if key is None:
        return None
    target = lock_path(path)
    for _attempt in range(20):
        try:
            descriptor = os.open(target, os.O_RDWR | os.O_CREAT | _CLOEXEC, 0o600)
        except OSError:
            if not shared:
                raise
            try:  # a reader on a read-only (or full) medium
                descriptor = os.open(target, os.O_RDONLY | _CLOEXEC)
            except OSError:  # read-only medium or folder: nobody writes here; still held
                lock = FileLock(path, -1, key, shared=True, kind=kind)  # against 2nd looks
                _held[key] = lock
                return lock
        if not _try_lock(descriptor, shared=shared):
            os.close(descriptor)
            raise SessionLocked(
                f"« {path.name} » est déjà ouvert par un autre btsdesk (ou un "
                "autre programme) : fermez-le d'abord"
            )
        # The previous holder may have removed the file between our open and our lock.
        if _key(target) == _fkey(descriptor):
            lock = FileLock(path, descriptor, key, shared=shared, kind=kind)
            _held[key] = lock
            return lock
        os.close(descriptor)
    raise SessionLocked(f"« {path.name} » : verrou introuvable, réessayez")


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _fkey(descriptor: int) -> tuple[int, int]:
    found = os.fstat(descriptor)
    return found.st_dev, found.st_ino


if sys.platform == "win32":  # pragma: no cover - not testable on Linux
    import msvcrt

    def _try_lock(descriptor: int, *, shared: bool) -> bool:
        # msvcrt has no shared lock: readers lock too (one instance at a time).
        try:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(descriptor: int, *, shared: bool) -> bool:
        # flock: owned by this open file description alone; closing any other descriptor
        # of the file (or of the session) never releases it.
        try:
            fcntl.flock(descriptor, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True
