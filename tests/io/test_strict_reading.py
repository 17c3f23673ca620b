"""Issue 12, strict reading: a file that cannot be read whole is refused naming the line,
never read in part (a quote left open, a field too many, mixed or unreadable encodings,
a formula without value, a workbook with several sheets, leading zeros lost)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from btsdesk.app.demo import demo_reglement
from btsdesk.core.reglement import parse_specialty
from btsdesk.io.class_import import read_class_list
from btsdesk.io.cyclades import read_cyclades
from btsdesk.io.grade_sheet import read_grade_sheet

IMPORTS = Path(__file__).resolve().parents[1] / "data" / "imports"
CYCLADES = (IMPORTS / "cyclades-liste-simple.csv").read_text(encoding="utf-8")
SPECIALTY = parse_specialty(demo_reglement())
KNOWN = {"0262000001", "0262000002", "0262000003"}


def cyclades_lines() -> list[str]:
    return CYCLADES.splitlines()


def sheet(data: bytes, filename: str = "notes.csv", **kwargs):
    return read_grade_sheet(data, filename, SPECIALTY, KNOWN, {}, **kwargs)


def only_problem(preview) -> str:
    assert len(preview.problems) == 1, preview.problems
    return str(preview.problems[0])


# -- a quote left open --------------------------------------------------------------------


def test_a_quote_left_open_in_a_cyclades_list_refuses_it_naming_the_line():
    lines = cyclades_lines()
    lines[14] = lines[14].replace(";", ';"', 1)  # the 6th candidate, line 15
    preview = read_cyclades("\n".join(lines).encode("utf-8"), "liste.csv")
    message = only_problem(preview)
    # The quote opens the number's cell (column B, « N° Candidat »), on line 15.
    assert message.startswith('ligne 15, colonne « N° Candidat » (B) : guillemet (") ouvert')
    assert "jamais fermé" in message
    assert preview.candidates == []


def test_a_quote_left_open_in_a_grade_sheet_refuses_it_naming_the_line():
    data = "\n".join(["N° candidat;E1", "0262000001;12", '0262000002;"13', "0262000003;14"]).encode(
        "utf-8"
    )
    preview = sheet(data)
    assert only_problem(preview).startswith('ligne 3, colonne « E1 » (B) : guillemet (") ouvert')
    assert preview.changes == []


def test_a_quote_closed_lines_later_is_refused_too():
    data = "\n".join(
        ["N° candidat;E1", '0262000001;"12', "0262000002;13", '0262000003;14"']
    ).encode("utf-8")
    message = only_problem(sheet(data))
    assert message.startswith('ligne 2, colonne « E1 » (B) : guillemet (") ouvert fermé')
    assert "ligne 4" in message


def test_a_quote_left_open_in_a_class_list_refuses_it_naming_the_line():
    data = "\n".join(["N°;Nom;Prénom", "1;MARTIN;Léa", '2;"DURAND;Paul', "3;PETIT;Jean"]).encode(
        "utf-8"
    )
    preview = read_class_list(data, "classe.csv")
    assert only_problem(preview).startswith('ligne 3, colonne « Nom » (B) : guillemet (") ouvert')
    assert preview.students == []


def test_a_quoted_cell_over_two_lines_without_separator_is_still_read():
    data = "\n".join(["N°;Nom;Prénom", '1;"MARTIN\nDUPONT";Léa']).encode("utf-8")
    preview = read_class_list(data, "classe.csv")
    assert preview.problems == []
    assert preview.students[0].surname == "MARTIN\nDUPONT"


# -- a line with too many fields -----------------------------------------------------------


def test_a_line_with_too_many_fields_is_refused_in_a_cyclades_list():
    lines = cyclades_lines()
    lines[11] += ";en trop"
    preview = read_cyclades("\n".join(lines).encode("utf-8"), "liste.csv")
    # The header has 15 columns (A–O): the value in trop is in the 16th, column P.
    assert only_problem(preview) == (
        "ligne 12, colonne P (champ n° 16) : 16 champs alors que l'en-tête (ligne 9) a 15 "
        "colonnes : un séparateur ou un guillemet de trop sur cette ligne ? (valeur « en "
        "trop » au-delà de la dernière colonne)"
    )


def test_a_line_with_too_many_fields_is_refused_in_a_class_list():
    data = "\n".join(["N°;Nom;Prénom", "1;MARTIN;Léa;12"]).encode("utf-8")
    assert only_problem(read_class_list(data, "classe.csv")).startswith(
        "ligne 2, colonne D (champ n° 4) : 4 champs"
    )


def test_a_line_with_too_many_fields_is_refused_in_a_grade_sheet():
    data = "N° candidat;E1\n0262000001;12;13\n".encode()
    assert only_problem(sheet(data)) == (
        "ligne 2, colonne C (champ n° 3) : valeur « 13 » dans une colonne qui n'a pas de "
        "titre (au-delà de la dernière colonne de l'en-tête : un séparateur de trop ?)"
    )


# -- encodings -------------------------------------------------------------------------------


def test_one_utf8_line_in_a_cp1252_file_is_refused_naming_it_not_mojibake():
    lines = cyclades_lines()
    assert "LABBÉ" in lines[11]
    encoded = [line.encode("utf-8" if i == 11 else "cp1252") for i, line in enumerate(lines)]
    preview = read_cyclades(b"\n".join(encoded), "liste.csv")
    message = only_problem(preview)
    # « LABBÉ » is the family name, column E of the Cyclades header.
    assert message.startswith(
        "ligne 12, colonne « Nom de famille » (E) : encodages mélangés : cette ligne est en UTF-8"
    )
    assert "encodages mélangés" in message
    assert preview.candidates == []


def test_one_cp1252_line_in_a_utf8_file_is_refused_naming_it():
    data = "N° candidat;Nom\n".encode() + "0262000001;Hélène\n".encode("cp1252")
    data += "0262000002;Zoé\n0262000003;Chloé\n".encode()
    message = only_problem(sheet(data))
    assert message.startswith("ligne 2, colonne « Nom » (B) : encodages mélangés")


def test_an_undecodable_byte_is_refused_naming_the_line():
    data = "N° candidat;E1\n0262000001;12\n".encode("cp1252") + b"0262000002;\x81\n"
    message = only_problem(sheet(data))
    assert message.startswith("ligne 3, colonne « E1 » (B) : octet 0x81 illisible")


# -- workbooks -------------------------------------------------------------------------------


def workbook(sheets: dict[str, list[list[object]]], *, hidden: tuple[str, ...] = ()) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    book.active = len(sheets) - 1  # the last sheet active: never taken for that
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GRADES = [["N° candidat", "E1"], ["0262000001", "12"]]
OTHER = [["N° candidat", "E1"], ["0262000002", "15"]]


def test_a_formula_without_computed_value_is_refused_naming_the_cell():
    # openpyxl writes formulas without their value, like any program that is no spreadsheet.
    data = workbook({"Notes": [["N° candidat", "E1"], ["0262000001", "=10+2"]]})
    message = only_problem(sheet(data, "notes.xlsx"))
    assert message.startswith(
        "ligne 2, colonne « E1 » (B) : formule « =10+2 » sans valeur calculée"
    )


def test_a_workbook_with_two_filled_sheets_is_refused_until_one_is_named():
    data = workbook({"Groupe 1": GRADES, "Groupe 2": OTHER})
    message = only_problem(sheet(data, "notes.xlsx"))
    assert "plusieurs feuilles remplies (« Groupe 1 », « Groupe 2 »)" in message
    assert "--feuille" in message
    preview = sheet(data, "notes.xlsx", sheet="groupe 1")  # case aside
    assert preview.problems == []
    assert [(c.number, c.entry) for c in preview.changes] == [("0262000001", 1200)]
    preview = sheet(data, "notes.xlsx", sheet="Groupe 3")
    assert "pas de feuille « Groupe 3 » (feuilles : « Groupe 1 », « Groupe 2 »)" in (
        only_problem(preview)
    )


def test_hidden_and_empty_sheets_do_not_count():
    data = workbook({"Notes": GRADES, "Vide": [], "Brouillon": OTHER}, hidden=("Brouillon",))
    preview = sheet(data, "notes.xlsx")
    assert preview.problems == []
    assert [c.number for c in preview.changes] == ["0262000001"]


def test_a_sheet_named_for_a_csv_file_is_refused():
    data = "N° candidat;E1\n0262000001;12\n".encode()
    assert "n'est pas un classeur" in only_problem(sheet(data, sheet="Notes"))


# -- leading zeros lost by a spreadsheet -----------------------------------------------------


def cyclades_with_numbers(numbers: dict[str, str]) -> bytes:
    text = CYCLADES
    for old, new in numbers.items():
        assert f";{old};" in text
        text = text.replace(f";{old};", f";{new};")
    return text.encode("utf-8")


def test_numbers_shorter_than_most_are_restored_with_a_warning():
    data = cyclades_with_numbers({"2011557741": "0011557741", "2113557743": "0113557743"})
    data = data.replace(b";0011557741;", b";11557741;").replace(b";0113557743;", b";113557743;")
    preview = read_cyclades(data, "liste.csv")
    assert preview.problems == []
    numbers = [c.number for c in preview.candidates]
    assert numbers[:2] == ["0011557741", "0113557743"]
    assert len(numbers) == 16
    assert any(
        "2 numéro(s) complété(s) des zéros de tête" in w and "11557741 → 0011557741" in w
        for w in preview.warnings
    )


def test_numbers_of_many_lengths_are_refused_with_a_clear_message():
    lines = cyclades_lines()
    for index, short in zip(range(9, 25), ["1", "22", "333"] * 6, strict=False):
        cells = lines[index].split(";")
        cells[1] = short + str(index)
        lines[index] = ";".join(cells)
    preview = read_cyclades("\n".join(lines).encode("utf-8"), "liste.csv")
    assert preview.candidates == [] or preview.problems
    assert any("zéros de tête ont sans doute été perdus" in str(p) for p in preview.problems)
    assert all(str(p).startswith("ligne ") for p in preview.problems)


def test_a_refusal_lists_the_first_problems_and_counts_the_others():
    from btsdesk.io.importing import describe
    from btsdesk.io.problems import SHOWN, ImportRefused

    lines = ["N° candidat;E1"] + [f"{n:010d};99" for n in range(1, 1201)]
    preview = read_grade_sheet(
        "\n".join(lines).encode(), "notes.csv", SPECIALTY, {f"{n:010d}" for n in range(1, 1201)}, {}
    )
    assert len(preview.problems) == SHOWN  # kept; the others only counted
    assert preview.problems.more == 1150
    message = str(ImportRefused(preview.problems))
    assert message.splitlines()[0] == "import refusé, rien n'a été modifié (1\u202f200 problèmes)"
    assert len(message.splitlines()) == SHOWN + 2
    assert message.endswith("- … et 1\u202f150 autres")
    assert describe(preview).endswith("  … et 1\u202f150 autres")


# -- every refusal names its column (issue 12) ------------------------------------------------


def test_bad_values_nan_and_unknown_codes_name_line_and_column():
    data = "N° candidat;Nom;E1;E3\n0262000001;GARNIER;NaN;ABX\n".encode()
    expected = (
        "note « {} » illisible (attendu : un nombre de 0 à 20, deux décimales au plus, ou "
        "ABS, ABJ, DIS)"
    )
    assert [str(p) for p in sheet(data).problems] == [
        "ligne 2, colonne « E1 » (C) : " + expected.format("NaN"),
        "ligne 2, colonne « E3 » (D) : " + expected.format("ABX"),
    ]


def test_a_control_character_names_its_line_and_column():
    data = "N° candidat;E1\n0262000001;12\n0262000002;1\x012\n".encode()
    assert only_problem(sheet(data)).startswith(
        "ligne 3, colonne « E1 » (B) : caractère de contrôle 0x01, invisible"
    )


def test_column_letters_go_on_past_z():
    from btsdesk.io.problems import column_letter

    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


# -- bounded memory: read one row at a time, problems counted past the shown ones ----------


def test_a_file_unreadable_at_its_end_is_refused_for_that_alone():
    # 300 bad grades first, then a quote never closed on the last line: the file cannot be
    # read whole, which is all that is said (the grades above may be shifted by it).
    numbers = sorted(KNOWN)
    lines = ["N° candidat;E1"] + [f"{numbers[i % 3]};25" for i in range(300)]
    lines.append('0262000001;"12')
    message = only_problem(sheet("\n".join(lines).encode()))
    assert message.startswith('ligne 302, colonne « E1 » (B) : guillemet (") ouvert jamais fermé')


def test_problems_keep_the_first_ones_and_count_the_rest():
    from btsdesk.io.problems import SHOWN, ImportRefused, Problem, Problems

    problems = Problems(Problem(n, None, "x") for n in range(1, 1001))
    assert len(problems) == SHOWN
    assert problems.more == 950
    assert problems.total == 1000
    problems.insert(0, Problem(None, None, "session close"))
    assert problems[0].message == "session close"
    assert problems.total == 1001
    assert problems[-1].line == SHOWN - 1
    merged = Problems([Problem(None, None, "avant")])
    merged.extend(problems)
    assert merged.total == 1002
    assert str(ImportRefused(merged)).splitlines()[0] == (
        "import refusé, rien n'a été modifié (1\u202f002 problèmes)"
    )


def test_the_header_is_looked_for_near_the_top_only():
    data = ("Titre\n" * 60 + "N° candidat;E1\n0262000001;12\n").encode()
    assert only_problem(sheet(data)) == (
        "colonne du numéro de candidat introuvable (attendu : une colonne « N° candidat » "
        "dans les 50 premières lignes)"
    )


def test_a_long_xlsx_sheet_is_read_row_by_row_with_its_formulas_checked():
    rows = [["N° candidat", "E1"]] + [["0262000001", "=10+2"]] * 120
    preview = sheet(workbook({"Notes": rows}), "notes.xlsx")
    assert len(preview.problems) == 50
    assert preview.problems.more == 70
    assert str(preview.problems[0]).startswith("ligne 2, colonne « E1 » (B) : formule « =10+2 »")
    assert str(preview.problems[-1]).startswith("ligne 51, colonne « E1 » (B) : formule")


def test_utf16_problems_name_their_line():
    text = "N° candidat;E1\n0262000001;12\n0262000002;1\x013\n"
    assert only_problem(sheet(text.encode("utf-16"))).startswith(
        "ligne 3 : caractère de contrôle, invisible"
    )
    damaged = "N° candidat;E1\n0262000001;12\n".encode("utf-16") + b"\x00\xd8\x41\x00"
    assert only_problem(sheet(damaged)) == (
        "ligne 3 : caractère illisible en UTF-16 (fichier abîmé ?)"
    )
