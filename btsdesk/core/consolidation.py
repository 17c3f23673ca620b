"""The parcours de consolidation of first-year students from bac pro (domain.md §8): the
students' origins, the teaching team's observations, the autumn conseil de classe's proposals,
the follow-up, and the indicators of the comité de suivi.

Pure model: frozen values and functions, exact rates (:class:`fractions.Fraction`, never a
float), French messages through :class:`InvalidInput`. No exam rule changes (§8): nothing here
touches a grade or a decision of the jury.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from btsdesk.core.errors import InvalidInput

# ---------------------------------------------------------------------------------------------
# Enumerations (the value is what a file stores, the label what a person reads)


class BacOrigin(Enum):
    """The bac d'origine of a first-year student."""

    PROFESSIONNEL = "professionnel"
    TECHNOLOGIQUE = "technologique"
    GENERAL = "general"
    AUTRE = "autre"  # DAEU, foreign diploma, reorientation…

    @property
    def label(self) -> str:
        return _ORIGIN_LABELS[self]


_ORIGIN_LABELS = {
    BacOrigin.PROFESSIONNEL: "bac professionnel",
    BacOrigin.TECHNOLOGIQUE: "bac technologique",
    BacOrigin.GENERAL: "bac général",
    BacOrigin.AUTRE: "autre origine",
}


class Status(Enum):
    ETUDIANT = "etudiant"
    APPRENTI = "apprenti"

    @property
    def label(self) -> str:
        return "étudiant" if self is Status.ETUDIANT else "apprenti"


class Level(Enum):
    """The team's observation on one dimension."""

    SATISFAISANT = "satisfaisant"
    FRAGILE = "fragile"
    INSUFFISANT = "insuffisant"

    @property
    def label(self) -> str:
        return self.value  # the values are the French words


class Measure(Enum):
    """The measures of a parcours listed by the circular of 9 June 2023, and "other"."""

    GROUPES_REDUITS = "groupes_reduits"
    ACCOMPAGNEMENT_PERSONNALISE = "accompagnement_personnalise"
    METHODOLOGIE = "methodologie"
    AMENAGEMENT_STAGES = "amenagement_stages"
    AUTRE = "autre"

    @property
    def label(self) -> str:
        return _MEASURE_LABELS[self]


_MEASURE_LABELS = {
    Measure.GROUPES_REDUITS: "groupes à effectifs réduits",
    Measure.ACCOMPAGNEMENT_PERSONNALISE: "accompagnement personnalisé",
    Measure.METHODOLOGIE: "méthodologie",
    Measure.AMENAGEMENT_STAGES: "aménagement de la durée des stages",
    Measure.AUTRE: "autre",
}


class Answer(Enum):
    """The student's answer to a proposed parcours."""

    ACCEPTE = "accepte"
    REFUSE = "refuse"
    EN_ATTENTE = "en_attente"

    @property
    def label(self) -> str:
        return _ANSWER_LABELS[self]


_ANSWER_LABELS = {
    Answer.ACCEPTE: "accepté",
    Answer.REFUSE: "refusé",
    Answer.EN_ATTENTE: "en attente",
}


class Outcome(Enum):
    """Where the student is now (the latest known state, one per student)."""

    EN_COURS = "en_cours"
    PASSAGE_2E_ANNEE = "passage_2e_annee"
    REDOUBLEMENT = "redoublement"
    ABANDON = "abandon"
    BTS_2_ANS = "bts_2_ans"
    BTS_3_ANS = "bts_3_ans"
    ECHEC_BTS = "echec_bts"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.EN_COURS: "en cours",
    Outcome.PASSAGE_2E_ANNEE: "passage en 2e année",
    Outcome.REDOUBLEMENT: "redoublement",
    Outcome.ABANDON: "abandon",
    Outcome.BTS_2_ANS: "BTS obtenu en 2 ans",
    Outcome.BTS_3_ANS: "BTS obtenu en 3 ans",
    Outcome.ECHEC_BTS: "échec au BTS",
}

