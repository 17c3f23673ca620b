"""Issue 12: the grade sheet (blank or filled) and the results export import back; their
cells cannot be misread by a spreadsheet (a test per defect)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from btsdesk.app.exports import results_csv, results_xlsx, write_export
from btsdesk.app.grade_sheets import grade_sheet_csv, grade_sheet_xlsx
from btsdesk.app.imports import apply_preview, preview_file
from btsdesk.core.grades import Code
from btsdesk.core.records import Candidate
from btsdesk.io.tabular import read_table
from btsdesk.store.session import SessionStore
from tests.cli.support import Cli
from tests.store.conftest import digest, make_session

TRAPS = [
    Candidate("0123", "=1+1", "+33"),
    Candidate("0124", "-Durand", "@SOMME(A1)"),
    Candidate("0125", "21/2", "12:30"),
]


@pytest.fixture
def store(tmp_path):
    with make_session(tmp_path / "jury.btsdesk") as store:
        store.add_candidates(TRAPS, source="essai")
        store.set_grade("0001", "E1", 850)
        store.set_grade("0001", "E21", Code.ABJ)
        store.set_grade("0002", "E3", 1999)
        store.set_grade("0123", "E1", Code.DIS)
        store.set_grade("0123", "EF1", 1405)
        yield store


def _write(store, name, **options):
    target = store.path.with_name(name)
    write_export(store, target, **options)
    return target


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_header_is_the_reglement_codes_and_titles(store):
    rows = _rows(grade_sheet_csv(store))
    note, codes, header = rows[0], rows[1], rows[2]
    assert note[0].startswith("Feuille de notes — BTS MCO")
    assert "ABS = absence injustifiée" in codes[0]
    assert "ABJ = absence justifiée (compte 0)" in codes[0]
    assert "DIS = dispense" in codes[0]
    assert header[:4] == ["N° candidat", "Nom", "Prénom", "E1 - Culture générale et expression"]
    assert len(header) == 3 + len(store.specialty.lines)
    assert all(len(row) == len(header) for row in rows)  # the « ; » on every line


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_filled_sheet_imports_back_unchanged(store, suffix):
    target = _write(store, f"notes.{suffix}", sheet="remplie")
    preview = preview_file(store, target)
    assert (preview.problems, preview.changes) == ([], [])
    assert preview.unchanged == 5


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_filled_sheet_imported_back_in_deliberation_asks_no_reason(store, suffix):
    """R21 asks a reason for a grade changed in délibération: a sheet that changes none
    (filled, imported back as it is) is not refused for want of one, and logs nothing."""
    target = _write(store, f"notes.{suffix}", sheet="remplie")
    store.set_phase("deliberation")
    entries = len(store.audit_log())
    preview = preview_file(store, target)
    assert apply_preview(store, preview, source=target.name) == "0 note importée"
    assert len(store.audit_log()) == entries


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_filled_sheet_gives_the_same_grades_to_a_session_without(store, tmp_path, suffix):
    target = _write(store, f"notes.{suffix}", sheet="remplie")
    with make_session(tmp_path / "vide.btsdesk") as empty:
        empty.add_candidates(TRAPS, source="essai")
        preview = preview_file(empty, target)
        assert preview.problems == []
        apply_preview(empty, preview, source=target.name)
        assert empty.grades() == store.grades()


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_blank_sheet_imports_nothing(store, suffix):
    target = _write(store, f"vierge.{suffix}", sheet="vierge")
    preview = preview_file(store, target)
    assert (preview.problems, preview.changes, preview.unchanged) == ([], [], 0)


def test_a_blank_sheet_filled_in_imports_its_grades(store):
    rows = _rows(grade_sheet_csv(store, blank=True))
    header = rows[2]
    for row in rows[3:]:
        row[header.index("E3 - Culture économique, juridique et managériale")] = "12,5"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    target = store.path.with_name("remplie.csv")
    target.write_text(out.getvalue(), encoding="utf-8")
    preview = preview_file(store, target)
    assert preview.problems == []
    assert {(c.number, c.line_code, c.entry) for c in preview.changes} == {
        (number, "E3", 1250) for number in ("0001", "0002", "0123", "0124", "0125")
    }


@pytest.mark.parametrize("maker", [results_csv, results_xlsx])
def test_the_results_export_imports_back_as_a_grade_sheet(store, maker):
    # Its computed columns (moyenne, décision…) are read past, and the import says so.
    suffix = "csv" if maker is results_csv else "xlsx"
    target = store.path.with_name(f"resultats.{suffix}")
    target.write_bytes(maker(store))
    preview = preview_file(store, target)
    assert (preview.problems, preview.changes, preview.unchanged) == ([], [], 5)
    ignored = next(w for w in preview.warnings if w.startswith("colonnes calculées"))
    assert "Moyenne, Moyenne exacte, Décision" in ignored


def test_a_grade_changed_in_the_results_export_is_read_exactly(store):
    rows = _rows(results_csv(store))
    header = rows[0]
    martin = next(row for row in rows if row[0] == '="0001"')
    martin[header.index("E1")] = "9,99"
    martin[header.index("Moyenne")] = "20,00"  # computed: never imported
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    target = store.path.with_name("resultats.csv")
    target.write_text(out.getvalue(), encoding="utf-8-sig")
    preview = preview_file(store, target)
    assert [(c.number, c.line_code, c.entry) for c in preview.changes] == [("0001", "E1", 999)]


# -- cells a spreadsheet cannot misread (a test per defect) --------------------------------


@pytest.mark.parametrize(
    ("number", "surname", "given_name"),
    [
        ('="0123"', '="=1+1"', '="+33"'),  # a formula, a leading zero, a phone number
        ('="0124"', '="-Durand"', '="@SOMME(A1)"'),  # « - » and « @ » start formulas too
        ('="0125"', '="21/2"', '="12:30"'),  # a date and a time
    ],
)
def test_the_grade_sheet_csv_keeps_text_as_text(store, number, surname, given_name):
    rows = {row[0]: row for row in _rows(grade_sheet_csv(store))[3:]}
    assert rows[number][1:3] == [surname, given_name]


def test_the_grade_sheet_csv_grades_are_french_decimals(store):
    rows = {row[0]: row for row in _rows(grade_sheet_csv(store))[3:]}
    header = _rows(grade_sheet_csv(store))[2]
    assert rows['="0001"'][3] == "8,50"
    assert rows['="0001"'][4] == "ABJ"
    ef1 = header.index("EF1 - Communication en langue vivante étrangère 2")
    assert rows['="0123"'][ef1] == "14,05"


def test_the_grade_sheet_xlsx_text_cells_are_text_never_formulas(store):
    sheet = load_workbook(io.BytesIO(grade_sheet_xlsx(store))).active
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=4)}
    for candidate in TRAPS:
        cells = rows[candidate.number][:3]
        assert [(c.value, c.data_type) for c in cells] == [
            (candidate.number, "s"),
            (candidate.surname, "s"),
            (candidate.given_name, "s"),
        ]
    assert rows["0001"][3].value == 8.5
    assert rows["0001"][3].number_format == "0.00"


def test_btsdesk_reads_its_grade_sheet_back_to_the_same_text(store):
    table = read_table(grade_sheet_csv(store), "notes.csv")
    cells = {row.cells[0]: row.cells[1:3] for row in table.rows[3:]}
    for candidate in TRAPS:
        assert cells[candidate.number] == (candidate.surname, candidate.given_name)


# -- the command line ---------------------------------------------------------------------


@pytest.fixture
def cli(store, capsys):
    store.close()
    return Cli(store.path, capsys)


def test_export_feuille_notes_and_vierge(cli, tmp_path):
    assert cli.ok("export", str(tmp_path / "notes.xlsx"), "--feuille-notes") == (
        f"Feuille de notes XLSX écrite : {tmp_path / 'notes.xlsx'}"
    )
    assert cli.ok("export", str(tmp_path / "vierge.csv"), "--vierge") == (
        f"Feuille de notes vierge CSV écrite : {tmp_path / 'vierge.csv'}"
    )
    line = cli.ok("import", str(tmp_path / "vierge.csv"))
    assert line == "vierge.csv : 0 note importée"
    line = cli.ok("import", str(tmp_path / "notes.xlsx"))
    assert line == "notes.xlsx : 0 note importée"


def test_a_grade_sheet_in_json_is_refused(cli, tmp_path):
    line = cli.refused("export", str(tmp_path / "notes.json"), "--vierge")
    assert line == ("btsdesk : une feuille de notes s'exporte en CSV ou en XLSX, pas en « json »")
    assert not (tmp_path / "notes.json").exists()


def test_feuille_notes_and_vierge_together_is_a_usage_error(cli, tmp_path):
    line = cli.refused("export", str(tmp_path / "n.csv"), "--vierge", "--feuille-notes")
    assert "incompatible avec l'argument" in line


def test_a_grade_sheet_onto_a_read_only_folder_is_refused(cli, tmp_path, read_only_medium):
    (tmp_path / "lecture-seule").mkdir()
    read_only_medium("lecture-seule")
    line = cli.refused("export", str(tmp_path / "lecture-seule" / "n.csv"), "--vierge")
    assert "le support est en lecture seule" in line
    assert list((tmp_path / "lecture-seule").iterdir()) == []


def test_the_session_is_untouched_by_an_export(cli, tmp_path):
    before = digest(cli.session)
    cli.ok("export", str(tmp_path / "notes.csv"), "--feuille-notes")
    assert digest(cli.session) == before
    with SessionStore.open(cli.session, read_only=True) as store:
        assert store.grades()["0001"]["E1"] == 850


def test_import_of_the_results_export_says_what_it_read_past(cli, tmp_path):
    cli.ok("export", str(tmp_path / "resultats.xlsx"))
    line = cli.ok("import", str(tmp_path / "resultats.xlsx"))
    assert line == (
        "resultats.xlsx : 0 note importée ; colonnes calculées par btsdesk ignorées : "
        "Domaine général, Domaine professionnel, Moyenne, Moyenne exacte, Décision, "
        "Moyenne finale, Décision finale, Motif"
    )
