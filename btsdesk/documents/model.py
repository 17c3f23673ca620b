"""What the documents print: plain data, filled by the application from the session file.
The documents package turns these into PDF bytes and knows nothing of the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from btsdesk.core.consolidation import Proposal, Student


@dataclass(frozen=True)
class Header:
    """The session as every document names it (§5)."""

    academie: str  # "Académie de Lyon"
    centre_name: str  # "Lycée Jean-Moulin"
    centre_address: str  # several lines: street, postcode and town
    year: int
    session_title: str  # "Session 2026"
    specialty: str  # "BTS Management commercial opérationnel (MCO, 2018)"
    president: str  # "Mme Anne Morel, IA-IPR d'économie-gestion"
    place: str  # town for "Fait à …"
    regime_rule: str  # how an oral grade counts, one French sentence (R13 or R16)
    # where and when the final results are posted, one French sentence (§5, convocations)
    results_notice: str = ""
    logo: Path | None = None  # optional académie logo (PNG/JPEG)
    signature: Path | None = None  # optional scanned signature of the president
    # §5: the recteur's delegate who signs the letters (convocations, fiches de choix,
    # relevés) when the session names one; "" : the president signs them
    delegate: str = ""


@dataclass(frozen=True)
class Identity:
    number: str
    civility: str  # "Mme", "M."
    surname: str
    given_name: str
    birth_date: date | None = None
    address: str = ""  # lines for a window envelope (name excluded)
    category: str = ""
    usage_name: str = ""  # « nom d'usage »; ``surname`` is then the name of birth

    @property
    def name(self) -> str:
        """The name the candidate uses, in capitals: the nom d'usage when there is one (the
        documents then give the name of birth on a line of its own)."""
        return (self.usage_name or self.surname).upper()

    @property
    def birth_name(self) -> str:
        """The name of birth when the candidate uses another one, else ""."""
        return self.surname.upper() if self.usage_name else ""

    @property
    def full_name(self) -> str:
        return f"{self.civility} {self.given_name} {self.name}".strip()


@dataclass(frozen=True)
class OralSlot:
    """One oral of the épreuves de contrôle for one candidate."""

    discipline: str  # code, "E1"
    title: str  # "Culture générale et expression"
    arrival: datetime  # time to arrive (15 minutes before the preparation, §5)
    preparation_start: datetime
    exam_start: datetime
    preparation_minutes: int
    exam_minutes: int
    room: str
    examiner: str = ""


@dataclass(frozen=True)
class Convocation:
    identity: Identity
    orals: tuple[OralSlot, ...]
    issued_on: date


@dataclass(frozen=True)
class ChoiceOption:
    """One discipline the candidate may choose for an oral (R12, R15), with the grade needed
    at that oral alone to reach 10 (R17)."""

    code: str  # "E1"
    title: str  # "Culture générale et expression"
    coefficient: str  # French text, "3"
    needed: str  # "12,17" or "impossible"


@dataclass(frozen=True)
class ChoiceForm:
    """The fiche de choix of one candidate who takes the orals (§5)."""

    identity: Identity
    average: str  # the first-group average, French text (R7)
    choose: int  # how many disciplines to choose (1 in regime 2021, 2 in regime 2022)
    options: tuple[ChoiceOption, ...]
    # orals taken without a choice (regime 2021: the professional domain), same columns
    fixed: tuple[ChoiceOption, ...] = ()
    issued_on: date | None = None


@dataclass(frozen=True)
class ConvokedRow:
    """One line of the liste des candidats convoqués or of a feuille d'émargement."""

    identity: Identity
    oral: OralSlot


@dataclass(frozen=True)
class Line:
    """A règlement line as documents show it."""

    code: str
    title: str
    coefficient: str  # French text, "1,5"
    facultative: bool = False


@dataclass(frozen=True)
class ResultRow:
    """A candidate's figures, already formatted in French (R7: averages truncated)."""

    identity: Identity
    grades: dict[str, str]  # line code → "12,50", "ABJ", "DIS", ""
    general: str  # domain average
    professional: str
    average: str
    decision: str  # "admis", "ajourné", "épreuves de contrôle", "incomplet"
    orals: dict[str, str] = field(default_factory=dict)  # "E1" / "domaine général" → "13,00"
    final_average: str = ""
    final_decision: str = ""
    reason: str = ""  # the one French sentence
    # an ajourné candidate's lines graded 10 or more: kept for five years (D643-15)
    kept: tuple[str, ...] = ()


@dataclass(frozen=True)
class GradeChange:
    """A change made during deliberation, with its written reason (R21), for the PV."""

    when: datetime
    who: str
    candidate: str  # number and name
    what: str  # "E1 : 9,50 → 10,00"
    reason: str


@dataclass(frozen=True)
class Member:
    name: str
    quality: str  # enseignant / professionnel
    role: str  # président / membre
    present: bool


@dataclass(frozen=True)
class Deliberation:
    """Everything a PV de délibération prints."""

    header: Header
    stage: str  # "premier groupe" or "final"
    held_on: date
    members: tuple[Member, ...]
    lines: tuple[Line, ...]
    rows: tuple[ResultRow, ...]
    changes: tuple[GradeChange, ...]
    counts: dict[str, int]  # decision label → count, in display order
    balance_warning: str | None = None  # R25
    # R25: « 4 membres, 3 présents : la présidence, 1 enseignant, 1 professionnel. », the
    # counts the warnings rest on (btsdesk.core.jury); "" to count here (president apart).
    roster_summary: str = ""
    # What the jury should check before signing, printed on a draft (R6 facultatives, §7
    # règlement lines still « à vérifier »): plain French sentences.
    checks: tuple[str, ...] = ()
    # Results by bac d'origine and by parcours de consolidation (§8): (group, admitted, total).
    by_origin: tuple[tuple[str, int, int], ...] = ()
    draft: bool = False  # R24b: before the session is closed, « PROJET » on every page
    audit_head: str = ""  # the final PV: the audit log's last entry and SHA-256 (§5)


# ---------------------------------------------------------------------------------------------
# Parcours de consolidation (§8): the first-year class and its conseil de classe


@dataclass(frozen=True)
class ClassHeader:
    """A first-year class as its letters and summaries name it."""

    etablissement: str  # "Lycée Jean-Moulin"
    address: str  # several lines: street, postcode and town
    academie: str  # "Académie de Lyon"
    year: int  # the year of the rentrée: 2026 for the school year 2026-2027
    division: str  # "1re année BTS MCO A"
    specialty: str  # "BTS Management commercial opérationnel (MCO, 2018)"
    head: str  # the chef d'établissement: "Mme Claire Fontaine"
    place: str  # town for "Fait à …"
    logo: Path | None = None  # optional académie or établissement logo (PNG/JPEG)
    signature: Path | None = None  # optional scanned signature of the chef d'établissement


@dataclass(frozen=True)
class ProposalLetter:
    """One letter proposing a parcours de consolidation to a student and their family."""

    student: Student
    address: str  # lines for a window envelope (name excluded)
    conseil_date: date
    proposal: Proposal
    issued_on: date
