"""Model objects written by hand for the document tests, and helpers reading PDFs back with
pypdf (text normalised: pypdf's spacing is not the page's)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from pypdf import PdfReader

from btsdesk.documents.model import (
    Convocation,
    ConvokedRow,
    Deliberation,
    GradeChange,
    Header,
    Identity,
    Line,
    Member,
    OralSlot,
    ResultRow,
)

MM = 72 / 25.4
RULE = (
    "La note de l'épreuve de contrôle remplace la moyenne de la discipline si elle lui "
    "est supérieure : c'est la « meilleure note » qui compte."
)


def header(**changes: object) -> Header:
    values: dict[str, object] = dict(
        academie="Académie de Lyon",
        centre_name="Lycée Jean-Moulin",
        centre_address="1 place des Minimes\n69005 Lyon",
        year=2026,
        session_title="Session 2026",
        specialty="BTS Management commercial opérationnel (MCO, 2018)",
        president="Mme Anne Morel, IA-IPR d'économie-gestion",
        place="Lyon",
        regime_rule=RULE,
    )
    values.update(changes)
    return Header(**values)  # type: ignore[arg-type]


NDIAYE = Identity(
    number="02620000001",
    civility="Mme",
    surname="N'Diaye",
    given_name="Émilie-Françoise",
    birth_date=date(2005, 4, 9),
    address="Résidence Les Tilleuls, bât. C\n14 avenue de la Division-Leclerc\n"
    "94240 L'HAŸ-LES-ROSES",
    category="A",
)
LEFEVRE = Identity(
    number="02620000002",
    civility="M.",
    surname="Lefèvre",
    given_name="Hugo",
    birth_date=date(2004, 11, 1),
    address="3 rue Victor-Hugo\n69003 LYON",
)
EMERY = Identity(
    number="02620000003",
    civility="Mme",
    surname="Émery",
    given_name="Chloé",
    birth_date=date(2005, 2, 17),
    address="27 chemin des Écoliers\n38200 VIENNE",
)
BENALI = Identity(
    number="02620000004",
    civility="M.",
    surname="Benali",
    given_name="Yanis",
    birth_date=date(2003, 7, 30),
    address="8 place Bellecour\n69002 LYON",
)


def oral(
    code: str,
    title: str,
    start: datetime,
    room: str,
    prep: int = 20,
    exam: int = 20,
    examiner: str = "M. Paul Vidal",
) -> OralSlot:
    from datetime import timedelta

    return OralSlot(
        discipline=code,
        title=title,
        arrival=start - timedelta(minutes=15),
        preparation_start=start,
        exam_start=start + timedelta(minutes=prep),
        preparation_minutes=prep,
        exam_minutes=exam,
        room=room,
        examiner=examiner,
    )


E1_NDIAYE = oral("E1", "Culture générale et expression", datetime(2026, 7, 6, 14, 10), "B12")
E2_NDIAYE = oral(
    "E2",
    "Communication en langue vivante étrangère",
    datetime(2026, 7, 7, 9, 0),
    "Labo C-204",
    prep=10,
    exam=10,
    examiner="Mme Claire Besson",
)


def ndiaye_convocation() -> Convocation:
    return Convocation(identity=NDIAYE, orals=(E1_NDIAYE, E2_NDIAYE), issued_on=date(2026, 7, 3))


def convocation(identity: Identity, start: datetime) -> Convocation:
    return Convocation(
        identity=identity,
        orals=(oral("E3", "Culture économique, juridique et managériale", start, "B14"),),
        issued_on=date(2026, 7, 3),
    )


def rows_for(identities: list[Identity], day: datetime, room: str) -> list[ConvokedRow]:
    from datetime import timedelta

    return [
        ConvokedRow(
            identity=who,
            oral=oral(
                "E1", "Culture générale et expression", day + timedelta(minutes=20 * index), room
            ),
        )
        for index, who in enumerate(identities)
    ]


LINES = (
    Line("E1", "Culture générale et expression", "3"),
    Line("E21", "Communication en langue vivante étrangère (écrit)", "1,5"),
    Line("E22", "Communication en langue vivante étrangère (oral)", "1,5"),
    Line("E3", "Culture économique, juridique et managériale", "3"),
    Line("E41", "Développement de la relation client et vente conseil", "3"),
    Line("E42", "Animation, dynamisation de l'offre commerciale", "3"),
    Line("E5", "Gestion opérationnelle", "3"),
    Line("E6", "Management de l'équipe commerciale", "3"),
    Line("EF1", "Communication en langue vivante étrangère 2", "1", facultative=True),
)


def result(identity: Identity, average: str, decision: str, **changes: object) -> ResultRow:
    grades = {
        "E1": "9,50",
        "E21": "12,00",
        "E22": "ABJ",
        "E3": "11,00",
        "E41": "DIS",
        "E42": "8,50",
        "E5": "10,00",
        "E6": "13,25",
        "EF1": "",
    }
    values: dict[str, object] = dict(
        identity=identity,
        grades=grades,
        general="10,12",
        professional="9,87",
        average=average,
        decision=decision,
    )
    values.update(changes)
    return ResultRow(**values)  # type: ignore[arg-type]


CHANGES = (
    GradeChange(
        datetime(2026, 7, 2, 10, 12),
        "Mme Anne Morel",
        "02620000001 Mme N'DIAYE",
        "E1 : 9,50 → 10,00",
        "Erreur de report de la note de l'examinateur.",
    ),
    GradeChange(
        datetime(2026, 7, 2, 10, 40),
        "Mme Anne Morel",
        "02620000004 M. Yanis BENALI",
        "E42 : 8,00 → 8,50",
        "Livret scolaire très favorable, assiduité constante.",
    ),
)

MEMBERS = (
    Member("Mme Anne Morel", "enseignante", "présidente", True),
    Member("M. Paul Vidal", "enseignant", "membre", True),
    Member("M. Karim Haddad", "professionnel", "membre", True),
    Member("Mme Sophie Lenoir", "professionnelle", "membre", False),
)


def deliberation(rows: tuple[ResultRow, ...], **changes: object) -> Deliberation:
    values: dict[str, object] = dict(
        header=header(),
        stage="premier groupe",
        held_on=date(2026, 7, 2),
        members=MEMBERS,
        lines=LINES,
        rows=rows,
        changes=CHANGES,
        counts={"admis": 27, "épreuves de contrôle": 5, "ajourné": 8},
        balance_warning="Un seul membre professionnel présent.",
    )
    values.update(changes)
    return Deliberation(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Reading PDFs back


def normal(text: str) -> str:
    """Whitespace collapsed (U+00A0 included), for comparisons."""
    return " ".join(text.split())


def pages_text(data: bytes) -> list[str]:
    return [normal(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@dataclass(frozen=True)
class Run:
    """A piece of text and where the page draws it, in points from the bottom-left corner."""

    text: str
    x: float
    y: float
    size: float


def text_runs(data: bytes, page: int = 0) -> list[Run]:
    """The text drawn straight on the page, with its position (pypdf's visitor)."""
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if not text.strip():
            return
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        runs.append(Run(normal(text), x, y, size * abs(tm[3]) * abs(cm[3] or 1)))

    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return runs