# Passage into second year: a student whose latest state is in second year or after it (BTS
# obtained in 2 or 3 years, or failed at the exam, which is only sat in second year) has passed.
# A single outcome holds the latest state, so a student who passed and then dropped out in
# second year counts as a drop-out, not as a passage.
PASSED_SECOND_YEAR = frozenset(
    {Outcome.PASSAGE_2E_ANNEE, Outcome.BTS_2_ANS, Outcome.BTS_3_ANS, Outcome.ECHEC_BTS}
)


# ---------------------------------------------------------------------------------------------
# Observations, proposal, student


@dataclass(frozen=True)
class Observations:
    """The teaching team's observations: the circular's three risk dimensions (acquis
    académiques, méthodologie, autonomie dans le travail personnel) plus attendance."""

    academic: Level
    method: Level
    autonomy: Level
    attendance: Level
    note: str = ""

    def __post_init__(self) -> None:
        for label, level in self.labelled():
            if not isinstance(level, Level):
                raise InvalidInput(
                    f"{label} : niveau {level!r} inconnu (satisfaisant, fragile "
                    "ou insuffisant attendu)"
                )

    def labelled(self) -> tuple[tuple[str, Level], ...]:
        """(French label, level) for each dimension, in display order."""
        return (
            ("acquis académiques", self.academic),
            ("méthodologie", self.method),
            ("autonomie dans le travail personnel", self.autonomy),
            ("assiduité", self.attendance),
        )


def at_risk(observations: Observations) -> bool:
    """Whether the team's observations flag the student as at risk of failure or dropping out.

    Product decision (the circular leaves it to the teaching team): at risk when at least one of
    the circular's three dimensions is "insuffisant", or at least two of them are "fragile".
    Attendance is recorded and shown to the conseil but does not count here: the circular names
    only the three dimensions. The flag is a suggestion; the conseil de classe decides."""
    levels = (observations.academic, observations.method, observations.autonomy)
    if Level.INSUFFISANT in levels:
        return True
    return levels.count(Level.FRAGILE) >= 2


@dataclass(frozen=True)
class Proposal:
    """The conseil de classe's decision for one student, and the student's answer. The answer
    only means something for a proposed parcours."""

    proposed: bool
    measures: frozenset[Measure]
    planned_years: int  # BTS in 2 years if possible, 3 if needed (§8)
    answer: Answer
    other_measure: str = ""  # what "autre" is

    def __post_init__(self) -> None:
        years = self.planned_years
        if type(years) is not int or years not in (2, 3):
            raise InvalidInput(f"durée prévue : 2 ou 3 ans, pas {years}")
        for measure in self.measures:
            if not isinstance(measure, Measure):
                raise InvalidInput(f"mesure {measure!r} inconnue")
        if self.proposed and not self.measures:
            raise InvalidInput("parcours proposé sans mesure : choisir au moins une mesure")
        if not self.proposed and self.measures:
            names = ", ".join(m.label for m in self.sorted_measures())
            raise InvalidInput(f"parcours non proposé : aucune mesure à retenir ({names})")
        if Measure.AUTRE in self.measures and not self.other_measure.strip():
            raise InvalidInput("mesure « autre » : préciser laquelle")
        if Measure.AUTRE not in self.measures and self.other_measure.strip():
            raise InvalidInput(
                f"précision « {self.other_measure.strip()} » donnée sans la mesure « autre »"
            )

    def sorted_measures(self) -> tuple[Measure, ...]:
        """The measures in the order of the circular (the order of :class:`Measure`)."""
        return tuple(m for m in Measure if m in self.measures)

    @property
    def parcours(self) -> bool:
        """The student follows a parcours: proposed and accepted."""
        return self.proposed and self.answer is Answer.ACCEPTE


