"""A CSV or XLSX file, as bytes, turned into rows of text with their line numbers.

Both import readers (Cyclades candidate lists, grade sheets) start here, so that every file
reaches them the same way: cells are stripped text, never floats (R1, R4), and each row keeps
the line number the user sees in a text editor or a spreadsheet."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import math
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, NamedTuple

from btsdesk.io.problems import Problem, Problems

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


class Row(NamedTuple):
    """One row of a file (a named tuple: a million of them are made for a long sheet)."""

    line: int  # 1-based, as in the file
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass
class Table:
    """The non-empty rows of a file, or the problems that stopped reading it."""

    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=Problems)


@dataclass
class Stream:
    """The non-empty rows of a file, read one at a time (a file of a million lines is never
    held whole). ``problems`` fills in while ``rows`` is read: a file that cannot be read to
    its end stops there with its problem, and the reader must refuse it whatever it made of
    the rows before (all or nothing)."""

    rows: Generator[Row, None, None]
    problems: Problems = field(default_factory=Problems)


def read_table(data: bytes, filename: str, *, sheet: str | None = None) -> Table:
    """CSV (UTF-8 with or without BOM, UTF-16, or cp1252; ``;``, tab or ``,``) or XLSX (the
    only visible sheet that holds anything, or the one named ``sheet``: a workbook with
    several is refused until one is named). Rows whose cells are all empty are left out.
    Every row in memory: for the short files (candidate and class lists)."""
    stream = stream_table(data, filename, sheet=sheet)
    rows = list(stream.rows)
    if stream.problems:
        return Table(problems=stream.problems)
    return Table(rows=rows)


def stream_table(data: bytes, filename: str, *, sheet: str | None = None) -> Stream:
    """The same as :func:`read_table`, one row at a time (grade sheets may be long)."""
    problems = Problems()
    if not data.strip():
        problems.append(Problem(None, None, "fichier vide"))
        return Stream(_not_empty(iter(()), problems), problems)
    if data.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(data, filename, sheet, problems)
    elif data.startswith(b"%PDF"):
        problems.append(
            Problem(
                None,
                None,
                f"« {filename} » est un document PDF, pas un tableau : exportez la "
                "liste en CSV ou en classeur Excel (.xlsx)",
            )
        )
        return Stream(_not_empty(iter(()), problems), problems)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        problems.append(
            Problem(
                None,
                None,
                f"« {filename} » est au format Excel 97-2003 (.xls), non pris en "
                "charge : enregistrez-le en .xlsx ou en CSV",
            )
        )
        return Stream(_not_empty(iter(()), problems), problems)
    elif sheet is not None:
        problems.append(
            Problem(
                None,
                None,
                f"« {filename} » n'est pas un classeur : il n'a pas de feuille « {sheet} » "
                "à choisir",
            )
        )
        return Stream(_not_empty(iter(()), problems), problems)
    else:
        rows = _csv_rows(data, filename, problems)
    return Stream(_not_empty(rows, problems), problems)


def _not_empty(rows: Iterator[Row], problems: Problems) -> Generator[Row, None, None]:
    """The rows, then « fichier vide » when there were none and nothing else was wrong.
    A reading problem that knows its column's place gets the title of that column in the
    header (the first row with a candidate-number column, as every reader finds it)."""
    header: Row | None = None
    count = 0
    for row in rows:
        if header is None and count < SNIFF_LINES and is_number_header(row):
            header = row
        count += 1
        yield row
    if not count and not problems:
        problems.append(Problem(None, None, "fichier vide"))
    name_columns(problems, header)


def is_number_header(row: Row) -> bool:
    """Whether a row has a candidate-number column title (« N° candidat », « Numéro »…)."""
    return any(header_key(cell) in NUMBER_KEYS for cell in row.cells)


def name_columns(problems: list[Problem], header: Row | None) -> None:
    """Give the reading problems that know their column's place (a quote left open, an
    unreadable byte) that column's title in ``header``, once the reader has found it."""
    if header is None:
        return
    for index, problem in enumerate(problems):
        if (
            problem.column is None
            and problem.position is not None
            and (problem.line or 0) > header.line
        ):
            title = header.cell(problem.position)
            if title:
                problems[index] = replace(problem, column=title)


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
            first = next(i for i in range(width, len(row.cells)) if row.cells[i])
            problems.append(
                Problem(
                    row.line,
                    None,
                    f"{len(row.cells)} champs alors que l'en-tête (ligne {header.line}) a "
                    f"{width} colonnes : un séparateur ou un guillemet de trop sur cette "
                    f"ligne ? (valeur « {_short(row.cells[first])} » au-delà de la dernière "
                    "colonne)",
                    position=first,
                )
            )
    return problems


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


