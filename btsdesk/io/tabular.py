"""A CSV or XLSX file, as bytes, turned into rows of text with their line numbers.

Both import readers (Cyclades candidate lists, grade sheets) start here, so that every file
reaches them the same way: cells are stripped text, never floats (R1, R4), and each row keeps
the line number the user sees in a text editor or a spreadsheet."""

from __future__ import annotations

import codecs
import csv
import io
import math
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

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


def read_table(data: bytes, filename: str) -> Table:
    """CSV (UTF-8 with or without BOM, UTF-16, or cp1252; ``;``, tab or ``,``) or XLSX (first
    visible sheet). Rows whose cells are all empty are left out."""
    if not data.strip():
        return _refused("fichier vide")
    if data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(data, filename)
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


def _refused(message: str) -> Table:
    return Table(problems=[Problem(None, None, message)])


# -- CSV -------------------------------------------------------------------------------------


def _read_csv(data: bytes, filename: str) -> Table:
    text = _decode(data)
    not_a_table = (
        f"« {filename} » n'est ni un fichier CSV ni un classeur Excel (.xlsx) "
        "(contenu binaire illisible)"
    )
    if text is None or any(_is_control(c) for c in text):
        return _refused(not_a_table)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    table = Table()
    line = 1
    try:
        for cells in reader:
            row = Row(line, tuple(cell.strip() for cell in cells))
            line = reader.line_num + 1  # a quoted cell may span several lines
            if any(row.cells):
                table.rows.append(row)
    except csv.Error as exc:
        return Table(problems=[Problem(line, None, f"CSV illisible ({exc})")])
    return table


def _decode(data: bytes) -> str | None:
    """UTF-8 first (strict, so a cp1252 "é" cannot pass for it), then the encoding of
    Excel's "Texte Unicode" (UTF-16 with a BOM), then cp1252 (French Windows Excel)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


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


def _read_xlsx(data: bytes, filename: str) -> Table:
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
    table = Table()
    try:
        # A user's workbook may trigger openpyxl warnings (styles, validation): not our
        # business here, and the test suite turns warnings into errors.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = book.active or book.worksheets[0]
                for line, values in enumerate(
                    sheet.iter_rows(min_row=1, values_only=True), start=1
                ):
                    cells = tuple(_cell_text(value) for value in values)
                    if any(cells):
                        table.rows.append(Row(line, cells))
            finally:
                book.close()
    except Exception as exc:  # any damage in a user's file must become a message, not a crash
        return _refused(f"« {filename} » : classeur Excel illisible ({type(exc).__name__})")
    return table


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