@dataclass(frozen=True)
class Student:
    number: str  # the student's number in the class list (Cyclades or the spreadsheet)
    surname: str
    given_name: str
    origin: BacOrigin
    bac_pro_specialty: str  # only for a bac pro; may be unknown ("")
    status: Status

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise InvalidInput(f"étudiant {self.surname} {self.given_name} : numéro manquant")
        if not self.surname.strip():
            raise InvalidInput(f"étudiant {self.number} : nom manquant")
        if not isinstance(self.origin, BacOrigin):
            raise InvalidInput(f"étudiant {self.number} : bac d'origine {self.origin!r} inconnu")
        if not isinstance(self.status, Status):
            raise InvalidInput(
                f"étudiant {self.number} : statut {self.status!r} inconnu "
                "(étudiant ou apprenti attendu)"
            )
        if self.bac_pro_specialty.strip() and self.origin is not BacOrigin.PROFESSIONNEL:
            raise InvalidInput(
                f"étudiant {self.number} : spécialité de bac pro "
                f"« {self.bac_pro_specialty.strip()} » pour un "
                f"{self.origin.label}"
            )


@dataclass(frozen=True)
class Followed:
    """One student of the class, followed from the autumn conseil to the BTS."""

    student: Student
    observations: Observations | None
    proposal: Proposal | None
    outcome: Outcome

    @property
    def at_risk(self) -> bool:
        return self.observations is not None and at_risk(self.observations)

    @property
    def parcours(self) -> bool:
        """With a parcours: proposed and accepted."""
        return self.proposal is not None and self.proposal.parcours


def _unique(followed: Iterable[Followed]) -> list[Followed]:
    students = list(followed)
    seen: set[str] = set()
    for one in students:
        if one.student.number in seen:
            raise InvalidInput(f"étudiant {one.student.number} présent deux fois")
        seen.add(one.student.number)
    return students


# ---------------------------------------------------------------------------------------------
# The conseil de classe


def conseil_counts(followed: Iterable[Followed]) -> dict[str, int]:
    """The live counts shown during the conseil de classe, in display order. Every count but
    the first is over the whole class (a parcours may be proposed to a student who is not from
    bac pro); the answers are counted for proposed parcours only."""
    students = _unique(followed)
    proposed = [f.proposal for f in students if f.proposal is not None and f.proposal.proposed]
    return {
        "bacheliers professionnels": sum(
            f.student.origin is BacOrigin.PROFESSIONNEL for f in students
        ),
        "repérés à risque": sum(f.at_risk for f in students),
        "parcours proposés": len(proposed),
        "parcours acceptés": sum(p.answer is Answer.ACCEPTE for p in proposed),
        "parcours refusés": sum(p.answer is Answer.REFUSE for p in proposed),
        "réponses en attente": sum(p.answer is Answer.EN_ATTENTE for p in proposed),
    }


# The counts' words in the singular: « 1 parcours accepté », « 0 réponse en attente ».
_SINGULAR = {
    "bacheliers professionnels": "bachelier professionnel",
    "repérés à risque": "repéré à risque",
    "parcours proposés": "parcours proposé",
    "parcours acceptés": "parcours accepté",
    "parcours refusés": "parcours refusé",
    "réponses en attente": "réponse en attente",
}


def count_words(label: str, count: int) -> str:
    """The words of a :func:`conseil_counts` label agreed with its count (0 and 1 take the
    singular in French): the window and the printed summary say it alike."""
    return _SINGULAR.get(label, label) if count <= 1 else label


# ---------------------------------------------------------------------------------------------
# Indicators of the comité de suivi


def percent_text(rate: Fraction, space: str = " ") -> str:
    """A rate as a French percentage, truncated to one decimal: 1/3 → « 33,3 % », 2/3 →
    « 66,6 % » (never rounded up, like the averages of R7). Documents may pass a non-breaking
    space."""
    tenths = int(rate * 1000)  # int() of a Fraction truncates toward zero
    sign = "-" if tenths < 0 else ""
    return f"{sign}{abs(tenths) // 10},{abs(tenths) % 10}{space}%"


def _rate_text(rate: Fraction | None) -> str:
    return "—" if rate is None else percent_text(rate)


