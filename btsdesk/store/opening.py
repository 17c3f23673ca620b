"""Opening a session file safely: refuse what is not a btsdesk session, a damaged or
truncated file, a file from a newer btsdesk, or a file another btsdesk has open, without
ever writing to it; then WAL with full sync and an exclusive lock for this instance.

The same checks serve every kind of btsdesk file (a jury session, a first-year class file):
``application_id`` says which kind is expected, and a file of the other kind is refused by
name."""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

from btsdesk.store.errors import (
    DamagedSession,
    NewerSession,
    NotASession,
    PermissionDenied,
    ReadOnlyMedium,
    SessionFileError,
    SessionLocked,
)
from btsdesk.store.schema import (
    APPLICATION_ID,
    CLASS_APPLICATION_ID,
    CLASS_SCHEMA_VERSION,
    SCHEMA_VERSION,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
LOCK_TIMEOUT_S = 0.3

# Each kind of btsdesk file: (what it is, what the wrong file is not).
KINDS = {
    APPLICATION_ID: ("une session de jury", "une session btsdesk"),
    CLASS_APPLICATION_ID: ("un fichier de classe", "un fichier de classe btsdesk"),
}
SCHEMA_VERSIONS = {APPLICATION_ID: SCHEMA_VERSION, CLASS_APPLICATION_ID: CLASS_SCHEMA_VERSION}


def _wanted(application_id: int) -> str:
    return KINDS[application_id][1]


def _other_kind(name: str, found: int, expected: int) -> NotASession:
    """The refusal of a SQLite file whose application id is not the expected one."""
    if found in KINDS and found != expected:
        return NotASession(
            f"« {name} » est {KINDS[found][0]}, pas {KINDS[expected][0]} : rien n'a été modifié"
        )
    return NotASession(
        f"« {name} » est une base SQLite mais pas {_wanted(expected)} : rien n'a été modifié"
    )


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def check_header(path: Path, application_id: int = APPLICATION_ID) -> None:
    """Cheap checks on the bytes, before SQLite touches the file."""
    name = path.name
    if not path.exists():
        raise SessionFileError(f"« {name} » : fichier introuvable")
    if not path.is_file():
        raise SessionFileError(f"« {name} » n'est pas un fichier")
    size = path.stat().st_size
    with path.open("rb") as stream:
        header = stream.read(100)
    # After a crash the last transactions may live only in the write-ahead log: then SQLite,
    # not the main file's header, has the last word (checked on a copy, see connect()).
    wal = wal_of(path)
    if wal.exists() and wal.stat().st_size > 0 and (size == 0 or header.startswith(SQLITE_MAGIC)):
        return
    if size == 0:
        raise NotASession(f"« {name} » est vide : ce n'est pas {_wanted(application_id)}")
    if not header.startswith(SQLITE_MAGIC):
        raise NotASession(
            f"« {name} » n'est pas {_wanted(application_id)} (ni même une base "
            "SQLite) : rien n'a été modifié"
        )
    if len(header) < 100:
        raise DamagedSession(
            f"« {name} » est tronqué (en-tête incomplet) : restaurez une sauvegarde"
        )
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    (pages,) = struct.unpack(">I", header[28:32])
    (change_counter,) = struct.unpack(">I", header[24:28])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if change_counter == valid_for and size < pages * page_size:
        raise DamagedSession(
            f"« {name} » est tronqué ({size} octets au lieu de "
            f"{pages * page_size}) : restaurez une sauvegarde"
        )
    (found,) = struct.unpack(">I", header[68:72])
    if found != application_id:
        raise _other_kind(name, found, application_id)


def check_contents(path: Path, application_id: int = APPLICATION_ID) -> int:
    """SQLite-level checks (application id, schema version, quick_check), never writing to
    the file: when a write-ahead log is pending they run on a copy, because closing a
    connection would fold the log into the file. Returns the schema version."""
    check_header(path, application_id)

    def checks(conn: sqlite3.Connection) -> int:
        return _read_checks(conn, path.name, application_id)

    if wal_of(path).exists():
        import shutil  # (a log left pending by a crash: rare, not worth loading at each launch)
        import tempfile

        with tempfile.TemporaryDirectory(prefix="btsdesk-check-") as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(wal_of(path), wal_of(copy))
            return _with_connection(copy, path.name, checks, application_id=application_id)
    # No log pending: read the file as immutable (no lock, no -shm file left behind).
    return _with_connection(path, path.name, checks, immutable=True, application_id=application_id)


def connect(
    path: Path, *, read_only: bool = False, application_id: int = APPLICATION_ID
) -> sqlite3.Connection:
    """A connection that holds the file for this instance alone (checked, not yet
    migrated); ``read_only`` changes nothing in the file, nor beside it: no WAL switch, no
    merge of a pending write-ahead log, no -shm file (verify, exports, documents on a
    read-only medium). Raises a SessionFileError with a French message."""
    check_contents(path, application_id)
    name = path.name
    if read_only:
        return _read_only(path, application_id)
    conn = sqlite3.connect(path, isolation_level=None, timeout=LOCK_TIMEOUT_S)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        # Exclusive locking: a second btsdesk gets "busy" instead of a silent conflict.
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.close()
        raise _translate(exc, name, application_id) from None
    return conn


def _read_only(path: Path, application_id: int) -> sqlite3.Connection:
    """The file as it stands, read without writing anything anywhere: immutable when no
    write-ahead log is pending; otherwise a private copy of the file and its log, read into
    memory and removed at once (closing a connection on the original would merge the log)."""
    name = path.name
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        if wal_of(path).exists() and wal_of(path).stat().st_size > 0:
            import shutil
            import tempfile

            with tempfile.TemporaryDirectory(prefix="btsdesk-lecture-") as folder:
                copy = Path(folder) / path.name
                shutil.copyfile(path, copy)
                shutil.copyfile(wal_of(path), wal_of(copy))
                source = sqlite3.connect(copy, isolation_level=None)
                try:
                    source.backup(memory)
                finally:
                    source.close()
        else:
            source = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None
            )
            try:
                source.backup(memory)
            finally:
                source.close()
        memory.execute("PRAGMA foreign_keys = ON")
        memory.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        memory.close()
        raise _translate(exc, name, application_id) from None
    except BaseException:
        memory.close()
        raise
    return memory


