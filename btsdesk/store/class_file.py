"""A first-year class file (parcours de consolidation, domain.md §8): the second kind of
btsdesk file, with the habits of the jury session (:mod:`btsdesk.store.session`).

It is created under a temporary name and renamed when whole, opened with the same checks (a
jury session opened here is refused by name, and the reverse), backed up before its first
change, and every public method that writes is one transaction with its audit entries (who,
when, old → new)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from btsdesk.core.consolidation import (
    Answer,
    BacOrigin,
    Followed,
    Level,
    Measure,
    Observations,
    Outcome,
    Proposal,
    Status,
    Student,
)
from btsdesk.store import audit
from btsdesk.store.base import FileStore
from btsdesk.store.errors import SessionFileError
from btsdesk.store.schema import CLASS_APPLICATION_ID, CLASS_SCHEMA_VERSION, class_migrations


@dataclass(frozen=True)
class ClassDetails:
    year: int  # the rentrée of the first year (2024 for the class of 2024-2025)
    etablissement: str = ""
    division: str = ""
    specialty_label: str = ""
    operator: str = ""


@dataclass(frozen=True)
class FollowUp:
    """One dated note of the follow-up of a student (several per student)."""

    number: str
    date: str  # ISO
    note: str


_STUDENT_COLUMNS = ("number", "surname", "given_name", "origin", "bac_pro_specialty", "status")


class ClassStore(FileStore):
    """An open class file, held by this instance alone until :meth:`close`."""

    application_id = CLASS_APPLICATION_ID
    schema_version = CLASS_SCHEMA_VERSION
    migrations = class_migrations

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        year: int,
        etablissement: str,
        division: str,
        specialty_label: str,
        operator: str,
    ) -> ClassStore:
        """A new class file, built under a temporary name: it appears whole or not at all."""
        if type(year) is not int or not 2000 <= year <= 2100:
            raise SessionFileError(
                f"année de la rentrée {year!r} invalide (attendu : par exemple 2024)"
            )

        def fill(store: ClassStore) -> None:
            store.conn.execute(
                "INSERT INTO class (id, year, etablissement, division, "
                "specialty_label, operator) VALUES (1, ?, ?, ?, ?, ?)",
                (year, etablissement, division, specialty_label, operator),
            )
            store._log(
                "classe", "classe", None, f"création ({division} {specialty_label}, rentrée {year})"
            )

        return cls._create(path, operator, fill)

    def recorded_operator(self) -> str:
        return self.details().operator

    # -- reading --------------------------------------------------------------------

    def details(self) -> ClassDetails:
        row = self.conn.execute(
            "SELECT year, etablissement, division, specialty_label, "
            "operator FROM class WHERE id = 1"
        ).fetchone()
        if row is None:
            raise SessionFileError(
                f"« {self.path.name} » : fichier de classe incomplet (pas d'en-tête)"
            )
        return ClassDetails(*row)

    def students(self) -> list[Student]:
        rows = self.conn.execute(
            "SELECT " + ", ".join(_STUDENT_COLUMNS) + " FROM students ORDER BY position, number"
        )
        return [_student(row) for row in rows]

    def student(self, number: str) -> Student | None:
        row = self.conn.execute(
            "SELECT " + ", ".join(_STUDENT_COLUMNS) + " FROM students WHERE number = ?", (number,)
        ).fetchone()
        return None if row is None else _student(row)

    def observations(self) -> dict[str, Observations]:
        return {
            row[0]: _observations(row[1:])
            for row in self.conn.execute(
                "SELECT number, academic, method, autonomy, attendance, note FROM observations"
            )
        }

    def proposals(self) -> dict[str, Proposal]:
        return {
            row[0]: _proposal(row[1:])
            for row in self.conn.execute(
                "SELECT number, proposed, measures, other_measure, planned_years, answer "
                "FROM proposals"
            )
        }

    def outcomes(self) -> dict[str, Outcome]:
        return {
            number: Outcome(value)
            for number, value in self.conn.execute("SELECT number, outcome FROM outcomes")
        }

    def follow_ups(self, number: str | None = None) -> list[FollowUp]:
        sql = "SELECT number, date, note FROM follow_up"
        args: tuple[str, ...] = ()
        if number is not None:
            sql, args = sql + " WHERE number = ?", (number,)
        return [FollowUp(*row) for row in self.conn.execute(sql + " ORDER BY date, id", args)]

    def followed(self) -> list[Followed]:
        """Every student with observations, proposal and outcome (« en cours » when none
        was recorded), in list order: what the core's counts and indicators take."""
        observations = self.observations()
        proposals = self.proposals()
        outcomes = self.outcomes()
        return [
            Followed(
                student,
                observations.get(student.number),
                proposals.get(student.number),
                outcomes.get(student.number, Outcome.EN_COURS),
            )
            for student in self.students()
        ]

    def history(self, number: str) -> list[audit.AuditEntry]:
        return audit.entries(self.conn, number)

    # -- writing --------------------------------------------------------------------

    def add_students(self, students: Sequence[Student], *, source: str) -> tuple[int, int]:
        """Add or update students by number, in one transaction; returns (added, updated)."""
        for student in students:
            if not isinstance(student, Student):
                raise SessionFileError(f"étudiant attendu, pas {student!r}")
        numbers = [s.number for s in students]
        if duplicates := sorted({n for n in numbers if numbers.count(n) > 1}):
            raise SessionFileError(
                f"étudiant {', '.join(duplicates)} présent deux fois : rien n'a été modifié"
            )
        added = updated = 0
        with self.db.atomic():
            position = self.conn.execute(
                "SELECT COALESCE(MAX(position), 0) FROM students"
            ).fetchone()[0]
            for student in students:
                row = _student_row(student)
                old = self.student(student.number)
                if old is None:
                    position += 1
                    self.conn.execute(
                        "INSERT INTO students (number, surname, given_name, origin, "
                        "bac_pro_specialty, status, position) VALUES (:number, :surname, "
                        ":given_name, :origin, :bac_pro_specialty, :status, :position)",
                        {**row, "position": position},
                    )
                    added += 1
                    self._log("étudiant", student.number, None, f"{_identity(student)} ({source})")
                elif old != student:
                    self.conn.execute(
                        "UPDATE students SET surname = :surname, given_name = :given_name, "
                        "origin = :origin, bac_pro_specialty = :bac_pro_specialty, "
                        "status = :status WHERE number = :number",
                        row,
                    )
                    updated += 1
                    self._log(
                        "étudiant",
                        student.number,
                        _identity(old),
                        f"{_identity(student)} ({source})",
                    )
        return added, updated

    def set_observations(self, number: str, observations: Observations) -> None:
        self._require(number)
        if not isinstance(observations, Observations):
            raise SessionFileError(f"étudiant {number} : observations attendues")
        old = self.observations().get(number)
        if old == observations:
            return
        with self.db.atomic():
            self.conn.execute(
                "INSERT INTO observations (number, academic, method, autonomy, attendance, "
                "note) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (number) DO UPDATE SET "
                "academic = excluded.academic, method = excluded.method, "
                "autonomy = excluded.autonomy, attendance = excluded.attendance, "
                "note = excluded.note",
                (
                    number,
                    observations.academic.value,
                    observations.method.value,
                    observations.autonomy.value,
                    observations.attendance.value,
                    observations.note,
                ),
            )
            self._log(
                "observations",
                f"{number}/observations",
                None if old is None else _observations_text(old),
                _observations_text(observations),
            )

    def set_proposal(self, number: str, proposal: Proposal) -> None:
        """The conseil de classe's decision and the student's answer; the core has checked
        it (a length other than 2 or 3 years never gets here)."""
        self._require(number)
        if not isinstance(proposal, Proposal):
            raise SessionFileError(f"étudiant {number} : proposition attendue")
        old = self.proposals().get(number)
        if old == proposal:
            return
        measures = json.dumps([m.value for m in proposal.sorted_measures()])
        with self.db.atomic():
            self.conn.execute(
                "INSERT INTO proposals (number, proposed, measures, other_measure, "
                "planned_years, answer) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (number) DO "
                "UPDATE SET proposed = excluded.proposed, measures = excluded.measures, "
                "other_measure = excluded.other_measure, "
                "planned_years = excluded.planned_years, answer = excluded.answer",
                (
                    number,
                    int(proposal.proposed),
                    measures,
                    proposal.other_measure.strip(),
                    proposal.planned_years,
                    proposal.answer.value,
                ),
            )
            self._log(
                "proposition",
                f"{number}/proposition",
                None if old is None else _proposal_text(old),
                _proposal_text(proposal),
            )

    def add_follow_up(self, number: str, on: date | str, note: str) -> None:
        """A dated note of the follow-up (the date as a date or ISO text)."""
        self._require(number)
        day = _iso_day(on, number)
        with self.db.atomic():
            self.conn.execute(
                "INSERT INTO follow_up (number, date, note) VALUES (?, ?, ?)",
                (number, day, note.strip()),
            )
            self._log("suivi", f"{number}/suivi", None, f"{day} : {note.strip()}")

    def set_outcome(self, number: str, outcome: Outcome) -> None:
        self.set_outcomes({number: outcome}, source="saisie")

    def set_outcomes(self, outcomes: Mapping[str, Outcome], *, source: str) -> int:
        """Several outcomes in one transaction (a follow-up import): all or nothing. Returns
        how many changed."""
        for number, outcome in outcomes.items():
            self._require(number)
            if not isinstance(outcome, Outcome):
                raise SessionFileError(f"étudiant {number} : situation {outcome!r} inconnue")
        current = self.outcomes()
        changed = 0
        with self.db.atomic():
            for number, outcome in outcomes.items():
                old = current.get(number)
                if old is outcome:
                    continue
                self.conn.execute(
                    "INSERT INTO outcomes (number, outcome) VALUES (?, ?) ON CONFLICT "
                    "(number) DO UPDATE SET outcome = excluded.outcome",
                    (number, outcome.value),
                )
                new = outcome.label if source == "saisie" else f"{outcome.label} ({source})"
                self._log(
                    "situation", f"{number}/situation", None if old is None else old.label, new
                )
                changed += 1
        return changed

    def _require(self, number: str) -> Student:
        student = self.student(number)
        if student is None:
            raise SessionFileError(f"étudiant {number} inconnu dans la classe")
        return student


