"""The grade sheet a secretary fills in (issue 12): CSV or XLSX, blank or filled with the
grades entered so far, that imports back unchanged.

Two note rows come first (the session, then the grades and codes allowed, R1/R2), then the
header: the candidate number and names, then one column per règlement line titled
« code - intitulé » — the way the grade-sheet reader recognises a line (each title is read
back through that reader before it is written, else the code alone is used). The reader
skips rows above the header, and the number, names and computed columns are read past: a
blank sheet imports nothing, a filled one changes nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from btsdesk.app.exports import csv_text
from btsdesk.core.grades import Code
from btsdesk.io.grade_sheet import line_of
from btsdesk.io.headers import line_keys
from btsdesk.store.session import SessionStore

NUMBER_TITLE = "N° candidat"
NAME_TITLES = ("Nom", "Prénom")
CODES_NOTE = (
    "Une note de 0 à 20, deux décimales au plus (12,5 ou 12,50), ou un code : "
    + " ; ".join(
        f"{code.value} = {meaning}"
        for code, meaning in (
            (Code.ABS, "absence injustifiée (le diplôme ne peut être délivré)"),
            (Code.ABJ, "absence justifiée (compte 0)"),
            (Code.DIS, "dispense (l'épreuve ne compte pas)"),
        )
    )
    + ". Une case vide ne change rien ; ne modifiez ni les numéros ni les titres des colonnes."
)


Table = tuple[list[str], list[str], list[list[Any]]]


def sheet_table(store: SessionStore, *, blank: bool) -> Table:
    """(note rows, header, rows): a row's grade cells are exact Decimals, codes as text,
    or None (no entry yet; every cell of a blank sheet)."""
    specialty = store.specialty
    details = store.details()
    keys = line_keys(specialty)
    titles = []
    for line in specialty.lines:
        titled = f"{line.code} - {line.title}" if line.title else line.code
        titles.append(titled if line_of(titled, keys, specialty) == line.code else line.code)
    notes = [
        f"Feuille de notes — BTS {specialty.label} — session {details.year}"
        + (f" — {details.centre}" if details.centre else ""),
        CODES_NOTE,
    ]
    grades = {} if blank else store.grades()
    rows = []
    for candidate in store.candidates():
        mine = grades.get(candidate.number, {})
        cells: list[Any] = [candidate.number, candidate.surname, candidate.given_name]
        for line in specialty.lines:
            entry = mine.get(line.code)
            if entry is None:
                cells.append(None)
            elif isinstance(entry, Code):
                cells.append(entry.value)
            else:
                cells.append(Decimal(entry).scaleb(-2))
        rows.append(cells)
    return notes, [NUMBER_TITLE, *NAME_TITLES, *titles], rows


def grade_sheet_csv(store: SessionStore, *, blank: bool = False) -> bytes:
    """For French Excel and LibreOffice: « ; », UTF-8 with BOM, decimal commas; the number
    and names as text the spreadsheet keeps (``csv_text``), grades as numbers."""
    notes, header, rows = sheet_table(store, blank=blank)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for note in notes:  # as wide as the header: every line shows the « ; » delimiter
        writer.writerow([csv_text(note)] + [""] * (len(header) - 1))
    writer.writerow([csv_text(title) for title in header])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return csv_text(str(value))


def grade_sheet_xlsx(store: SessionStore, *, blank: bool = False) -> bytes:
    """One sheet « Notes »: text cells as text (never a formula, leading zeros kept),
    grades as exact decimal cells, the grade columns wide enough for their titles."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    notes, header, rows = sheet_table(store, blank=blank)
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = "Notes"
    for note in notes:
        sheet.append([note])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    first_data = len(notes) + 2
    for cells in sheet.iter_rows(min_row=1):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes « =1+1 » a live formula otherwise
    centred = Alignment(horizontal="center")  # « ABJ » beside « 12,50 » stays readable
    for row_cells in sheet.iter_rows(min_row=first_data, min_col=len(NAME_TITLES) + 2):
        for cell in row_cells:
            cell.number_format = "0.00"
            cell.alignment = centred
    for column in range(1, len(NAME_TITLES) + 2):  # number and names typed as text
        for row_cells in sheet.iter_rows(min_row=first_data, min_col=column, max_col=column):
            row_cells[0].number_format = "@"
    sheet.cell(1, 1).font = Font(bold=True)
    header_row = len(notes) + 1
    for position, title in enumerate(header, start=1):
        cell = sheet.cell(header_row, position)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if position <= len(NAME_TITLES) + 1:  # number and names: as wide as the longest
            longest = max((len(str(row[position - 1] or "")) for row in rows), default=0)
            width = min(max(len(title), longest) + 2, 32)
        else:  # a grade column: its title on up to five lines
            width = 12
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.row_dimensions[header_row].height = 75
    sheet.freeze_panes = f"{get_column_letter(len(NAME_TITLES) + 2)}{first_data}"
    # Printed in landscape, as wide as the page, the header repeated on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{header_row}:{header_row}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
