"""Grade sheets (R1, R2): every cell read like a grade typed by hand, every problem listed with
its line and column, floats of a spreadsheet never leaking into grades."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from btsdesk.app.demo import demo_reglement
from btsdesk.core.grades import Code
from btsdesk.core.reglement import parse_specialty
from btsdesk.io.grade_sheet import read_grade_sheet
from btsdesk.io.tabular import cell_text as _cell_text
from btsdesk.store.session import GradeChange

IMPORTS = Path(__file__).resolve().parents[1] / "data" / "imports"
SPECIALTY = parse_specialty(demo_reglement())
KNOWN = {"0262000001", "0262000002", "0262000003"}


def read(data: bytes, filename: str = "notes.csv", current=None):
    return read_grade_sheet(data, filename, SPECIALTY, KNOWN, current or {})


def csv(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems(preview) -> list[str]:
    return [str(problem) for problem in preview.problems]


def test_french_commas_and_codes():
    path = IMPORTS / "notes-virgules.csv"
    preview = read(path.read_bytes(), path.name)
    assert problems(preview) == []
    assert preview.changes == [
        GradeChange("0262000001", "E1", 850),
        GradeChange("0262000001", "E21", Code.ABJ),
        GradeChange("0262000001", "E22", 1100),
        GradeChange("0262000001", "E3", 700),
        GradeChange("0262000001", "E41", 1250),
        GradeChange("0262000001", "EF1", 1400),
        GradeChange("0262000002", "E1", 1200),
        GradeChange("0262000002", "E21", 1300),
        GradeChange("0262000002", "E22", 1400),
        GradeChange("0262000002", "E3", Code.ABS),
        GradeChange("0262000003", "E1", 900),
        GradeChange("0262000003", "E21", 1000),
        GradeChange("0262000003", "E22", 1100),
        GradeChange("0262000003", "E3", Code.DIS),
        GradeChange("0262000003", "E41", 1050),
        GradeChange("0262000003", "EF1", 1250),
    ]
    assert preview.replaced == []


def test_xlsx_floats_and_integers_are_exact():
    data = xlsx(
        [
            ["N° candidat", "E1", "E21", "E22"],
            ["0262000001", 12.5, 14, 9.99],
            [262000002, 20.0, "abs", None],
        ]
    )
    preview = read(data, "notes.xlsx")
    assert problems(preview) == []
    assert preview.changes == [
        GradeChange("0262000001", "E1", 1250),
        GradeChange("0262000001", "E21", 1400),
        GradeChange("0262000001", "E22", 999),
        GradeChange("0262000002", "E1", 2000),
        GradeChange("0262000002", "E21", Code.ABS),
    ]  # 262000002: the leading zero was lost
    assert preview.warnings == [
        "1 numéro(s) complété(s) des zéros de tête perdus par le tableur (262000002 → 0262000002)"
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12.5, "12.5"),
        (14, "14"),
        (12.0, "12"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e-05, "0.00001"),
        (2011557741, "2011557741"),
        (date(2005, 4, 9), "09/04/2005"),
        (datetime(2005, 4, 9), "09/04/2005"),
        (None, ""),
        (" ABJ ", "ABJ"),
    ],
)
def test_spreadsheet_values_become_the_text_a_person_would_type(value, text):
    assert _cell_text(value) == text


def test_xlsx_refuses_more_than_two_decimals():
    preview = read(xlsx([["N° candidat", "E1"], ["0262000001", 12.345]]), "notes.xlsx")
    assert problems(preview) == [
        "ligne 2, colonne « E1 » (B) : note « 12.345 » illisible (attendu : "
        "un nombre de 0 à 20, deux décimales au plus, ou ABS, ABJ, DIS)"
    ]
    assert preview.changes == []


def test_columns_by_code_unit_or_title_without_case_accents_or_spaces():
    data = csv(
        "numero;NOM;Culture generale  et expression;u21;e 22;E41 - Développement de la "
        "relation client et vente conseil;Moyenne",
        "0262000001;GARNIER;10;11;12;13;11,50",
    )
    preview = read(data)
    assert problems(preview) == []
    assert [(c.line_code, c.entry) for c in preview.changes] == [
        ("E1", 1000),
        ("E21", 1100),
        ("E22", 1200),
        ("E41", 1300),
    ]


def test_empty_cells_change_nothing_and_equal_grades_are_not_changes():
    current = {"0262000001": {"E1": 1200, "E21": Code.ABJ, "E22": 900}}
    data = csv("N° Candidat;E1;E21;E22", "0262000001;12,00;abj;")
    preview = read(data, current=current)
    assert problems(preview) == []
    assert preview.changes == []
    assert preview.unchanged == 2


def test_replaced_grades_carry_their_old_value():
    current = {"0262000001": {"E1": 1200, "E21": 800}, "0262000002": {}}
    data = csv("N° Candidat;E1;E21;E22", "0262000001;14,5;ABJ;10", "0262000002;;;9")
    preview = read(data, current=current)
    assert preview.replaced == [
        (GradeChange("0262000001", "E1", 1450), 1200),
        (GradeChange("0262000001", "E21", Code.ABJ), 800),
    ]
    assert len(preview.changes) == 4


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ("N° candidat;E1;E3", "0262000001;12;21"),
            ["ligne 2, colonne « E3 » (C) : note « 21 » supérieure à 20"],
        ),
        (
            ("N° candidat;E1;E3", "0262000001;1O;12"),
            [
                "ligne 2, colonne « E1 » (B) : note « 1O » illisible (attendu : un nombre de 0 "
                "à 20, deux décimales au plus, ou ABS, ABJ, DIS)"
            ],
        ),
        (
            ("N° candidat;E1", "0262000001;12", "0262000002;13", "0262000001;14"),
            [
                "ligne 4, colonne « N° candidat » (A) : candidat 0262000001 en double "
                "(déjà à la ligne 2)"
            ],
        ),
        (
            ("N° candidat;E1;Sport", "0262000001;12;15"),
            [
                "ligne 1, colonne « Sport » (C) : colonne inconnue : ni une épreuve de la "
                "spécialité (E1, E21, E22, E3, E41, E42, E5, E6, EF1, EF2, EF3, EE), ni une "
                "colonne d'identité "
                "(Nom, Prénom…)"
            ],
        ),
        (
            ("N° candidat;E1", "0262000009;12"),
            [
                "ligne 2, colonne « N° candidat » (A) : candidat « 0262000009 » inconnu dans la "
                "session"
            ],
        ),
        (
            ("N° candidat;E1;E1", "0262000001;12;13"),
            ["ligne 1, colonne « E1 » (C) : épreuve E1 déjà donnée par la colonne « E1 »"],
        ),
        (
            ("Nom;E1", "GARNIER;12"),
            ["colonne du numéro de candidat introuvable (attendu : une colonne « N° candidat »)"],
        ),
        (
            ("N° candidat;Nom", "0262000001;GARNIER"),
            [
                "ligne 1 : aucune colonne d'épreuve (attendu : le code de l'épreuve, par "
                "exemple « E1 », ou son intitulé)"
            ],
        ),
        (
            ("N° candidat;E1;", "0262000001;12;13"),
            [
                "ligne 2, colonne C (champ n° 3) : valeur « 13 » dans une colonne qui n'a pas "
                "de titre"
            ],
        ),
        (
            ("N° candidat;Nom;E1", ";GARNIER;12"),
            ["ligne 2, colonne « N° candidat » (A) : numéro de candidat manquant"],
        ),
        ((), ["fichier vide"]),
    ],
    ids=[
        "21",
        "1O",
        "duplicate",
        "unknown-column",
        "unknown-candidate",
        "column-twice",
        "no-number-column",
        "no-epreuve-column",
        "untitled-value",
        "missing-number",
        "empty",
    ],
)
def test_refusals_name_line_and_column(lines, expected):
    preview = read(csv(*lines))
    assert problems(preview) == expected


def test_all_bad_cells_are_listed():
    data = csv(
        "N° candidat;E1;E21;E22",
        "0262000001;21;12;-1",
        "0262000002;12;x;13",
        "0262000003;ABS;DIS;20,001",
    )
    preview = read(data)
    assert [(p.line, p.column) for p in preview.problems] == [
        (2, "E1"),
        (2, "E22"),
        (3, "E21"),
        (4, "E22"),
    ]


def test_binary_and_pdf_files_are_refused():
    garbage = read(bytes(range(256)) * 4, "notes.csv")
    assert problems(garbage) == [
        "« notes.csv » n'est ni un fichier CSV ni un classeur Excel "
        "(.xlsx) (contenu binaire illisible)"
    ]
    png = read(b"\x89PNG\r\n\x1a\n" + bytes(40), "notes.png")
    assert problems(png) == [
        "« notes.png » n'est ni un fichier CSV ni un classeur Excel "
        "(.xlsx) (contenu binaire illisible)"
    ]
    pdf = read(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "notes.pdf")
    assert problems(pdf) == [
        "« notes.pdf » est un document PDF, pas un tableau : exportez la "
        "liste en CSV ou en classeur Excel (.xlsx)"
    ]
    broken = read(b"PK\x03\x04" + bytes(100), "notes.xlsx")
    assert problems(broken) == [
        "« notes.xlsx » n'est ni un fichier CSV ni un classeur Excel (.xlsx)"
    ]


def test_comma_and_tab_separated_sheets():
    comma = read(csv("N° candidat,E1,E21", '0262000001,"12,5",13'))
    tab = read(csv("N° candidat\tE1\tE21", "0262000001\t12,5\t13"))
    for preview in (comma, tab):
        assert problems(preview) == []
        assert [(c.line_code, c.entry) for c in preview.changes] == [("E1", 1250), ("E21", 1300)]
