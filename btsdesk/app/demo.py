"""A realistic, fictional demo session (MCO 2018, categories A and C) in the exchange format.

The first candidates are written by hand so that the demo always shows the cases a jury
meets: exactly 10, just under and over 10 and 8, ABS, ABJ, a dispensed line, a facultative
LV2, a grade not yet entered. The others are drawn from a seeded generator (integers only).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from btsdesk.paths import reglements_dir

DEMO_REGLEMENT = "mco-2018"
LINES = ("E1", "E21", "E22", "E3", "E41", "E42", "E5", "E6")

# (civilité, nom, prénom, catégorie, notes E1…E6 in LINES order, LV2 facultative or None)
_HANDMADE: list[tuple[str, str, str, str, tuple[str, ...], str | None]] = [
    (
        "Mme",
        "N'Diaye",
        "Émilie-Françoise",
        "A",
        ("9,5", "10", "10", "10", "10", "10", "10", "10"),
        None,
    ),  # 9,92, prof. 10: contrôle
    ("M.", "Lefèvre", "Hugo", "A", ("10",) * 8, None),  # exactly 10: admis
    (
        "Mme",
        "Rousseau",
        "Chloé",
        "C",
        ("10,5", "10", "10", "10", "10", "10", "10", "10"),
        None,
    ),  # 10,07: admis
    (
        "M.",
        "Benali",
        "Yanis",
        "A",
        ("3,5", "5", "6", "5", "10,5", "10,5", "10,5", "10,5"),
        None,
    ),  # exactly 8: contrôle
    (
        "Mme",
        "Dubois",
        "Inès",
        "A",
        ("3", "5", "6", "5", "10,5", "10,5", "10,5", "10,5"),
        None,
    ),  # 7,92: ajourné
    (
        "M.",
        "Moreau",
        "Théo",
        "C",
        ("11", "12", "10", "11", "8", "7,5", "8", "9"),
        None,
    ),  # 9,35, prof. 8,12
    (
        "Mme",
        "Garnier",
        "Léa",
        "A",
        ("8,5", "ABJ", "11", "7", "12", "10,5", "6", "13"),
        "14",
    ),  # §6 worked example
    (
        "M.",
        "Faure",
        "Nathan",
        "A",
        ("12", "13", "14", "ABS", "11", "12", "13", "12"),
        None,
    ),  # ABS: ajourné
    (
        "Mme",
        "Lambert",
        "Zoé",
        "A",
        ("9", "10", "11", "DIS", "10,5", "11", "9,5", "10"),
        "12,5",
    ),  # dispensed E3
    (
        "M.",
        "Girard",
        "Lucas",
        "C",
        ("12", "11", "12,5", "10", "9", "10", "11", ""),
        None,
    ),  # E6 not yet entered
    (
        "Mme",
        "Bonnet",
        "Manon",
        "A",
        ("9", "9,5", "10", "9", "10", "10", "10", "10"),
        "8",
    ),  # LV2 below 10: no bonus
    (
        "M.",
        "Mercier",
        "Enzo",
        "A",
        ("9,75", "10", "10", "9,75", "10", "10", "10", "10"),
        "11",
    ),  # 9,92 + bonus → 9,97
]

_SURNAMES = (
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Leroy",
    "Simon",
    "Laurent",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefebvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Gautier",
    "Roger",
    "Roche",
    "Hoarau",
    "Kouassi",
    "Traoré",
    "Da Silva",
    "Le Gall",
    "Ménard",
    "Perrin",
    "Benoît",
    "Collin",
)
_GIVEN = {
    "Mme": (
        "Camille",
        "Sarah",
        "Lina",
        "Jade",
        "Louise",
        "Anaïs",
        "Maëlys",
        "Océane",
        "Clémence",
        "Yasmine",
        "Noémie",
        "Héloïse",
        "Agathe",
        "Margaux",
        "Éva",
    ),
    "M.": (
        "Mathis",
        "Louis",
        "Gabriel",
        "Raphaël",
        "Adam",
        "Noah",
        "Maxime",
        "Jules",
        "Rayan",
        "Kylian",
        "Bastien",
        "Loïc",
        "Jérémy",
        "Mehdi",
        "Étienne",
    ),
}


def demo_reglement() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (reglements_dir() / f"{DEMO_REGLEMENT}.json").read_text(encoding="utf-8")
    )
    return data


def demo_session(count: int = 40, *, regime: str = "2022", seed: int = 2026) -> dict[str, Any]:
    """A demo session of ``count`` candidates, as a §6 exchange object with session details."""
    rng = random.Random(seed)
    candidates = []
    for index in range(count):
        number = f"0262{index + 1:07d}"
        if index < len(_HANDMADE):
            civility, surname, given, category, grades, lv2 = _HANDMADE[index]
        else:
            civility = rng.choice(("Mme", "M."))
            surname = rng.choice(_SURNAMES)
            given = rng.choice(_GIVEN[civility])
            category = "C" if rng.randrange(5) == 0 else "A"
            grades, lv2 = _random_grades(rng)
        entry: dict[str, Any] = {
            "number": number,
            "civility": civility,
            "surname": surname,
            "given_name": given,
            "category": category,
            "grades": {code: value for code, value in zip(LINES, grades, strict=True) if value},
        }
        if lv2 is not None:
            entry["grades"]["EF1"] = lv2
        candidates.append(entry)
    return {
        "regime": regime,
        "session": {
            "year": 2026,
            "academie": "Académie de Villefictive",
            "centre": "Lycée Jean-Moulin, 12 rue des Écoles, 99000 Villefictive",
            "title": "Session de démonstration",
            "proclamation": "2026-07-03",
        },
        "specialty": demo_reglement(),
        "general_oral_levels": 1,
        "candidates": candidates,
    }


def _random_grades(rng: random.Random) -> tuple[tuple[str, ...], str | None]:
    """Grades in half points around an ability, integers only (R4)."""
    ability = rng.randint(12, 30)  # half points: 6 to 15
    grades = []
    for _ in LINES:
        half_points = min(40, max(0, ability + rng.randint(-7, 7)))
        grades.append(_half_points_text(half_points))
    if rng.randrange(25) == 0:
        grades[rng.randrange(len(grades))] = "ABJ"
    lv2 = _half_points_text(rng.randint(10, 34)) if rng.randrange(3) == 0 else None
    return tuple(grades), lv2


def _half_points_text(half_points: int) -> str:
    return f"{half_points // 2},5" if half_points % 2 else str(half_points // 2)


def create_demo_file(
    path: Path, count: int = 40, *, regime: str = "2022", seed: int = 2026
) -> Path:
    """A demo session file: the demo candidates and grades, written as an import would."""
    from btsdesk.core.exactjson import load_json
    from btsdesk.core.records import Candidate, GradeChange, SessionDetails
    from btsdesk.io.exchange import read_session
    from btsdesk.store.session import SessionStore

    data = demo_session(count, regime=regime, seed=seed)
    exchange = read_session(load_json(json.dumps(data)))
    details = SessionDetails(
        year=2026,
        specialty_code="MCO",
        regime=regime,
        academie=data["session"]["academie"],
        centre=data["session"]["centre"],
        title=data["session"]["title"],
        proclamation=data["session"]["proclamation"],
    )
    people = data["candidates"]
    with (
        SessionStore.create(
            path,
            reglement=data["specialty"],
            details=details,
            operator="Secrétariat (démonstration)",
        ) as store,
        store.transaction(),
    ):
        store.add_candidates(
            [
                Candidate(
                    number=p["number"],
                    civility=p["civility"],
                    surname=p["surname"],
                    given_name=p["given_name"],
                    category=p["category"],
                )
                for p in people
            ],
            source="démonstration",
        )
        store.apply_grades(
            [
                GradeChange(c.number, code, entry)
                for c in exchange.candidates
                for code, entry in c.grades.items()
            ],
            origin="import",
            source="démonstration",
        )
    return path
