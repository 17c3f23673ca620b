"""The session file's schema and its migrations (one transaction each).

``PRAGMA application_id`` marks a btsdesk session; ``PRAGMA user_version`` is the schema
version: a file from a newer btsdesk is refused, an older one is upgraded after a backup.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from btsdesk.store.migrating import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x42545344  # "BTSD"
SCHEMA_VERSION = 9
# The first-year class file (parcours de consolidation, domain.md §8): another kind of file.
CLASS_APPLICATION_ID = 0x42545343  # "BTSC"
CLASS_SCHEMA_VERSION = 1

migrations = Migrations("btsdesk")


@migrations(name="001_initial")
def _initial(db: Database) -> None:
    _run(
        db,
        """
    CREATE TABLE session (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        year INTEGER NOT NULL,
        academie TEXT NOT NULL DEFAULT '',
        centre TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        specialty_code TEXT NOT NULL,
        reglement_version TEXT NOT NULL DEFAULT '',
        regime TEXT NOT NULL,
        general_oral_levels INTEGER NOT NULL DEFAULT 1 CHECK (general_oral_levels >= 1),
        facultative_abs_eliminates INTEGER NOT NULL DEFAULT 0,
        proclamation TEXT,
        phase TEXT NOT NULL DEFAULT 'saisie'
            CHECK (phase IN ('saisie', 'deliberation', 'clos')),
        operator TEXT NOT NULL DEFAULT ''
    );
    -- The règlement is copied into the file: a file opened years later computes the same.
    CREATE TABLE reglement (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        data TEXT NOT NULL
    );
    CREATE TABLE jury_members (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        quality TEXT NOT NULL CHECK (quality IN ('enseignant', 'professionnel')),
        role TEXT NOT NULL DEFAULT 'membre',
        present INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE candidates (
        number TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        civility TEXT NOT NULL DEFAULT '',
        surname TEXT NOT NULL DEFAULT '',
        given_name TEXT NOT NULL DEFAULT '',
        birth_date TEXT,
        category TEXT NOT NULL DEFAULT 'A',
        address TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        bac_origin TEXT NOT NULL DEFAULT '',
        livret_provided INTEGER NOT NULL DEFAULT 0,
        livret_examined_by TEXT,
        livret_examined_on TEXT
    );
    CREATE TABLE grades (
        number TEXT NOT NULL REFERENCES candidates(number),
        line_code TEXT NOT NULL,
        cents INTEGER CHECK (cents BETWEEN 0 AND 2000),
        code TEXT CHECK (code IN ('ABS', 'ABJ', 'DIS')),
        origin TEXT NOT NULL DEFAULT 'saisie',
        PRIMARY KEY (number, line_code),
        CHECK ((cents IS NULL) <> (code IS NULL))
    );
    CREATE TABLE orals (
        number TEXT NOT NULL REFERENCES candidates(number),
        oral_key TEXT NOT NULL,
        discipline TEXT,
        cents INTEGER CHECK (cents BETWEEN 0 AND 2000),
        PRIMARY KEY (number, oral_key)
    );
    CREATE TABLE authorisations (
        number TEXT PRIMARY KEY REFERENCES candidates(number),
        authorised INTEGER NOT NULL,
        grades_digest TEXT NOT NULL,
        at TEXT NOT NULL,
        operator TEXT NOT NULL
    );
    CREATE TABLE decisions (
        number TEXT NOT NULL REFERENCES candidates(number),
        stage TEXT NOT NULL CHECK (stage IN ('premier_groupe', 'final')),
        decision TEXT NOT NULL CHECK (decision IN ('admis', 'controle', 'ajourne')),
        grades_digest TEXT NOT NULL,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        PRIMARY KEY (number, stage)
    );
    """,
    )
    audit_tables(db)
    db.execute("PRAGMA user_version = 1")


@migrations(name="002_consolidation_slots_documents")
def _consolidation_slots_documents(db: Database) -> None:
    """Parcours de consolidation flag, oral slots, and the record of produced documents."""
    _run(
        db,
        """
    ALTER TABLE candidates ADD COLUMN consolidation INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE grades ADD COLUMN origin_year INTEGER;
    ALTER TABLE orals ADD COLUMN slot TEXT;
    ALTER TABLE orals ADD COLUMN room TEXT;
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        produced_at TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        pages INTEGER,
        path TEXT
    );
    """,
    )
    db.execute("PRAGMA user_version = 2")


def audit_tables(db: Database) -> None:
    """The audit log's tables and triggers, the same in every kind of btsdesk file (see
    :mod:`btsdesk.store.audit`)."""
    _run(
        db,
        """
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        old TEXT,
        new TEXT,
        reason TEXT,
        hash TEXT NOT NULL
    );
    -- The last entry's id and hash, updated with each entry: a removed tail shows.
    CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_id INTEGER NOT NULL,
        last_hash TEXT NOT NULL
    );
    -- Append-only: the database itself refuses to change or remove an entry.
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'journal des modifications : modification interdite'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'journal des modifications : suppression interdite'); END;
    """,
    )


def _run(db: Database, script: str) -> None:
    """Statements one by one, inside the migration's transaction (``executescript`` would
    commit first)."""
    statement = ""
    for line in script.strip().splitlines():
        if line.strip().startswith("--"):
            continue
        statement += line + "\n"
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"unterminated statement in schema script: {statement}")


@migrations(name="003_oral_schedule")
def _oral_schedule(db: Database) -> None:
    """Oral days, rooms and examiners; each oral's preparation start and examiner."""
    _run(
        db,
        """
    CREATE TABLE oral_days (
        day TEXT PRIMARY KEY,
        start TEXT NOT NULL,
        end TEXT NOT NULL
    );
    CREATE TABLE oral_rooms (
        name TEXT PRIMARY KEY
    );
    CREATE TABLE examiners (
        name TEXT PRIMARY KEY,
        subjects TEXT NOT NULL
    );
    ALTER TABLE orals ADD COLUMN preparation_start TEXT;
    ALTER TABLE orals ADD COLUMN examiner TEXT;
    """,
    )
    db.execute("PRAGMA user_version = 3")


