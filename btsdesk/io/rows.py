"""A row of an imported table and the words for finding its columns, shared by the CSV and
XLSX readers and the import readers above them."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import NamedTuple

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


class Row(NamedTuple):
    """One row of a file (a named tuple: a million of them are made for a long sheet)."""

    line: int  # 1-based, as in the file
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


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
    return "".join(_plain(text).split())


def words_key(text: str) -> str:
    """Like :func:`header_key` but keeping single spaces between words (for labels)."""
    return " ".join(_plain(text).split())


def _plain(text: str) -> str:
    if text.isascii():  # most cells: nothing to decompose (read once per row of a long list)
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
