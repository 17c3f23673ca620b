"""One session file: the repository the window, the imports and the CLI write through.

Every public method that writes is one transaction, and every change of a grade, code,
decision, authorisation, phase or règlement line appends to the audit log in that same
transaction."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, fields
from functools import cached_property
from pathlib import Path
from typing import Any, Self

from btsdesk.core.engine import Evaluator, SessionRules
from btsdesk.core.exactjson import load_json
from btsdesk.core.grades import Code, Entry, entry_text
from btsdesk.core.records import Candidate, GradeChange, SessionDetails
from btsdesk.core.regimes import regime_for
from btsdesk.core.reglement import Specialty, parse_specialty
from btsdesk.core.results import CandidateGrades, OralChoice
from btsdesk.store import audit, backups, heads
from btsdesk.store.base import FileStore
from btsdesk.store.errors import ReadOnlyPhase, SessionFileError
from btsdesk.store.files import storage_error
from btsdesk.store.opening import check_contents
from btsdesk.store.phases import check_deliberating, check_writable
from btsdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrations

PHASES = ("saisie", "deliberation", "clos")
# What a correction of a règlement line may change: never its code (grades refer to it).
REGLEMENT_FIELDS = frozenset(
    {
        "title",
        "unit",
        "coefficient",
        "domain",
        "discipline",
        "mode",
        "facultative",
        "verified",
        "to_check",
        "oral",
    }
)
PHASE_LABELS = {"saisie": "saisie des notes", "deliberation": "délibération", "clos": "clos"}


_CANDIDATE_FIELDS = [f.name for f in fields(Candidate)]


class SessionStore(FileStore):
    """An open session file, held by this instance alone until :meth:`close`."""

    application_id = APPLICATION_ID
    _reglement_basis_cache: tuple[str, Any, Any] | None = None
    schema_version = SCHEMA_VERSION
    migrations = migrations

    # -- opening --------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, *, reglement: Mapping[str, Any], details: SessionDetails, operator: str
    ) -> SessionStore:
        """A new session file with its règlement copied in (validated first). The file is
        built under a temporary name and appears whole or not at all."""
        specialty = parse_specialty(reglement)
        regime_for(details.regime)

        def fill(store: SessionStore) -> None:
            import uuid  # (loads `platform`: made sessions need it, opened ones not)

            row = asdict(details)
            row.update(
                id=1,
                specialty_code=specialty.code or details.specialty_code,
                reglement_version=specialty.version or details.reglement_version,
                operator=operator,
                uid=str(uuid.uuid4()),
            )
            store.db.table("session").insert(row)
            store.db.table("reglement").insert(
                {"id": 1, "data": json.dumps(reglement, ensure_ascii=False, default=str)}
            )
            store._log(
                "session", "session", None, f"création ({specialty.label}, régime {details.regime})"
            )

        return cls._create(path, operator, fill)

    def recorded_operator(self) -> str:
        return self.details().operator

    def uid(self) -> str:
        """The session's identifier (drawn at creation; kept by its backups)."""
        return _uid_of(self.conn) or ""

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        operator: str | None = None,
        backup: bool = True,
        read_only: bool = False,
    ) -> Self:
        store = super().open(path, operator=operator, backup=backup, read_only=read_only)
        # A log that no longer reaches the head kept here: that head is kept as it is (a
        # close must not make an edit of the file look right).
        store.head_lost = not read_only and bool(store.head_problems())
        return store

    head_lost = False

    def close(self) -> None:
        """Close, keeping the log's head outside the file (btsdesk.store.heads) first."""
        if not self.read_only and not self.head_lost:
            with contextlib.suppress(OSError, sqlite3.Error, SessionFileError):
                heads.record(self.uid(), [self.audit_head()])
        super().close()

    # -- checking -------------------------------------------------------------------

    def verify(self) -> list[str]:
        """The file, the log's chain, the data against the log (every grade, code, oral,
        decision, authorisation and the phase equal their last log entry), and the log
        against its head kept outside the file at the last close on this computer."""
        return super().verify() + self.replay_problems() + self.head_problems()

    def head_problems(self) -> list[str]:
        """Why the log no longer reaches the head seen at the last close here (empty: it
        does, or this computer never closed this session)."""
        seen = heads.recorded(self.uid())
        if not seen:
            return []
        for number, digest in seen:
            row = self.conn.execute("SELECT hash FROM audit_log WHERE id = ?", (number,)).fetchone()
            if row is not None and row[0] == digest:
                return []
        number, digest = seen[-1]
        last = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]
        if last < number:
            return [
                f"le journal s'arrête à l'entrée n°{last}, avant l'entrée n°{number} vue à "
                "la dernière fermeture sur cet ordinateur : des entrées ont été "
                "supprimées (ou ce fichier est une copie plus ancienne)"
            ]
        return [
            f"l'entrée n°{number} du journal n'est plus celle vue à la dernière fermeture "
            f"sur cet ordinateur (empreinte {digest[:16]}…) : journal réécrit"
        ]

    def replay_problems(self) -> list[str]:
        """Every grade, code, oral, decision, authorisation and the phase compared with the
        last log entry about it: a change made in the file outside btsdesk is named."""
        last: dict[tuple[str, str], audit.AuditEntry] = {}
        for entry in audit.entries(self.conn):
            kind = _REPLAYED.get(entry.action)
            if kind is not None:
                last[(kind, entry.subject)] = entry
        found: dict[tuple[str, str], str] = {}
        for number, line, cents, code in self.conn.execute(
            "SELECT number, line_code, cents, code FROM grades"
        ):
            found[("note", f"{number}/{line}")] = code or entry_text(int(cents))
        absent = "absent" if "absent" in _columns(self.conn, "orals") else "0"  # schema < 5
        for number, key, discipline, cents, was_absent in self.conn.execute(
            f"SELECT number, oral_key, discipline, cents, {absent} FROM orals"
        ):
            found[("oral", f"{number}/oral:{key}")] = _oral_text((discipline, cents, was_absent))
        for number, stage, decision in self.conn.execute(
            "SELECT number, stage, decision FROM decisions"
        ):
            found[("décision", f"{number}/{stage}")] = decision
        for number, authorised in self.conn.execute(
            "SELECT number, authorised FROM authorisations"
        ):
            found[("autorisation", number)] = _yes_no(authorised)
        found[("phase", "session")] = self.details().phase
        problems = []
        for key in sorted(set(last) | set(found)):
            logged = last.get(key)
            expected = None if logged is None else _logged_value(logged.new)
            if key == ("phase", "session") and logged is None:
                expected = "saisie"
            current = found.get(key)
            if key[0] == "note" and expected is not None and expected.isdigit():
                expected = entry_text(int(expected))  # the first schema logged cents
            if current != expected:
                kind, subject = key
                where = (
                    f"selon l'entrée n°{logged.id} du journal"
                    if logged is not None
                    else "sans aucune entrée au journal"
                )
                problems.append(
                    f"{_KIND_LABELS[kind]} {subject} : « {current or 'aucune'} » "
                    f"dans le fichier, « {expected or 'aucune'} » {where} — "
                    "modifié(e) hors de btsdesk"
                )
        if len(problems) > 20:
            problems = [*problems[:20], f"… et {len(problems) - 20} autre(s) écart(s)"]
        return problems

    # -- reading --------------------------------------------------------------------

    def details(self) -> SessionDetails:
        names = [f.name for f in fields(SessionDetails)]
        row = self.conn.execute(
            "SELECT " + ", ".join(names) + " FROM session WHERE id = 1"
        ).fetchone()
        if row is None:
            raise SessionFileError(f"« {self.path.name} » : session incomplète (pas d'en-tête)")
        values = dict(zip(names, row, strict=True))
        values["facultative_abs_eliminates"] = bool(values["facultative_abs_eliminates"])
        return SessionDetails(**values)

    def reglement_data(self) -> Any:
        row = self.conn.execute("SELECT data FROM reglement WHERE id = 1").fetchone()
        return load_json(row[0])

    @cached_property
    def specialty(self) -> Specialty:
        return parse_specialty(self.reglement_data())

    def rules(self) -> SessionRules:
        details = self.details()
        return SessionRules(
            regime_for(details.regime),
            details.general_oral_levels,
            details.facultative_abs_eliminates,
            session_year=details.year,
        )

    def evaluator(self) -> Evaluator:
        return Evaluator(self.specialty, self.rules())

    def candidates(self) -> list[Candidate]:
        rows = self.conn.execute(
            "SELECT " + ", ".join(_CANDIDATE_FIELDS) + " FROM candidates ORDER BY position, number"
        )
        return [_candidate(row) for row in rows]

    def candidate(self, number: str) -> Candidate | None:
        row = self.conn.execute(
            "SELECT " + ", ".join(_CANDIDATE_FIELDS) + " FROM candidates WHERE number = ?",
            (number,),
        ).fetchone()
        return None if row is None else _candidate(row)

    def grades(self) -> dict[str, dict[str, Entry]]:
        result: dict[str, dict[str, Entry]] = {}
        for number, line, cents, code in self.conn.execute(
            "SELECT number, line_code, cents, code FROM grades"
        ):
            result.setdefault(number, {})[line] = Code(code) if code else int(cents)
        return result

    def grade_origin_years(self) -> dict[str, dict[str, int]]:
        """The grades kept from an earlier session (bénéfice, domain.md R2): candidate →
        line → the year of the session they come from."""
        result: dict[str, dict[str, int]] = {}
        for number, line, year in self.conn.execute(
            "SELECT number, line_code, origin_year FROM grades WHERE origin_year IS NOT NULL"
        ):
            result.setdefault(number, {})[line] = int(year)
        return result

    def grades_of(self, number: str) -> dict[str, Entry]:
        return {
            line: Code(code) if code else int(cents)
            for line, cents, code in self.conn.execute(
                "SELECT line_code, cents, code FROM grades WHERE number = ?", (number,)
            )
        }

    def orals(self) -> dict[str, dict[str, OralChoice]]:
        result: dict[str, dict[str, OralChoice]] = {}
        for number, key, discipline, cents, absent in self.conn.execute(
            "SELECT number, oral_key, discipline, cents, absent FROM orals"
        ):
            result.setdefault(number, {})[key] = OralChoice(discipline, cents, bool(absent))
        return result

    def candidate_grades(self) -> list[CandidateGrades]:
        """Every candidate as the rules engine takes them, in list order."""
        grades = self.grades()
        orals = self.orals()
        return [
            CandidateGrades(c.number, c.category, grades.get(c.number, {}), orals.get(c.number))
            for c in self.candidates()
        ]

    def history(self, number: str, line_code: str | None = None) -> list[audit.AuditEntry]:
        subject = number if line_code is None else f"{number}/{line_code}"
        return audit.entries(self.conn, subject)

    # -- writing --------------------------------------------------------------------

    def add_candidates(self, candidates: Sequence[Candidate], *, source: str) -> tuple[int, int]:
        """Add or update candidates by number, in one transaction; returns (added, updated)."""
        if self.details().phase == "clos":
            raise ReadOnlyPhase("session close : la liste des candidats ne peut plus changer (R24)")
        added = updated = 0
        with self.db.atomic():
            position = self.conn.execute(
                "SELECT COALESCE(MAX(position), 0) FROM candidates"
            ).fetchone()[0]
            for candidate in candidates:
                row = asdict(candidate)
                old = self.candidate(candidate.number)
                if old is None:
                    position += 1
                    self.db.table("candidates").insert({**row, "position": position})
                    added += 1
                    self._log("candidat", candidate.number, None, f"{_name(candidate)} ({source})")
                elif old != candidate:
                    self.db.table("candidates").update(candidate.number, row)
                    updated += 1
                    self._log(
                        "candidat",
                        candidate.number,
                        _identity(old),
                        f"{_identity(candidate)} ({source})",
                    )
        return added, updated

    def set_grade(
        self,
        number: str,
        line_code: str,
        entry: Entry | None,
        *,
        reason: str | None = None,
        origin: str = "saisie",
    ) -> bool:
        """One grade, in one transaction with its audit entry. Returns False when the
        grade was already that value (nothing written)."""
        return (
            self.apply_grades([GradeChange(number, line_code, entry)], origin=origin, reason=reason)
            > 0
        )

    def apply_grades(
        self,
        changes: Iterable[GradeChange],
        *,
        origin: str,
        reason: str | None = None,
        origin_year: int | None = None,
        source: str | None = None,
    ) -> int:
        """Several grades all-or-nothing; each real change logged (with the imported file's
        name when given). Returns how many."""
        self._check_writable(reason, "une note")
        lines = self.specialty.line_by_code
        count = 0
        with self.db.atomic():
            for change in changes:
                if change.line_code not in lines:
                    raise SessionFileError(f"épreuve « {change.line_code} » inconnue")
                old = self.conn.execute(
                    "SELECT cents, code FROM grades WHERE number = ? AND line_code = ?",
                    (change.number, change.line_code),
                ).fetchone()
                old_entry = None if old is None else (Code(old[1]) if old[1] else int(old[0]))
                if old_entry == change.entry:
                    continue
                if change.entry is None:
                    self.conn.execute(
                        "DELETE FROM grades WHERE number = ? AND line_code = ?",
                        (change.number, change.line_code),
                    )
                else:
                    cents = None if isinstance(change.entry, Code) else change.entry
                    code = change.entry.value if isinstance(change.entry, Code) else None
                    try:
                        self.conn.execute(
                            "INSERT INTO grades (number, line_code, cents, code, origin, "
                            "origin_year) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (number, "
                            "line_code) DO UPDATE SET cents = excluded.cents, code = "
                            "excluded.code, origin = excluded.origin, origin_year = "
                            "excluded.origin_year",
                            (change.number, change.line_code, cents, code, origin, origin_year),
                        )
                    except sqlite3.IntegrityError:
                        raise SessionFileError(
                            f"candidat {change.number} inconnu dans la session"
                        ) from None
                action = (
                    "code"
                    if isinstance(change.entry, Code) or isinstance(old_entry, Code)
                    else "note"
                )
                self._log(
                    action,
                    f"{change.number}/{change.line_code}",
                    entry_text(old_entry) or None,
                    entry_text(change.entry) or None,
                    reason,
                    f"{origin} {source}" if source else origin,
                )
                count += 1
        return count

    def set_phase(self, phase: str, *, reason: str | None = None) -> None:
        """R24: saisie → délibération → clos; going back needs a reason. A backup is taken
        before every change of phase. What closing requires is checked by the application
        (btsdesk.app.session), which sees the results."""
        if phase not in PHASES:
            raise SessionFileError(f"phase « {phase} » inconnue")
        current = self.details().phase
        if phase == current:
            return
        backwards = PHASES.index(phase) < PHASES.index(current)
        if backwards and not (reason and reason.strip()):
            raise ReadOnlyPhase(
                f"revenir de « {PHASE_LABELS[current]} » à "
                f"« {PHASE_LABELS[phase]} » exige un motif (R24)"
            )
        with self.writing():  # the opening backup first (when due), then this one
            backups.take_backup(self.conn, self.path, f"avant {PHASE_LABELS[phase]}")
            with self.db.atomic():
                self.conn.execute("UPDATE session SET phase = ? WHERE id = 1", (phase,))
                self._log("phase", "session", current, phase, reason)

    def set_oral(
        self,
        number: str,
        key: str,
        *,
        discipline: str | None,
        grade: int | None,
        absent: bool = False,
        reason: str | None = None,
    ) -> bool:
        """An oral choice, grade or absence (R12/R15 choice, R13/R16 grade, R13a), logged.
        In délibération a first oral grade needs no reason; changing one does (R21). The
        rules (what the candidate may take) are checked by btsdesk.app before. Returns False
        when nothing changes (nothing written, nothing logged)."""
        self._require(number)
        old = self.conn.execute(
            "SELECT discipline, cents, absent FROM orals WHERE number = ? AND oral_key = ?",
            (number, key),
        ).fetchone()
        if old is not None and (old[0], old[1], bool(old[2])) == (discipline, grade, absent):
            return False
        had_result = old is not None and (old[1] is not None or old[2])
        changes_result = had_result and (old[1], bool(old[2])) != (grade, absent)
        self._check_writable(
            reason if changes_result else "première saisie", "une note d'épreuve de contrôle"
        )
        with self.db.atomic():
            self.conn.execute(
                "INSERT INTO orals (number, oral_key, discipline, cents, absent) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (number, oral_key) DO UPDATE SET "
                "discipline = excluded.discipline, cents = excluded.cents, "
                "absent = excluded.absent",
                (number, key, discipline, grade, int(absent)),
            )
            self._log(
                "oral",
                f"{number}/oral:{key}",
                _oral_text(old) if old else None,
                _oral_text((discipline, grade, absent)),
                reason,
            )
        return True

    def remove_oral(self, number: str, key: str, *, reason: str | None = None) -> None:
        """A choice withdrawn (the candidate changes discipline), logged. In délibération,
        withdrawing an oral that has a grade needs a reason (R21)."""
        old = self.conn.execute(
            "SELECT discipline, cents, absent FROM orals WHERE number = ? AND oral_key = ?",
            (number, key),
        ).fetchone()
        if old is None:
            return
        self._check_writable(
            reason if old[1] is not None or old[2] else "choix sans note",
            "un choix d'épreuve de contrôle",
        )
        with self.db.atomic():
            self.conn.execute("DELETE FROM orals WHERE number = ? AND oral_key = ?", (number, key))
            self._log("oral", f"{number}/oral:{key}", _oral_text(old), None, reason)

    def oral_schedule(
        self,
    ) -> dict[tuple[str, str], tuple[str | None, str | None, str | None, str | None]]:
        """(number, key) → (preparation start, exam start, room, examiner), ISO datetimes."""
        return {
            (number, key): (prep, slot, room, examiner)
            for number, key, prep, slot, room, examiner in self.conn.execute(
                "SELECT number, oral_key, preparation_start, slot, room, examiner FROM orals"
            )
        }

    def set_schedule(
        self, placements: Iterable[tuple[str, str, str | None, str | None, str | None, str | None]]
    ) -> int:
        """Place orals: (number, key, preparation start, exam start, room, examiner), all in
        one transaction, each change logged. Returns how many changed."""
        if self.details().phase == "clos":
            raise ReadOnlyPhase("session close : le planning ne peut plus changer (R24)")
        current = self.oral_schedule()
        count = 0
        with self.db.atomic():
            for number, key, prep, slot, room, examiner in placements:
                if (number, key) not in current:
                    raise SessionFileError(f"candidat {number} : pas d'oral « {key} » choisi")
                if current[(number, key)] == (prep, slot, room, examiner):
                    continue
                self.conn.execute(
                    "UPDATE orals SET preparation_start = ?, slot = ?, room = ?, "
                    "examiner = ? WHERE number = ? AND oral_key = ?",
                    (prep, slot, room, examiner, number, key),
                )
                old = current[(number, key)]
                self._log(
                    "planning",
                    f"{number}/oral:{key}",
                    _slot_text(old[1], old[2], old[3]),
                    _slot_text(slot, room, examiner),
                )
                count += 1
        return count

    def oral_setup(self) -> tuple[list[tuple[str, str, str]], list[str], dict[str, list[str]]]:
        """(days as (date, start, end), rooms, examiner → subjects)."""
        days: list[tuple[str, str, str]] = [
            (day, start, end)
            for day, start, end in self.conn.execute(
                "SELECT day, start, end FROM oral_days ORDER BY day"
            )
        ]
        rooms: list[str] = [
            row[0] for row in self.conn.execute("SELECT name FROM oral_rooms ORDER BY name")
        ]
        examiners: dict[str, list[str]] = {
            name: json.loads(subjects)
            for name, subjects in self.conn.execute(
                "SELECT name, subjects FROM examiners ORDER BY name"
            )
        }
        return days, rooms, examiners

    def set_oral_setup(
        self,
        days: Sequence[tuple[str, str, str]],
        rooms: Sequence[str],
        examiners: Mapping[str, Sequence[str]],
    ) -> None:
        """Replace the oral days, rooms and examiners in one transaction (logged)."""
        if self.details().phase == "clos":
            raise ReadOnlyPhase(
                "session close : l'organisation des oraux ne peut plus changer (R24)"
            )
        with self.db.atomic():
            self.conn.execute("DELETE FROM oral_days")
            self.conn.execute("DELETE FROM oral_rooms")
            self.conn.execute("DELETE FROM examiners")
            self.conn.executemany("INSERT INTO oral_days (day, start, end) VALUES (?, ?, ?)", days)
            self.conn.executemany(
                "INSERT INTO oral_rooms (name) VALUES (?)", [(room,) for room in rooms]
            )
            self.conn.executemany(
                "INSERT INTO examiners (name, subjects) VALUES (?, ?)",
                [(name, json.dumps(list(subjects))) for name, subjects in examiners.items()],
            )
            self._log(
                "planning",
                "organisation des oraux",
                None,
                f"{len(days)} jour(s), {len(rooms)} salle(s), {len(examiners)} examinateur(s)",
            )

    def set_general_oral_levels(self, levels: int, *, reason: str | None = None) -> None:
        """R12 widening (product decision): the top k distinct coefficients, logged."""
        checked: object = levels  # may come from untyped data: checked here
        if isinstance(checked, bool) or not isinstance(checked, int) or checked < 1:
            raise SessionFileError("le nombre de niveaux de coefficient doit être un entier ≥ 1")
        if self.details().phase == "clos":
            raise ReadOnlyPhase("session close : le réglage ne peut plus changer (R24)")
        old = self.details().general_oral_levels
        with self.db.atomic():
            self.conn.execute("UPDATE session SET general_oral_levels = ? WHERE id = 1", (levels,))
            self._log("réglage", "session/general_oral_levels", str(old), str(levels), reason)

    def record_document(
        self, kind: str, data: bytes, *, pages: int | None = None, path: str | None = None
    ) -> str:
        """Note that a document was produced: when, and the SHA-256 of its bytes."""
        digest = hashlib.sha256(data).hexdigest()
        with self.db.atomic():
            self.conn.execute(
                "INSERT INTO documents (kind, produced_at, sha256, pages, path) "
                "VALUES (?, ?, ?, ?, ?)",
                (kind, audit.now(), digest, pages, path),
            )
            self._log("document", f"document/{kind}", None, f"{digest[:16]}… ({pages} p.)")
        return digest

    def set_image(self, kind: str, data: bytes | None) -> None:
        """The logo or the scanned signature (PNG or JPEG bytes); None removes it. Logged."""
        if kind not in ("logo", "signature"):
            raise SessionFileError(f"image « {kind} » inconnue (logo ou signature)")
        if data is not None and not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
            raise SessionFileError("image refusée : PNG ou JPEG attendu")
        with self.db.atomic():
            if data is None:
                self.conn.execute("DELETE FROM images WHERE kind = ?", (kind,))
            else:
                self.conn.execute(
                    "INSERT INTO images (kind, data) VALUES (?, ?) ON CONFLICT "
                    "(kind) DO UPDATE SET data = excluded.data",
                    (kind, data),
                )
            digest = None if data is None else hashlib.sha256(data).hexdigest()[:16] + "…"
            self._log("image", f"image/{kind}", None, digest)

    def set_document_settings(
        self, *, signatory_delegate: str | None = None, results_notice: str | None = None
    ) -> None:
        """§5: the recteur's delegate who signs the letters ('' : the president) and the
        results notice ('' : derived); None leaves a setting as it is. Each change logged."""
        changes = {
            column: value
            for column, value in (
                ("signatory_delegate", signatory_delegate),
                ("results_notice", results_notice),
            )
            if value is not None
        }
        if not changes:
            return
        details = self.details()
        with self.db.atomic():
            for column, value in changes.items():
                old = getattr(details, column)
                if value == old:
                    continue
                self.conn.execute(f"UPDATE session SET {column} = ? WHERE id = 1", (value,))
                self._log("réglage", f"session/{column}", old or None, value or None)

    def image(self, kind: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM images WHERE kind = ?", (kind,)).fetchone()
        return None if row is None else bytes(row[0])

    def documents(self) -> list[dict[str, Any]]:
        keys = ("kind", "produced_at", "sha256", "pages", "path")
        return [
            dict(zip(keys, row, strict=True))
            for row in self.conn.execute(
                "SELECT kind, produced_at, sha256, pages, path FROM documents ORDER BY id"
            )
        ]

    def decision_basis(self, number: str, stage: str) -> str:
        """R23: the SHA-256 of what a decision of ``stage`` rests on. A first-group decision
        rests on the candidate's first-group grades and codes, category, the règlement's lines
        and the rules that decide; a final decision on those and on the oral choices, grades,
        absences and renonciation. Choosing, planning or grading an oral never changes the
        first-group basis."""
        grades = sorted(
            (line, entry_text(entry, comma=False)) for line, entry in self.grades_of(number).items()
        )
        row = self.conn.execute(
            "SELECT category, declined FROM candidates WHERE number = ?", (number,)
        ).fetchone()
        category, declined = (None, 0) if row is None else row
        regime, levels, facultative_abs = self.conn.execute(
            "SELECT regime, general_oral_levels, facultative_abs_eliminates FROM session"
        ).fetchone()
        epreuves, controle = self._reglement_basis()
        basis: list[Any] = [grades, category, regime, facultative_abs, epreuves]
        if stage != "premier_groupe":
            orals = sorted(
                self.conn.execute(
                    "SELECT oral_key, discipline, cents, absent FROM orals WHERE number = ?",
                    (number,),
                )
            )
            basis += [orals, declined, levels, controle]
        text = json.dumps(basis, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _reglement_basis(self) -> tuple[Any, Any]:
        """The règlement's lines and contrôle list as decisions rest on them (R23), parsed
        once per règlement text: opening a session checks every decision's basis, and
        reading the règlement again for each one was most of the opening time."""
        raw = self.conn.execute("SELECT data FROM reglement WHERE id = 1").fetchone()[0]
        cached = self._reglement_basis_cache
        if cached is None or cached[0] != raw:
            data = load_json(raw)
            cached = (raw, data.get("epreuves"), data.get("controle_disciplines"))
            self._reglement_basis_cache = cached
        return cached[1], cached[2]

    def record_decision(self, number: str, stage: str, decision: str) -> None:
        """The jury's decision, with the basis it rests on (R23). The rules (R20, R21, R24)
        are checked by btsdesk.app before."""
        self._check_deliberating("les décisions")
        self._require(number)
        old = self.conn.execute(
            "SELECT decision FROM decisions WHERE number = ? AND stage = ?", (number, stage)
        ).fetchone()
        with self.db.atomic():
            self.conn.execute(
                "INSERT INTO decisions (number, stage, decision, grades_digest, at, operator) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (number, stage) DO UPDATE SET "
                "decision = excluded.decision, grades_digest = excluded.grades_digest, "
                "at = excluded.at, operator = excluded.operator",
                (
                    number,
                    stage,
                    decision,
                    self.decision_basis(number, stage),
                    audit.now(),
                    self.operator,
                ),
            )
            self._log("décision", f"{number}/{stage}", old[0] if old else None, decision)

    def remove_decision(self, number: str, stage: str) -> None:
        """Withdraw a recorded decision that no longer applies (logged)."""
        self._check_deliberating("les décisions")
        old = self.conn.execute(
            "SELECT decision FROM decisions WHERE number = ? AND stage = ?", (number, stage)
        ).fetchone()
        if old is None:
            return
        with self.db.atomic():
            self.conn.execute(
                "DELETE FROM decisions WHERE number = ? AND stage = ?", (number, stage)
            )
            self._log(
                "décision",
                f"{number}/{stage}",
                old[0],
                None,
                "ne s'applique plus : le candidat n'est plus aux épreuves de contrôle",
            )

    def authorise(self, number: str, authorised: bool) -> None:
        """R22: the jury authorises an eligible candidate to the orals (rules checked by
        btsdesk.app before)."""
        self._check_deliberating("les autorisations")
        self._require(number)
        old = self.conn.execute(
            "SELECT authorised FROM authorisations WHERE number = ?", (number,)
        ).fetchone()
        with self.db.atomic():
            self.conn.execute(
                "INSERT INTO authorisations (number, authorised, grades_digest, at, operator) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (number) DO UPDATE SET authorised = "
                "excluded.authorised, grades_digest = excluded.grades_digest, at = "
                "excluded.at, operator = excluded.operator",
                (
                    number,
                    int(authorised),
                    self.decision_basis(number, "premier_groupe"),
                    audit.now(),
                    self.operator,
                ),
            )
            self._log(
                "autorisation",
                number,
                None if old is None else _yes_no(old[0]),
                _yes_no(authorised),
            )

    def examine_livret(self, number: str, examiner: str, on: str) -> None:
        """R20: the president's examination of the livret, with its date (ISO)."""
        if self.details().phase == "clos":
            raise ReadOnlyPhase("session close : le livret ne peut plus être marqué examiné")
        with self.db.atomic():
            self.conn.execute(
                "UPDATE candidates SET livret_examined_by = ?, "
                "livret_examined_on = ? WHERE number = ?",
                (examiner, on, number),
            )
            self._log("livret", number, None, f"examiné par {examiner} le {on}")

    def declined(self) -> set[str]:
        """Candidates who declined the orals (R24), recorded and logged."""
        return {
            row[0] for row in self.conn.execute("SELECT number FROM candidates WHERE declined = 1")
        }

    def set_declined(self, number: str, declined: bool, *, reason: str | None = None) -> bool:
        """Record that a candidate declines the orals (or withdraw it), logged."""
        if self.details().phase == "clos":
            raise ReadOnlyPhase("session close : la renonciation ne peut plus changer (R24)")
        self._require(number)
        old = bool(
            self.conn.execute(
                "SELECT declined FROM candidates WHERE number = ?", (number,)
            ).fetchone()[0]
        )
        if old == declined:
            return False
        with self.db.atomic():
            self.conn.execute(
                "UPDATE candidates SET declined = ? WHERE number = ?", (int(declined), number)
            )
            self._log(
                "renonciation",
                number,
                "renonce" if old else None,
                "renonce aux épreuves de contrôle" if declined else "ne renonce plus",
                reason,
            )
        return True

    def decisions(self) -> dict[str, dict[str, str]]:
        """Recorded decisions: number → stage → decision."""
        result: dict[str, dict[str, str]] = {}
        for number, stage, decision in self.conn.execute(
            "SELECT number, stage, decision FROM decisions"
        ):
            result.setdefault(number, {})[stage] = decision
        return result

    def authorisations(self) -> dict[str, bool]:
        return {
            number: bool(flag)
            for number, flag in self.conn.execute("SELECT number, authorised FROM authorisations")
        }

    def decision_records(self) -> list[dict[str, Any]]:
        """Every recorded decision and authorisation as written (with the basis it rests on,
        when and by whom): what a whole-session export carries (btsdesk.app.session_json)."""
        keys = ("number", "stage", "decision", "basis", "at", "operator")
        records = [
            dict(zip(keys, row, strict=True))
            for row in self.conn.execute(
                "SELECT number, stage, decision, grades_digest, at, operator FROM decisions "
                "ORDER BY number, stage"
            )
        ]
        records += [
            {
                "number": number,
                "stage": "autorisation",
                "decision": bool(flag),
                "basis": basis,
                "at": at,
                "operator": operator,
            }
            for number, flag, basis, at, operator in self.conn.execute(
                "SELECT number, authorised, grades_digest, at, operator FROM authorisations "
                "ORDER BY number"
            )
        ]
        return records

    def record_kept_decision(self, record: Mapping[str, Any]) -> None:
        """A decision or authorisation of a whole-session export written back as it was,
        its basis included: one that was stale stays stale, one edited in the file since
        (grades changed by hand) no longer matches its basis and shows as stale (R23).
        Logged like a decision; the rules were checked when it was first taken."""
        self._check_deliberating("les décisions")
        self._require(record["number"])
        row = (record["number"], record["basis"], record["at"], record["operator"])
        with self.db.atomic():
            if record["stage"] == "autorisation":
                self.conn.execute(
                    "INSERT INTO authorisations (number, grades_digest, at, operator, "
                    "authorised) VALUES (?, ?, ?, ?, ?) ON CONFLICT (number) DO UPDATE SET "
                    "authorised = excluded.authorised, grades_digest = excluded.grades_digest,"
                    " at = excluded.at, operator = excluded.operator",
                    (*row, int(record["decision"])),
                )
                self._log("autorisation", record["number"], None, _yes_no(record["decision"]))
                return
            self.conn.execute(
                "INSERT INTO decisions (number, grades_digest, at, operator, stage, decision) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (number, stage) DO UPDATE SET "
                "decision = excluded.decision, grades_digest = excluded.grades_digest, "
                "at = excluded.at, operator = excluded.operator",
                (*row, record["stage"], record["decision"]),
            )
            self._log("décision", f"{record['number']}/{record['stage']}", None, record["decision"])

    def stale_decisions(self, number: str | None = None) -> list[tuple[str, str]]:
        """R23: (number, stage) of every decision recorded before a later change of what it
        was made on (grades, orals, category, règlement); of one candidate when given."""
        stale = []
        sql = "SELECT number, stage, grades_digest FROM decisions"
        args: tuple[str, ...] = ()
        if number is not None:
            sql, args = sql + " WHERE number = ?", (number,)
        for candidate, stage, digest in self.conn.execute(sql + " ORDER BY number, stage", args):
            if digest != self.decision_basis(candidate, stage):
                stale.append((candidate, stage))
        return stale

    def set_reglement_line(self, code: str, field: str, value: object) -> None:
        """Correct one field of a règlement line (an "à vérifier" line), in phase saisie
        only; the new règlement is validated before it replaces the old one."""
        if self.details().phase != "saisie":
            raise ReadOnlyPhase("le règlement ne se corrige qu'en phase de saisie des notes")
        if field not in REGLEMENT_FIELDS:
            raise SessionFileError(
                f"« {field} » ne se corrige pas ici (champs modifiables : "
                f"{', '.join(sorted(REGLEMENT_FIELDS))})"
            )
        data = self.reglement_data()
        lines = [line for line in data["epreuves"] if line.get("code") == code]
        if not lines:
            raise SessionFileError(f"épreuve « {code} » inconnue")
        old = lines[0].get(field)
        lines[0][field] = value
        parse_specialty(data)  # raises InvalidInput (French) and nothing is written
        with self.db.atomic():
            self.conn.execute(
                "UPDATE reglement SET data = ? WHERE id = 1",
                (json.dumps(data, ensure_ascii=False, default=str),),
            )
            self._log(
                "règlement",
                f"règlement/{code}/{field}",
                None if old is None else str(old),
                str(value),
            )
        self.__dict__.pop("specialty", None)

    def set_controle_disciplines(self, codes: Sequence[str] | None) -> None:
        """R15: the general disciplines opened to the regime-2022 orals (None: every one),
        corrected in phase saisie only like a règlement line; validated (§6 refusals) before
        the règlement is replaced, written with its audit entry in one transaction."""
        if self.details().phase != "saisie":
            raise ReadOnlyPhase("le règlement ne se corrige qu'en phase de saisie des notes")
        data = self.reglement_data()
        old = data.get("controle_disciplines")
        if codes is None:
            data.pop("controle_disciplines", None)
        else:
            data["controle_disciplines"] = list(codes)
        parse_specialty(data)  # raises InvalidInput (French) and nothing is written
        shown = "toutes les disciplines du domaine général" if codes is None else ", ".join(codes)
        with self.db.atomic():
            self.conn.execute(
                "UPDATE reglement SET data = ? WHERE id = 1",
                (json.dumps(data, ensure_ascii=False, default=str),),
            )
            self._log(
                "règlement",
                "règlement/controle_disciplines",
                None if old is None else ", ".join(map(str, old)),
                shown,
            )
        self.__dict__.pop("specialty", None)

    def _check_deliberating(self, what: str) -> None:
        check_deliberating(self.details().phase, what)

    def _require(self, number: str) -> Candidate:
        candidate = self.candidate(number)
        if candidate is None:
            raise SessionFileError(f"candidat {number} inconnu dans la session")
        return candidate

    def _check_writable(self, reason: str | None, what: str) -> None:
        check_writable(self.details().phase, reason, what)

    def restore(self, backup: Path) -> Path:
        """Put a backup back in place of the session, after backing up the current state.
        The backup is checked like any session file and must be of this session (same
        identifier; for a backup older than identifiers, the same first log entry); an
        older schema is upgraded. The restored state and its « restauration » log entry are
        built beside, whole, then copied in by one transaction: a crash leaves the session
        either as it was or restored with its entry. Returns the safety copy."""
        version = check_contents(backup)
        partial = backups.backup_dir(self.path) / "restauration.partiel"
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            self._check_same_session(source, backup.name)
            return self._restore_from(source, backup.name, version, partial)
        except (OSError, sqlite3.Error) as exc:
            error = storage_error(
                exc, f"restauration de « {self.path.name} »", kept="la session n'a pas été modifiée"
            )
            if error is None:
                raise
            raise error from None
        finally:
            source.close()
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            self.__dict__.pop("specialty", None)

    def _restore_from(
        self, source: sqlite3.Connection, name: str, version: int, partial: Path
    ) -> Path:
        """Back up the current state, stage the restored state with its log entry in
        ``partial``, then copy the staged file in (one step of the backup API: one
        transaction)."""
        safety = backups.take_backup(self.conn, self.path, "avant restauration")
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        staged = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(staged)
            from sqlite_utils import Database  # (loaded by writing: store/migrating.py)

            staged_db = Database(staged, execute_plugins=False)
            if version < SCHEMA_VERSION:
                migrations.apply(staged_db)
            with staged_db.atomic():
                staged.execute("UPDATE session SET uid = ?", (self.uid(),))
                audit.append(
                    staged,
                    operator=self.operator,
                    action="restauration",
                    subject="session",
                    old=None,
                    new=f"sauvegarde {name}",
                )
            restored = staged.execute("SELECT last_id, last_hash FROM audit_head").fetchone()
            # The head kept outside the file: either state is right until the copy commits.
            with contextlib.suppress(OSError, SessionFileError):
                heads.record(self.uid(), [self.audit_head(), tuple(restored)])
            staged.backup(self.conn)  # one step: one write transaction
            self.opening_backup_due = False  # the safety copy holds the state as opened
            with contextlib.suppress(OSError, SessionFileError):
                heads.record(self.uid(), [self.audit_head()])
                self.head_lost = False
        finally:
            staged.close()
        return safety

    def _check_same_session(self, source: sqlite3.Connection, name: str) -> None:
        """Refuse, by name, a backup of another session."""
        theirs = source.execute("SELECT year, specialty_code, regime FROM session").fetchone()
        ours = self.conn.execute("SELECT year, specialty_code, regime FROM session").fetchone()
        their_uid = _uid_of(source)
        if their_uid:
            same = their_uid == self.uid()
        else:  # a backup older than identifiers: the first log entry is the session's birth
            same = theirs == ours and _first_hash(source) == _first_hash(self.conn)
        if not same:
            label = f"{theirs[1]} {theirs[0]}, régime {theirs[2]}" if theirs else "?"
            shown = f", identifiant {their_uid[:8]}…" if their_uid else ""
            raise SessionFileError(
                f"« {name} » est la sauvegarde d'une autre session "
                f"({label}{shown}) : rien n'a été restauré"
            )

    def add_jury_member(
        self, name: str, quality: str, role: str = "membre", present: bool = True, status: str = ""
    ) -> int:
        with self.db.atomic():
            cursor = self.conn.execute(
                "INSERT INTO jury_members (name, quality, role, present, status) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, quality, role, int(present), status),
            )
            said = f", {status}" if status else ""
            self._log("jury", f"jury/{cursor.lastrowid}", None, f"{name} ({quality}{said}, {role})")
            return int(cursor.lastrowid or 0)

    def set_presence(self, member_id: int, present: bool) -> None:
        with self.db.atomic():
            row = self.conn.execute(
                "SELECT name, present FROM jury_members WHERE id = ?", (member_id,)
            ).fetchone()
            if row is None:
                raise SessionFileError(f"membre du jury n°{member_id} inconnu")
            self.conn.execute(
                "UPDATE jury_members SET present = ? WHERE id = ?", (int(present), member_id)
            )
            self._log(
                "jury",
                f"jury/{member_id}",
                "présent" if row[1] else "absent",
                "présent" if present else "absent",
            )

    def set_member_status(self, member_id: int, status: str) -> None:
        """R25: a member's status (sector, enseignant-chercheur, IA-IPR), logged."""
        with self.db.atomic():
            row = self.conn.execute(
                "SELECT name, status FROM jury_members WHERE id = ?", (member_id,)
            ).fetchone()
            if row is None:
                raise SessionFileError(f"membre du jury n°{member_id} inconnu")
            self.conn.execute(
                "UPDATE jury_members SET status = ? WHERE id = ?", (status, member_id)
            )
            self._log(
                "jury",
                f"jury/{member_id}",
                f"{row[0]} : {row[1] or 'non précisé'}",
                f"{row[0]} : {status or 'non précisé'}",
            )

    def jury_members(self) -> list[dict[str, Any]]:
        keys = ("id", "name", "quality", "role", "present", "status")
        return [
            dict(zip(keys, row, strict=True))
            for row in self.conn.execute(
                "SELECT id, name, quality, role, present, status FROM jury_members ORDER BY id"
            )
        ]

    def _log(
        self,
        action: str,
        subject: str,
        old: str | None,
        new: str | None,
        reason: str | None = None,
        origin: str | None = None,
    ) -> None:
        if origin and origin != "saisie":
            new = f"{new} [{origin}]" if new is not None else f"[{origin}]"
        super()._log(action, subject, old, new, reason)


# Log actions replayed by verify, and what they are about.
_REPLAYED = {
    "note": "note",
    "code": "note",
    "oral": "oral",
    "décision": "décision",
    "autorisation": "autorisation",
    "phase": "phase",
}
_KIND_LABELS = {
    "note": "note",
    "oral": "oral",
    "décision": "décision",
    "autorisation": "autorisation",
    "phase": "phase de la",
}


def _logged_value(new: str | None) -> str | None:
    """The value an entry sets, without the origin btsdesk appends (« [import x.csv] »)."""
    if new is None:
        return None
    if new.endswith("]") and "[" in new:
        value = new[: new.rindex("[")].rstrip()
        return value or None
    return new


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}


def _uid_of(conn: sqlite3.Connection) -> str | None:
    """The session identifier of a file (None: a file older than identifiers)."""
    if "uid" not in _columns(conn, "session"):
        return None
    row = conn.execute("SELECT uid FROM session WHERE id = 1").fetchone()
    return str(row[0]) if row and row[0] else None


def _first_hash(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT hash FROM audit_log WHERE id = 1").fetchone()
    return None if row is None else str(row[0])


def _candidate(row: Sequence[Any]) -> Candidate:
    values = dict(zip(_CANDIDATE_FIELDS, row, strict=True))
    for flag in ("livret_provided", "consolidation"):
        values[flag] = bool(values[flag])
    return Candidate(**values)


def _oral_text(row: Sequence[Any]) -> str:
    discipline, cents, absent = row
    grade = ("absent" if absent else "sans note") if cents is None else entry_text(int(cents))
    return f"{discipline or '—'} : {grade}"


def _slot_text(slot: str | None, room: str | None, examiner: str | None) -> str | None:
    if slot is None:
        return None
    return f"{slot[:16].replace('T', ' ')}, salle {room or '?'}, {examiner or 'examinateur ?'}"


def _yes_no(value: object) -> str:
    return "autorisé" if value else "non autorisé"


def _name(candidate: Candidate) -> str:
    usage = f" (nom d'usage {candidate.usage_name})" if candidate.usage_name else ""
    return f"{candidate.full_name}{usage}"


def _identity(candidate: Candidate) -> str:
    return (
        f"{_name(candidate)}, né(e) le {candidate.birth_date or '?'}, "
        f"catégorie {candidate.category}"
    )
