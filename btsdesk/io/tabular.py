"""A CSV or XLSX file, as bytes, turned into rows of text with their line numbers.

Both import readers (Cyclades candidate lists, grade sheets) start here, so that every file
reaches them the same way: cells are stripped text, never floats (R1, R4), and each row keeps
the line number the user sees in a text editor or a spreadsheet."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field

from btsdesk.io.csv_text import csv_rows
from btsdesk.io.problems import Problem, Problems
from btsdesk.io.rows import (
    NUMBER_KEYS,
    SNIFF_LINES,
    Row,
    header_key,
    is_number_header,
    name_columns,
    words_key,
)
from btsdesk.io.workbook import cell_text, filled_sheets, xlsx_rows

# Re-exported: the import readers and the window find them here.
__all__ = [
    "NUMBER_KEYS",
    "Row",
    "Stream",
    "Table",
    "cell_text",
    "extra_fields",
    "filled_sheets",
    "header_key",
    "is_number_header",
    "name_columns",
    "read_table",
    "stream_table",
    "words_key",
]


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
        rows = xlsx_rows(data, filename, sheet, problems)
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
        rows = csv_rows(data, filename, problems)
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
