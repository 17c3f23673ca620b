"""A CSV or XLSX file, as bytes, turned into rows of text with their line numbers.

Both import readers (Cyclades candidate lists, grade sheets) start here, so that every file
reaches them the same way: cells are stripped text, never floats (R1, R4), and each row keeps
the line number the user sees in a text editor or a spreadsheet."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from btsdesk.io.problems import Problem

DELIMITERS = (";", "\t", ",")  # in order of preference on a tie: French Excel writes ";"
SNIFF_LINES = 50

# Titles of the candidate-number column, as header_key gives them ("N° Candidat", "Numéro"…).
NUMBER_KEYS = frozenset(
    {
        "n°candidat",
        "n°",
        "no",
        "nocandidat",
        "n°decandidat",
        "numero",
        "numerocandidat",
        "numerodecandidat",
        "numcandidat",
        "number",
        "candidatenumber",
    }
)


@dataclass(frozen=True)
class Row:
    line: int  # 1-based, as in the file
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass
class Table:
    """The non-empty rows of a file, or the problems that stopped reading it."""

    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_table(data: bytes, filename: str, *, sheet: str | None = None) -> Table:
    """CSV (UTF-8 with or without BOM, UTF-16, or cp1252; ``;``, tab or ``,``) or XLSX (the
    only visible sheet that holds anything, or the one named ``sheet``: a workbook with
    several is refused until one is named). Rows whose cells are all empty are left out."""
    if not data.strip():
        return _refused("fichier vide")
    if data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(data, filename, sheet)
    elif data.startswith(b"%PDF"):
        return _refused(
            f"« {filename} » est un document PDF, pas un tableau : exportez la "
            "liste en CSV ou en classeur Excel (.xlsx)"
        )
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        return _refused(
            f"« {filename} » est au format Excel 97-2003 (.xls), non pris en "
            "charge : enregistrez-le en .xlsx ou en CSV"
        )
    elif sheet is not None:
        return _refused(
            f"« {filename} » n'est pas un classeur : il n'a pas de feuille « {sheet} » à choisir"
        )
    else:
        table = _read_csv(data, filename)
    if not table.problems and not table.rows:
        return _refused("fichier vide")
    return table


def header_key(text: str) -> str:
    """A column title (or label) compared without case, accents, spaces or curly quotes:
    "N° Candidat", "n°candidat" and "N°  CANDIDAT" are the same column."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(plain.casefold().split())