@migrations(name="004_images")
def _images(db: Database) -> None:
    """The académie's logo and the president's scanned signature, kept in the file: a
    document printed years later looks the same."""
    _run(
        db,
        """
    CREATE TABLE images (
        kind TEXT PRIMARY KEY CHECK (kind IN ('logo', 'signature')),
        data BLOB NOT NULL
    );
    """,
    )
    db.execute("PRAGMA user_version = 4")


@migrations(name="005_oral_absence_renonciation")
def _oral_absence_renonciation(db: Database) -> None:
    """R13a: an oral recorded as absent (final, changes nothing); R24: a candidate who
    declines the orals (renonce), recorded and logged."""
    _run(
        db,
        """
    ALTER TABLE orals ADD COLUMN absent INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE candidates ADD COLUMN declined INTEGER NOT NULL DEFAULT 0;
    """,
    )
    db.execute("PRAGMA user_version = 5")


@migrations(name="006_jury_member_status")
def _jury_member_status(db: Database) -> None:
    """R25 (D643-31): a jury member's status: the teachers' sector (public, privé), an
    enseignant-chercheur, an IA-IPR; '' when not said."""
    _run(
        db,
        """
    ALTER TABLE jury_members ADD COLUMN status TEXT NOT NULL DEFAULT '';
    """,
    )
    db.execute("PRAGMA user_version = 6")


@migrations(name="007_session_uid")
def _session_uid(db: Database) -> None:
    """Issue 13: a session identifier, drawn once (at creation, or here for an older file)
    and kept by its backups: a restore refuses another session's backup, and the audit
    log's head is kept outside the file under it."""
    _run(
        db,
        """
    ALTER TABLE session ADD COLUMN uid TEXT NOT NULL DEFAULT '';
    """,
    )
    import uuid

    db.execute("UPDATE session SET uid = ? WHERE uid = ''", [str(uuid.uuid4())])
    db.execute("PRAGMA user_version = 7")


@migrations(name="008_session_settings")
def _session_settings(db: Database) -> None:
    """§5: who signs the letters to candidates — the recteur's delegate named here, or the
    president of the jury when '' — and where and when the final results are posted ('' :
    the sentence btsdesk derives from the centre and the orals' last day)."""
    _run(
        db,
        """
    ALTER TABLE session ADD COLUMN signatory_delegate TEXT NOT NULL DEFAULT '';
    ALTER TABLE session ADD COLUMN results_notice TEXT NOT NULL DEFAULT '';
    """,
    )
    db.execute("PRAGMA user_version = 8")


@migrations(name="009_usage_name")
def _usage_name(db: Database) -> None:
    """Issue 12: a candidate's « nom d'usage », kept apart from the « nom de famille » (a
    Cyclades export carries both); '' when none."""
    _run(
        db,
        """
    ALTER TABLE candidates ADD COLUMN usage_name TEXT NOT NULL DEFAULT '';
    """,
    )
    db.execute("PRAGMA user_version = 9")


# ---------------------------------------------------------------------------------------------
# The first-year class file: its own migration set and schema version.

class_migrations = Migrations("btsdesk-classe")


@class_migrations(name="001_initial")
def _class_initial(db: Database) -> None:
    _run(
        db,
        """
    CREATE TABLE class (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        year INTEGER NOT NULL,
        etablissement TEXT NOT NULL DEFAULT '',
        division TEXT NOT NULL DEFAULT '',
        specialty_label TEXT NOT NULL DEFAULT '',
        operator TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE students (
        number TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        surname TEXT NOT NULL,
        given_name TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL
            CHECK (origin IN ('professionnel', 'technologique', 'general', 'autre')),
        bac_pro_specialty TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('etudiant', 'apprenti'))
    );
    CREATE TABLE observations (
        number TEXT PRIMARY KEY REFERENCES students(number),
        academic TEXT NOT NULL CHECK (academic IN ('satisfaisant', 'fragile', 'insuffisant')),
        method TEXT NOT NULL CHECK (method IN ('satisfaisant', 'fragile', 'insuffisant')),
        autonomy TEXT NOT NULL CHECK (autonomy IN ('satisfaisant', 'fragile', 'insuffisant')),
        attendance TEXT NOT NULL
            CHECK (attendance IN ('satisfaisant', 'fragile', 'insuffisant')),
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE proposals (
        number TEXT PRIMARY KEY REFERENCES students(number),
        proposed INTEGER NOT NULL CHECK (proposed IN (0, 1)),
        measures TEXT NOT NULL DEFAULT '[]',
        other_measure TEXT NOT NULL DEFAULT '',
        planned_years INTEGER NOT NULL CHECK (planned_years IN (2, 3)),
        answer TEXT NOT NULL CHECK (answer IN ('accepte', 'refuse', 'en_attente'))
    );
    CREATE TABLE follow_up (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL REFERENCES students(number),
        date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE outcomes (
        number TEXT PRIMARY KEY REFERENCES students(number),
        outcome TEXT NOT NULL CHECK (outcome IN ('en_cours', 'passage_2e_annee',
            'redoublement', 'abandon', 'bts_2_ans', 'bts_3_ans', 'echec_bts'))
    );
    """,
    )
    audit_tables(db)
    db.execute(f"PRAGMA user_version = {CLASS_SCHEMA_VERSION}")
