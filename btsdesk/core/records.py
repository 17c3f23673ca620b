"""Plain records of a session that every layer shares: the session's header, a candidate's
identity, one grade to write. No rules here, no storage."""

from __future__ import annotations

from dataclasses import dataclass

from btsdesk.core.grades import Entry


@dataclass(frozen=True)
class SessionDetails:
    year: int
    specialty_code: str
    regime: str
    academie: str = ""
    centre: str = ""
    title: str = ""
    reglement_version: str = ""
    general_oral_levels: int = 1
    facultative_abs_eliminates: bool = False
    proclamation: str | None = None
    phase: str = "saisie"
    operator: str = ""
    # §5: the recteur's delegate who signs convocations, fiches de choix and relevés
    # ('' : the president of the jury signs them)
    signatory_delegate: str = ""
    # §5: where and when the final results are posted, as printed on the convocation
    # ('' : the sentence derived from the centre and the orals' last day)
    results_notice: str = ""


@dataclass(frozen=True)
class Candidate:
    number: str
    surname: str = ""
    given_name: str = ""
    civility: str = ""
    birth_date: str | None = None  # ISO date
    category: str = "A"
    address: str = ""
    email: str = ""
    bac_origin: str = ""
    livret_provided: bool = False
    livret_examined_by: str | None = None
    livret_examined_on: str | None = None
    consolidation: bool = False
    # « nom d'usage » (a spouse's or the other parent's name), kept apart from ``surname``,
    # the « nom de famille » (birth name) of the civil registry; "" when none.
    usage_name: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.surname.upper()} {self.given_name}".strip()


@dataclass(frozen=True)
class GradeChange:
    """One grade to write: ``entry`` None removes the grade (no entry yet)."""

    number: str
    line_code: str
    entry: Entry | None
