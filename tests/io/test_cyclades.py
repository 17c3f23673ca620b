"""Cyclades "Liste simple" import (R3 categories): the real export format, its encodings, and
each refusal with its line and column."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from btsdesk.app.demo import demo_reglement
from btsdesk.core.reglement import parse_specialty
from btsdesk.io.cyclades import category_of, read_cyclades

IMPORTS = Path(__file__).resolve().parents[1] / "data" / "imports"
SAMPLE = IMPORTS / "cyclades-liste-simple.csv"  # copy of /work/shared/data (public, fictional)

# (number, surname, given name, ISO birth date) of the sample, in file order.
SAMPLE_CANDIDATES = [
    ("2011557741", "ALLARD", "Victoire", "2005-04-09"),
    ("2113557743", "COURTOIS", "Louis", "2003-12-04"),
    ("2070557748", "LABBÉ", "Alice", "2002-08-10"),
    ("2073557812", "MALLET", "Vincent", "2004-11-09"),
    ("2009557736", "FOUQUET", "Antoine", "2005-11-20"),
    ("2185615231", "GILLET", "Agathe", "2005-05-29"),
    ("2068557737", "LAROCHE", "Benoît", "2005-01-05"),
    ("2040557739", "LE GOFF", "Anouk", "2005-10-06"),
    ("2095557742", "LEBLANC", "Capucine", "2005-06-27"),
    ("2079557744", "LEJEUNE", "Alain", "2005-05-14"),
    ("2020557747", "MAILLARD", "Adrienne", "2005-06-29"),
    ("2164557752", "MICHAUD", "Caroline", "2005-03-25"),
    ("2154557755", "MOREAU", "Auguste", "2005-04-04"),
    ("2031557758", "MOREL", "Alphonse", "2005-09-12"),
    ("2021557811", "MORENO", "Catherine", "2005-08-14"),
    ("2119599321", "PERRIER", "Arthur", "2005-05-01"),
]


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def identities(preview):
    return [(c.number, c.surname, c.given_name, c.birth_date) for c in preview.candidates]


def test_sample_reads_its_16_candidates():
    preview = read_cyclades(SAMPLE.read_bytes(), SAMPLE.name)
    assert preview.problems == []
    assert identities(preview) == SAMPLE_CANDIDATES
    assert {c.category for c in preview.candidates} == {"A"}  # "SCOLAIRE BACPRO 3 ANS (132)"
    assert all(c.address == "" and c.email == "" for c in preview.candidates)  # "-" is empty


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("cp1252"), id="cp1252"),
        pytest.param(lambda text: text.encode("utf-8-sig"), id="utf8-bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("cp1252"), id="cp1252-crlf"),
    ],
)
def test_sample_reads_the_same_in_other_encodings(encode):
    data = encode(sample_text())
    assert data != SAMPLE.read_bytes()
    preview = read_cyclades(data, "export.csv")
    assert preview.problems == []
    assert identities(preview) == SAMPLE_CANDIDATES  # LABBÉ and Benoît keep their accents


def test_sample_as_xlsx_with_real_dates():
    book = openpyxl.Workbook()
    sheet = book.active
    for line in sample_text().splitlines():
        cells: list[object] = line.split(";")
        if len(cells) > 7 and cells[1].isdigit():
            day, month, year = (int(part) for part in str(cells[7]).split("/"))
            cells[7] = date(year, month, day)
            cells[1] = int(str(cells[1]))  # a spreadsheet turns the number into a number
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    preview = read_cyclades(buffer.getvalue(), "export.xlsx")
    assert preview.problems == []
    assert identities(preview) == SAMPLE_CANDIDATES


def test_warns_about_another_specialty():
    specialty = parse_specialty(demo_reglement())
    preview = read_cyclades(SAMPLE.read_bytes(), SAMPLE.name, specialty=specialty)
    assert preview.problems == []
    assert len(preview.candidates) == 16
    assert any(
        "Métiers de l'accueil" in warning and "MCO" in warning for warning in preview.warnings
    )


def test_categories_usage_name_email_and_address():
    path = IMPORTS / "cyclades-categories.csv"
    preview = read_cyclades(path.read_bytes(), path.name)
    assert preview.problems == []
    by_number = {c.number: c for c in preview.candidates}
    assert [by_number[f"026100000{i}"].category for i in range(1, 7)] == [
        "A",
        "A",
        "C",
        "C",
        "A",
        "C",
    ]
    # « Nom de famille » MARTIN, « Nom d'usage » DURAND: both kept, apart (issue 12)
    assert (by_number["0261000002"].surname, by_number["0261000002"].usage_name) == (
        "MARTIN",
        "DURAND",
    )
    assert (by_number["0261000001"].surname, by_number["0261000001"].usage_name) == ("DUPONT", "")
    assert by_number["0261000001"].email == "jeanne.dupont@example.fr"
    assert by_number["0261000001"].address == "12 rue des Lilas\n75011 Paris"
    assert by_number["0261000002"].address == ""
    assert by_number["0261000001"].birth_date == "2006-02-01"
    assert preview.warnings == [
        "ligne 8 : formation continue mise en catégorie A ; vérifiez si "
        "la catégorie B (CCF étendu) ou C (non habilitée) s'applique "
        "(R3)"
    ]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("SCOLAIRE BACPRO 3 ANS (132)", ("A", False)),
        ("Scolaire lycée privé sous contrat", ("A", False)),
        ("SCOLAIRE LYCEE PRIVE HORS CONTRAT", ("C", False)),
        ("APPRENTI CFA", ("A", False)),
        ("APPRENTI CFA NON HABILITÉ", ("C", False)),
        ("CNED", ("C", False)),
        ("Enseignement à distance", ("C", False)),
        ("INDIVIDUEL", ("C", False)),
        ("FORMATION CONTINUE", ("A", True)),
        (" b ", ("B", False)),
        ("CANDIDAT LIBRE", ("C", False)),
        ("INCONNUE", None),
    ],
)
def test_category_labels(label, expected):
    assert category_of(label) == expected


def with_line(text: str, old: str, new: str) -> bytes:
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def test_unknown_category_names_line_column_and_the_categories():
    data = with_line(
        sample_text(),
        "'TMA';2113557743;002 Version 3; -;COURTOIS; -;Louis;"
        "04/12/2003;'TMA';820350516HB;SCOLAIRE BACPRO 3 ANS (132)",
        "'TMA';2113557743;002 Version 3; -;COURTOIS; -;Louis;04/12/2003;'TMA';"
        "820350516HB;STAGIAIRE",
    )
    preview = read_cyclades(data, "export.csv")
    assert len(preview.problems) == 1
    text = str(preview.problems[0])
    assert text.startswith(
        "ligne 11, colonne « Catégorie Candidat » (K) : catégorie « STAGIAIRE » "
        "inconnue ; catégories possibles : A ("
    )
    assert "B (" in text
    assert "C (" in text


def test_duplicate_number_names_both_lines():
    lines = sample_text().splitlines()
    data = "\n".join([*lines, lines[9]]).encode("utf-8")  # line 10 again, as line 26
    preview = read_cyclades(data, "export.csv")
    assert [str(p) for p in preview.problems] == [
        "ligne 26, colonne « N° Candidat » (B) : candidat 2011557741 en double (déjà à la ligne 10)"
    ]


def test_invalid_birth_date():
    data = with_line(sample_text(), "09/04/2005", "31/02/2005")
    preview = read_cyclades(data, "export.csv")
    assert [str(p) for p in preview.problems] == [
        "ligne 10, colonne « Date de Naissance » (H) : date « 31/02/2005 » invalide "
        "(attendu : jj/mm/aaaa)"
    ]


def test_every_problem_is_listed_not_only_the_first():
    text = sample_text().replace("09/04/2005", "9 avril").replace(";2070557748;", "; -;")
    preview = read_cyclades(text.encode("utf-8"), "export.csv")
    assert [(p.line, p.column) for p in preview.problems] == [
        (10, "Date de Naissance"),
        (12, "N° Candidat"),
    ]
    assert len(preview.candidates) == 14  # the preview shows what is fine, but see problems


def test_a_file_without_cyclades_header_is_refused():
    preview = read_cyclades(b"Nom;Prenom\nDUPONT;Jeanne\n", "liste.csv")
    assert [str(p) for p in preview.problems] == [
        "en-tête Cyclades introuvable : aucune ligne ne contient la colonne « N° Candidat » "
        "(attendu : un export « Liste simple » de Cyclades)"
    ]
