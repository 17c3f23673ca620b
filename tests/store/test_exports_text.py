"""Issue 12, exports a spreadsheet cannot misread: a text stays that text (XLSX string
cells, CSV ``="…"``), and btsdesk reads its own CSV back to the same text."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from btsdesk.app.exports import csv_text, results_csv, results_xlsx
from btsdesk.io.tabular import read_table
from btsdesk.store.session import Candidate, SessionStore

TRAPS = [
    Candidate("0123", "=1+1", "+33"),
    Candidate("0124", "-Durand", "@SOMME(A1)"),
    Candidate("0125", "21/2", 'Ab"c'),
]


@pytest.fixture
def store(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        store.add_candidates(TRAPS, source="essai")
        yield store


def test_xlsx_text_cells_are_text_never_formulas(store):
    sheet = load_workbook(io.BytesIO(results_xlsx(store))).active
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for candidate in TRAPS:
        number, _civility, surname, given_name = rows[candidate.number][:4]
        for cell, text in ((number, candidate.number), (surname, candidate.surname)):
            assert (cell.value, cell.data_type) == (text, "s")
        assert (given_name.value, given_name.data_type) == (candidate.given_name, "s")


def test_csv_keeps_numbers_fractions_and_formulas_as_text(store):
    text = results_csv(store).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number['="0123"'][2:4] == ['="=1+1"', '="+33"']
    assert by_number['="0124"'][2:4] == ['="-Durand"', '="@SOMME(A1)"']
    assert by_number['="0125"'][2:4] == ['="21/2"', 'Ab"c']
    assert by_number['="0001"'][2] == "Martin"  # ordinary text untouched


def test_btsdesk_reads_its_csv_back_to_the_same_text(store):
    table = read_table(results_csv(store), "resultats.csv")
    assert table.problems == []
    cells = {row.cells[0]: row.cells[2:4] for row in table.rows[1:]}
    for candidate in TRAPS:
        assert cells[candidate.number] == (candidate.surname, candidate.given_name)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("0123", '="0123"'),
        ("21/2", '="21/2"'),
        ("12:30", '="12:30"'),
        ("1E5", '="1E5"'),
        ('=HYPERLINK("x")', '="=HYPERLINK(""x"")"'),
        ("Martin", "Martin"),
        ("ABS", "ABS"),
        ("Jean-Paul", "Jean-Paul"),
        ("=" + "x" * 300, "'=" + "x" * 300),
    ],
)
def test_csv_text(text, written):
    assert csv_text(text) == written
