"""An XLSX workbook read one row at a time (openpyxl's read-only mode): the chosen sheet,
never the active one silently; a formula without computed value is a problem."""

from __future__ import annotations

import io
import math
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from btsdesk.io.problems import Problem, Problems
from btsdesk.io.rows import Row, words_key

_CHUNK = 1 << 20  # bytes of a sheet's XML looked at a time


def xlsx_rows(data: bytes, filename: str, wanted: str | None, problems: Problems) -> Iterator[Row]:
    """The rows of the chosen sheet, read by openpyxl's read-only (streaming) parser."""
    import openpyxl  # only imports of .xlsx pay for loading it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        names = set()
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            problems.append(
                Problem(
                    None,
                    None,
                    f"« {filename} » est un classeur OpenDocument (.ods) : "
                    "enregistrez-le en .xlsx ou en CSV",
                )
            )
        else:
            problems.append(
                Problem(
                    None,
                    None,
                    f"« {filename} » n'est ni un fichier CSV ni un classeur Excel (.xlsx)",
                )
            )
        return
    try:
        # A user's workbook may trigger openpyxl warnings (styles, validation): not our
        # business here, and the test suite turns warnings into errors.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                chosen = _choose_sheet(book, filename, wanted, problems)
                if chosen is None:
                    return
                formulas = None
                if _has_formulas(data, getattr(chosen, "_worksheet_path", None)):
                    formulas = openpyxl.load_workbook(
                        io.BytesIO(data), read_only=True, data_only=False
                    )
                try:
                    yield from _sheet_rows(chosen, formulas, problems)
                finally:
                    if formulas is not None:
                        formulas.close()
            finally:
                book.close()
    except Exception as exc:  # any damage in a user's file must become a message, not a crash
        problems.append(
            Problem(None, None, f"« {filename} » : classeur Excel illisible ({type(exc).__name__})")
        )


def filled_sheets(data: bytes) -> list[str]:
    """The titles of a workbook's visible sheets that hold anything (empty: not a readable
    workbook), for the window to ask which one to import when there are several."""
    if not data.startswith(b"PK\x03\x04"):
        return []
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                return [sheet.title for sheet in _filled(book)]
            finally:
                book.close()
    except Exception:  # a damaged file: the import itself says what is wrong
        return []


def _filled(book: Any) -> list[Any]:
    """The visible sheets that hold anything (each read up to its first value only)."""
    return [
        sheet
        for sheet in book.worksheets
        if getattr(sheet, "sheet_state", "visible") == "visible"
        and any(
            any(cell_text(value) for value in values)
            for values in sheet.iter_rows(min_row=1, values_only=True)
        )
    ]


def _sheet_rows(sheet: Any, formulas: Any, problems: Problems) -> Iterator[Row]:
    """The non-empty rows of a sheet. With ``formulas`` (the same workbook read for its
    formulas, row for row), a formula that carries no computed value (a workbook written by
    a program, never opened in a spreadsheet) is a problem: read as empty, it would silently
    import nothing."""
    formula_rows = formulas[sheet.title].iter_rows(min_row=1) if formulas is not None else None
    for line, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        cells = tuple(cell_text(value) for value in values)
        if formula_rows is not None:
            for position, cell in enumerate(next(formula_rows, ())):
                if getattr(cell, "data_type", None) == "f" and not (
                    position < len(cells) and cells[position]
                ):
                    problems.append(
                        Problem(
                            line,
                            None,
                            f"formule « {cell.value} » sans valeur calculée ; ouvrez le "
                            "classeur dans Excel ou LibreOffice et enregistrez-le (ou collez "
                            "les valeurs à la place des formules)",
                            position,
                        )
                    )
        if any(cells):
            yield Row(line, cells)


def _choose_sheet(book: Any, filename: str, wanted: str | None, problems: Problems) -> Any:
    """The sheet named ``wanted`` (case and accents aside), else the only visible sheet
    that holds anything. Never the workbook's active sheet silently: a secretary's workbook
    often has a sheet per group, and the wrong one would import without a word."""
    titles = [sheet.title for sheet in book.worksheets]
    shown = ", ".join(f"« {title} »" for title in titles)
    if wanted is not None:
        found = next((s for s in book.worksheets if s.title == wanted), None) or next(
            (s for s in book.worksheets if words_key(s.title) == words_key(wanted)), None
        )
        if found is None:
            problems.append(
                Problem(
                    None,
                    None,
                    f"« {filename} » n'a pas de feuille « {wanted} » (feuilles : {shown})",
                )
            )
        return found
    filled = _filled(book)
    if len(filled) > 1:
        names = ", ".join(f"« {sheet.title} »" for sheet in filled)
        problems.append(
            Problem(
                None,
                None,
                f"« {filename} » a plusieurs feuilles remplies ({names}) : indiquez laquelle "
                "importer (en ligne de commande : --feuille NOM)",
            )
        )
        return None
    if not filled:
        problems.append(Problem(None, None, "fichier vide"))
        return None
    return filled[0]


_FORMULA_TAGS = (b"<f>", b"<f ", b":f>", b":f ")


def _has_formulas(data: bytes, part: str | None) -> bool:
    """Whether the sheet's XML part (every sheet's, when unknown) holds a formula element
    (``<f>``, maybe namespaced): a cheap look, a megabyte at a time, before reading the
    workbook a second time."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if part is not None and name != part.lstrip("/"):
                continue
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as stream:
                tail = b""
                while chunk := stream.read(_CHUNK):
                    piece = tail + chunk
                    if any(tag in piece for tag in _FORMULA_TAGS):
                        return True
                    tail = piece[-3:]
    return False


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a person would type: 12.5 → "12.5", 14 → "14",
    12.0 → "12", a date → "09/04/2005". A float goes through its shortest repr, so no binary
    noise ("12.499999…") leaks; more than two decimals are refused later by R1."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        text = format(Decimal(repr(value)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value).strip()