@dataclass(frozen=True)
class Cohort:
    """The counts of one group of students. ``origin`` None is every origin, ``parcours`` None
    with and without parcours. Rates are over the whole group, students still in progress
    included (the circular's figures are over the students who entered first year); None for
    an empty group."""

    origin: BacOrigin | None
    parcours: bool | None
    total: int
    passed_second_year: int
    dropped_out: int
    bts_in_2_years: int
    bts_in_3_years: int

    def _rate(self, count: int) -> Fraction | None:
        return Fraction(count, self.total) if self.total else None

    @property
    def passage_rate(self) -> Fraction | None:
        return self._rate(self.passed_second_year)

    @property
    def dropout_rate(self) -> Fraction | None:
        return self._rate(self.dropped_out)

    @property
    def bts_2_years_rate(self) -> Fraction | None:
        return self._rate(self.bts_in_2_years)

    @property
    def bts_3_years_rate(self) -> Fraction | None:
        return self._rate(self.bts_in_3_years)

    def row(self) -> tuple[str, ...]:
        """This group as a row of :data:`INDICATOR_COLUMNS`."""
        origin = "Ensemble" if self.origin is None else self.origin.label
        parcours = (
            "" if self.parcours is None else "avec parcours" if self.parcours else "sans parcours"
        )
        return (
            origin,
            parcours,
            str(self.total),
            str(self.passed_second_year),
            _rate_text(self.passage_rate),
            str(self.dropped_out),
            _rate_text(self.dropout_rate),
            str(self.bts_in_2_years),
            _rate_text(self.bts_2_years_rate),
            str(self.bts_in_3_years),
            _rate_text(self.bts_3_years_rate),
        )


INDICATOR_COLUMNS = (
    "Bac d'origine",
    "Parcours",
    "Effectif",
    "Passage en 2e année",
    "Taux de passage",
    "Abandons",
    "Taux d'abandon",
    "BTS en 2 ans",
    "Taux BTS en 2 ans",
    "BTS en 3 ans",
    "Taux BTS en 3 ans",
)


def _cohort(origin: BacOrigin | None, parcours: bool | None, outcomes: Sequence[Outcome]) -> Cohort:
    return Cohort(
        origin=origin,
        parcours=parcours,
        total=len(outcomes),
        passed_second_year=sum(o in PASSED_SECOND_YEAR for o in outcomes),
        dropped_out=outcomes.count(Outcome.ABANDON),
        bts_in_2_years=outcomes.count(Outcome.BTS_2_ANS),
        bts_in_3_years=outcomes.count(Outcome.BTS_3_ANS),
    )


@dataclass(frozen=True)
class Indicators:
    """Per origin × with / without parcours (``groups``: every combination, in the order of
    :class:`BacOrigin`, with parcours first), and the whole class (``overall``)."""

    groups: tuple[Cohort, ...]
    overall: Cohort

    def group(self, origin: BacOrigin, parcours: bool) -> Cohort:
        for cohort in self.groups:
            if cohort.origin is origin and cohort.parcours is parcours:
                return cohort
        raise KeyError((origin, parcours))  # pragma: no cover - every combination is built

    def rows(self) -> list[tuple[str, ...]]:
        """The table for export and PDF, in French: the header (:data:`INDICATOR_COLUMNS`),
        one row per non-empty group, then « Ensemble »."""
        return [INDICATOR_COLUMNS, *(c.row() for c in self.groups if c.total), self.overall.row()]


def indicators(followed: Iterable[Followed]) -> Indicators:
    """The comité de suivi's indicators. With parcours means proposed and accepted; a refused or
    unanswered proposal counts as without."""
    students = _unique(followed)
    groups = tuple(
        _cohort(
            origin,
            parcours,
            [f.outcome for f in students if f.student.origin is origin and f.parcours is parcours],
        )
        for origin in BacOrigin
        for parcours in (True, False)
    )
    return Indicators(groups=groups, overall=_cohort(None, None, [f.outcome for f in students]))