# -- CSV -------------------------------------------------------------------------------------

# Text files hold no control characters but line breaks, tabs and form feeds; anything else
# (NUL…) means a binary file that cp1252 happened to decode.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CHUNK = 1 << 20  # bytes looked at a time in the checks of a whole file


def _table(classes: dict[bytes, bytes]) -> bytes:
    """A ``bytes.translate`` table giving each byte of a class (the keys) its one-letter
    name, every other byte ".": the file's bytes are then searched as letters, in C."""
    table = bytearray(b"." * 256)
    for members, letter in classes.items():
        for byte in members:
            table[byte] = letter[0]
    return bytes(table)


_C0 = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])  # \t \n \f \r allowed
# Text files hold no control characters but line breaks, tabs and form feeds; anything else
# (NUL…) means a binary file, or a damaged one. C1 controls (U+0080–U+009F) only exist in
# UTF-8 (\xc2 then 0x80–0x9F); cp1252 prints those bytes (€ ’ …).
_CONTROLS = {
    "utf-8-sig": (
        _table({_C0: b"X", b"\xc2": b"L", bytes(range(0x80, 0xA0)): b"c"}),
        (b"X", b"Lc"),
    ),
    "cp1252": (_table({_C0: b"X"}), (b"X",)),
}
# A lead byte then a continuation byte: the start of a multi-byte UTF-8 character (a file
# without one has no UTF-8 line). And the bytes cp1252 leaves undefined.
_UTF8_START = (_table({bytes(range(0xC2, 0xF5)): b"L", bytes(range(0x80, 0xC0)): b"C"}), (b"LC",))
_CP1252_HOLES = (_table({b"\x81\x8d\x8f\x90\x9d": b"H"}), (b"H",))


def _find(data: bytes, classes: tuple[bytes, tuple[bytes, ...]]) -> int:
    """The offset of the first match of one of ``classes``' letter patterns in ``data``
    (-1: none), a megabyte at a time: fast, and never a copy of the whole file."""
    table, patterns = classes
    for start in range(0, len(data), _CHUNK):
        piece = data[start : start + _CHUNK + 1].translate(table)  # a byte more: pairs
        hits = [found for pattern in patterns if (found := piece.find(pattern)) >= 0]
        if hits:
            return start + min(hits)
    return -1


