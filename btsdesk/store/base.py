"""What every btsdesk file shares (a jury session, a class file): opened safely for this
instance alone, upgraded after a backup, created whole or not at all, one transaction per
action, an append-only audit log."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self

from btsdesk.store import audit, backups, locks
from btsdesk.store.errors import SessionFileError
from btsdesk.store.files import fsync_folder, storage_error
from btsdesk.store.migrating import Migrations
from btsdesk.store.opening import KINDS, check_writable, connect, create_file

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlite_utils import Database

    Writing = Callable[[], AbstractContextManager[None]]

# What is intact when the disk refuses a change.
KEPT = "ce qui était déjà enregistré est intact ; cette modification n'a pas été enregistrée"


@cache
def _database_class() -> Callable[[sqlite3.Connection, str, Writing], Database]:
    """sqlite-utils' Database whose transactions say in French what the disk refused (full,
    read-only, permission): the transaction is rolled back, the last saved state intact.
    Made on the first write (sqlite-utils loaded then, not to read a file: migrating.py)."""
    from sqlite_utils import Database

    class _Database(Database):
        def __init__(self, conn: sqlite3.Connection, name: str, writing: Writing) -> None:
            # No sqlite-utils plugins: whatever is installed on the machine has no say in
            # a session file (and finding them costs a scan of every package).
            super().__init__(conn, execute_plugins=False)
            self.label = f"« {name} »"
            self.writing = writing

        @contextmanager
        def atomic(self) -> Iterator[Database]:
            try:
                with self.writing(), super().atomic():
                    yield self
            except sqlite3.Error as exc:
                error = storage_error(exc, self.label, kept=KEPT)
                if error is None:
                    raise
                raise error from None

    return _Database


class FileStore:
    application_id: ClassVar[int]
    schema_version: ClassVar[int]
    migrations: ClassVar[Migrations]

    def __init__(self, path: Path, conn: sqlite3.Connection, operator: str) -> None:
        self.path = path
        self.conn = conn
        self.operator = operator
        self.lock: locks.FileLock | None = None
        self.read_only = False
        self.opening_backup_due = False
        self._writing = False

    @cached_property
    def db(self) -> Database:
        """The file through sqlite-utils, for writing (reads go through ``conn``)."""
        return _database_class()(self.conn, self.path.name, self.writing)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Around a change (every write is a transaction, ``db.atomic``): the state as
        opened is backed up just before the first change of this opening, and that backup
        is kept only if the change is written. A command refused before or during its
        transaction (rolled back), or one that changes nothing, leaves nothing behind, not
        even a backup. A disk that refuses the backup refuses the change (StorageError)."""
        if not self.opening_backup_due or self._writing:
            yield
            return
        self._writing = True
        try:
            changes = self.conn.total_changes
            taken = backups.take_backup(self.conn, self.path, backups.OPENING, rotate=False)
            try:
                yield
            except BaseException:
                backups.discard(taken)  # rolled back: nothing was written
                raise
            if self.conn.total_changes == changes:
                backups.discard(taken)  # nothing to write after all
            else:
                self.opening_backup_due = False
                with contextlib.suppress(OSError):  # written: an old backup left is no harm
                    backups.prune(self.path, backups.KEEP_OPENINGS)
        finally:
            self._writing = False

    @classmethod
    def _create(cls, path: Path, operator: str, fill: Callable[[Any], None]) -> Self:
        """A new file built under a temporary name (it appears whole or not at all); ``fill``
        writes its first rows inside one transaction."""
        if path.exists():
            raise SessionFileError(f"« {path.name} » existe déjà : choisissez un autre nom")
        partial = path.with_name(path.name + ".partiel")
        conn: sqlite3.Connection | None = None
        try:
            partial.unlink(missing_ok=True)
            conn = create_file(partial, cls.application_id)
            store = cls(partial, conn, operator)
            cls.migrations.apply(store.db)
            with store.db.atomic():
                fill(store)
            conn.close()
            os.replace(partial, path)
            fsync_folder(path.parent)
        except BaseException as exc:
            if conn is not None:
                conn.close()
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            error = (
                storage_error(exc, f"« {path.name} »", kept="la session n'a pas été créée")
                if isinstance(exc, (OSError, sqlite3.Error))
                else None
            )
            if error is not None:
                raise error from None
            raise
        return cls.open(path, operator=operator, backup=False)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        operator: str | None = None,
        backup: bool = True,
        read_only: bool = False,
    ) -> Self:
        """Open an existing file; an older one is upgraded after a backup. With ``backup``,
        the state as opened is backed up before the first change (``before_writing``);
        opened and only read, nothing is written, not even a backup. A read-only store
        (verify, exports) changes nothing in the file, not even its schema: it reads a copy
        in memory, upgraded there."""
        if not read_only:
            check_writable(path)
        try:
            lock = locks.acquire(path, shared=read_only, kind=KINDS[cls.application_id][0])
        except OSError as exc:
            raise (storage_error(exc, f"« {path.name} »") or exc) from None
        try:
            conn = connect(path, read_only=read_only, application_id=cls.application_id)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store = cls(path, conn, "")
        store.lock = lock
        store.read_only = read_only
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version < cls.schema_version and read_only:
                # Read as it stands, through the current schema: the private copy in memory
                # is upgraded (its columns added with their defaults), the file is not.
                conn.execute("PRAGMA query_only = OFF")
                cls.migrations.apply(store.db)
                conn.execute("PRAGMA query_only = ON")
            elif version < cls.schema_version:
                backups.take_backup(conn, path, f"avant mise à jour du schéma {version}")
                try:
                    cls.migrations.apply(store.db)
                except sqlite3.Error as exc:
                    raise (storage_error(exc, f"« {path.name} »") or exc) from None
            elif backup and not read_only:
                store.opening_backup_due = True  # taken just before the first write
            store.operator = operator or store.recorded_operator() or "opérateur"
        except BaseException:
            FileStore.close(store)  # the connection and the lock; nothing else on a failure
            raise
        return store

    def recorded_operator(self) -> str:
        raise NotImplementedError

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self.lock is not None:
                self.lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.atomic():
            yield

    def audit_log(self) -> list[audit.AuditEntry]:
        return audit.entries(self.conn)

    def audit_head(self) -> tuple[int, str]:
        """The audit log's last entry number and chained SHA-256 (printed on the final PV)."""
        row = self.conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
        return (0, audit.GENESIS) if row is None else (int(row[0]), str(row[1]))

    def verify(self) -> list[str]:
        """Problems found in the audit log (empty: intact) and in the file."""
        problems = audit.verify(self.conn)
        check = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            problems.insert(0, f"fichier endommagé : {check}")
        return problems

    def _log(
        self, action: str, subject: str, old: str | None, new: str | None, reason: str | None = None
    ) -> None:
        audit.append(
            self.conn,
            operator=self.operator,
            action=action,
            subject=subject,
            old=old,
            new=new,
            reason=reason,
        )
