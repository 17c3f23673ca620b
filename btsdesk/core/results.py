"""What the engine takes for one candidate and what it gives back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Entry
from btsdesk.core.reglement import Domain


class Decision(Enum):
    ADMIS = "admis"
    CONTROLE = "controle"
    AJOURNE = "ajourne"
    INCOMPLET = "incomplet"

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]


_DECISION_LABELS = {
    Decision.ADMIS: "admis",
    Decision.CONTROLE: "épreuves de contrôle",
    Decision.AJOURNE: "ajourné",
    Decision.INCOMPLET: "incomplet",
}


@dataclass(frozen=True)
class OralChoice:
    """One oral of the épreuves de contrôle: the discipline chosen (when the regime asks
    for one) and its grade in hundredths. ``grade`` is ``None`` while not yet known, or when
    the candidate was ``absent`` (R13a: final, and it changes nothing). The §6 exchange format
    has no absent code: there ``None`` stands for both."""

    discipline: str | None
    grade: int | None
    absent: bool = False  # R13a

    def __post_init__(self) -> None:
        if self.absent and self.grade is not None:
            raise InvalidInput("un oral ne peut être à la fois noté et marqué absent (R13a)")

    @property
    def final(self) -> bool:
        """R13a: graded or absent; an oral neither graded nor absent is not yet known and
        holds back the final decision."""
        return self.absent or self.grade is not None


@dataclass(frozen=True)
class CandidateGrades:
    """A candidate as the engine sees it. ``grades`` maps line codes to entries; a line
    without a key has no entry yet (R2). ``orals`` maps the regime's oral keys (regime
    2021: ``general``/``professional``; regime 2022: discipline codes) to choices;
    ``None`` means no orals."""

    number: str
    category: str = "A"
    grades: Mapping[str, Entry] = field(default_factory=dict)
    orals: Mapping[str, OralChoice] | None = None


@dataclass(frozen=True)
class Result:
    number: str
    decision: Decision
    average: Fraction | None  # exact (R4); None when incomplet
    domain_averages: Mapping[Domain, Fraction | None]
    reasons: tuple[str, ...]  # French fragments; " ; ".join gives the sentence
    warnings: tuple[str, ...] = ()
    options: tuple[str, ...] = ()  # discipline codes offered for the orals (R12/R15)
    needed: Mapping[str, int | None] = field(default_factory=dict)  # R17, hundredths
    final_average: Fraction | None = None  # after the orals (R13/R16)
    final_decision: Decision | None = None
    points: Fraction = Fraction(0)  # Σ coef·grade over obligatory non-DIS lines (R5)
    bonus: Fraction = Fraction(0)  # facultative points (R6)
    divisor: Fraction = Fraction(0)  # Σ coef over the same lines

    @property
    def sentence(self) -> str:
        """The reason in one French sentence."""
        return " ; ".join(self.reasons)