def _student(row: Sequence[object]) -> Student:
    number, surname, given_name, origin, specialty, status = (str(v) for v in row)
    return Student(number, surname, given_name, BacOrigin(origin), specialty, Status(status))


def _student_row(student: Student) -> dict[str, str]:
    return {
        "number": student.number,
        "surname": student.surname,
        "given_name": student.given_name,
        "origin": student.origin.value,
        "bac_pro_specialty": student.bac_pro_specialty.strip(),
        "status": student.status.value,
    }


def _identity(student: Student) -> str:
    specialty = f", {student.bac_pro_specialty}" if student.bac_pro_specialty else ""
    return (
        f"{student.surname.upper()} {student.given_name}".strip()
        + f" ({student.origin.label}{specialty}, {student.status.label})"
    )


def _observations(row: Sequence[str]) -> Observations:
    academic, method, autonomy, attendance, note = row
    return Observations(Level(academic), Level(method), Level(autonomy), Level(attendance), note)


def _observations_text(observations: Observations) -> str:
    text = ", ".join(f"{label} : {level.label}" for label, level in observations.labelled())
    return f"{text} ; {observations.note}" if observations.note else text


def _proposal(row: Sequence[object]) -> Proposal:
    proposed, measures, other, years, answer = row
    return Proposal(
        bool(proposed),
        frozenset(Measure(m) for m in json.loads(str(measures))),
        int(str(years)),
        Answer(str(answer)),
        str(other),
    )


def _proposal_text(proposal: Proposal) -> str:
    if not proposal.proposed:
        return f"parcours non proposé, BTS en {proposal.planned_years} ans"
    measures = ", ".join(
        proposal.other_measure.strip() if m is Measure.AUTRE else m.label
        for m in proposal.sorted_measures()
    )
    return (
        f"parcours proposé ({measures}), BTS en {proposal.planned_years} ans, réponse : "
        f"{proposal.answer.label}"
    )


def _iso_day(on: date | str, number: str) -> str:
    if isinstance(on, date):
        return on.isoformat()
    try:
        return date.fromisoformat(on.strip()).isoformat()
    except ValueError:
        raise SessionFileError(
            f"étudiant {number} : date de suivi « {on} » invalide (attendu : aaaa-mm-jj)"
        ) from None