def _csv_rows(data: bytes, filename: str, problems: Problems) -> Iterator[Row]:
    """The rows of a CSV file, decoded and parsed as they are read: no decoded copy of the
    whole file is ever made (a 50 MB sheet stays 50 MB in memory)."""
    not_a_table = (
        f"« {filename} » n'est ni un fichier CSV ni un classeur Excel (.xlsx) "
        "(contenu binaire illisible)"
    )
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(Problem(None, None, not_a_table))
        return
    encoding = _encoding(data, problems)
    if encoding is None:
        name_columns(problems, _head_header(data))
        return
    delimiter = _delimiter(_head(data, encoding))
    if encoding != "utf-16" and (control := _find(data, _CONTROLS[encoding])) >= 0:
        if data[control] == 0xC2:
            control += 1  # the C1 control itself, after its lead byte
        start = data.rfind(b"\n", 0, control) + 1
        number = data.count(b"\n", 0, start) + 1
        problems.append(
            Problem(
                number,
                None,
                f"caractère de contrôle 0x{data[control]:02X}, invisible, "
                f"qu'un fichier texte ne contient pas : retirez-le (ou « {filename} » "
                "n'est pas un tableau CSV)",
                position=_field_at(data[start : control + 1], control - start, delimiter),
            )
        )
        name_columns(problems, _head_header(data))
        return
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    # UTF-16 only is looked at line by line for control characters (the bytes were, else).
    lines = _Lines(text) if encoding == "utf-16" else None
    # strict: a stray quote inside a cell ("12"5) is an error, not silently dropped.
    reader = csv.reader(lines or text, delimiter=delimiter, strict=True)
    line = 1
    try:
        for cells in reader:
            if lines is not None and lines.binary:
                break
            end = reader.line_num
            if end > line:
                # A quote opened on one line and closed lines later, swallowing whole rows
                # into one cell: never a real cell (a quoted address has no delimiter).
                swallowed = next(
                    (
                        position
                        for position, cell in enumerate(cells)
                        if delimiter in cell and ("\n" in cell or "\r" in cell)
                    ),
                    None,
                )
                if swallowed is not None:
                    problems.append(Problem(line, None, _open_quote(end), position=swallowed))
                    return
            stripped = tuple(map(str.strip, cells))
            if '="' in "".join(stripped):  # rare: looked at cell by cell only then
                stripped = tuple(map(_unwrap, stripped))
            row = Row(line, stripped)
            line = end + 1  # a quoted cell may span several lines
            if any(row.cells):
                yield row
    except csv.Error as exc:
        if lines is not None and lines.binary:
            pass
        elif "unexpected end of data" in str(exc):
            position = _open_field(_line_at(data, encoding, line), delimiter)
            problems.append(Problem(line, None, _open_quote(None), position=position))
            return
        else:
            problems.append(Problem(reader.line_num or line, None, f"CSV illisible ({exc})"))
            return
    except UnicodeDecodeError:  # only UTF-16 is decoded unchecked: checking would copy it
        problems.append(
            Problem(reader.line_num + 1, None, "caractère illisible en UTF-16 (fichier abîmé ?)")
        )
        return
    if lines is not None and lines.binary:
        problems.append(Problem(None, None, not_a_table))


def _head_header(data: bytes) -> Row | None:
    """The header among the first lines of a file refused for its encoding (read leniently,
    in either encoding), so that the refusal names its column by title."""
    for encoding in ("utf-8-sig", "cp1252"):
        text = _head(data, encoding)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        try:
            for _, cells in zip(range(SNIFF_LINES), reader, strict=False):
                row = Row(reader.line_num, tuple(cell.strip() for cell in cells))
                if is_number_header(row):
                    return row
        except csv.Error:
            continue
    return None


