"""R25: the jury's roster and what D643-31 asks of it: a president who is an
enseignant-chercheur or an IA-IPR of the specialty; the members "à parts égales" teachers
and members of the profession (the president is counted apart); among the teachers an
enseignant-chercheur and a majority from the public sector. The jury may still deliberate
when a member's defection breaks the parity, so every check is a warning, never a block; a
roster without any professional gets the loudest one (a jury was annulled for it in 2023).

The window, the command line and the PV all take their counts and warnings from here, so
they never contradict each other. The messages go on the PV: plain French, no rule number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

TEACHER = "enseignant"
PROFESSIONAL = "professionnel"
PRESIDENT = "président"

# A member's status (D643-31): the teachers' sector, an enseignant-chercheur, an IA-IPR.
UNKNOWN = ""
PUBLIC = "public"
PRIVATE = "privé"
RESEARCHER = "enseignant-chercheur"
INSPECTOR = "IA-IPR"
STATUSES = (UNKNOWN, PUBLIC, PRIVATE, RESEARCHER, INSPECTOR)
STATUS_LABELS = {
    UNKNOWN: "non précisé",
    PUBLIC: "enseignement public",
    PRIVATE: "enseignement privé",
    RESEARCHER: "enseignant-chercheur",
    INSPECTOR: "IA-IPR",
}


@dataclass(frozen=True)
class Member:
    name: str
    quality: str  # TEACHER or PROFESSIONAL
    role: str = "membre"  # PRESIDENT or "membre"
    present: bool = True
    status: str = UNKNOWN  # one of STATUSES

    @property
    def is_president(self) -> bool:
        return self.role == PRESIDENT


@dataclass(frozen=True)
class RosterCounts:
    """The roster's own counts (R25). ``teachers`` and ``professionals`` are the present
    members, the president apart; the sector counts are among those teachers."""

    members: int
    present: int
    president: Member | None
    teachers: int
    professionals: int
    appointed_professionals: int  # present or not
    researchers: int
    public: int  # public sector, enseignants-chercheurs included
    private: int
    unknown_sector: int


def roster_counts(members: Iterable[Member]) -> RosterCounts:
    everyone = list(members)
    president = next((m for m in everyone if m.is_president), None)
    present = [m for m in everyone if m.present]
    others = [m for m in present if not m.is_president]
    teachers = [m for m in others if m.quality == TEACHER]
    return RosterCounts(
        members=len(everyone),
        present=len(present),
        president=president,
        teachers=len(teachers),
        professionals=sum(1 for m in others if m.quality == PROFESSIONAL),
        appointed_professionals=sum(
            1 for m in everyone if m.quality == PROFESSIONAL and not m.is_president
        ),
        researchers=sum(1 for m in teachers if m.status == RESEARCHER),
        public=sum(1 for m in teachers if m.status in (PUBLIC, RESEARCHER)),
        private=sum(1 for m in teachers if m.status == PRIVATE),
        unknown_sector=sum(1 for m in teachers if m.status not in (PUBLIC, RESEARCHER, PRIVATE)),
    )


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count <= 1 else (plural or word + 's')}"


def roster_summary(members: Iterable[Member]) -> str:
    """« 4 membres, 3 présents : la présidence, 1 enseignant, 1 professionnel. » — the same
    counts as the warnings (the president apart, absent members left out)."""
    c = roster_counts(members)
    parts = []
    if c.president is not None:
        parts.append("la présidence" if c.president.present else "présidence absente")
    teachers = _n(c.teachers, "enseignant")
    known = c.public + c.private
    if c.teachers and known:
        detail = [f"{c.public} du public", f"{c.private} du privé"]
        if c.researchers:
            researchers = _n(c.researchers, "enseignant-chercheur", "enseignants-chercheurs")
            detail.append(f"dont {researchers}")
        if c.unknown_sector:
            detail.append(f"{c.unknown_sector} non précisé{'s' if c.unknown_sector > 1 else ''}")
        teachers += f" ({', '.join(detail)})"
    parts += [teachers, _n(c.professionals, "professionnel")]
    return f"{_n(c.members, 'membre')}, {_n(c.present, 'présent')} : {', '.join(parts)}."


def roster_warnings(members: Iterable[Member]) -> list[str]:
    """Every R25 warning, in French sentences (none when D643-31 is met)."""
    everyone = list(members)
    c = roster_counts(everyone)
    warnings: list[str] = []
    if not everyone:
        return ["Aucun membre du jury enregistré."]
    president = c.president
    if president is None:
        warnings.append(
            "Aucune présidence désignée : le jury est présidé par un "
            "enseignant-chercheur ou par un IA-IPR de la spécialité (D643-31)."
        )
    elif president.status not in (RESEARCHER, INSPECTOR):
        said = (
            "qualité non précisée"
            if president.status == UNKNOWN
            else STATUS_LABELS.get(president.status, president.status)
        )
        warnings.append(
            f"Présidence : {president.name} ({said}) ; D643-31 confie la "
            "présidence à un enseignant-chercheur ou à un IA-IPR de la "
            "spécialité."
        )
    if c.teachers + c.professionals == 0:
        warnings.append("Aucun membre présent en dehors de la présidence.")
        return warnings
    teachers = _n(c.teachers, "enseignant")
    if c.appointed_professionals == 0:
        warnings.append(
            f"AUCUN MEMBRE DE LA PROFESSION dans le jury ({teachers}) : "
            "D643-31 demande autant de professionnels que d'enseignants, et un "
            "jury sans aucun professionnel a déjà vu sa délibération annulée. "
            "Désignez des professionnels avant de délibérer."
        )
    elif c.professionals == 0:
        warnings.append(
            f"Aucun membre de la profession présent ({teachers}) : le jury "
            "doit compter à parts égales enseignants et professionnels "
            "(D643-31) ; sans aucun professionnel, la délibération risque "
            "l'annulation."
        )
    elif c.teachers != c.professionals:
        warnings.append(
            f"{_n(c.teachers, 'enseignant')} pour {_n(c.professionals, 'professionnel')} "
            f"{'présents' if c.teachers + c.professionals > 1 else 'présent'}, présidence à "
            "part : D643-31 demande des parts égales. "
            "Le jury peut délibérer si la parité est rompue par une défection ; "
            "notez-la au procès-verbal."
        )
    if c.teachers:
        if c.unknown_sector:
            warnings.append(
                f"Secteur non précisé pour {_n(c.unknown_sector, 'enseignant')} "
                "(public, privé ou enseignant-chercheur) : impossible de vérifier "
                "la majorité d'enseignants du public et la présence d'un "
                "enseignant-chercheur (D643-31)."
            )
        if c.researchers == 0 and c.unknown_sector == 0:
            warnings.append(
                "Aucun enseignant-chercheur parmi les enseignants présents : D643-31 en demande un."
            )
        if 2 * (c.public + c.unknown_sector) <= c.teachers:
            warnings.append(
                f"{_n(c.public, 'enseignant')} du public sur {c.teachers} : D643-31 "
                "demande que les enseignants du public soient la majorité des "
                "enseignants."
            )
    return warnings


def balance_warning(members: Iterable[Member]) -> str | None:
    """Every R25 warning in one text (the PV's « Attention » line), or None."""
    warnings = roster_warnings(members)
    return " ".join(warnings) if warnings else None
