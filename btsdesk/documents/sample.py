"""Fictional sample data for every document: used by packaging/render_documents.py (to look at
the pages) and benchmarks/documents.py. Every person and address here is invented."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path

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

RULE_2022 = (
    "Pour chaque discipline choisie, la note de l'épreuve de contrôle remplace la "
    "moyenne de la discipline si elle lui est supérieure ; la moyenne générale est "
    "ensuite recalculée et le diplôme est délivré si elle atteint 10 sur 20."
)

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

_PEOPLE = [
    (
        "Mme",
        "N'Diaye",
        "Émilie-Françoise",
        date(2005, 4, 9),
        "Résidence Les Tilleuls, bât. C\n14 avenue de la Division-Leclerc\n94240 L'HAŸ-LES-ROSES",
    ),
    ("M.", "Lefèvre", "Hugo", date(2004, 11, 1), "3 rue Victor-Hugo\n69003 LYON"),
    ("Mme", "Rousseau", "Chloé", date(2005, 2, 17), "27 chemin des Écoliers\n38200 VIENNE"),
    ("M.", "Benali", "Yanis", date(2003, 7, 30), "8 place Bellecour\n69002 LYON"),
    (
        "Mme",
        "Dubois",
        "Inès",
        date(2005, 1, 5),
        "Le Clos fleuri\n12 impasse des Lilas\n01000 BOURG-EN-BRESSE",
    ),
]
_SURNAMES = (
    "Martin",
    "Bernard",
    "Petit",
    "Durand",
    "Leroy",
    "Garcia",
    "Roux",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Chevalier",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Lemaire",
    "Hoarau",
    "Kouassi",
    "Traoré",
    "Da Silva",
    "Le Gall",
    "Ménard",
    "Perrin",
    "Benoît",
    "Œuvray",
    "Collin",
)
_GIVEN = {
    "Mme": (
        "Camille",
        "Sarah",
        "Lina",
        "Jade",
        "Anaïs",
        "Maëlys",
        "Océane",
        "Clémence",
        "Noémie",
        "Héloïse",
        "Éva",
    ),
    "M.": (
        "Mathis",
        "Louis",
        "Gabriel",
        "Raphaël",
        "Noah",
        "Maxime",
        "Jules",
        "Loïc",
        "Jérémy",
        "Étienne",
        "Kylian",
    ),
}
_STREETS = (
    "rue de la République",
    "avenue Jean-Jaurès",
    "boulevard des Belges",
    "chemin de Montauban",
    "rue Pasteur",
    "allée des Cerisiers",
    "quai Saint-Vincent",
)
_TOWNS = (
    "69001 LYON",
    "69100 VILLEURBANNE",
    "69200 VÉNISSIEUX",
    "69500 BRON",
    "38090 VILLEFONTAINE",
    "42000 SAINT-ÉTIENNE",
    "01700 MIRIBEL",
)


def sample_header(*, logo: Path | None = None, signature: Path | None = None) -> Header:
    return Header(
        academie="Académie de Lyon",
        centre_name="Lycée Jean-Moulin",
        centre_address="1 place des Minimes\n69005 Lyon",
        year=2026,
        session_title="Session 2026",
        specialty="BTS Management commercial opérationnel (MCO, 2018)",
        president="Mme Anne Morel, IA-IPR d'économie-gestion",
        place="Lyon",
        regime_rule=RULE_2022,
        logo=logo,
        signature=signature,
    )


def sample_identities(count: int, seed: int = 2026) -> list[Identity]:
    rng = random.Random(seed)
    people = []
    for index in range(count):
        if index < len(_PEOPLE):
            civility, surname, given, born, address = _PEOPLE[index]
        else:
            civility = rng.choice(("Mme", "M."))
            surname = rng.choice(_SURNAMES)
            given = rng.choice(_GIVEN[civility])
            born = date(2003, 1, 1) + timedelta(days=rng.randrange(1100))
            address = f"{rng.randint(1, 140)} {rng.choice(_STREETS)}\n{rng.choice(_TOWNS)}"
        people.append(
            Identity(
                number=f"0262{index + 1:07d}",
                civility=civility,
                surname=surname,
                given_name=given,
                birth_date=born,
                address=address,
                category="A",
            )
        )
    return people


_ORAL_CHOICES = (
    ("E1", "Culture générale et expression", 20, 20),
    ("E3", "Culture économique, juridique et managériale", 20, 20),
    ("E2", "Communication en langue vivante étrangère", 10, 10),
)


def _slot(
    code: str, title: str, prep: int, exam: int, start: datetime, room: str, examiner: str
) -> OralSlot:
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


def sample_convocations(count: int, seed: int = 2026) -> list[Convocation]:
    """Two orals per candidate (regime 2022), on 6 and 7 July 2026, rooms B12 and B14."""
    letters = []
    for index, identity in enumerate(sample_identities(count, seed)):
        first, second = _ORAL_CHOICES[index % 3], _ORAL_CHOICES[(index + 1) % 3]
        day = datetime(2026, 7, 6 + (index // 16) % 2, 8, 0)
        slot = index % 16
        start1 = day + timedelta(minutes=20 * slot)
        start2 = day + timedelta(hours=6, minutes=20 * slot)
        orals = (
            _slot(*first, start1, "B12", "M. Paul Vidal"),
            _slot(*second, start2, "B14", "Mme Claire Besson"),
        )
        letters.append(Convocation(identity=identity, orals=orals, issued_on=date(2026, 7, 3)))
    return letters


def sample_convoked_rows(count: int, seed: int = 2026) -> list[ConvokedRow]:
    return [
        ConvokedRow(identity=letter.identity, oral=oral)
        for letter in sample_convocations(count, seed)
        for oral in letter.orals
    ]


_GENERAL = ("E1", "E21", "E22", "E3")
_PROFESSIONAL = ("E41", "E42", "E5", "E6")
_COEFFICIENTS = {line.code: Fraction(line.coefficient.replace(",", ".")) for line in LINES}


def _french(value: Fraction) -> str:
    """Two decimals, truncated (R7), with a comma."""
    hundredths = value.numerator * 100 // value.denominator
    return f"{hundredths // 100},{hundredths % 100:02d}"


def _average(
    grades: dict[str, Fraction | str], codes: tuple[str, ...], bonus: Fraction = Fraction(0)
) -> Fraction:
    counted = [(code, grades[code]) for code in codes if grades[code] != "DIS"]
    total = sum(
        (_COEFFICIENTS[code] * (g if isinstance(g, Fraction) else 0) for code, g in counted),
        Fraction(0),
    )
    weight = sum((_COEFFICIENTS[code] for code, _g in counted), Fraction(0))
    return (total + bonus) / weight if weight else Fraction(0)


def _results(
    grades: dict[str, Fraction | str], facultative: Fraction | None
) -> tuple[Fraction, Fraction, Fraction]:
    bonus = max(Fraction(0), facultative - 10) if facultative is not None else Fraction(0)
    return (
        _average(grades, _GENERAL),
        _average(grades, _PROFESSIONAL),
        _average(grades, _GENERAL + _PROFESSIONAL, bonus),
    )


def _shown(grade: Fraction | str) -> str:
    return _french(grade) if isinstance(grade, Fraction) else grade


def sample_result_rows(count: int, seed: int = 2026, final: bool = False) -> list[ResultRow]:
    """Grades drawn around a level per candidate; averages and decisions computed from them
    as regime 2022 does (R5, R6, R8, R14, R16), so that the samples read true."""
    rng = random.Random(seed)
    rows = []
    for identity in sample_identities(count, seed):
        level = rng.uniform(6.5, 14.5)
        grades: dict[str, Fraction | str] = {}
        for code in _GENERAL + _PROFESSIONAL:
            centre = level - 1 if code in _GENERAL else level + 1.5
            roll = rng.random()
            if roll < 0.03:
                grades[code] = "ABJ"
            elif roll < 0.05:
                grades[code] = "DIS"
            else:
                grades[code] = Fraction(round(2 * min(20, max(0, rng.gauss(centre, 2.5)))), 2)
        facultative = (
            Fraction(round(2 * min(20, max(0, rng.gauss(level, 3)))), 2)
            if rng.random() < 0.6
            else None
        )
        general, professional, average = _results(grades, facultative)
        if average >= 10:
            decision = "admis"
        elif average >= 8 and professional >= 10:
            decision = "épreuves de contrôle"
        else:
            decision = "ajourné"
        orals: dict[str, str] = {}
        final_average = final_decision = ""
        if decision == "épreuves de contrôle" and final:
            chosen = {code: Fraction(rng.randint(16, 32), 2) for code in ("E1", "E3")}
            replaced = dict(grades)
            for code, oral in chosen.items():
                if oral > _average(grades, (code,)):
                    replaced[code] = oral
            orals = {code: _french(oral) for code, oral in chosen.items()}
            final_value = _results(replaced, facultative)[2]
            final_average = _french(final_value)
            final_decision = "admis" if final_value >= 10 else "ajourné"
        shown = {code: _shown(grade) for code, grade in grades.items()}
        shown["EF1"] = _french(facultative) if facultative is not None else ""
        rows.append(
            ResultRow(
                identity=identity,
                grades=shown,
                general=_french(general),
                professional=_french(professional),
                average=_french(average),
                decision=decision,
                orals=orals,
                final_average=final_average,
                final_decision=final_decision,
                reason=_reason(decision, average, professional),
            )
        )
    return rows


def _reason(decision: str, average: Fraction, professional: Fraction) -> str:
    if decision == "admis":
        return f"Moyenne générale de {_french(average)} sur 20, au moins égale à 10 : admis."
    if decision == "épreuves de contrôle":
        return (
            f"Moyenne générale de {_french(average)}, entre 8 et 10, et moyenne du domaine "
            f"professionnel de {_french(professional)}, au moins égale à 10 : épreuves de "
            "contrôle."
        )
    return f"Moyenne générale de {_french(average)} : ajourné."


def sample_deliberation(
    count: int = 40, *, final: bool = False, header: Header | None = None
) -> Deliberation:
    rows = tuple(sample_result_rows(count, final=final))
    counts: dict[str, int] = {}
    for row in rows:
        label = (row.final_decision or row.decision) if final else row.decision
        counts[label] = counts.get(label, 0) + 1
    order = ("admis", "épreuves de contrôle", "ajourné", "incomplet")
    counts = {label: counts[label] for label in order if label in counts}
    members = (
        Member("Mme Anne Morel", "enseignante (IA-IPR)", "présidente", True),
        Member("M. Paul Vidal", "enseignant", "membre", True),
        Member("Mme Claire Besson", "enseignante", "membre", True),
        Member("M. Karim Haddad", "professionnel", "membre", True),
        Member("Mme Sophie Lenoir", "professionnelle", "membre", False),
    )

    def raised(row: ResultRow, code: str) -> str:
        """« E42 : 8,00 → 8,50 »: the grade shown is the one after the change."""
        after = row.grades[code]
        before = Fraction(after.replace(",", ".")) - Fraction(1, 2)
        return f"{code} : {_french(before)} → {after}"

    changes = (
        GradeChange(
            datetime(2026, 7, 2, 10, 12),
            "Mme Anne Morel",
            f"{rows[1].identity.number} {rows[1].identity.full_name}",
            raised(rows[1], "E1"),
            "Erreur de report de la note de l'examinateur (copie vérifiée).",
        ),
        GradeChange(
            datetime(2026, 7, 2, 10, 40),
            "Mme Anne Morel",
            f"{rows[4].identity.number} {rows[4].identity.full_name}",
            raised(rows[4], "E42"),
            "Le jury, souverain, relève la note au vu du livret scolaire « très "
            "favorable » et de l'assiduité.",
        ),
    )
    return Deliberation(
        header=header or sample_header(),
        stage="final" if final else "premier groupe",
        held_on=date(2026, 7, 2),
        members=members,
        lines=LINES,
        rows=rows,
        changes=changes,
        counts=counts,
        balance_warning=(
            "Équilibre du jury (D643-31) non respecté : un seul membre "
            "professionnel présent pour trois enseignants."
        ),
    )