def words_key(text: str) -> str:
    """Like :func:`header_key` but keeping single spaces between words (for labels)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def extra_fields(header: Row, rows: list[Row]) -> list[Problem]:
    """Rows with a value beyond the header's last column: a ";" too many in the row, or a
    stray quote that shifted its cells. Never read past silently: each is a problem."""
    width = len(header.cells)
    problems = []
    for row in rows:
        if any(row.cells[width:]):
            problems.append(
                Problem(
                    row.line,
                    None,
                    f"{len(row.cells)} champs alors que l'en-tête (ligne {header.line}) a "
                    f"{width} colonnes : un séparateur ou un guillemet de trop sur cette ligne ?",
                )
            )
    return problems


def _refused(message: str) -> Table:
    return Table(problems=[Problem(None, None, message)])


# -- CSV -------------------------------------------------------------------------------------


def _read_csv(data: bytes, filename: str) -> Table:
    not_a_table = (
        f"« {filename} » n'est ni un fichier CSV ni un classeur Excel (.xlsx) "
        "(contenu binaire illisible)"
    )
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _refused(not_a_table)
    text, problem = _decode(data)
    if problem is not None:
        return Table(problems=[problem])
    if any(_is_control(c) for c in text):
        return _refused(not_a_table)
    delimiter = _delimiter(text)
    # strict: a stray quote inside a cell ("12"5) is an error, not silently dropped.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    table = Table()
    line = 1
    try:
        for cells in reader:
            row = Row(line, tuple(_unwrap(cell.strip()) for cell in cells))
            end = reader.line_num
            if end > line and any(
                delimiter in cell and ("\n" in cell or "\r" in cell) for cell in cells
            ):
                # A quote opened on one line and closed lines later, swallowing whole rows
                # into one cell: never a real cell (a quoted address has no delimiter).
                return Table(problems=[Problem(line, None, _open_quote(end))])
            line = end + 1  # a quoted cell may span several lines
            if any(row.cells):
                table.rows.append(row)
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return Table(problems=[Problem(line, None, _open_quote(None))])
        return Table(problems=[Problem(reader.line_num or line, None, f"CSV illisible ({exc})")])
    return table


_TEXT_FORMULA = re.compile(r'="((?:[^"]|"")*)"')


def _unwrap(cell: str) -> str:
    """``="0123"``, the way a CSV keeps a text from a spreadsheet's conversions (btsdesk's
    own exports write it), is the text ``0123``."""
    match = _TEXT_FORMULA.fullmatch(cell)
    return cell if match is None else match.group(1).replace('""', '"')


def _open_quote(closed_on: int | None) -> str:
    where = (
        "jamais fermé : le reste du fichier serait lu comme une seule cellule"
        if closed_on is None
        else f"fermé seulement à la ligne {closed_on} : les lignes entre les deux seraient "
        "lues comme une seule cellule"
    )
    return f"guillemet (\") ouvert {where} ; fermez-le ou retirez-le, rien n'est importé"


def _decode(data: bytes) -> tuple[str, Problem | None]:
    """UTF-8 first (strict, so a cp1252 "é" cannot pass for it), then the encoding of
    Excel's "Texte Unicode" (UTF-16 with a BOM), then cp1252 (French Windows Excel).
    A byte neither can read, or a file mixing UTF-8 and cp1252 lines (a line pasted from
    elsewhere: it would become « LABBÃ‰ »), is refused naming the line."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].decode("utf-16", errors="replace").count("\n") + 1
            return "", Problem(line, None, "caractère illisible en UTF-16 (fichier abîmé ?)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", Problem(
            line,
            None,
            f"octet 0x{data[exc.start]:02X} illisible : le fichier n'est ni en UTF-8 ni en "
            "Windows-1252 ; enregistrez-le en « CSV UTF-8 »",
        )
    utf8_lines: list[int] = []
    cp1252_lines: list[int] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            cp1252_lines.append(number)
        else:
            utf8_lines.append(number)
    if utf8_lines and cp1252_lines:
        if len(utf8_lines) <= len(cp1252_lines):
            odd, odd_name, rest, rest_name = utf8_lines, "UTF-8", cp1252_lines, "Windows-1252"
        else:
            odd, odd_name, rest, rest_name = cp1252_lines, "Windows-1252", utf8_lines, "UTF-8"
        return "", Problem(
            odd[0],
            None,
            f"encodages mélangés : cette ligne est en {odd_name} alors que le reste du "
            f"fichier est en {rest_name} (par exemple la ligne {rest[0]}) ; les accents "
            "seraient altérés — enregistrez le fichier dans un seul encodage (« CSV UTF-8 »)",
        )
    return text, None


def _is_control(char: str) -> bool:
    # Text files hold no control characters but line breaks and tabs; anything else (NUL…)
    # means a binary file that cp1252 happened to decode.
    return unicodedata.category(char) == "Cc" and char not in "\t\r\n\x0c"


def _delimiter(text: str) -> str:
    """The delimiter found on the most lines among the first ones: a Cyclades preamble is
    ";;;;", and a "," inside French decimals rarely appears on every line."""
    lines = [line for line in text.splitlines() if line.strip()][:SNIFF_LINES]
    counts = {d: sum(d in line for line in lines) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first on a tie


# -- XLSX ------------------------------------------------------------------------------------


def _read_xlsx(data: bytes, filename: str, wanted: str | None) -> Table:
    import openpyxl  # only imports of .xlsx pay for loading it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        names = set()
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            return _refused(
                f"« {filename} » est un classeur OpenDocument (.ods) : "
                "enregistrez-le en .xlsx ou en CSV"
            )
        return _refused(f"« {filename} » n'est ni un fichier CSV ni un classeur Excel (.xlsx)")
    try:
        # A user's workbook may trigger openpyxl warnings (styles, validation): not our
        # business here, and the test suite turns warnings into errors.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                chosen = _choose_sheet(book, filename, wanted)
                if isinstance(chosen, Table):
                    return chosen
                title, table = chosen
            finally:
                book.close()
            table.problems.extend(_formulas_without_value(data, title, table))
    except Exception as exc:  # any damage in a user's file must become a message, not a crash
        return _refused(f"« {filename} » : classeur Excel illisible ({type(exc).__name__})")
    return table


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
                return [
                    sheet.title
                    for sheet in book.worksheets
                    if getattr(sheet, "sheet_state", "visible") == "visible" and _sheet_rows(sheet)
                ]
            finally:
                book.close()
    except Exception:  # a damaged file: the import itself says what is wrong
        return []


def _sheet_rows(sheet: Any) -> list[Row]:
    rows = []
    for line, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        cells = tuple(_cell_text(value) for value in values)
        if any(cells):
            rows.append(Row(line, cells))
    return rows


def _choose_sheet(book: Any, filename: str, wanted: str | None) -> tuple[str, Table] | Table:
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
            return _refused(f"« {filename} » n'a pas de feuille « {wanted} » (feuilles : {shown})")
        return found.title, Table(rows=_sheet_rows(found))
    filled = []
    for sheet in book.worksheets:
        if getattr(sheet, "sheet_state", "visible") != "visible":
            continue
        rows = _sheet_rows(sheet)
        if rows:
            filled.append((sheet.title, Table(rows=rows)))
    if len(filled) > 1:
        names = ", ".join(f"« {title} »" for title, _table in filled)
        return _refused(
            f"« {filename} » a plusieurs feuilles remplies ({names}) : indiquez laquelle "
            "importer (en ligne de commande : --feuille NOM)"
        )
    if not filled:
        return _refused("fichier vide")
    return filled[0]


def _formulas_without_value(data: bytes, title: str, table: Table) -> list[Problem]:
    """Formulas of the sheet that carry no computed value (a workbook written by a program,
    never opened in a spreadsheet): read as empty, they would silently import nothing."""
    if not _has_formulas(data):
        return []
    import openpyxl

    values = {row.line: row for row in table.rows}
    problems = []
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        for line, cells in enumerate(book[title].iter_rows(min_row=1), start=1):
            for position, cell in enumerate(cells):
                if getattr(cell, "data_type", None) != "f":
                    continue
                row = values.get(line)
                if row is not None and row.cell(position):
                    continue
                coordinate = getattr(cell, "coordinate", f"ligne {line}")
                problems.append(
                    Problem(
                        line,
                        None,
                        f"cellule {coordinate} : formule « {cell.value} » sans valeur "
                        "calculée ; ouvrez le classeur dans Excel ou LibreOffice et "
                        "enregistrez-le (ou collez les valeurs à la place des formules)",
                    )
                )
    finally:
        book.close()
    return problems


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet holds a formula element (``<f>``, maybe namespaced): a cheap
    look before reading the workbook a second time."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                part = archive.read(name)
                if any(tag in part for tag in (b"<f>", b"<f ", b":f>", b":f ")):
                    return True
    return False


def _cell_text(value: object) -> str:
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