def check_writable(path: Path) -> None:
    """Refuse, before anything is opened, to write on a read-only medium or where the user
    may not write, saying which and what to do."""
    if not path.exists():
        return  # its opening says « introuvable »
    name = path.name
    folder = path.resolve().parent
    try:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # Windows: no statvfs; the access checks below remain
        read_only = False
    if read_only:
        raise ReadOnlyMedium(
            f"« {name} » est sur un support en lecture seule (clé verrouillée, "
            "CD, partage en lecture seule) : il ne peut pas être modifié ici. "
            "Copiez-le sur un disque où l'on peut écrire pour le modifier ; "
            "vérification, exports, documents et aperçu d'import marchent "
            "sans écrire ; rien n'a été modifié"
        )
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        where = "ce fichier" if not os.access(path, os.W_OK) else "son dossier"
        raise PermissionDenied(
            f"« {name} » : permission refusée, vous n'avez pas le droit "
            f"d'écrire dans {where}. Demandez ce droit, ou copiez la "
            "session dans un dossier à vous ; rien n'a été modifié"
        )


def _with_connection(
    path: Path,
    name: str,
    check: Callable[[sqlite3.Connection], int],
    *,
    immutable: bool = False,
    application_id: int = APPLICATION_ID,
) -> int:
    if immutable:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None
        )
    else:
        conn = sqlite3.connect(path, isolation_level=None, timeout=LOCK_TIMEOUT_S)
    try:
        return check(conn)
    except sqlite3.Error as exc:
        raise _translate(exc, name, application_id) from None
    finally:
        conn.close()


def _translate(
    exc: sqlite3.Error, name: str, application_id: int = APPLICATION_ID
) -> SessionFileError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return SessionLocked(
            f"« {name} » est déjà ouvert par un autre btsdesk (ou un autre "
            "programme) : fermez-le d'abord"
        )
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in text:
        return NotASession(f"« {name} » n'est pas {_wanted(application_id)} : rien n'a été modifié")
    return DamagedSession(
        f"« {name} » est endommagé ou illisible ({text}) : restaurez une sauvegarde"
    )


def _read_checks(conn: sqlite3.Connection, name: str, application_id: int = APPLICATION_ID) -> int:
    found = conn.execute("PRAGMA application_id").fetchone()[0]
    if found != application_id:
        raise _other_kind(name, found, application_id)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    schema_version = SCHEMA_VERSIONS[application_id]
    if version > schema_version:
        raise NewerSession(
            f"« {name} » a été écrit par une version plus récente de btsdesk (schéma "
            f"{version}, cette version lit jusqu'au schéma {schema_version}) : mettez "
            "btsdesk à jour ; le fichier n'a pas été modifié"
        )
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise DamagedSession(f"« {name} » est endommagé ({check}) : restaurez une sauvegarde")
    return version


def create_file(path: Path, application_id: int = APPLICATION_ID) -> sqlite3.Connection:
    """A new, empty session file readable by its owner only (the caller builds it under a
    temporary name and renames it when complete)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    conn = sqlite3.connect(path, isolation_level=None, timeout=LOCK_TIMEOUT_S)
    try:
        conn.execute(f"PRAGMA application_id = {int(application_id)}")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn
