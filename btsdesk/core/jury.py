"""R25: the jury's roster and the balance of D643-31 (teachers and members of the profession
"à parts égales"; the president is counted apart). The jury may still deliberate when a
member's defection breaks the parity, so this is a warning, never a block."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

TEACHER = "enseignant"
PROFESSIONAL = "professionnel"
PRESIDENT = "président"


@dataclass(frozen=True)
class Member:
    name: str
    quality: str  # TEACHER or PROFESSIONAL
    role: str = "membre"  # PRESIDENT or "membre"
    present: bool = True


def balance_warning(members: Iterable[Member]) -> str | None:
    """A French warning when the present members are not balanced (R25), else None."""
    present = [m for m in members if m.present and m.role != PRESIDENT]
    teachers = sum(1 for m in present if m.quality == TEACHER)
    professionals = sum(1 for m in present if m.quality == PROFESSIONAL)
    if not present:
        return "Aucun membre présent en dehors de la présidence (R25)."
    if professionals == 0:
        return (f"Aucun membre de la profession présent ({teachers} enseignant(s)) : le jury "
                "doit compter à parts égales enseignants et professionnels (D643-31, R25).")
    if teachers != professionals:
        return (f"{teachers} enseignant(s) pour {professionals} professionnel(s) présent(s) : "
                "D643-31 demande des parts égales. Le jury peut délibérer si la parité est "
                "rompue par une défection ; notez-la au PV (R25).")
    return None