class _Lines:
    """The lines of a UTF-16 text for the csv reader, stopping at a control character (a
    binary file is no table)."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self.text = text
        self.binary = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.text)
        if _CONTROL.search(line):
            self.binary = True
            raise StopIteration
        return line


def _line_at(data: bytes, encoding: str, number: int) -> str:
    """Line ``number`` of the file (to say in which column a quote was left open)."""
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    return next(itertools.islice(text, number - 1, None), "")


def _open_field(line: str, delimiter: str) -> int | None:
    """The 0-based place of the field whose quote is never closed on ``line``."""
    field_index, quoted, start = 0, False, True
    opened: int | None = None
    position = 0
    while position < len(line):
        char = line[position]
        if quoted:
            if char == '"':
                if line[position + 1 : position + 2] == '"':
                    position += 1  # "" inside quotes
                else:
                    quoted = False
        elif char == delimiter:
            field_index += 1
            start = True
            position += 1
            continue
        elif char == '"' and start:
            quoted, opened = True, field_index
        start = False
        position += 1
    return opened if quoted else None


_TEXT_FORMULA = re.compile(r'="((?:[^"]|"")*)"')


def _unwrap(cell: str) -> str:
    """``="0123"``, the way a CSV keeps a text from a spreadsheet's conversions (btsdesk's
    own exports write it), is the text ``0123``."""
    if not cell.startswith("="):
        return cell
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


def _encoding(data: bytes, problems: Problems) -> str | None:
    """UTF-8 first (strict, so a cp1252 "é" cannot pass for it), then the encoding of
    Excel's "Texte Unicode" (UTF-16 with a BOM), then cp1252 (French Windows Excel).
    A byte neither can read, or a file mixing UTF-8 and cp1252 lines (a line pasted from
    elsewhere: it would become « LABBÃ‰ »), is refused naming the line and the column.
    Checked a piece at a time: never a decoded copy of the whole file."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _is_utf8(data):
        return "utf-8-sig"
    delimiter = _delimiter(_head(data, "latin-1"))
    if _find(data, _UTF8_START) < 0:
        # No line can be UTF-8 (a UTF-8 line with accents holds such a sequence): the
        # whole file is cp1252, unless it holds a byte cp1252 leaves undefined.
        hole = _find(data, _CP1252_HOLES)
        if hole < 0:
            return "cp1252"
        start = data.rfind(b"\n", 0, hole) + 1
        end = data.find(b"\n", hole)
        raw = data[start : len(data) if end < 0 else end]
        problems.append(_undecodable(data.count(b"\n", 0, start) + 1, raw, hole - start, delimiter))
        return None
    utf8_lines: list[int] = []
    cp1252_lines: list[int] = []
    first_utf8: bytes = b""
    first_cp1252: bytes = b""
    for number, raw in enumerate(io.BytesIO(data), start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            utf8_lines.append(number)
            first_utf8 = first_utf8 or raw
            continue
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            problems.append(_undecodable(number, raw, exc.start, delimiter))
            return None
        cp1252_lines.append(number)
        first_cp1252 = first_cp1252 or raw
    if utf8_lines and cp1252_lines:
        if len(utf8_lines) <= len(cp1252_lines):
            odd, raw, odd_name = utf8_lines, first_utf8, "UTF-8"
            rest, rest_name = cp1252_lines, "Windows-1252"
        else:
            odd, raw, odd_name = cp1252_lines, first_cp1252, "Windows-1252"
            rest, rest_name = utf8_lines, "UTF-8"
        accent = next(i for i, byte in enumerate(raw) if byte >= 0x80)
        problems.append(
            Problem(
                odd[0],
                None,
                f"encodages mélangés : cette ligne est en {odd_name} alors que le reste du "
                f"fichier est en {rest_name} (par exemple la ligne {rest[0]}) ; les accents "
                "seraient altérés — enregistrez le fichier dans un seul encodage (« CSV UTF-8 »)",
                position=_field_at(raw, accent, delimiter),
            )
        )
        return None
    return "cp1252"


def _undecodable(line: int, raw: bytes, offset: int, delimiter: str) -> Problem:
    return Problem(
        line,
        None,
        f"octet 0x{raw[offset]:02X} illisible : le fichier n'est ni en UTF-8 "
        "ni en Windows-1252 ; enregistrez-le en « CSV UTF-8 »",
        position=_field_at(raw, offset, delimiter),
    )


def _is_utf8(data: bytes) -> bool:
    """Whether the whole file is UTF-8, checked a megabyte at a time, each piece cut after a
    line break (never inside a character: a UTF-8 sequence holds no byte 0x0A)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + _CHUNK)
        end = len(data) if end < 0 else end + 1
        try:
            data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            return False
        start = end
    return True


def _field_at(raw: bytes, offset: int, delimiter: str) -> int:
    """The 0-based field of a line's byte ``offset`` (quotes understood)."""
    before = raw[:offset].decode("latin-1")  # the delimiters are ASCII: any 8-bit reading works
    fields = next(csv.reader([before], delimiter=delimiter), [""])
    return max(len(fields) - 1, 0)


def _head(data: bytes, encoding: str) -> str:
    """The first 64 KB of the file as text: enough to find the delimiter."""
    return data[: 1 << 16].decode(encoding, errors="replace")


def _delimiter(text: str) -> str:
    """The delimiter found on the most lines among the first ones: a Cyclades preamble is
    ";;;;", and a "," inside French decimals rarely appears on every line."""
    lines = [line for line in text.splitlines() if line.strip()][:SNIFF_LINES]
    counts = {d: sum(d in line for line in lines) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first on a tie


# -- XLSX ------------------------------------------------------------------------------------


def _xlsx_rows(data: bytes, filename: str, wanted: str | None, problems: Problems) -> Iterator[Row]:
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
            any(_cell_text(value) for value in values)
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
        cells = tuple(_cell_text(value) for value in values)
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
